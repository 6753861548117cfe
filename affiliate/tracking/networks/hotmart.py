"""Hotmart webhooks, version 2.0.0: verify the hottok and read an envelope into a ConversionEvent.

The affiliate's money is the `data.commissions[]` entry whose `source` is AFFILIATE — not
`commissions[0]`, which is the marketplace's fee (a bug of the seed system).
"""

from __future__ import annotations

import hmac
import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import orjson

from affiliate.tracking.events import ConversionEvent, WebhookError
from affiliate.tracking.networks.base import (
    Acknowledgement,
    RawDelivery,
    ReadDelivery,
    Unauthorized,
    WebhookSecrets,
)

NETWORK = "hotmart"
HOTTOK_HEADER = "X-HOTMART-HOTTOK"
CENT = Decimal("0.01")
AMOUNT_LIMIT = Decimal("1e12")  # no single sale or commission is this large

# Events not listed (PURCHASE_PROTEST, a buyer's dispute; SUBSCRIPTION_*; …) are stored and
# kept in the conversion's history without changing its status.
EVENT_STATUS = {
    "PURCHASE_APPROVED": "approved",
    "PURCHASE_COMPLETE": "approved",
    "PURCHASE_REFUNDED": "refunded",
    "PURCHASE_CHARGEBACK": "chargeback",
    "PURCHASE_CANCELED": "cancelled",
    "PURCHASE_EXPIRED": "cancelled",
    "PURCHASE_DELAYED": "pending",
    "PURCHASE_BILLET_PRINTED": "pending",
}


class HotmartWebhook:
    network = NETWORK
    secret_query_params: frozenset[str] = frozenset()
    secret_headers = frozenset({HOTTOK_HEADER.lower()})

    def verify(self, raw: RawDelivery, secrets: WebhookSecrets) -> None:
        if not hottok_matches(raw.headers.get(HOTTOK_HEADER.lower()), secrets.hotmart_hottok):
            raise Unauthorized(f"missing or wrong {HOTTOK_HEADER} header")

    def read(self, raw: RawDelivery, secrets: WebhookSecrets) -> ReadDelivery:
        envelope = load_envelope(raw.body)
        event_type = str(envelope.get("event") or "")
        data = envelope.get("data")
        if not isinstance(data, dict) or not isinstance(data.get("purchase"), dict):
            # Not a purchase event (e.g. a club or subscription notice): kept, changes nothing.
            return ReadDelivery(delivery_key=str(envelope["id"]), event_type=event_type)
        try:
            event = parse_event(envelope)
        except (TypeError, ValueError, ArithmeticError, AttributeError) as exc:
            raise WebhookError(f"event {envelope['id']}: unreadable field ({exc})") from None
        return ReadDelivery(delivery_key=event.event_id, event_type=event_type, events=(event,))

    def acknowledgement(self) -> Acknowledgement:
        return Acknowledgement()


# One decoder for every delivery: json.loads with parse_float builds a new one per call.
_DECODER = json.JSONDecoder(parse_float=Decimal)
# Digits and dots all read as "9": a run of 16 of them is a number orjson's float may not
# hold exactly (15 significant digits always survive a round trip through a double).
_NUMBER_CHARS_AS_9 = bytes.maketrans(b"0123456789.", b"9" * 11)
_LONG_NUMBER = b"9" * 16


def hottok_matches(received: str | None, expected: str) -> bool:
    """Constant-time comparison, so the token cannot be guessed byte by byte from timings."""
    if not received or not expected:
        return False
    return hmac.compare_digest(received.encode(), expected.encode())


def load_envelope(body: bytes) -> dict[str, Any]:
    """Parse the body as JSON (numbers as Decimal) and check it is an envelope with an id."""
    envelope = _decode(body)
    if not isinstance(envelope, dict):
        raise WebhookError("body must be a JSON object (a Hotmart 2.0.0 envelope)")
    if not isinstance(envelope.get("id"), (str, int)) or not str(envelope["id"]).strip():
        raise WebhookError("envelope has no 'id'; Hotmart 2.0.0 deliveries always carry one")
    if len(str(envelope["id"])) > 255:
        raise WebhookError("envelope 'id' is longer than 255 characters")
    return envelope


def _decode(body: bytes) -> Any:
    """orjson where it reads the body exactly (about a third of the json module's cost per
    delivery, measured), the json module otherwise: numbers too long for a double (read as
    Decimal there), and anything orjson refuses, so that both accept the same bodies.

    orjson reads fractions as floats; `_money` turns them into the Decimal of their shortest
    repr, which is the literal's own value whenever it had at most 15 significant digits."""
    if _LONG_NUMBER not in body.translate(_NUMBER_CHARS_AS_9):
        try:
            return orjson.loads(body)
        except orjson.JSONDecodeError:
            pass
    try:
        return _DECODER.decode(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WebhookError(f"body is not valid JSON: {exc}") from None


def parse_event(envelope: dict[str, Any]) -> ConversionEvent:
    """Read a stored envelope into a ConversionEvent; unknown events get status None."""
    event_type = str(envelope.get("event") or "")
    data = envelope.get("data") or {}
    purchase = data.get("purchase") or {}
    transaction = purchase.get("transaction")
    if not isinstance(transaction, (str, int)) or not str(transaction).strip():
        raise WebhookError(f"event {envelope['id']} has no data.purchase.transaction")
    if len(str(transaction)) > 255:
        raise WebhookError(f"event {envelope['id']}: transaction longer than 255 characters")
    price = purchase.get("price") or {}
    tracking = purchase.get("tracking") or {}
    return ConversionEvent(
        network=NETWORK,
        event_id=str(envelope["id"]),
        event_type=event_type,
        transaction_id=str(transaction),
        status=EVENT_STATUS.get(event_type),
        sale_amount=_money(price.get("value")),
        commission_amount=affiliate_commission(data.get("commissions") or []),
        currency=str(price.get("currency_value") or "USD"),
        occurred_at=_from_millis(envelope.get("creation_date")) or datetime.now(UTC),
        approved_at=_from_millis(purchase.get("approved_date")),
        click_id=_click_id(tracking),
        network_product_id=_text((data.get("product") or {}).get("id")),
    )


def _click_id(tracking: Any) -> str | None:
    """Our click id, echoed back from the `sck` we put on the link (or `xcod`, or `src`,
    which affiliates also use for their own labels, hence last)."""
    if not isinstance(tracking, dict):
        return None
    for key in ("source_sck", "external_code", "source"):
        value = tracking.get(key)
        if isinstance(value, str) and 0 < len(value) <= 64:
            return value
    return None


def affiliate_commission(commissions: list[dict[str, Any]]) -> Decimal:
    for entry in commissions:
        if str(entry.get("source", "")).upper() == "AFFILIATE":
            return _money(entry.get("value"))
    return Decimal("0.00")


def _money(value: Any) -> Decimal:
    if value is None:
        return Decimal("0.00")
    if isinstance(value, float):  # from orjson, whose floats hold the literal (`_decode`)
        amount = Decimal(repr(value))
    elif isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise WebhookError(f"amount {value!r} is not a number")
    else:
        amount = Decimal(str(value))
    if not amount.is_finite() or abs(amount) >= AMOUNT_LIMIT:
        raise WebhookError(f"amount {value!r} is not a plausible amount")
    return amount.quantize(CENT)


def _from_millis(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        return datetime.fromtimestamp(int(value) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        raise WebhookError(f"time {value!r} is not epoch milliseconds") from None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
