"""The wire formats the sandbox network can notify a sale in, by name.

A format writes one sale event (its approval, or its refund) as a plaintext notification,
then a plaintext as the HTTP body of one delivery attempt:
- "clickbank" (the default: the sandbox's products are ClickBank marketplace products):
  ClickBank Instant Notification v8, SALE / RFND for the AFFILIATE role, times in Mountain
  Time as ClickBank sends them, AES-256-CBC under the account's secret key. Each attempt is
  encrypted with its own IV, as ClickBank's retries are, so a redelivery has a different body
  and the same content. The IV comes from (seed, receipt, type, attempt): the sandbox stays
  deterministic;
- "hotmart": Hotmart webhook 2.0.0 with the hottok header; a redelivery is byte-identical.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, Protocol
from zoneinfo import ZoneInfo

from affiliate.sandbox.hotmart import hotmart_envelope
from affiliate.sandbox.network_store import Sale
from affiliate.sandbox.seeding import hash_int
from affiliate.sandbox.wire.clickbank_ins import encrypt_notification, ins_payload

FormatName = Literal["clickbank", "hotmart"]
EventKind = Literal["approved", "refunded"]
Payload = dict[str, Any]
CLICKBANK_TIME_ZONE = ZoneInfo("America/Denver")  # ClickBank writes transactionTime in MT


class NotificationFormat(Protocol):
    name: str
    secret_field: str  # the postback request's field that carries this format's secret

    def headers(self, secret: str) -> dict[str, str]: ...

    def notification(self, seed: int, sale: Sale, kind: EventKind, at: dt.datetime) -> Payload:
        """The plaintext of one event; the same arguments give the same plaintext."""

    def body(self, seed: int, payload: Payload, secret: str, attempt: int) -> bytes:
        """The bytes POSTed on delivery attempt `attempt` (1, 2, …) of `payload`."""


@dataclass(frozen=True)
class ClickBankFormat:
    name: str = "clickbank"
    secret_field: str = "secret_key"

    def headers(self, secret: str) -> dict[str, str]:
        return {"Content-Type": "application/json"}  # the encryption is the authentication

    def notification(self, seed: int, sale: Sale, kind: EventKind, at: dt.datetime) -> Payload:
        sign = Decimal(1) if kind == "approved" else Decimal(-1)  # refunds arrive negative
        payload = ins_payload(
            receipt=sale.transaction,
            transaction_type="SALE" if kind == "approved" else "RFND",
            transaction_time=at.astimezone(CLICKBANK_TIME_ZONE).isoformat(timespec="seconds"),
            account_amount=sign * sale.commissions.affiliate,
            order_amount=sign * sale.price,
            tid=sale.click_id,
            item_no=sale.product.id,
            vendor=sale.product.id.lower(),
        )
        payload["lineItems"][0]["productTitle"] = sale.product.title
        return payload

    def body(self, seed: int, payload: Payload, secret: str, attempt: int) -> bytes:
        keys = ("iv", payload["receipt"], payload["transactionType"], attempt)
        iv = b"".join(hash_int(seed, *keys, half).to_bytes(8, "big") for half in (0, 1))
        return encrypt_notification(payload, secret, iv=iv)


@dataclass(frozen=True)
class HotmartFormat:
    name: str = "hotmart"
    secret_field: str = "hottok"

    def headers(self, secret: str) -> dict[str, str]:
        return {"X-HOTMART-HOTTOK": secret, "Content-Type": "application/json"}

    def notification(self, seed: int, sale: Sale, kind: EventKind, at: dt.datetime) -> Payload:
        event = "PURCHASE_APPROVED" if kind == "approved" else "PURCHASE_REFUNDED"
        return hotmart_envelope(seed, sale, event, at)

    def body(self, seed: int, payload: Payload, secret: str, attempt: int) -> bytes:
        return json.dumps(payload).encode()  # receivers dedupe a retry by its envelope `id`


FORMATS: dict[str, NotificationFormat] = {
    "clickbank": ClickBankFormat(),
    "hotmart": HotmartFormat(),
}
