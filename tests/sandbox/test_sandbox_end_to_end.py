"""End to end over real sockets: ads → tracker redirect → landing page → Hotmart webhooks."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request, Response
from fastapi.responses import RedirectResponse

from affiliate.sandbox import SandboxConfig, SandboxHandle, ServerThread, catalog, start_sandbox

TODAY = dt.date(2026, 3, 1)
HOTTOK = "sandbox-e2e-hottok"
API = "/adplatform/v1"


class StandInTracker:
    """Just enough of our tracker: `/r/{code}` redirects with a fresh click id; webhooks land."""

    def __init__(self, sandbox_url: str, products: dict[str, str]) -> None:
        self.clicks: list[str] = []
        self.webhooks: list[tuple[dict[str, str], bytes]] = []
        self.fail_webhooks = False
        self.app = FastAPI()

        @self.app.get("/r/{code}")
        def redirect(code: str) -> RedirectResponse:
            click_id = f"clk{len(self.clicks):05d}"
            self.clicks.append(click_id)
            target = f"{sandbox_url}/network/go/{products[code]}?sck={click_id}"
            return RedirectResponse(target, status_code=302)

        @self.app.post("/api/webhooks/hotmart")
        async def webhook(request: Request) -> Response:
            if self.fail_webhooks:
                return Response(status_code=503)
            self.webhooks.append((dict(request.headers), await request.body()))
            return Response(status_code=200)


@pytest.fixture
def world() -> Iterator[tuple[SandboxHandle, StandInTracker, str]]:
    with start_sandbox(SandboxConfig(port=0, today=TODAY)) as sandbox:
        codes = {f"code{i}": p.id for i, p in enumerate(catalog(7, 300)[:3])}
        tracker = StandInTracker(sandbox.url, codes)
        with ServerThread(tracker.app, port=0).start() as tracker_server:
            yield sandbox, tracker, tracker_server.url


def launch_ads(api: httpx.Client, tracker_url: str, n_ads: int, budget: str) -> list[str]:
    campaign = api.post(f"{API}/campaigns", json={"name": "E2E"}).json()
    adset = api.post(
        f"{API}/adsets",
        json={"campaign_id": campaign["id"], "name": "S", "daily_budget": budget},
    ).json()
    ad_ids = []
    for i in range(n_ads):
        ad = {"adset_id": adset["id"], "name": f"A{i}", "headline": "H", "body": "B",
              "link_url": f"{tracker_url}/r/code{i}"}  # fmt: skip
        ad_ids.append(api.post(f"{API}/ads", json=ad).json()["id"])
    return ad_ids


def insight_clicks(api: httpx.Client, ad_ids: list[str], day: dt.date) -> int:
    params = {"since": day.isoformat(), "until": day.isoformat()}
    rows = [api.get(f"{API}/ads/{ad}/insights", params=params).json()["data"] for ad in ad_ids]
    return sum(row["clicks"] for ad_rows in rows for row in ad_rows)


def affiliate_value(envelope: dict[str, Any]) -> Decimal:
    (affiliate,) = [c for c in envelope["data"]["commissions"] if c["source"] == "AFFILIATE"]
    return Decimal(str(affiliate["value"]))


def test_traffic_sales_and_webhooks_flow_through_real_http(world) -> None:
    sandbox, tracker, tracker_url = world
    api = httpx.Client(base_url=sandbox.url, headers={"Authorization": "Bearer e2e"}, timeout=30)
    ad_ids = launch_ads(api, tracker_url, n_ads=3, budget="150.00")
    sandbox.clock.set_today(TODAY + dt.timedelta(days=1))
    expected = insight_clicks(api, ad_ids, TODAY)

    delivered = api.post(f"{API}/sandbox/deliver", json={"date": TODAY.isoformat()}).json()
    assert delivered["clicks_sent"] == expected > 0
    assert delivered["redirected"] == delivered["landed"] == expected
    assert (delivered["ads"], delivered["errors"]) == (3, 0)
    assert len(tracker.clicks) == expected
    again = api.post(f"{API}/sandbox/deliver", json={"date": TODAY.isoformat()}).json()
    assert (again["clicks_sent"], again["skipped"]) == (0, 3)

    sales = api.get("/network/sandbox/sales").json()
    assert sales["visits"] == expected
    assert len(sales["data"]) >= 5
    body = {"webhook_url": f"{tracker_url}/api/webhooks/hotmart", "hottok": HOTTOK}
    result = api.post("/network/sandbox/postback", json=body).json()
    assert result["approved"] == len(sales["data"]) and result["failed"] == 0
    assert result["redelivered"] == 1 and result["refunded"] >= 1

    assert all(headers["x-hotmart-hottok"] == HOTTOK for headers, _ in tracker.webhooks)
    assert all(h["content-type"] == "application/json" for h, _ in tracker.webhooks)
    envelopes = [json.loads(raw) for _, raw in tracker.webhooks]
    assert len(envelopes) == result["approved"] + result["refunded"] + result["redelivered"]
    for envelope in envelopes:
        assert envelope["version"] == "2.0.0"
        assert isinstance(envelope["data"]["product"]["id"], int)
        assert envelope["data"]["purchase"]["tracking"]["source_sck"] in tracker.clicks
        parts = [Decimal(str(c["value"])) for c in envelope["data"]["commissions"]]
        assert sum(parts) == Decimal(str(envelope["data"]["purchase"]["price"]["value"]))

    ids = [e["id"] for e in envelopes]
    repeated = {i for i in ids if ids.count(i) > 1}
    assert len(repeated) == 1 and ids.count(next(iter(repeated))) == 2
    copies = [raw for _, raw in tracker.webhooks if json.loads(raw)["id"] in repeated]
    assert copies[0] == copies[1]

    unique = list({e["id"]: e for e in envelopes}.values())
    approved = [e for e in unique if e["event"] == "PURCHASE_APPROVED"]
    refunded = [e for e in unique if e["event"] == "PURCHASE_REFUNDED"]
    assert sum(map(affiliate_value, approved)) == Decimal(result["approved_commission"])
    assert sum(map(affiliate_value, refunded)) == Decimal(result["refunded_commission"])
    by_transaction = {e["data"]["purchase"]["transaction"]: e for e in approved}
    for refund in refunded:
        original = by_transaction[refund["data"]["purchase"]["transaction"]]
        assert refund["id"] != original["id"]
        assert refund["data"]["purchase"]["status"] == "REFUNDED"

    posted = len(tracker.webhooks)
    second = api.post("/network/sandbox/postback", json=body).json()
    assert (second["approved"], second["refunded"], second["redelivered"]) == (0, 0, 0)
    assert len(tracker.webhooks) == posted


def test_failed_webhooks_are_retried_by_the_next_postback(world) -> None:
    sandbox, tracker, tracker_url = world
    api = httpx.Client(base_url=sandbox.url, headers={"Authorization": "Bearer e2e"}, timeout=30)
    launch_ads(api, tracker_url, n_ads=1, budget="150.00")
    api.post(f"{API}/sandbox/deliver", json={})
    n_sales = len(api.get("/network/sandbox/sales").json()["data"])
    assert n_sales > 0
    body = {"webhook_url": f"{tracker_url}/api/webhooks/hotmart", "hottok": HOTTOK}

    tracker.fail_webhooks = True
    failed = api.post("/network/sandbox/postback", json=body).json()
    assert (failed["approved"], failed["failed"]) == (0, n_sales)

    tracker.fail_webhooks = False
    retried = api.post("/network/sandbox/postback", json=body).json()
    assert retried["approved"] == n_sales and retried["failed"] == 0


def test_port_zero_is_resolved_and_a_busy_port_fails_clearly() -> None:
    with start_sandbox(SandboxConfig(port=0, n_products=20)) as sandbox:
        assert not sandbox.url.endswith(":0")
        assert httpx.get(f"{sandbox.url}/health").json()["status"] == "ok"
        with pytest.raises(OSError, match="choose another port"):
            start_sandbox(SandboxConfig(port=sandbox.port, n_products=20))
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{sandbox.url}/health", timeout=2)
