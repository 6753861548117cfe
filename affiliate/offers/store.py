"""Write a day's offers: upsert `products`, one `offer_snapshots` row per product and day."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from affiliate.db.tables import offer_snapshots, products
from affiliate.offers.model import Offer

BATCH = 1000


@dataclass(frozen=True)
class SnapshotStats:
    products: int
    snapshots: int


def save_offers(engine: sa.Engine, offers: Iterable[Offer], day: date) -> SnapshotStats:
    """Idempotent per (network, product, day): re-running a day replaces that day's snapshot."""
    total = 0
    for batch in _batches(offers, BATCH):
        batch = _unique(batch)
        with engine.begin() as conn:
            ids = _upsert_products(conn, batch)
            _upsert_snapshots(conn, batch, ids, day)
        total += len(batch)
    return SnapshotStats(products=total, snapshots=total)


def _upsert_products(conn: sa.Connection, batch: list[Offer]) -> dict[tuple[str, str], int]:
    stmt = insert(products).values(
        [
            {
                "name": o.name[:255],
                "description": o.description,
                "category": o.category,
                "price": o.price,
                "currency": o.currency,
                "commission_rate": o.commission_rate,
                "commission_amount": o.commission_amount,
                "commission_type": o.commission_type,
                "network": o.network,
                "network_id": o.network_id,
                "product_url": o.product_url,
                "metadata": {
                    **o.raw,
                    "activated_on": o.activated_on and o.activated_on.isoformat(),
                },
            }
            for o in batch
        ]
    )
    updatable = (
        "name",
        "description",
        "category",
        "price",
        "currency",
        "commission_rate",
        "commission_amount",
        "commission_type",
        "product_url",
        "metadata",
    )
    stmt = stmt.on_conflict_do_update(
        constraint="products_network_network_id_key",
        set_={c: stmt.excluded[c] for c in updatable} | {"updated_at": sa.func.now()},
    ).returning(products.c.id, products.c.network, products.c.network_id)
    return {(r.network, r.network_id): r.id for r in conn.execute(stmt)}


def _upsert_snapshots(conn, batch: list[Offer], ids: dict, day: date) -> None:
    stmt = insert(offer_snapshots).values(
        [
            {
                "network": o.network,
                "network_id": o.network_id,
                "product_id": ids[(o.network, o.network_id)],
                "snapshot_date": day,
                "price": o.price,
                "currency": o.currency,
                "commission_rate": o.commission_rate,
                "commission_amount": o.commission_amount,
                "popularity": o.popularity,
                "popularity_rank": o.popularity_rank,
                "raw": o.raw,
            }
            for o in batch
        ]
    )
    measures = (
        "product_id",
        "price",
        "currency",
        "commission_rate",
        "commission_amount",
        "popularity",
        "popularity_rank",
        "raw",
    )
    conn.execute(
        stmt.on_conflict_do_update(
            constraint="offer_snapshots_network_product_day_key",
            set_={c: stmt.excluded[c] for c in measures} | {"fetched_at": sa.func.now()},
        )
    )


def _unique(batch: list[Offer]) -> list[Offer]:
    """The last offer per product: Postgres refuses an upsert touching one row twice.

    Applied once per batch, so both upserts and the counts see the same rows.
    """
    return list({(o.network, o.network_id): o for o in batch}.values())


def _batches(items: Iterable[Offer], size: int) -> Iterator[list[Offer]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch
