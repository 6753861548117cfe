"""ClickBank Instant Notification (INS) v6+: decrypt the body and read it into a ConversionEvent.

The body is `{"notification": base64, "iv": base64}`, AES-256-CBC under a key derived from the
account's secret key. Decrypting *is* the authentication: a body that does not decrypt under
our key into a JSON object is refused by `read` (WebhookError, kept for inspection).

Commission: ClickBank reports `totalAccountAmount`, the amount for the account the notification
is addressed to. When `role` is AFFILIATE that is our commission; for any other role (VENDOR,
JV_JOINT_VENTURER, …) the notification is about someone else's money, so our commission is 0.
Refunds and chargebacks carry negative amounts: we store absolute values, and the status
machine reverses the original conversion.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from affiliate.tracking.events import ConversionEvent, WebhookError
from affiliate.tracking.networks.base import (
    Acknowledgement,
    RawDelivery,
    ReadDelivery,
    Unauthorized,
    WebhookSecrets,
)

NETWORK = "clickbank"
MAX_BODY_BYTES = 1_000_000
MAX_ID = 255
MAX_AMOUNT = Decimal("1e12")
CENT = Decimal("0.01")
AMOUNT_TEXT = re.compile(r"-?[0-9]{1,13}(\.[0-9]{1,10})?")
# Control characters and space: what ClickBank's PHP sample trims ("\0..\32") after decrypting.
TRIMMED = bytes(range(33))

# Every TEST* type (TEST, TEST_SALE, TEST_BILL, TEST_RFND, …) is a test notification.
# Types not listed (e.g. ABANDONED_ORDER) are stored and acknowledged without an event.
TRANSACTION_STATUS: dict[str, str | None] = {
    "SALE": "approved",
    "BILL": "approved",
    "RFND": "refunded",
    "CGBK": "chargeback",
    "INSF": None,  # eCheck bounced: recorded in the history, changes no status
    "CANCEL-REBILL": None,
    "UNCANCEL-REBILL": None,
}


class ClickBankWebhook:
    network = NETWORK
    secret_query_params: frozenset[str] = frozenset()
    secret_headers: frozenset[str] = frozenset()

    def verify(self, raw: RawDelivery, secrets: WebhookSecrets) -> None:
        # The body authenticates itself by decrypting (in `read`); without a key nothing can.
        if not secrets.clickbank_secret_key:
            raise Unauthorized("no ClickBank secret key configured: set CLICKBANK_SECRET_KEY")

    def read(self, raw: RawDelivery, secrets: WebhookSecrets) -> ReadDelivery:
        if not secrets.clickbank_secret_key:
            raise WebhookError("no ClickBank secret key configured: cannot decrypt")
        payload = decrypt_notification(raw.body, secrets.clickbank_secret_key)
        return read_notification(payload)

    def acknowledgement(self) -> Acknowledgement:
        return Acknowledgement()


def notification_key(secret_key: str) -> bytes:
    """ClickBank's AES key: the first 32 hex digits of SHA-1(secret key), as ASCII bytes."""
    return hashlib.sha1(secret_key.encode()).hexdigest()[:32].encode("ascii")


def decrypt_notification(body: bytes, secret_key: str) -> dict[str, Any]:
    """The decrypted notification as a dict (numbers as Decimal); WebhookError if it is not one."""
    if len(body) > MAX_BODY_BYTES:
        raise WebhookError(f"body is larger than {MAX_BODY_BYTES} bytes")
    envelope = _load_json(body, "body")
    ciphertext = _b64(envelope.get("notification"), "notification")
    iv = _b64(envelope.get("iv"), "iv")
    if len(iv) != 16:
        raise WebhookError(f"iv must decode to 16 bytes, got {len(iv)}")
    if not ciphertext or len(ciphertext) % 16:
        raise WebhookError("notification is not a whole number of AES blocks")
    decryptor = Cipher(algorithms.AES(notification_key(secret_key)), modes.CBC(iv)).decryptor()
    padded = decryptor.update(ciphertext) + decryptor.finalize()
    plaintext = _unpad(padded).strip(TRIMMED)
    try:
        plaintext.decode("utf-8")
    except UnicodeDecodeError:
        raise WebhookError("notification does not decrypt to UTF-8: wrong secret key?") from None
    return _load_json(plaintext, "decrypted notification")


def _unpad(padded: bytes) -> bytes:
    """Strip PKCS#7 padding; ClickBank's own samples also accept NUL/space padding."""
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError:
        return padded  # the caller trims NUL and whitespace, as ClickBank's PHP sample does


def _load_json(data: bytes, what: str) -> dict[str, Any]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WebhookError(f"{what} is not UTF-8: {exc}") from None
    try:
        value = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        raise WebhookError(f"{what} is not JSON: {exc}") from None
    if not isinstance(value, dict):
        raise WebhookError(f"{what} must be a JSON object")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _b64(value: Any, field: str) -> bytes:
    if not isinstance(value, str) or not value:
        raise WebhookError(f"'{field}' must be a non-empty base64 string")
    try:
        return base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise WebhookError(f"'{field}' is not valid base64: {exc}") from None


def read_notification(payload: dict[str, Any]) -> ReadDelivery:
    """Read a decrypted notification: a test, an event, or a type we store without an event."""
    transaction_type = _required(payload, "transactionType", limit=64)
    time_text = _required(payload, "transactionTime", limit=64)
    receipt = _text(payload, "receipt")
    # Retries are re-encrypted with a new IV, so the dedupe key comes from the content.
    delivery_key = f"{receipt or ''}:{transaction_type}:{time_text}"
    if transaction_type.startswith("TEST"):
        return ReadDelivery(delivery_key=delivery_key, event_type=transaction_type, test=True)
    if transaction_type not in TRANSACTION_STATUS:
        return ReadDelivery(delivery_key=delivery_key, event_type=transaction_type)
    if receipt is None:
        raise WebhookError(f"{transaction_type} notification has no 'receipt'")
    occurred_at = _time(time_text)
    status = TRANSACTION_STATUS[transaction_type]
    role = _required(payload, "role", limit=64)
    _text(payload, "vendor")
    _text(payload, "affiliate")
    account_amount = _money(payload.get("totalAccountAmount"), "totalAccountAmount")
    event = ConversionEvent(
        network=NETWORK,
        event_id=delivery_key,
        event_type=transaction_type,
        transaction_id=receipt,
        status=status,
        sale_amount=_money(payload.get("totalOrderAmount"), "totalOrderAmount"),
        commission_amount=account_amount if role == "AFFILIATE" else Decimal("0.00"),
        currency=_currency(payload.get("currency")),
        occurred_at=occurred_at,
        approved_at=occurred_at if status == "approved" else None,
        click_id=_click_id(payload),
        network_product_id=_product_id(payload.get("lineItems")),
    )
    return ReadDelivery(delivery_key=delivery_key, event_type=transaction_type, events=(event,))


def _required(payload: dict[str, Any], field: str, *, limit: int = MAX_ID) -> str:
    value = _text(payload, field, limit=limit)
    if value is None:
        raise WebhookError(f"'{field}' is missing")
    return value


def _text(payload: dict[str, Any], field: str, *, limit: int = MAX_ID) -> str | None:
    value = payload.get(field)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise WebhookError(f"'{field}' must be a string, got {type(value).__name__}")
    if len(value) > limit:
        raise WebhookError(f"'{field}' is longer than {limit} characters")
    return value


def _time(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise WebhookError(f"transactionTime {value!r} is not ISO 8601") from None
    if moment.tzinfo is None:
        raise WebhookError(f"transactionTime {value!r} has no UTC offset")
    return moment.astimezone(UTC)


def _money(value: Any, field: str) -> Decimal:
    """Absolute value in cents: refunds and chargebacks arrive negative."""
    if value is None:
        return Decimal("0.00")
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise WebhookError(f"'{field}' must be a number, got {type(value).__name__}")
    if isinstance(value, str) and not AMOUNT_TEXT.fullmatch(value):
        raise WebhookError(f"'{field}' {value[:40]!r} is not a decimal amount")
    amount = Decimal(value)
    if not amount.is_finite() or abs(amount) >= MAX_AMOUNT:
        raise WebhookError(f"'{field}' {value!r} is not a plausible amount")
    return abs(amount).quantize(CENT)


def _currency(value: Any) -> str:
    if value is None:
        return "USD"  # ClickBank's account currency when a notification omits it
    if not isinstance(value, str) or len(value) != 3 or not value.isascii() or not value.isalpha():
        raise WebhookError(f"currency {value!r} is not a 3-letter code")
    return value.upper()


def _click_id(payload: dict[str, Any]) -> str | None:
    """Our click id: the `tid` we put on the hoplink, echoed in v8's tracking parameters
    (or `extclid`), else the first of the legacy `trackingCodes`."""
    params = payload.get("affiliateTrackingParameters")
    if params is not None and not isinstance(params, dict):
        raise WebhookError("'affiliateTrackingParameters' must be an object")
    codes = payload.get("trackingCodes")
    if codes is not None and not isinstance(codes, list):
        raise WebhookError("'trackingCodes' must be a list of strings")
    candidates = [(params or {}).get("tid"), *(codes or [])[:1], (params or {}).get("extclid")]
    for value in candidates:
        if value is None or value == "":
            continue
        if not isinstance(value, str) or len(value) > MAX_ID:
            raise WebhookError(f"tracking code {str(value)[:40]!r} is not a string of ≤ 255")
        return value
    return None


def _product_id(items: Any) -> str | None:
    if items is None:
        return None
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise WebhookError("'lineItems' must be a list of objects")
    if not items:
        return None
    item_no = items[0].get("itemNo")
    if isinstance(item_no, int) and not isinstance(item_no, bool):
        item_no = str(item_no)
    return _text({"lineItems[0].itemNo": item_no}, "lineItems[0].itemNo")
