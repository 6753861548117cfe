"""GET /api/products: the ranking, with each score's parts and trend flags."""

from __future__ import annotations

import math
from typing import Literal

from fastapi import Query, Request

from affiliate.offers.catalog_query import SORTABLE, count_products, list_products
from affiliate.server.deps import router_requiring_auth

router = router_requiring_auth("/api/products", tags=["products"])


@router.get("")
def products(
    request: Request,
    page: int = Query(1, ge=1),
    limit: int = Query(20, ge=1, le=200),
    sortBy: Literal[tuple(SORTABLE)] = "aiScore",  # noqa: N803 — the seed's parameter names
    order: Literal["asc", "desc"] = "desc",
    network: str | None = None,
) -> dict:
    with request.app.state.engine.connect() as conn:
        total = count_products(conn, network)
        rows = list_products(
            conn,
            network=network,
            sort_by=sortBy,
            order=order,
            limit=limit,
            offset=(page - 1) * limit,
        )
    return {"products": rows, "totalPages": max(1, math.ceil(total / limit)), "currentPage": page}
