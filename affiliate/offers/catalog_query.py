"""Products with their newest score and its parts: one query for the API and the CLI."""

from __future__ import annotations

import sqlalchemy as sa

SORTABLE = {
    "aiScore": "p.ai_score",
    "name": "p.name",
    "price": "p.price",
    "commissionRate": "p.commission_rate",
    "createdAt": "p.created_at",
    "updatedAt": "p.updated_at",
}

# The newest score of each product, whatever its formula version, with its parts.
LISTING = """
    select p.id, p.name, p.network, p.network_id, p.category, p.price, p.currency,
           p.commission_rate, p.commission_amount, p.product_url, p.ai_score, p.updated_at,
           s.score_date, s.formula_version, s.v1_score, s.momentum_multiplier,
           s.review_multiplier, s.slope_7d, s.slope_28d, s.accelerating, s.explanation
    from app.products p
    left join lateral (
        select * from app.offer_scores s where s.product_id = p.id
        order by s.score_date desc, s.created_at desc limit 1
    ) s on true
    where (cast(:network as text) is null or p.network = :network)
    order by {order} nulls last, p.id
    limit :limit offset :offset
"""


def count_products(conn: sa.Connection, network: str | None = None) -> int:
    return conn.scalar(
        sa.text(
            "select count(*) from app.products"
            " where (cast(:network as text) is null or network = :network)"
        ),
        {"network": network},
    )


def list_products(
    conn: sa.Connection,
    *,
    network: str | None = None,
    sort_by: str = "aiScore",
    order: str = "desc",
    limit: int = 20,
    offset: int = 0,
) -> list[dict]:
    """Products as JSON-ready dicts; money as exact strings, never floats."""
    if sort_by not in SORTABLE or order not in ("asc", "desc"):
        raise ValueError(f"cannot sort by {sort_by!r} {order!r}")
    sql = LISTING.format(order=f"{SORTABLE[sort_by]} {order}")
    rows = conn.execute(sa.text(sql), {"network": network, "limit": limit, "offset": offset})
    return [_product(r) for r in rows]


def _money(value) -> str | None:
    return None if value is None else str(value)


def _product(r: sa.Row) -> dict:
    return {
        "id": r.id,
        "name": r.name,
        "network": r.network,
        "networkId": r.network_id,
        "category": r.category,
        "price": _money(r.price),
        "currency": r.currency,
        "commissionRate": _money(r.commission_rate),
        "commissionAmount": _money(r.commission_amount),
        "productUrl": r.product_url,
        "aiScore": _money(r.ai_score),
        "score": None
        if r.score_date is None
        else {
            "date": r.score_date.isoformat(),
            "formulaVersion": r.formula_version,
            "v1": _money(r.v1_score),
            "momentumMultiplier": r.momentum_multiplier,
            "reviewMultiplier": r.review_multiplier,
            "slope7d": r.slope_7d,
            "slope28d": r.slope_28d,
            "accelerating": r.accelerating,
            "explanation": r.explanation,
        },
    }
