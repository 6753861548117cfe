"""Digistore24 IPN: the sha_sign, the events, the conversion key, and hostile bodies."""

from __future__ import annotations

import contextlib
import hashlib
from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import urlencode

import pytest

from affiliate.config import SANDBOX_DIGISTORE24_PASSPHRASE
from affiliate.sandbox.wire.digistore24_ipn import ipn_body, sign
from affiliate.tracking.events import WebhookError
from affiliate.tracking.networks.base import RawDelivery, Unauthorized, WebhookSecrets
from affiliate.tracking.networks.digistore24 import Digistore24Webhook, sha_sign

PASSPHRASE = SANDBOX_DIGISTORE24_PASSPHRASE
SECRETS = WebhookSecrets(digistore24_ipn_passphrase=PASSPHRASE)
WEBHOOK = Digistore24Webhook()


def receive(body: bytes, secrets: WebhookSecrets = SECRETS):
    raw = RawDelivery(network="digistore24", body=body)
    WEBHOOK.verify(raw, secrets)
    return WEBHOOK.read(raw, secrets)


def ipn(**overrides: str) -> dict[str, str]:
    params = {
        "event": "on_payment",
        "order_id": "ORD123",
        "transaction_id": "TX900",
        "pay_sequence_no": "1",
        "amount_affiliate": "23.50",
        "amount_brutto": "47.00",
        "currency": "EUR",
        "cid": "clk_ds1",
        "product_id": "4711",
        "order_date_time": "2026-07-01 12:00:00",
        "transaction_date": "2026-07-01 12:00:05",
    }
    params.update(overrides)
    return {k: v for k, v in params.items() if v is not None}


def test_known_answer_signature():
    # Insertion order is not the signing order; bytes sort upper-case first; "" is skipped.
    params = {
        "order_id": "A1",
        "amount_brutto": "",
        "event": "on_payment",
        "Zeta": "z",
        "alpha": "a",
    }
    p = "pass"
    by_hand = hashlib.sha512(
        f"Zeta=z{p}alpha=a{p}event=on_payment{p}order_id=A1{p}".encode()
    ).hexdigest()
    assert sha_sign(params, p) == by_hand.upper()
    assert sign(params, p) == by_hand.upper()
    assert sha_sign({**params, "sha_sign": "X", "SHASIGN": "Y"}, p) == by_hand.upper()


def test_round_trip_through_the_sandbox_encoder():
    read = receive(ipn_body(ipn(), PASSPHRASE))
    assert read.delivery_key == "on_payment:TX900:1"
    (event,) = read.events
    assert event.network == "digistore24"
    assert event.event_id == read.delivery_key
    assert event.transaction_id == "ORD123"
    assert event.status == "approved"
    assert event.commission_amount == Decimal("23.50")
    assert event.sale_amount == Decimal("47.00")
    assert event.currency == "EUR"
    assert event.click_id == "clk_ds1"
    assert event.network_product_id == "4711"
    # Europe/Berlin summer time is UTC+2.
    assert event.occurred_at == datetime(2026, 7, 1, 10, 0, 5, tzinfo=UTC)
    assert event.approved_at == event.occurred_at


def test_signature_in_shasign_field_and_unicode_values():
    params = ipn(address_first_name="Jürgen & Söhne=1")
    body = urlencode({**params, "SHASIGN": sign(params, PASSPHRASE)}).encode()
    assert receive(body).events[0].transaction_id == "ORD123"


@pytest.mark.parametrize(
    ("event_name", "status"),
    [
        ("on_payment", "approved"),
        ("on_refund", "refunded"),
        ("on_chargeback", "chargeback"),
        ("on_payment_missed", None),
        ("on_rebill_cancelled", None),
        ("on_rebill_resumed", None),
    ],
)
def test_events(event_name: str, status: str | None):
    (event,) = receive(ipn_body(ipn(event=event_name), PASSPHRASE)).events
    assert event.status == status
    assert event.event_type == event_name


def test_connection_test_is_acknowledged_not_counted():
    read = receive(ipn_body({"event": "connection_test"}, PASSPHRASE))
    assert read.test is True and read.events == ()
    assert WEBHOOK.acknowledgement().body == b"OK"
    assert WEBHOOK.acknowledgement().content_type == "text/plain"


def test_unknown_event_is_stored_without_an_event():
    read = receive(ipn_body(ipn(event="last_paid_day"), PASSPHRASE))
    assert read.events == () and not read.test


def test_refund_maps_to_the_payment_it_reverses():
    payment = receive(ipn_body(ipn(), PASSPHRASE)).events[0]
    refund = receive(
        ipn_body(
            ipn(event="on_refund", transaction_id="TX901", amount_affiliate="-23.50"), PASSPHRASE
        )
    ).events[0]
    refund_without_sequence = receive(
        ipn_body(ipn(event="on_chargeback", transaction_id="TX902", pay_sequence_no=""), PASSPHRASE)
    ).events[0]
    assert payment.transaction_id == refund.transaction_id == "ORD123"
    assert refund_without_sequence.transaction_id == "ORD123"
    assert refund.commission_amount == Decimal("23.50")
    assert payment.event_id != refund.event_id


def test_rebills_are_separate_conversions():
    rebill = receive(ipn_body(ipn(pay_sequence_no="3", transaction_id="TX950"), PASSPHRASE))
    assert rebill.events[0].transaction_id == "ORD123-3"
    assert rebill.delivery_key == "on_payment:TX950:3"


def test_click_id_fallbacks():
    (event,) = receive(
        ipn_body(ipn(cid="", trackingkey="tk1", campaignkey="ck1"), PASSPHRASE)
    ).events
    assert event.click_id == "tk1"
    (event,) = receive(ipn_body(ipn(cid="", campaignkey="ck1"), PASSPHRASE)).events
    assert event.click_id == "ck1"


def test_time_defaults_to_now():
    before = datetime.now(UTC)
    (event,) = receive(ipn_body(ipn(order_date_time="", transaction_date=""), PASSPHRASE)).events
    assert before <= event.occurred_at <= datetime.now(UTC)


@pytest.mark.parametrize(
    "secrets",
    [
        WebhookSecrets(digistore24_ipn_passphrase="another-passphrase"),
        WebhookSecrets(digistore24_ipn_passphrase=""),
    ],
)
def test_wrong_or_empty_passphrase_is_unauthorized(secrets: WebhookSecrets):
    with pytest.raises(Unauthorized):
        receive(ipn_body(ipn(), PASSPHRASE), secrets)


def test_empty_passphrase_never_accepts_an_unsigned_ipn():
    unsigned = ipn_body(ipn(), "")
    with pytest.raises(Unauthorized):
        receive(unsigned, WebhookSecrets(digistore24_ipn_passphrase=""))


def test_tampered_or_unsigned_ipn_is_unauthorized():
    body = ipn_body(ipn(), PASSPHRASE).replace(b"23.50", b"99.50")
    with pytest.raises(Unauthorized):
        receive(body)
    with pytest.raises(Unauthorized):
        receive(urlencode(ipn()).encode())


def signed(**overrides: str) -> bytes:
    return ipn_body(ipn(**overrides), PASSPHRASE)


HOSTILE_BODIES: list[bytes] = [
    b"",
    b"\xff\xfe\xfd",
    b"event=on_payment&order_id=\xff",
    b"event=on_payment&order_id=%ff%fe",
    b"sha_sign=%ZZ",
    b"=" * 10_000,
    b"&".join(b"k%d=v" % i for i in range(2000)),
    b"a=" + b"x" * 1_000_001,
    b'{"event": "on_payment"}',
    b"event=on_payment&sha_sign=" + b"A" * 128,
    signed(event=""),
    signed(event="e" * 65),
    signed(order_id=""),
    signed(order_id="o" * 256),
    signed(transaction_id="t" * 256),
    signed(pay_sequence_no="abc"),
    signed(pay_sequence_no="-1"),
    signed(pay_sequence_no="1e3"),
    signed(pay_sequence_no="9" * 20),
    signed(amount_affiliate="NaN"),
    signed(amount_affiliate="Infinity"),
    signed(amount_affiliate="-Infinity"),
    signed(amount_affiliate="1e999"),
    signed(amount_affiliate="1,50"),
    signed(amount_affiliate="--1"),
    signed(amount_affiliate="1.2.3"),
    signed(amount_affiliate="9" * 13),
    signed(amount_affiliate="0x10"),
    signed(amount_brutto="NaN"),
    signed(amount_brutto="1_000"),
    signed(amount_brutto="ten"),
    signed(amount_brutto="[1, 2]"),
    signed(currency="EURO"),
    signed(currency="E"),
    signed(currency="€€€"),
    signed(currency="123"),
    signed(currency=""),
    signed(cid="c" * 256),
    signed(cid="", trackingkey="t" * 256),
    signed(product_id="p" * 256),
    signed(transaction_date="2026-13-01 00:00:00"),
    signed(transaction_date="yesterday"),
    signed(transaction_date="2026-07-01T12:00:00"),
    signed(transaction_date="2026-07-01 12:00:00+02:00"),
    signed(transaction_date="", order_date_time="1751371200"),
    signed(transaction_date="", order_date_time="x" * 10_000),
    signed(event="on_refund", order_id="", transaction_id="TX1"),
    signed(event="on_chargeback", amount_affiliate="NaN"),
    signed(event="on_payment_missed", pay_sequence_no="one"),
    signed(event="connection_test", pay_sequence_no="x"),
]


@pytest.mark.parametrize("body", HOSTILE_BODIES, ids=range(len(HOSTILE_BODIES)))
def test_hostile_bodies_raise_webhook_error_only(body: bytes):
    with pytest.raises(WebhookError):
        receive(body)
    raw = RawDelivery(network="digistore24", body=body)
    # read on its own may accept an unsigned but well-formed body; it raises nothing else
    with contextlib.suppress(WebhookError):
        WEBHOOK.read(raw, SECRETS)


def test_there_are_enough_hostile_cases():
    assert len(HOSTILE_BODIES) >= 50


@pytest.mark.parametrize("body", [b"\xff\xfe", b"event=%ff"])
def test_invalid_utf8_is_a_webhook_error_for_read(body: bytes):
    with pytest.raises(WebhookError) as caught:
        WEBHOOK.read(RawDelivery(network="digistore24", body=body), SECRETS)
    assert not isinstance(caught.value, Unauthorized)
