"""The sandbox affiliate network: conversions, commission split, notifications, failures."""

from __future__ import annotations

import datetime as dt
import socket
from decimal import ROUND_HALF_UP, Decimal

import pytest
from fastapi.testclient import TestClient

from affiliate.sandbox import SandboxConfig, catalog
from affiliate.sandbox.commissions import split_commissions
from affiliate.sandbox.hotmart import hotmart_envelope
from affiliate.sandbox.network_store import NetworkStore
from affiliate.sandbox.postback_formats import FORMATS
from affiliate.tracking.networks.base import RawDelivery, WebhookSecrets
from affiliate.tracking.networks.clickbank import ClickBankWebhook, decrypt_notification

NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
KEY = "UNITSECRETKEY001"


def visit_all(store: NetworkStore, clicks: int) -> None:
    products = catalog(7, 300)
    for n in range(clicks):
        store.record_visit(products[n % 10], f"clk{n}", NOW)


def test_commission_split_sums_to_the_price_with_the_fee_first_and_near_ten_percent() -> None:
    for product in catalog(7, 300):
        split = split_commissions(product.price, product.commission_pct)
        assert split.marketplace + split.producer + split.affiliate == product.price
        exact = product.price * product.commission_pct / 100
        assert split.affiliate == exact.quantize(Decimal("0.01"), ROUND_HALF_UP)
        assert split.producer >= 0
        assert Decimal("0.09") <= split.marketplace / product.price <= Decimal("0.13")


def test_conversions_are_deterministic_per_click_and_near_the_product_rates() -> None:
    first, second = NetworkStore(seed=7), NetworkStore(seed=7)
    visit_all(first, 4000)
    visit_all(second, 4000)
    assert [s.to_json() for s in first.sales] == [s.to_json() for s in second.sales]
    assert 0.03 <= len(first.sales) / 4000 <= 0.08
    assert all(s.transaction.startswith("HP") and s.transaction[2:].isdigit() for s in first.sales)
    assert len({s.transaction for s in first.sales}) == len(first.sales)

    other_seed = NetworkStore(seed=8)
    visit_all(other_seed, 4000)
    assert {s.click_id for s in other_seed.sales} != {s.click_id for s in first.sales}


def test_a_configured_conversion_rate_overrides_every_products_own() -> None:
    raised, none = (
        NetworkStore(seed=7, conversion_rate=0.25),
        NetworkStore(seed=7, conversion_rate=0),
    )
    visit_all(raised, 4000)
    visit_all(none, 400)
    assert 0.22 <= len(raised.sales) / 4000 <= 0.28
    assert none.sales == [] and none.visits == 400
    with pytest.raises(ValueError, match="between 0 and 1"):
        SandboxConfig(conversion_rate=1.5)


def test_a_click_converts_at_most_once_and_anonymous_visits_never() -> None:
    store = NetworkStore(seed=7)
    visit_all(store, 400)
    converted = store.sales[0]
    store.record_visit(converted.product, converted.click_id, NOW)
    for _ in range(50):
        assert store.record_visit(converted.product, None, NOW) is None
    assert sum(1 for s in store.sales if s.click_id == converted.click_id) == 1
    assert store.visits == 451


def test_envelope_is_hotmart_2_0_0_with_the_affiliate_commission_not_first() -> None:
    store = NetworkStore(seed=7)
    visit_all(store, 400)
    sale = store.sales[0]
    envelope = hotmart_envelope(7, sale, "PURCHASE_APPROVED", NOW)
    assert envelope == hotmart_envelope(7, sale, "PURCHASE_APPROVED", NOW)
    assert envelope["version"] == "2.0.0" and envelope["event"] == "PURCHASE_APPROVED"
    assert isinstance(envelope["creation_date"], int)
    data = envelope["data"]
    assert isinstance(data["product"]["id"], int)
    assert data["product"]["id"] == sale.product.network_id
    sources = [c["source"] for c in data["commissions"]]
    assert sources == ["MARKETPLACE", "PRODUCER", "AFFILIATE"]
    values = [Decimal(str(c["value"])) for c in data["commissions"]]
    assert sum(values) == Decimal(str(data["purchase"]["price"]["value"])) == sale.price
    assert values[2] == sale.commissions.affiliate != values[0]
    assert data["purchase"]["tracking"]["source_sck"] == sale.click_id
    refund = hotmart_envelope(7, sale, "PURCHASE_REFUNDED", NOW)
    assert refund["id"] != envelope["id"]
    assert refund["data"]["purchase"]["status"] == "REFUNDED"
    assert refund["data"]["purchase"]["transaction"] == sale.transaction


def test_landing_page_accepts_feed_and_network_ids_and_404s_unknown(
    sandbox_client: TestClient,
) -> None:
    product = catalog(7, 300)[3]
    for product_id in (product.id, product.id.lower(), str(product.network_id)):
        page = sandbox_client.get(f"/network/go/{product_id}", params={"sck": "c1"})
        assert page.status_code == 200 and product.title in page.text
    assert sandbox_client.get("/network/go/NOSUCHTHING", params={"tid": "c2"}).status_code == 404
    assert sandbox_client.get("/network/sandbox/sales").json()["visits"] == 3


def test_clickbank_notification_reads_back_as_the_sale_with_the_affiliate_commission() -> None:
    store = NetworkStore(seed=7)
    visit_all(store, 400)
    sale, clickbank = store.sales[0], FORMATS["clickbank"]
    payload = clickbank.notification(7, sale, "approved", NOW)
    assert payload == clickbank.notification(7, sale, "approved", NOW)
    assert payload["transactionTime"] == "2026-03-01T05:00:00-07:00"
    body = clickbank.body(7, payload, KEY, 1)
    (event,) = (
        ClickBankWebhook()
        .read(RawDelivery("clickbank", body), WebhookSecrets(clickbank_secret_key=KEY))
        .events
    )
    assert (event.transaction_id, event.click_id) == (sale.transaction, sale.click_id)
    assert event.network_product_id == sale.product.id
    assert event.commission_amount == sale.commissions.affiliate != sale.commissions.marketplace
    assert event.sale_amount == sale.price and event.occurred_at == NOW

    refund = clickbank.notification(7, sale, "refunded", NOW + dt.timedelta(hours=1))
    assert (refund["receipt"], refund["transactionType"]) == (sale.transaction, "RFND")
    assert refund["totalAccountAmount"] == -sale.commissions.affiliate


def test_each_clickbank_attempt_has_its_own_iv_and_the_same_plaintext() -> None:
    store = NetworkStore(seed=7)
    visit_all(store, 400)
    clickbank = FORMATS["clickbank"]
    payload = clickbank.notification(7, store.sales[0], "approved", NOW)
    first, retry = clickbank.body(7, payload, KEY, 1), clickbank.body(7, payload, KEY, 2)
    assert first == clickbank.body(7, payload, KEY, 1)  # seeded: the same run, the same bytes
    assert first != retry
    assert decrypt_notification(first, KEY) == decrypt_notification(retry, KEY)


def test_postback_requests_need_the_secret_of_their_format(sandbox_client: TestClient) -> None:
    url = closed_port_url()
    for body in (
        {"webhook_url": url, "hottok": "t"},  # the default format is clickbank
        {"webhook_url": url, "format": "hotmart", "secret_key": "k"},
        {"webhook_url": url, "format": "digistore24", "secret_key": "k"},
        {"webhook_url": "ftp://example.com", "secret_key": "k"},
    ):
        assert sandbox_client.post("/network/sandbox/postback", json=body).status_code == 422
    body = {"webhook_url": url, "format": "hotmart", "hottok": "t"}
    assert sandbox_client.post("/network/sandbox/postback", json=body).status_code == 200


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/webhooks/hotmart"


def test_unreachable_webhook_counts_failures_and_keeps_sales_pending(
    sandbox_client: TestClient,
) -> None:
    product = catalog(7, 300)[0]
    for n in range(200):
        sandbox_client.get(f"/network/go/{product.id}", params={"sck": f"clk{n}"})
    sales = sandbox_client.get("/network/sandbox/sales").json()["data"]
    assert sales
    body = {"webhook_url": closed_port_url(), "secret_key": KEY}
    result = sandbox_client.post("/network/sandbox/postback", json=body)
    assert result.status_code == 200
    assert result.json()["failed"] == len(sales)
    assert result.json()["approved"] == 0 and result.json()["approved_commission"] == "0.00"
    after = sandbox_client.get("/network/sandbox/sales").json()["data"]
    assert not any(s["approved_posted"] for s in after)
