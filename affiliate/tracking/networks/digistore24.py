"""Digistore24 IPN: check the sha_sign of a form-encoded POST and read it into a ConversionEvent.

Signature (Digistore24's PHP `digistore_signature`): drop `sha_sign`/`SHASIGN`, sort the keys
as byte strings, skip empty values, hash `KEY=value<passphrase>` for each with SHA-512, upper-case
hex. An empty passphrase setting refuses everything: an unsigned IPN is never accepted.

Conversion key: Digistore24's `transaction_id` names a money movement, so a refund or chargeback
carries a *new* transaction id, not the payment's; only `order_id` (plus the payment's
`pay_sequence_no`) is shared between a payment and its reversal. The key is therefore
`order_id` for the first payment and `order_id-N` for rebill N ≥ 2 (each rebill is its own
conversion). Sequence numbers 0/1/absent all mean the first payment, so a reversal that omits
the number still finds the payment it reverses.

Times: `transaction_date`/`order_date_time` are "YYYY-MM-DD HH:MM:SS" without an offset;
Digistore24 documents them in the vendor's time zone, which we take to be Europe/Berlin
(Digistore24's own) for lack of any field saying otherwise.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import parse_qsl
from zoneinfo import ZoneInfo

from affiliate.tracking.events import ConversionEvent, WebhookError
from affiliate.tracking.networks.base import (
    Acknowledgement,
    RawDelivery,
    ReadDelivery,
    Unauthorized,
    WebhookSecrets,
)

NETWORK = "digistore24"
SIGNATURE_FIELDS = ("sha_sign", "SHASIGN")
MAX_BODY_BYTES = 1_000_000
MAX_FIELDS = 1000
MAX_ID = 255
VENDOR_TIME_ZONE = ZoneInfo("Europe/Berlin")
AMOUNT_TEXT = re.compile(r"-?[0-9]{1,12}(\.[0-9]{1,10})?")
SEQUENCE_TEXT = re.compile(r"[0-9]{1,6}")
CENT = Decimal("0.01")

# Events not listed (last_paid_day, on_affiliation, …) are stored and acknowledged, no event.
EVENT_STATUS: dict[str, str | None] = {
    "on_payment": "approved",
    "on_refund": "refunded",
    "on_chargeback": "chargeback",
    "on_payment_missed": None,  # recorded in the history, changes no status
    "on_rebill_cancelled": None,
    "on_rebill_resumed": None,
}
TEST_EVENT = "connection_test"


class Digistore24Webhook:
    network = NETWORK
    secret_query_params: frozenset[str] = frozenset()
    secret_headers: frozenset[str] = frozenset()

    def verify(self, raw: RawDelivery, secrets: WebhookSecrets) -> None:
        passphrase = secrets.digistore24_ipn_passphrase
        if not passphrase:
            raise Unauthorized("no Digistore24 IPN passphrase configured: set it to accept IPNs")
        try:
            params = parse_form(raw.body)
        except WebhookError as exc:
            raise Unauthorized(f"cannot check sha_sign: {exc}") from None
        received = next((params[f] for f in SIGNATURE_FIELDS if params.get(f)), "")
        if not received:
            raise Unauthorized("IPN has no sha_sign")
        expected = sha_sign(params, passphrase)
        if not hmac.compare_digest(expected.encode(), received.upper().encode()):
            raise Unauthorized("sha_sign does not match: wrong passphrase or altered IPN")

    def read(self, raw: RawDelivery, secrets: WebhookSecrets) -> ReadDelivery:
        return read_ipn(parse_form(raw.body))

    def acknowledgement(self) -> Acknowledgement:
        return Acknowledgement(content_type="text/plain", body=b"OK")


def parse_form(body: bytes) -> dict[str, str]:
    """The form's fields, the last of a repeated key winning (as PHP's $_POST does)."""
    if len(body) > MAX_BODY_BYTES:
        raise WebhookError(f"body is larger than {MAX_BODY_BYTES} bytes")
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, errors="strict", max_num_fields=MAX_FIELDS)
    except UnicodeDecodeError as exc:
        raise WebhookError(f"body is not UTF-8: {exc}") from None
    except ValueError as exc:
        raise WebhookError(f"body is not a form: {exc}") from None
    return dict(pairs)


def sha_sign(params: dict[str, str], passphrase: str) -> str:
    """Digistore24's signature of an IPN's fields (upper-case hex SHA-512)."""
    signed = "".join(
        f"{key}={params[key]}{passphrase}"
        for key in sorted(params, key=lambda k: k.encode())
        if key not in SIGNATURE_FIELDS and params[key] != ""
    )
    return hashlib.sha512(signed.encode()).hexdigest().upper()


def read_ipn(params: dict[str, str]) -> ReadDelivery:
    event_type = _required(params, "event", limit=64)
    order_id = _text(params, "order_id")
    transaction_id = _text(params, "transaction_id")
    sequence = params.get("pay_sequence_no", "")
    if sequence and not SEQUENCE_TEXT.fullmatch(sequence):
        raise WebhookError(f"pay_sequence_no {sequence[:40]!r} is not a number")
    delivery_key = f"{event_type}:{transaction_id or order_id or ''}:{sequence}"
    if event_type == TEST_EVENT:
        return ReadDelivery(delivery_key=delivery_key, event_type=event_type, test=True)
    if event_type not in EVENT_STATUS:
        return ReadDelivery(delivery_key=delivery_key, event_type=event_type)
    if order_id is None:
        raise WebhookError(f"{event_type} IPN has no order_id")
    status = EVENT_STATUS[event_type]
    occurred_at = _time(params)
    commission = _money(params, "amount_affiliate")
    sale = _money(params, "amount_brutto")
    event = ConversionEvent(
        network=NETWORK,
        event_id=delivery_key,
        event_type=event_type,
        transaction_id=conversion_key(order_id, sequence),
        status=status,
        sale_amount=sale,
        commission_amount=commission,
        currency=_currency(params.get("currency", ""), commission or sale),
        occurred_at=occurred_at,
        approved_at=occurred_at if status == "approved" else None,
        click_id=_click_id(params),
        network_product_id=_text(params, "product_id"),
    )
    return ReadDelivery(delivery_key=delivery_key, event_type=event_type, events=(event,))


def conversion_key(order_id: str, pay_sequence_no: str) -> str:
    """The order for its first payment, `order-N` for rebill N (see the module docstring)."""
    if pay_sequence_no and int(pay_sequence_no) > 1:
        return f"{order_id}-{int(pay_sequence_no)}"
    return order_id


def _required(params: dict[str, str], field: str, *, limit: int = MAX_ID) -> str:
    value = _text(params, field, limit=limit)
    if value is None:
        raise WebhookError(f"'{field}' is missing")
    return value


def _text(params: dict[str, str], field: str, *, limit: int = MAX_ID) -> str | None:
    value = params.get(field, "")
    if len(value) > limit:
        raise WebhookError(f"'{field}' is longer than {limit} characters")
    return value or None


def _money(params: dict[str, str], field: str) -> Decimal:
    """Absolute value in cents: reversals may be reported negative."""
    value = params.get(field, "").strip()
    if not value:
        return Decimal("0.00")
    if not AMOUNT_TEXT.fullmatch(value):
        raise WebhookError(f"'{field}' {value[:40]!r} is not a decimal amount")
    return abs(Decimal(value)).quantize(CENT)


def _currency(value: str, amount: Decimal) -> str:
    if not value:
        if amount:
            raise WebhookError("'currency' is missing but the IPN carries amounts")
        return "EUR"  # no money moves: Digistore24's home currency, only a placeholder
    if len(value) != 3 or not value.isascii() or not value.isalpha():
        raise WebhookError(f"currency {value[:40]!r} is not a 3-letter code")
    return value.upper()


def _click_id(params: dict[str, str]) -> str | None:
    """Our click id is what we put in `cid`; older links used trackingkey/campaignkey."""
    for field in ("cid", "trackingkey", "campaignkey"):
        value = _text(params, field)
        if value:
            return value
    return None


def _time(params: dict[str, str]) -> datetime:
    # transaction_date first: for a refund it is the refund's time, order_date_time the sale's.
    for field in ("transaction_date", "order_date_time"):
        value = params.get(field, "")
        if not value:
            continue
        try:
            local = datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            raise WebhookError(f"'{field}' {value[:40]!r} is not YYYY-MM-DD HH:MM:SS") from None
        return local.replace(tzinfo=VENDOR_TIME_ZONE).astimezone(UTC)
    return datetime.now(UTC)
