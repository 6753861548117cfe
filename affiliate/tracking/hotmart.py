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

from affiliate.tracking.events import ConversionEvent, WebhookError

NETWORK = "hotmart"
HOTTOK_HEADER = "X-HOTMART-HOTTOK"

EVENT_STATUS = {
    "PURCHASE_APPROVED": "approved",
    "PURCHASE_COMPLETE": "approved",
    "PURCHASE_REFUNDED": "refunded",
    "PURCHASE_CHARGEBACK": "chargeback",
    "PURCHASE_CANCELED": "cancelled",
    "PURCHASE_EXPIRED": "cancelled",
}


def hottok_matches(received: str | None, expected: str) -> bool:
    """Constant-time comparison, so the token cannot be guessed byte by byte from timings."""
    if not received or not expected:
        return False
    return hmac.compare_digest(received.encode(), expected.encode())


def load_envelope(body: bytes) -> dict[str, Any]:
    """Parse the body as JSON (numbers as Decimal) and check it is an envelope with an id."""
    try:
        envelope = json.loads(body, parse_float=Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WebhookError(f"body is not valid JSON: {exc}") from None
    if not isinstance(envelope, dict):
        raise WebhookError("body must be a JSON object (a Hotmart 2.0.0 envelope)")
    if not envelope.get("id"):
        raise WebhookError("envelope has no 'id'; Hotmart 2.0.0 deliveries always carry one")
    return envelope


def parse_event(envelope: dict[str, Any]) -> ConversionEvent:
    """Read a stored envelope into a ConversionEvent; unknown events get status None."""
    event_type = str(envelope.get("event") or "")
    data = envelope.get("data") or {}
    purchase = data.get("purchase") or {}
    transaction = purchase.get("transaction")
    if not transaction:
        raise WebhookError(f"event {envelope['id']} has no data.purchase.transaction")
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
        click_id=tracking.get("source_sck") or tracking.get("external_code") or None,
        network_product_id=_text((data.get("product") or {}).get("id")),
    )


def affiliate_commission(commissions: list[dict[str, Any]]) -> Decimal:
    for entry in commissions:
        if str(entry.get("source", "")).upper() == "AFFILIATE":
            return _money(entry.get("value"))
    return Decimal("0.00")


def _money(value: Any) -> Decimal:
    if value is None:
        return Decimal("0.00")
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _from_millis(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    return datetime.fromtimestamp(int(value) / 1000, tz=UTC)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
