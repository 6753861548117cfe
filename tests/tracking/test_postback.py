"""The generic S2S postback: the secret, the status words, the registry, and hostile inputs."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import urlencode

import pytest

from affiliate.config import SANDBOX_POSTBACK_SECRETS
from affiliate.sandbox.wire.postback import postback_query
from affiliate.tracking.events import WebhookError
from affiliate.tracking.networks.base import RawDelivery, Unauthorized, WebhookSecrets
from affiliate.tracking.networks.clickbank import ClickBankWebhook
from affiliate.tracking.networks.digistore24 import Digistore24Webhook
from affiliate.tracking.networks.hotmart import HotmartWebhook
from affiliate.tracking.networks.postback import PostbackWebhook
from affiliate.tracking.networks.registry import parser_for, webhook_for

NETWORK = "sandboxcpa"
SECRET = SANDBOX_POSTBACK_SECRETS[NETWORK]
SECRETS = WebhookSecrets(postback_secrets=dict(SANDBOX_POSTBACK_SECRETS))
WEBHOOK = PostbackWebhook(NETWORK)


def receive(query: dict[str, str], *, body: bytes = b"", method: str = "GET"):
    raw = RawDelivery(network=NETWORK, body=body, query=query, method=method)
    WEBHOOK.verify(raw, SECRETS)
    return WEBHOOK.read(raw, SECRETS)


def query(**overrides: str) -> dict[str, str]:
    params = postback_query(
        txid="tx-1",
        secret=SECRET,
        clickid="clk_pb1",
        payout=Decimal("12.50"),
        sale_amount=Decimal("80.00"),
        ts=1_790_000_000,
    )
    params.update(overrides)
    return params


def test_round_trip_through_the_sandbox_encoder():
    read = receive(query())
    assert read.delivery_key == "tx-1:approved"
    (event,) = read.events
    assert event.network == NETWORK
    assert event.event_id == read.delivery_key
    assert event.transaction_id == "tx-1"
    assert event.status == "approved"
    assert event.commission_amount == Decimal("12.50")
    assert event.sale_amount == Decimal("80.00")
    assert event.currency == "USD"
    assert event.click_id == "clk_pb1"
    assert event.occurred_at == datetime.fromtimestamp(1_790_000_000, tz=UTC)
    assert event.approved_at == event.occurred_at


def test_read_does_not_need_the_secret_it_was_stored_without():
    stored = {k: v for k, v in query().items() if k not in WEBHOOK.secret_query_params}
    assert "secret" not in stored
    read = WEBHOOK.read(RawDelivery(network=NETWORK, body=b"", query=stored), SECRETS)
    assert read.events[0].transaction_id == "tx-1"


def test_post_form_body_is_read_too():
    body = urlencode(query(payout="3.3", status="Pending")).encode()
    (event,) = receive({}, body=body, method="POST").events
    assert event.commission_amount == Decimal("3.30")
    assert event.status == "pending"


def test_defaults_and_alternatives():
    params = {"txid": "tx-2", "secret": SECRET, "amount": "10", "timestamp": "2026-05-01T10:00:00"}
    (event,) = receive(params).events
    assert event.status == "approved"  # an empty status means a sale
    assert event.commission_amount == Decimal("0.00")
    assert event.sale_amount == Decimal("10.00")
    assert event.currency == "USD"
    assert event.click_id is None
    assert event.occurred_at == datetime(2026, 5, 1, 10, tzinfo=UTC)


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("approved", "approved"),
        ("APPROVE", "approved"),
        ("sale", "approved"),
        ("1", "approved"),
        ("", "approved"),
        ("pending", "pending"),
        ("Hold", "pending"),
        ("rejected", "cancelled"),
        ("declined", "cancelled"),
        ("cancelled", "cancelled"),
        ("canceled", "cancelled"),
        ("reversed", "cancelled"),
        ("refund", "refunded"),
        ("refunded", "refunded"),
        ("chargeback", "chargeback"),
    ],
)
def test_status_words(word: str, status: str):
    read = receive(query(status=word))
    assert read.events[0].status == status
    assert read.delivery_key == f"tx-1:{word.lower()}"


@pytest.mark.parametrize(
    "params",
    [
        {k: v for k, v in query().items() if k != "secret"},
        query(secret="wrong"),
        query(secret=""),
        query(secret=SECRET + "x"),
        query(secret="ünïcode"),
    ],
)
def test_missing_or_wrong_secret_is_unauthorized(params: dict[str, str]):
    with pytest.raises(Unauthorized):
        receive(params)


def test_unknown_network_is_unauthorized():
    raw = RawDelivery(network="othercpa", body=b"", query=query())
    with pytest.raises(Unauthorized):
        PostbackWebhook("othercpa").verify(raw, SECRETS)


def test_registry():
    assert isinstance(webhook_for("hotmart"), HotmartWebhook)
    assert isinstance(webhook_for("clickbank"), ClickBankWebhook)
    assert isinstance(webhook_for("digistore24"), Digistore24Webhook)
    assert webhook_for(NETWORK) is None  # the old signature: own formats only
    parser = parser_for(NETWORK, SECRETS)
    assert isinstance(parser, PostbackWebhook) and parser.network == NETWORK
    assert isinstance(webhook_for(NETWORK, SECRETS), PostbackWebhook)
    assert isinstance(parser_for("clickbank", SECRETS), ClickBankWebhook)
    assert parser_for("othercpa", SECRETS) is None


HOSTILE_QUERIES: list[dict[str, str]] = [
    query(txid=""),
    {k: v for k, v in query().items() if k != "txid"},
    query(txid="t" * 256),
    query(txid="t" * 100_000),
    query(payout="-1"),
    query(payout="-0.01"),
    query(payout="NaN"),
    query(payout="Infinity"),
    query(payout="-Infinity"),
    query(payout="1e999"),
    query(payout="1e3"),
    query(payout="1,50"),
    query(payout="abc"),
    query(payout="0x10"),
    query(payout="1_000"),
    query(payout="9" * 13),
    query(payout="[1]"),
    query(sale_amount="NaN"),
    query(sale_amount="-5"),
    query(sale_amount="", amount="Infinity"),
    query(currency="US"),
    query(currency="DOLLAR"),
    query(currency="123"),
    query(currency="€€€"),
    query(status="won"),
    query(status="approvedd"),
    query(status="2"),
    query(status="true"),
    query(status="s" * 10_000),
    query(ts="abc"),
    query(ts="99999999999999"),
    query(ts="-1"),
    query(ts="2026-13-01"),
    query(ts="2026-05-01T10:00:00" + "0" * 100),
    query(ts="", timestamp="yesterday"),
    query(ts="1e10"),
    query(clickid="c" * 256),
    query(clickid="c" * 100_000),
]

HOSTILE_POSTS: list[bytes] = [
    b"\xff\xfe\xfd",
    b"txid=%ff%fe&secret=" + SECRET.encode(),
    b"txid=ok&secret=" + SECRET.encode() + b"&payout=NaN",
    b"&".join(b"k%d=v" % i for i in range(500)),
    b"x=" + b"y" * 100_001,
    b'{"txid": "tx-1", "secret": "' + SECRET.encode() + b'"}',
    b"txid=tx&secret=" + SECRET.encode() + b"&status=bogus",
    b"secret=" + SECRET.encode(),
    b"txid=tx&secret=" + SECRET.encode() + b"&currency=EURO",
    b"txid=tx&secret=" + SECRET.encode() + b"&ts=1e999",
    b"txid=tx&secret=" + SECRET.encode() + b"&payout=%00",
    b"txid=tx&secret=wrong",
]


@pytest.mark.parametrize("params", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
def test_hostile_queries_raise_webhook_error_only(params: dict[str, str]):
    with pytest.raises(WebhookError):
        receive(params)


@pytest.mark.parametrize("body", HOSTILE_POSTS, ids=range(len(HOSTILE_POSTS)))
def test_hostile_posts_raise_webhook_error_only(body: bytes):
    with pytest.raises(WebhookError):
        receive({}, body=body, method="POST")


def test_there_are_enough_hostile_cases():
    assert len(HOSTILE_QUERIES) + len(HOSTILE_POSTS) >= 50
