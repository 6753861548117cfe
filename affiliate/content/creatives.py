"""Write creatives for the best-scored products and record each generation in the ledger."""

from __future__ import annotations

import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from affiliate.content.model import ProductBrief
from affiliate.content.template_writer import TemplateWriter
from affiliate.db.tables import ai_generation_history, creatives, products

CHANNEL = "sandbox"


@dataclass(frozen=True)
class WrittenCreative:
    creative_id: int
    product_id: int
    provider: str
    template_id: str
    headline: str
    new: bool


def top_products(conn: sa.Connection, top_n: int) -> list[sa.Row]:
    return conn.execute(
        sa.select(products)
        .where(products.c.ai_score.is_not(None))
        .order_by(products.c.ai_score.desc(), products.c.network_id)
        .limit(top_n)
    ).all()


def write_creatives(
    engine: sa.Engine, top_n: int, variants: int = 1, writer: TemplateWriter | None = None
) -> list[WrittenCreative]:
    """`variants` creatives per top product; an existing (product, template) is kept as is."""
    writer = writer or TemplateWriter()
    written = []
    with engine.begin() as conn:
        for product in top_products(conn, top_n):
            brief = ProductBrief.from_offer(product)
            for variant in range(variants):
                written.append(_write_one(conn, writer, product.id, brief, variant))
    return written


def _write_one(conn, writer, product_id: int, brief: ProductBrief, variant: int):
    started = time.perf_counter()
    ad = writer.write_ad(brief, variant)
    latency_ms = round((time.perf_counter() - started) * 1000)
    new_id = conn.scalar(
        insert(creatives)
        .values(
            product_id=product_id,
            channel=CHANNEL,
            provider=ad.provider,
            model=ad.model,
            template_id=ad.template_id,
            template_version=str(ad.template_version),
            headline=ad.headline,
            body=ad.body,
            call_to_action=ad.call_to_action,
        )
        .on_conflict_do_nothing(constraint="creatives_product_template_key")
        .returning(creatives.c.id)
    )
    if new_id is None:
        row = conn.execute(
            sa.select(creatives.c.id, creatives.c.headline).where(
                creatives.c.product_id == product_id,
                creatives.c.channel == CHANNEL,
                creatives.c.template_id == ad.template_id,
            )
        ).one()
        return WrittenCreative(row.id, product_id, ad.provider, ad.template_id, row.headline, False)
    # The offline writer costs nothing, but it is logged like any writer so the ledger is whole.
    conn.execute(
        sa.insert(ai_generation_history).values(
            product_id=product_id,
            creative_id=new_id,
            task="ad_copy",
            provider=ad.provider,
            model=ad.model,
            prompt_template=ad.template_id,
            template_version=str(ad.template_version),
            cost=0,
            latency_ms=latency_ms,
        )
    )
    return WrittenCreative(new_id, product_id, ad.provider, ad.template_id, ad.headline, True)
