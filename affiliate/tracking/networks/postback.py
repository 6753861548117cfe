"""The generic S2S postback any other network can call: `/api/postback/{network}?clickid=&…`.

Parameters come in the query string or, for a POST, a form body (the body wins on conflict):
`clickid`, `txid`, `payout`, `status`, `currency`, `sale_amount`/`amount`, `ts`/`timestamp`,
and `secret`, compared in constant time with the network's entry in `postback_secrets`.
`secret` is dropped from the stored query, so `read` never needs it.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import parse_qsl

from affiliate.tracking.events import ConversionEvent, WebhookError
from affiliate.tracking.networks.base import (
    Acknowledgement,
    RawDelivery,
    ReadDelivery,
    Unauthorized,
    WebhookSecrets,
)

SECRET_PARAM = "secret"
MAX_BODY_BYTES = 100_000
MAX_FIELDS = 200
MAX_ID = 255
AMOUNT_TEXT = re.compile(r"[0-9]{1,12}(\.[0-9]{1,10})?")
UNIX_SECONDS = re.compile(r"[0-9]{1,11}(\.[0-9]{1,6})?")
CENT = Decimal("0.01")

# What networks commonly send in `status`, lower-cased; anything else is refused.
STATUS_WORDS: dict[str, str] = {
    "": "approved",
    "1": "approved",
    "approved": "approved",
    "approve": "approved",
    "sale": "approved",
    "pending": "pending",
    "hold": "pending",
    "rejected": "cancelled",
    "declined": "cancelled",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "reversed": "cancelled",
    "refund": "refunded",
    "refunded": "refunded",
    "chargeback": "chargeback",
}


class PostbackWebhook:
    """One instance per network name: the same wire format, each with its own secret."""

    secret_query_params = frozenset({SECRET_PARAM})
    secret_headers: frozenset[str] = frozenset()

    def __init__(self, network: str) -> None:
        self.network = network

    def verify(self, raw: RawDelivery, secrets: WebhookSecrets) -> None:
        expected = secrets.postback_secrets.get(self.network, "")
        if not expected:
            raise Unauthorized(f"no postback secret configured for network {self.network!r}")
        try:
            received = postback_params(raw).get(SECRET_PARAM, "")
        except WebhookError as exc:
            raise Unauthorized(f"cannot check the secret: {exc}") from None
        if not received or not hmac.compare_digest(received.encode(), expected.encode()):
            raise Unauthorized("missing or wrong 'secret' parameter")

    def read(self, raw: RawDelivery, secrets: WebhookSecrets) -> ReadDelivery:
        return read_postback(self.network, postback_params(raw))

    def acknowledgement(self) -> Acknowledgement:
        return Acknowledgement()


def postback_params(raw: RawDelivery) -> dict[str, str]:
    """Query parameters, overlaid by a POST's form fields."""
    params = {str(k): str(v) for k, v in raw.query.items()}
    if raw.method.upper() == "POST" and raw.body:
        if len(raw.body) > MAX_BODY_BYTES:
            raise WebhookError(f"body is larger than {MAX_BODY_BYTES} bytes")
        try:
            text = raw.body.decode("utf-8")
            pairs = parse_qsl(
                text, keep_blank_values=True, errors="strict", max_num_fields=MAX_FIELDS
            )
        except UnicodeDecodeError as exc:
            raise WebhookError(f"body is not UTF-8: {exc}") from None
        except ValueError as exc:
            raise WebhookError(f"body is not a form: {exc}") from None
        params.update(pairs)
    return params


def read_postback(network: str, params: Mapping[str, str]) -> ReadDelivery:
    txid = _text(params, "txid")
    if txid is None:
        raise WebhookError("'txid' is missing: the network's transaction id is required")
    status_word = params.get("status", "").strip().lower()
    if status_word not in STATUS_WORDS:
        raise WebhookError(
            f"status {status_word[:40]!r} is not one of {sorted(w for w in STATUS_WORDS if w)}"
        )
    status = STATUS_WORDS[status_word]
    occurred_at = _time(params)
    delivery_key = f"{txid}:{status_word}"
    event = ConversionEvent(
        network=network,
        event_id=delivery_key,
        event_type=status_word or status,
        transaction_id=txid,
        status=status,
        sale_amount=_money(params, "sale_amount", "amount"),
        commission_amount=_money(params, "payout"),
        currency=_currency(params.get("currency", "")),
        occurred_at=occurred_at,
        approved_at=occurred_at if status == "approved" else None,
        click_id=_text(params, "clickid"),
        network_product_id=None,
    )
    return ReadDelivery(delivery_key=delivery_key, event_type=event.event_type, events=(event,))


def _text(params: Mapping[str, str], field: str) -> str | None:
    value = params.get(field, "").strip()
    if len(value) > MAX_ID:
        raise WebhookError(f"'{field}' is longer than {MAX_ID} characters")
    return value or None


def _money(params: Mapping[str, str], *fields: str) -> Decimal:
    """The first field present, as a non-negative amount in cents (0 when none is)."""
    for field in fields:
        value = params.get(field, "").strip()
        if not value:
            continue
        if not AMOUNT_TEXT.fullmatch(value):
            raise WebhookError(f"'{field}' {value[:40]!r} is not a decimal amount ≥ 0")
        return Decimal(value).quantize(CENT)
    return Decimal("0.00")


def _currency(value: str) -> str:
    value = value.strip() or "USD"
    if len(value) != 3 or not value.isascii() or not value.isalpha():
        raise WebhookError(f"currency {value[:40]!r} is not a 3-letter code")
    return value.upper()


def _time(params: Mapping[str, str]) -> datetime:
    """`ts`/`timestamp` as unix seconds or ISO 8601 (no offset: UTC); absent: now."""
    for field in ("ts", "timestamp"):
        value = params.get(field, "").strip()
        if not value:
            continue
        if UNIX_SECONDS.fullmatch(value):
            try:
                return datetime.fromtimestamp(float(value), tz=UTC)
            except (OverflowError, OSError, ValueError):
                raise WebhookError(f"'{field}' {value!r} is out of range") from None
        try:
            if len(value) > 64:
                raise ValueError(value)
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise WebhookError(f"'{field}' {value[:40]!r} is not unix seconds or ISO") from None
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    return datetime.now(UTC)
