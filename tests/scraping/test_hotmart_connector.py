"""HotmartConnector against the sandbox marketplace: real Chromium, real session, real ledger."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from affiliate.config import Settings
from affiliate.db.tables import integration_sessions, selector_repairs
from affiliate.offers.connectors import ConnectorContext, ConnectorError, get_connector
from affiliate.offers.connectors.base import NotConnected
from affiliate.offers.connectors.hotmart import HotmartConnector
from affiliate.offers.scraping.sandbox_login import login_storage_state
from affiliate.sandbox import SandboxConfig, start_sandbox
from affiliate.sandbox.hotmart_market import market_catalog
from tests.scraping.conftest import MARKET, connect, with_markup

TODAY = dt.date(2026, 3, 1)
BROKEN_IN_V2 = {
    "logged-in marker", "product card", "product name", "price", "commission", "temperature",
    "category", "product link", "sales page link", "next page",
}  # fmt: skip


def scrape(settings: Settings, engine: sa.Engine, user_id: int | None = None) -> list:
    context = ConnectorContext(settings=settings, engine=engine, user_id=user_id)
    return list(get_connector("hotmart", context).fetch_offers(TODAY))


def repairs(engine: sa.Engine) -> list[sa.Row]:
    with engine.connect() as conn:
        return conn.execute(sa.select(selector_repairs).order_by(selector_repairs.c.id)).all()


def assert_matches_catalog(offers: list) -> None:
    catalog = market_catalog(MARKET.seed, MARKET.market_products)
    assert [o.network_id for o in offers] == [str(p.id) for p in catalog]  # listing order
    for offer, product in zip(offers, catalog, strict=True):
        assert (offer.network, offer.name, offer.category) == (
            "hotmart",
            product.name,
            product.category,
        )
        assert (offer.price, offer.currency) == (product.price, product.currency)
        assert offer.commission_rate == product.commission_pct
        assert offer.commission_amount == (product.price * product.commission_pct / 100).quantize(
            Decimal("0.01")
        )
        assert offer.popularity == Decimal(product.temperature)
        assert offer.product_url.endswith(product.sales_url) and offer.product_url.startswith(
            "http"
        )
        assert offer.raw["price"] and offer.raw["product name"] == product.name


def test_v1_scrape_then_v2_heals_offline_and_the_next_run_reuses_the_repairs(
    settings: Settings, clean_db: sa.Engine, user_id: int, logged_in: dict
) -> None:
    connect(clean_db, settings, user_id, logged_in)
    v1 = scrape(settings, clean_db)  # no user given: the only user with a Hotmart session
    assert len(v1) == MARKET.market_products
    assert_matches_catalog(v1)
    assert repairs(clean_db) == []  # the defaults are v1's: nothing to repair
    with clean_db.connect() as conn:
        assert conn.scalar(sa.select(integration_sessions.c.last_used_at)) is not None

    connect(clean_db, settings, user_id, with_markup(logged_in, "v2"))  # the site redeploys
    v2 = scrape(settings, clean_db, user_id)
    assert_matches_catalog(v2)
    rows = repairs(clean_db)
    assert {r.intent for r in rows} == BROKEN_IN_V2
    assert {(r.outcome, r.oracle, r.platform) for r in rows} == {("repaired", "offline", "hotmart")}
    by_intent = {r.intent: r for r in rows}
    assert by_intent["price"].old_selector == "span.price"
    assert by_intent["price"].new_selector == "p.amt"
    evidence = by_intent["price"].context
    assert evidence["screenshot"].startswith(str(settings.affiliate_home))
    assert Path(evidence["screenshot"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert 'class="amt"' in evidence["dom_excerpt"] and "<script" not in evidence["dom_excerpt"]
    assert evidence["candidates"][0] == {
        "selector": "span.price", "valid": False, "detail": "0/24 cards read as money"
    }  # fmt: skip
    assert evidence["candidates"][-1]["selector"] == "p.amt" and evidence["candidates"][-1]["valid"]

    again = scrape(settings, clean_db, user_id)  # starts from the learned selectors
    assert_matches_catalog(again)
    assert len(repairs(clean_db)) == len(rows)


def test_an_expired_session_asks_for_a_reconnect(
    settings: Settings, clean_db: sa.Engine, user_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its own marketplace: logging everyone out must not log the other tests out.
    with start_sandbox(SandboxConfig(port=0, market_products=24)) as market:
        monkeypatch.setenv("HOTMART_BASE_URL", f"{market.url}/hotmart")
        settings = Settings()  # the same key and home, the new marketplace
        connect(clean_db, settings, user_id, login_storage_state(market.url, market.config))
        connector = HotmartConnector.from_context(ConnectorContext(settings, clean_db, user_id))
        httpx.post(f"{market.url}/hotmart/sandbox/expire-sessions").raise_for_status()

        with pytest.raises(ConnectorError, match="expired: run `affiliate connect hotmart`"):
            list(connector.fetch_offers(TODAY))
    with clean_db.connect() as conn:
        row = conn.execute(
            sa.select(integration_sessions.c.status, integration_sessions.c.meta)
        ).one()
    assert row.status == "needs_reconnect" and row.meta["reason"] == "session expired"
    with pytest.raises(ConnectorError, match="needs reconnect: run `affiliate connect hotmart`"):
        HotmartConnector.from_context(ConnectorContext(settings, clean_db, user_id))


def test_without_a_session_nothing_is_connected(settings: Settings, clean_db: sa.Engine) -> None:
    with pytest.raises(NotConnected, match="No Hotmart account connected: run `affiliate connect"):
        HotmartConnector.from_context(ConnectorContext(settings, clean_db))


def test_a_consumer_may_stop_early_and_the_browser_is_closed(
    settings: Settings, clean_db: sa.Engine, user_id: int, logged_in: dict
) -> None:
    connect(clean_db, settings, user_id, logged_in)
    offers = HotmartConnector.from_context(ConnectorContext(settings, clean_db)).fetch_offers(TODAY)
    first_page = [next(offers) for _ in range(30)]  # page 1 and part of page 2
    offers.close()  # cancels the pages still loading, closes Chromium, returns promptly
    assert [o.network_id for o in first_page] == [
        str(p.id) for p in market_catalog(MARKET.seed, 30)
    ]
