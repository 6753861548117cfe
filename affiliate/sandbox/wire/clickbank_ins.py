"""ClickBank Instant Notification v6+ as ClickBank sends it: a JSON body encrypted AES-256-CBC."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from decimal import Decimal
from typing import Any

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def ins_payload(
    *,
    receipt: str,
    transaction_type: str,
    transaction_time: str,
    account_amount: Decimal,
    order_amount: Decimal,
    currency: str = "USD",
    role: str = "AFFILIATE",
    tid: str | None = None,
    item_no: str = "1",
    vendor: str = "sandboxvendor",
    affiliate: str = "sandboxaffiliate",
) -> dict[str, Any]:
    """The plaintext of one notification, with the fields the parser reads (version 8.0)."""
    return {
        "transactionTime": transaction_time,
        "receipt": receipt,
        "transactionType": transaction_type,
        "vendor": vendor,
        "affiliate": affiliate,
        "role": role,
        "totalAccountAmount": account_amount,
        "totalOrderAmount": order_amount,
        "currency": currency,
        "trackingCodes": [tid] if tid else [],
        "affiliateTrackingParameters": {"tid": tid} if tid else {},
        "lineItems": [{"itemNo": item_no, "productTitle": "Sandbox product", "quantity": 1}],
        "version": 8.0,
        "attemptCount": 1,
    }


def encrypt_notification(
    payload: dict[str, Any], secret_key: str, iv: bytes | None = None
) -> bytes:
    """The JSON body ClickBank POSTs: `{"notification": b64(ciphertext), "iv": b64(iv)}`.

    Key: the first 32 hex digits of SHA-1(secret key) as ASCII; PKCS#7 padding; a fresh random
    IV per call unless one is given (ClickBank re-encrypts each retry with a new IV).
    """
    iv = os.urandom(16) if iv is None else iv
    key = hashlib.sha1(secret_key.encode()).hexdigest()[:32].encode("ascii")
    plaintext = json.dumps(payload, default=_json_number).encode()
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    ciphertext = encryptor.update(padded) + encryptor.finalize()
    body = {
        "notification": base64.b64encode(ciphertext).decode(),
        "iv": base64.b64encode(iv).decode(),
    }
    return json.dumps(body).encode()


def _json_number(value: Any) -> float:
    # ClickBank sends JSON numbers; a float's shortest repr writes cents exactly (< 15 digits).
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
