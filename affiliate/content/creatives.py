"""Write creatives in every format of the prompt library for the best-scored products.

Each (product, format) is generated once through :func:`generate` (the configured LLM, or the
offline template writer) and stored: a Meta ad as one launchable creative per variation, every
other format as one creative whose ``content`` is the whole validated output. A re-run finds
the stored copy and neither writes nor bills it again.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from affiliate.config import Settings, get_settings
from affiliate.content.format_copy import FORMATS, summary
from affiliate.content.generation import GenerationResult, generate
from affiliate.content.ledger import GenerationRun
from affiliate.content.model import ProductBrief
from affiliate.content.writers.base import BudgetExceeded
from affiliate.db.tables import ai_generation_history, creatives, products

CHANNEL = "sandbox"
# Two Meta variations per product: each runs as its own ad, so the platform's numbers say
# which copy works, without spending a small demo budget across five.
META_VARIATIONS = 2


@dataclass(frozen=True)
class WrittenCreative:
    creative_id: int
    product_id: int
    format: str
    provider: str
    template_id: str
    headline: str
    new: bool


@dataclass
class WriteReport:
    creatives: list[WrittenCreative]
    stopped: str | None = None  # why writing stopped early (the run's budget), if it did

    @property
    def new(self) -> int:
        return sum(c.new for c in self.creatives)


def top_products(conn: sa.Connection, top_n: int) -> list[sa.Row]:
    return conn.execute(
        sa.select(products)
        .where(products.c.ai_score.is_not(None))
        .order_by(products.c.ai_score.desc(), products.c.network_id)
        .limit(top_n)
    ).all()


def write_creatives(
    engine: sa.Engine,
    top_n: int,
    *,
    settings: Settings | None = None,
    formats: tuple[str, ...] = FORMATS,
    meta_variations: int = META_VARIATIONS,
) -> WriteReport:
    """Every format for each of the ``top_n`` products, in one budgeted generation run."""
    settings = settings or get_settings()
    run = GenerationRun(engine, budget=settings.llm_run_budget)
    with engine.connect() as conn:
        top = top_products(conn, top_n)
    report = WriteReport([])
    for product in top:
        brief = ProductBrief.from_offer(product)
        for fmt in formats:
            stored = _stored(engine, product.id, fmt)
            if stored:
                report.creatives.extend(stored)
                continue
            try:
                result = generate(
                    engine, brief, fmt, settings=settings, run=run, product_id=product.id,
                    variations=meta_variations,
                )  # fmt: skip
            except BudgetExceeded as exc:
                report.stopped = str(exc)
                return report
            report.creatives.extend(_store(engine, product.id, fmt, result))
    return report


def _stored(engine: sa.Engine, product_id: int, fmt: str) -> list[WrittenCreative]:
    """This product's creatives of this format already written (by any writer)."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(creatives)
            .where(
                creatives.c.product_id == product_id,
                creatives.c.channel == CHANNEL,
                creatives.c.format == fmt,
                # Rows from before formats existed hold no content: they do not count.
                creatives.c.content.is_not(None),
            )
            .order_by(creatives.c.variation, creatives.c.id)
        ).all()
    return [
        WrittenCreative(r.id, product_id, fmt, r.provider, r.template_id, r.headline, False)
        for r in rows
    ]


def _store(
    engine: sa.Engine, product_id: int, fmt: str, result: GenerationResult
) -> list[WrittenCreative]:
    pieces = result.output.variations if fmt == "meta_ad" else [result.output]
    written = []
    with engine.begin() as conn:
        for variation, piece in enumerate(pieces):
            shown = summary(fmt, piece)
            values = dict(
                product_id=product_id,
                channel=CHANNEL,
                format=fmt,
                variation=variation,
                provider=result.provider,
                model=result.model,
                template_id=result.prompt_template,
                template_version=result.template_version,
                headline=shown.headline,
                body=shown.body,
                call_to_action=shown.call_to_action,
                content=piece.model_dump(mode="json"),
            )
            new_id = conn.scalar(
                insert(creatives)
                .values(**values)
                .on_conflict_do_nothing(constraint="creatives_product_format_key")
                .returning(creatives.c.id)
            )
            if new_id is None:  # a concurrent run stored it first
                continue
            written.append(
                WrittenCreative(
                    new_id, product_id, fmt, result.provider, result.prompt_template,
                    shown.headline, True,
                )
            )  # fmt: skip
        if written:
            # The ledger was written before the creative existed; one generation wrote all
            # of a Meta ad's variations, so its calls point to the first of them.
            conn.execute(
                sa.update(ai_generation_history)
                .where(ai_generation_history.c.id.in_([e.id for e in result.ledger]))
                .values(creative_id=written[0].creative_id)
            )
    return written
