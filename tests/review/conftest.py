"""A running sandbox (real HTTP) and products whose product_url points into it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from affiliate.db.tables import products
from affiliate.sandbox import SandboxConfig, start_sandbox


@pytest.fixture(scope="module")
def sandbox():
    handle = start_sandbox(SandboxConfig(port=0))
    yield handle
    handle.stop()


def add_products(engine: sa.Engine, urls: dict[str, str | None]) -> dict[str, int]:
    """One product per network id with the given product_url; returns their ids."""
    with engine.begin() as conn:
        return {
            network_id: conn.scalar(
                sa.insert(products)
                .values(
                    name=network_id, network="clickbank", network_id=network_id, product_url=url
                )
                .returning(products.c.id)
            )  # fmt: skip
            for network_id, url in urls.items()
        }


def stored_reviews(engine: sa.Engine) -> list[dict]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("select * from app.sales_page_reviews order by product_id, reviewed_on")
        )
        return [dict(r) for r in rows.mappings()]
