"""Local Connect end to end: a real browser logs in (password + TOTP), the session goes up
through the API, is stored encrypted, scrapes every product headlessly, then expires into
needs_reconnect."""

from datetime import UTC, datetime

import httpx
import pytest
import sqlalchemy as sa

from affiliate.connect.client import ConnectClient
from affiliate.connect.flow import run_connect
from affiliate.offers.connectors import ConnectorContext, ConnectorError, get_connector
from affiliate.offers.scraping.sandbox_login import fill_login
from tests.auth.conftest import PASSWORD
from tests.connect.market import MARKET


def test_connect_scrape_expire(world, clean_db):
    sandbox, api, settings = world
    httpx.post(
        f"{api.url}/api/auth/register", json={"email": "ana@example.com", "password": PASSWORD}
    ).raise_for_status()
    client = ConnectClient(api.url)
    client.login("ana@example.com", PASSWORD)

    said = []
    result = run_connect(
        client,
        "hotmart",
        settings,
        headless=True,
        login=lambda page: fill_login(page, MARKET),
        say=said.append,
    )
    assert result["success"] and result["cookieCount"] >= 2 and result["expiresAt"]
    assert f"{sandbox.url}/hotmart/login" in said[0]

    with clean_db.connect() as conn:
        row = conn.execute(sa.text("select * from app.integration_sessions")).one()
    status = client.status("hotmart")
    assert status["connected"] and status["cookieCount"] == result["cookieCount"]
    # Stored encrypted: no cookie value appears in the row's bytes.
    assert row.status == "active" and row.encrypted_session.startswith("v1.")
    assert row.fingerprint["timezone"] and row.fingerprint["userAgent"]

    context = ConnectorContext(settings, clean_db, user_id=row.user_id)
    offers = list(get_connector("hotmart", context).fetch_offers(datetime.now(UTC).date()))
    assert len(offers) == MARKET.market_products
    assert len({o.network_id for o in offers}) == MARKET.market_products

    httpx.post(f"{sandbox.url}/hotmart/sandbox/expire-sessions").raise_for_status()
    with pytest.raises(ConnectorError, match="affiliate connect hotmart"):
        list(get_connector("hotmart", context).fetch_offers(datetime.now(UTC).date()))
    after = client.status("hotmart")
    assert after["status"] == "needs_reconnect" and after["needsReconnect"] is True


def test_cookie_values_are_not_in_the_stored_row(world, clean_db):
    sandbox, api, settings = world
    httpx.post(
        f"{api.url}/api/auth/register", json={"email": "bo@example.com", "password": PASSWORD}
    ).raise_for_status()
    client = ConnectClient(api.url)
    client.login("bo@example.com", PASSWORD)
    captured = {}

    def login_and_remember(page):
        fill_login(page, MARKET)
        captured["cookies"] = page.context.cookies()

    run_connect(
        client, "hotmart", settings, headless=True, login=login_and_remember, say=lambda _: None
    )
    with clean_db.connect() as conn:
        sealed = conn.scalar(sa.text("select encrypted_session from app.integration_sessions"))
    values = [c["value"] for c in captured["cookies"] if len(c["value"]) >= 6]
    assert values and not any(v in sealed for v in values)
