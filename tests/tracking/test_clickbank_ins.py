"""ClickBank INS v6+: decryption, the transaction types, and hostile bodies."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from affiliate.config import SANDBOX_CLICKBANK_SECRET_KEY
from affiliate.sandbox.wire.clickbank_ins import encrypt_notification, ins_payload
from affiliate.tracking.events import WebhookError
from affiliate.tracking.networks.base import RawDelivery, Unauthorized, WebhookSecrets
from affiliate.tracking.networks.clickbank import ClickBankWebhook

KEY = SANDBOX_CLICKBANK_SECRET_KEY
SECRETS = WebhookSecrets(clickbank_secret_key=KEY)
WEBHOOK = ClickBankWebhook()
TIME = "2026-11-20T14:03:11-07:00"


def receive(body: bytes, secrets: WebhookSecrets = SECRETS):
    raw = RawDelivery(network="clickbank", body=body)
    WEBHOOK.verify(raw, secrets)
    return WEBHOOK.read(raw, secrets)


def payload(**overrides: Any) -> dict[str, Any]:
    base = ins_payload(
        receipt="CWOGBZLN",
        transaction_type="SALE",
        transaction_time=TIME,
        account_amount=Decimal("31.47"),
        order_amount=Decimal("47.00"),
        tid="clk_abc123",
        item_no="prod-1",
    )
    base.update(overrides)
    return base


def raw_encrypt(plaintext: bytes, *, key: str = KEY, iv: bytes = b"\x07" * 16, pad: bool = True):
    """Encrypt independently of the sandbox encoder, as ClickBank's docs describe."""
    aes_key = hashlib.sha1(key.encode()).hexdigest()[:32].encode("ascii")
    if pad:
        padder = padding.PKCS7(128).padder()
        plaintext = padder.update(plaintext) + padder.finalize()
    encryptor = Cipher(algorithms.AES(aes_key), modes.CBC(iv)).encryptor()
    ciphertext = encryptor.update(plaintext) + encryptor.finalize()
    return json.dumps(
        {"notification": base64.b64encode(ciphertext).decode(), "iv": base64.b64encode(iv).decode()}
    ).encode()


def test_known_answer_decryption():
    plaintext = json.dumps(
        {
            "transactionTime": TIME,
            "receipt": "KNOWN123",
            "transactionType": "SALE",
            "vendor": "acme",
            "affiliate": "me",
            "role": "AFFILIATE",
            "totalAccountAmount": 12.34,
            "totalOrderAmount": 49.95,
            "currency": "USD",
            "trackingCodes": ["clk_legacy"],
            "affiliateTrackingParameters": {"tid": "clk_known"},
            "lineItems": [{"itemNo": "ITEM7"}, {"itemNo": "ITEM8"}],
        }
    ).encode()
    read = receive(raw_encrypt(plaintext))
    assert read.delivery_key == f"KNOWN123:SALE:{TIME}"
    assert not read.test
    (event,) = read.events
    assert event.network == "clickbank"
    assert event.event_id == read.delivery_key
    assert event.transaction_id == "KNOWN123"
    assert event.status == "approved"
    assert event.commission_amount == Decimal("12.34")
    assert event.sale_amount == Decimal("49.95")
    assert event.currency == "USD"
    assert event.occurred_at == datetime(2026, 11, 20, 21, 3, 11, tzinfo=UTC)
    assert event.approved_at == event.occurred_at
    assert event.click_id == "clk_known"
    assert event.network_product_id == "ITEM7"


def test_nul_padding_is_tolerated_like_clickbanks_samples():
    plaintext = json.dumps(payload(), default=float).encode()
    plaintext += b"\0" * (-len(plaintext) % 16)
    (event,) = receive(raw_encrypt(plaintext, pad=False)).events
    assert event.transaction_id == "CWOGBZLN"


def test_round_trip_through_the_sandbox_encoder():
    (event,) = receive(encrypt_notification(payload(), KEY)).events
    assert event.commission_amount == Decimal("31.47")
    assert event.sale_amount == Decimal("47.00")
    assert event.click_id == "clk_abc123"
    assert event.network_product_id == "prod-1"


def test_a_retry_with_a_new_iv_has_the_same_delivery_key():
    first = encrypt_notification(payload(), KEY, iv=b"\x01" * 16)
    retry = encrypt_notification(payload(), KEY, iv=b"\x02" * 16)
    assert first != retry
    assert receive(first).delivery_key == receive(retry).delivery_key


@pytest.mark.parametrize(
    ("transaction_type", "status"),
    [
        ("SALE", "approved"),
        ("BILL", "approved"),
        ("RFND", "refunded"),
        ("CGBK", "chargeback"),
        ("INSF", None),
        ("CANCEL-REBILL", None),
        ("UNCANCEL-REBILL", None),
    ],
)
def test_transaction_types(transaction_type: str, status: str | None):
    read = receive(encrypt_notification(payload(transactionType=transaction_type), KEY))
    (event,) = read.events
    assert event.status == status
    assert event.event_type == transaction_type
    assert event.approved_at == (event.occurred_at if status == "approved" else None)


@pytest.mark.parametrize("transaction_type", ["TEST", "TEST_SALE", "TEST_BILL", "TEST_RFND"])
def test_test_notifications_are_acknowledged_not_counted(transaction_type: str):
    body = payload(transactionType=transaction_type, receipt="********", role=None)
    read = receive(encrypt_notification(body, KEY))
    assert read.test is True
    assert read.events == ()


def test_unknown_type_is_stored_without_an_event():
    read = receive(encrypt_notification(payload(transactionType="ABANDONED_ORDER"), KEY))
    assert read.events == () and not read.test


def test_refund_amounts_are_stored_as_absolute_values():
    body = payload(
        transactionType="RFND", totalAccountAmount=Decimal("-31.47"), totalOrderAmount=-47
    )
    (event,) = receive(encrypt_notification(body, KEY)).events
    assert event.commission_amount == Decimal("31.47")
    assert event.sale_amount == Decimal("47.00")


def test_vendor_role_earns_no_commission():
    (event,) = receive(encrypt_notification(payload(role="VENDOR"), KEY)).events
    assert event.commission_amount == Decimal("0.00")
    assert event.sale_amount == Decimal("47.00")


def test_click_id_falls_back_to_the_first_tracking_code():
    body = payload(affiliateTrackingParameters={}, trackingCodes=["clk_first", "clk_second"])
    (event,) = receive(encrypt_notification(body, KEY)).events
    assert event.click_id == "clk_first"


def test_wrong_key_is_refused():
    with pytest.raises(WebhookError):
        receive(encrypt_notification(payload(), "SOMEOTHERKEY"))


def test_no_configured_key_refuses_everything():
    with pytest.raises(Unauthorized):
        receive(encrypt_notification(payload(), ""), WebhookSecrets(clickbank_secret_key=""))


def _envelope(notification: Any, iv: Any) -> bytes:
    return json.dumps({"notification": notification, "iv": iv}).encode()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _encrypted(**overrides: Any) -> bytes:
    return encrypt_notification(payload(**overrides), KEY)


def _encrypted_text(text: str) -> bytes:
    return raw_encrypt(text.encode())


GOOD_IV = _b64(b"\x00" * 16)
GOOD_CT = _b64(b"\x00" * 32)

HOSTILE_BODIES: list[bytes] = [
    b"",
    b"{",
    b'{"notification": "abc", "iv":',
    b"[]",
    b"null",
    b"42",
    b'"string"',
    b"\xff\xfe\x00garbage",
    b"[" * 100_000,
    b"x" * 1_000_001,
    _envelope(None, GOOD_IV),
    _envelope(GOOD_CT, None),
    _envelope(123, GOOD_IV),
    _envelope([GOOD_CT], GOOD_IV),
    _envelope(GOOD_CT, {"iv": GOOD_IV}),
    _envelope("", GOOD_IV),
    _envelope("!!!not base64!!!", GOOD_IV),
    _envelope(GOOD_CT, "%%%"),
    _envelope(GOOD_CT[:-2], GOOD_IV),
    _envelope(GOOD_CT, _b64(b"\x00" * 8)),
    _envelope(GOOD_CT, _b64(b"\x00" * 32)),
    _envelope(_b64(b"\x00" * 15), GOOD_IV),
    _envelope(_b64(b"\x00" * 33), GOOD_IV),
    _envelope(_b64(b"\x13" * 4096), GOOD_IV),
    raw_encrypt(b"\xff\xfe\xfd invalid utf-8"),
    raw_encrypt(b"\x00" * 16, pad=False),
    raw_encrypt(b"A" * 15 + b"\x11", pad=False),  # pad byte 17: not PKCS#7, not NUL
    _encrypted_text("not json at all"),
    _encrypted_text('{"transactionType": "SALE", "receipt": '),
    _encrypted_text("[1, 2, 3]"),
    _encrypted_text('"SALE"'),
    _encrypted_text('{"transactionType": "SALE", "totalAccountAmount": NaN}'),
    _encrypted_text('{"transactionType": "SALE", "totalAccountAmount": Infinity}'),
    _encrypted(totalAccountAmount=Decimal("1e999")),
    _encrypted(totalOrderAmount=Decimal("-1e999")),
    _encrypted(totalAccountAmount="NaN"),
    _encrypted(totalAccountAmount="Infinity"),
    _encrypted(totalAccountAmount="1e999"),
    _encrypted(totalAccountAmount=10**20),
    _encrypted(totalAccountAmount=[1, 2]),
    _encrypted(totalOrderAmount={"value": 1}),
    _encrypted(totalOrderAmount=True),
    _encrypted(transactionType=None),
    _encrypted(transactionType=["SALE"]),
    _encrypted(transactionType="S" * 10_000),
    _encrypted(transactionTime=None),
    _encrypted(transactionTime="yesterday"),
    _encrypted(transactionTime="2026-11-20T14:03:11"),
    _encrypted(transactionTime=1763676191),
    _encrypted(receipt=None),
    _encrypted(receipt={"id": "X"}),
    _encrypted(receipt="R" * 256),
    _encrypted(role=None),
    _encrypted(role=7),
    _encrypted(vendor=["acme"]),
    _encrypted(currency="US"),
    _encrypted(currency="DOLLARS"),
    _encrypted(currency=840),
    _encrypted(trackingCodes="clk"),
    _encrypted(affiliateTrackingParameters={}, trackingCodes=[1]),
    _encrypted(affiliateTrackingParameters=["tid"]),
    _encrypted(affiliateTrackingParameters={"tid": {"nested": 1}}),
    _encrypted(affiliateTrackingParameters={"tid": "c" * 10_000}),
    _encrypted(lineItems={"itemNo": "1"}),
    _encrypted(lineItems=[1]),
    _encrypted(lineItems=[{"itemNo": ["1"]}]),
]


@pytest.mark.parametrize("body", HOSTILE_BODIES, ids=range(len(HOSTILE_BODIES)))
def test_hostile_bodies_raise_webhook_error_only(body: bytes):
    with pytest.raises(WebhookError):
        receive(body)


def test_there_are_enough_hostile_cases():
    assert len(HOSTILE_BODIES) >= 50
