"""End to end over real sockets: ads → tracker redirect → landing page → the network's
notifications (ClickBank INS by default, Hotmart webhooks on request)."""

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
from affiliate.tracking.events import WebhookError
from affiliate.tracking.networks.base import RawDelivery, WebhookSecrets
from affiliate.tracking.networks.clickbank import ClickBankWebhook, decrypt_notification

TODAY = dt.date(2026, 3, 1)
HOTTOK = "sandbox-e2e-hottok"
SECRET_KEY = "E2ESANDBOXKEY001"
API = "/adplatform/v1"


class StandInTracker:
    """Just enough of our tracker: `/r/{code}` redirects with a fresh click id as `tid`
    (ClickBank's tracking parameter); webhooks land, whatever the network."""

    def __init__(self, sandbox_url: str, products: dict[str, str]) -> None:
        self.clicks: list[str] = []
        self.webhooks: list[tuple[str, dict[str, str], bytes]] = []
        self.fail_webhooks = False
        self.app = FastAPI()

        @self.app.get("/r/{code}")
        def redirect(code: str) -> RedirectResponse:
            click_id = f"clk{len(self.clicks):05d}"
            self.clicks.append(click_id)
            target = f"{sandbox_url}/network/go/{products[code]}?tid={click_id}"
            return RedirectResponse(target, status_code=302)

        @self.app.post("/api/webhooks/{network}")
        async def webhook(network: str, request: Request) -> Response:
            if self.fail_webhooks:
                return Response(status_code=503)
            self.webhooks.append((network, dict(request.headers), await request.body()))
            return Response(status_code=200)

    def bodies(self, network: str) -> list[bytes]:
        return [body for to, _, body in self.webhooks if to == network]


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


def sell(api: httpx.Client, tracker: StandInTracker, tracker_url: str) -> list[dict[str, Any]]:
    """Three ads' clicks for TODAY delivered through the tracker; the network's sales."""
    ad_ids = launch_ads(api, tracker_url, n_ads=3, budget="150.00")
    api.post(f"{API}/sandbox/deliver", json={"date": TODAY.isoformat()})
    sales = api.get("/network/sandbox/sales").json()["data"]
    assert len(sales) >= 5 and insight_clicks(api, ad_ids, TODAY) == len(tracker.clicks)
    return sales


def sandbox_api(sandbox: SandboxHandle) -> httpx.Client:
    return httpx.Client(base_url=sandbox.url, headers={"Authorization": "Bearer e2e"}, timeout=30)


def test_traffic_lands_and_becomes_sales_exactly_once(world) -> None:
    sandbox, tracker, tracker_url = world
    api = sandbox_api(sandbox)
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
    assert {s["click_id"] for s in sales["data"]} <= set(tracker.clicks)


def test_the_network_posts_clickbank_instant_notifications_by_default(world) -> None:
    sandbox, tracker, tracker_url = world
    api = sandbox_api(sandbox)
    sales = sell(api, tracker, tracker_url)
    body = {"webhook_url": f"{tracker_url}/api/webhooks/clickbank", "secret_key": SECRET_KEY}
    result = api.post("/network/sandbox/postback", json=body).json()
    assert result["approved"] == len(sales) and result["failed"] == 0
    assert result["redelivered"] == 1 and result["refunded"] >= 1

    bodies = tracker.bodies("clickbank")
    assert len(bodies) == len(tracker.webhooks)
    assert len(bodies) == result["approved"] + result["refunded"] + result["redelivered"]
    assert all(h["content-type"] == "application/json" for _, h, _ in tracker.webhooks)
    assert not any("x-hotmart-hottok" in h for _, h, _ in tracker.webhooks)
    secrets = WebhookSecrets(clickbank_secret_key=SECRET_KEY)
    reads = [ClickBankWebhook().read(RawDelivery("clickbank", b), secrets) for b in bodies]

    # The redelivery: another body (a new IV), the same notification.
    keys = [r.delivery_key for r in reads]
    (repeated,) = {k for k in keys if keys.count(k) > 1}
    assert keys.count(repeated) == 2
    copies = [b for b, k in zip(bodies, keys, strict=True) if k == repeated]
    assert copies[0] != copies[1]
    assert decrypt_notification(copies[0], SECRET_KEY) == decrypt_notification(
        copies[1], SECRET_KEY
    )

    events = {r.delivery_key: r.events[0] for r in reads}.values()
    approved = {e.transaction_id: e for e in events if e.event_type == "SALE"}
    refunded = {e.transaction_id: e for e in events if e.event_type == "RFND"}
    by_transaction = {s["transaction"]: s for s in sales}
    assert approved.keys() == by_transaction.keys()
    for transaction, event in approved.items():
        sale = by_transaction[transaction]
        assert (event.click_id, event.network_product_id) == (sale["click_id"], sale["feed_id"])
        assert event.commission_amount == Decimal(sale["affiliate_commission"])
        assert event.sale_amount == Decimal(sale["price"]) and event.currency == "USD"
        assert event.status == "approved" and event.approved_at == event.occurred_at
    assert len(refunded) == result["refunded"] and refunded.keys() <= approved.keys()
    for transaction, refund in refunded.items():
        assert refund.status == "refunded"
        assert refund.commission_amount == approved[transaction].commission_amount
        assert refund.occurred_at > approved[transaction].occurred_at
    assert sum(e.commission_amount for e in approved.values()) == Decimal(
        result["approved_commission"]
    )
    assert sum(e.commission_amount for e in refunded.values()) == Decimal(
        result["refunded_commission"]
    )

    posted = len(tracker.webhooks)
    second = api.post("/network/sandbox/postback", json=body).json()
    assert (second["approved"], second["refunded"], second["redelivered"]) == (0, 0, 0)
    assert len(tracker.webhooks) == posted


def test_clickbank_notifications_are_in_mountain_time_and_need_the_right_key(world) -> None:
    sandbox, tracker, tracker_url = world
    api = sandbox_api(sandbox)
    sell(api, tracker, tracker_url)
    body = {
        "webhook_url": f"{tracker_url}/api/webhooks/clickbank",
        "format": "clickbank",
        "secret_key": SECRET_KEY,
    }
    api.post("/network/sandbox/postback", json=body)
    payloads = [decrypt_notification(b, SECRET_KEY) for b in tracker.bodies("clickbank")]
    for payload in payloads:
        assert payload["role"] == "AFFILIATE" and payload["version"] == Decimal("8.0")
        assert payload["transactionTime"].endswith("-07:00")  # MST on 2026-03-01
        assert payload["trackingCodes"] == [payload["affiliateTrackingParameters"]["tid"]]
        sign = 1 if payload["transactionType"] == "SALE" else -1
        assert sign * payload["totalAccountAmount"] > 0 and sign * payload["totalOrderAmount"] > 0
    with pytest.raises(WebhookError):
        decrypt_notification(tracker.bodies("clickbank")[0], "SANDBOXSECRETKEY")


def test_the_hotmart_format_still_posts_hotmart_2_0_0_webhooks(world) -> None:
    sandbox, tracker, tracker_url = world
    api = sandbox_api(sandbox)
    sales = sell(api, tracker, tracker_url)
    body = {
        "webhook_url": f"{tracker_url}/api/webhooks/hotmart",
        "format": "hotmart",
        "hottok": HOTTOK,
    }
    result = api.post("/network/sandbox/postback", json=body).json()
    assert result["approved"] == len(sales) and result["failed"] == 0
    assert result["redelivered"] == 1 and result["refunded"] >= 1

    assert all(headers["x-hotmart-hottok"] == HOTTOK for _, headers, _ in tracker.webhooks)
    assert all(h["content-type"] == "application/json" for _, h, _ in tracker.webhooks)
    raw = tracker.bodies("hotmart")
    envelopes = [json.loads(body) for body in raw]
    assert len(envelopes) == result["approved"] + result["refunded"] + result["redelivered"]
    for envelope in envelopes:
        assert envelope["version"] == "2.0.0"
        assert isinstance(envelope["data"]["product"]["id"], int)
        assert envelope["data"]["purchase"]["tracking"]["source_sck"] in tracker.clicks
        parts = [Decimal(str(c["value"])) for c in envelope["data"]["commissions"]]
        assert sum(parts) == Decimal(str(envelope["data"]["purchase"]["price"]["value"]))

    ids = [e["id"] for e in envelopes]
    (repeated,) = {i for i in ids if ids.count(i) > 1}
    assert ids.count(repeated) == 2
    copies = [body for body in raw if json.loads(body)["id"] == repeated]
    assert copies[0] == copies[1]

    unique = list({e["id"]: e for e in envelopes}.values())
    approved = [e for e in unique if e["event"] == "PURCHASE_APPROVED"]
    refunded = [e for e in unique if e["event"] == "PURCHASE_REFUNDED"]
    assert sum(map(affiliate_value, approved)) == Decimal(result["approved_commission"])
    assert sum(map(affiliate_value, refunded)) == Decimal(result["refunded_commission"])
    by_transaction = {e["data"]["purchase"]["transaction"]: e for e in approved}
    assert by_transaction.keys() == {s["transaction"] for s in sales}
    for refund in refunded:
        original = by_transaction[refund["data"]["purchase"]["transaction"]]
        assert refund["id"] != original["id"]
        assert refund["data"]["purchase"]["status"] == "REFUNDED"


def test_failed_webhooks_are_retried_by_the_next_postback(world) -> None:
    sandbox, tracker, tracker_url = world
    api = sandbox_api(sandbox)
    launch_ads(api, tracker_url, n_ads=1, budget="150.00")
    api.post(f"{API}/sandbox/deliver", json={})
    n_sales = len(api.get("/network/sandbox/sales").json()["data"])
    assert n_sales > 0
    body = {"webhook_url": f"{tracker_url}/api/webhooks/clickbank", "secret_key": SECRET_KEY}

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
