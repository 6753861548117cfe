"""GET /api/products: the ranking, with each score's parts and trend flags."""

from __future__ import annotations

import math
from typing import Literal

import sqlalchemy as sa
from fastapi import Query, Request

from affiliate.server.deps import router_requiring_auth

router = router_requiring_auth("/api/products", tags=["products"])

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


@router.get("")
def list_products(
    request: Request,
    page: int = Query(1, ge=1),
    limit: int = Query(20, ge=1, le=200),
    sortBy: Literal[tuple(SORTABLE)] = "aiScore",  # noqa: N803 — the seed's parameter names
    order: Literal["asc", "desc"] = "desc",
    network: str | None = None,
) -> dict:
    order_sql = f"{SORTABLE[sortBy]} {order}"
    with request.app.state.engine.connect() as conn:
        total = conn.scalar(
            sa.text(
                "select count(*) from app.products"
                " where (cast(:network as text) is null or network = :network)"
            ),
            {"network": network},
        )
        rows = conn.execute(
            sa.text(LISTING.format(order=order_sql)),
            {
                "network": network,
                "limit": limit,
                "offset": (page - 1) * limit,
            },
        ).all()
    return {
        "products": [_product(r) for r in rows],
        "totalPages": max(1, math.ceil(total / limit)),
        "currentPage": page,
    }


def _product(r: sa.Row) -> dict:
    money = lambda v: None if v is None else str(v)  # noqa: E731 — exact, never a float
    return {
        "id": r.id,
        "name": r.name,
        "network": r.network,
        "networkId": r.network_id,
        "category": r.category,
        "price": money(r.price),
        "currency": r.currency,
        "commissionRate": money(r.commission_rate),
        "commissionAmount": money(r.commission_amount),
        "productUrl": r.product_url,
        "aiScore": money(r.ai_score),
        "score": None
        if r.score_date is None
        else {
            "date": r.score_date.isoformat(),
            "formulaVersion": r.formula_version,
            "v1": money(r.v1_score),
            "momentumMultiplier": r.momentum_multiplier,
            "reviewMultiplier": r.review_multiplier,
            "slope7d": r.slope_7d,
            "slope28d": r.slope_28d,
            "accelerating": r.accelerating,
            "explanation": r.explanation,
        },
    }
