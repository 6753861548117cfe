"""Hotmart webhook (postback) 2.0.0 envelopes for sandbox sales.

Follows Hotmart's documented shape. Two details matter to receivers:
- `data.commissions` lists the MARKETPLACE fee first; the affiliate's share is the entry
  whose `source` is "AFFILIATE" — taking `commissions[0]` is the classic bug;
- money is a JSON number there (Hotmart's wire format), at most 2 decimals.
`data.product.id` is the sandbox's stable int (`SandboxProduct.network_id`), not the
ClickBank-feed Id; receivers attribute a sale by `purchase.tracking.source_sck` (the click id).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from affiliate.sandbox.network_store import Sale
from affiliate.sandbox.seeding import choice, hash_int, stable_uuid
from affiliate.sandbox.words import FIRST_NAMES, LAST_NAMES

HotmartEvent = Literal["PURCHASE_APPROVED", "PURCHASE_REFUNDED"]
SANDBOX_AFFILIATE = {"affiliate_code": "AFF123", "name": "Sandbox Affiliate"}
_STATUS = {"PURCHASE_APPROVED": "APPROVED", "PURCHASE_REFUNDED": "REFUNDED"}


def approved_at(seed: int, sale: Sale) -> dt.datetime:
    """Card approval a few minutes after the order, deterministic per transaction."""
    return sale.order_date + dt.timedelta(
        seconds=60 + hash_int(seed, "approve", sale.transaction) % 240
    )


def hotmart_envelope(
    seed: int, sale: Sale, event: HotmartEvent, created: dt.datetime
) -> dict[str, Any]:
    """One webhook body; its `id` is fixed by (seed, event, transaction)."""
    first = choice(seed, FIRST_NAMES, "buyer-first", sale.transaction)
    last = choice(seed, LAST_NAMES, "buyer-last", sale.transaction)
    number = hash_int(seed, "buyer-email", sale.transaction) % 10_000
    price = {"value": _number(sale.price), "currency_value": "USD"}
    split = sale.commissions
    return {
        "id": stable_uuid(seed, "event", event, sale.transaction),
        "creation_date": _epoch_ms(created),
        "event": event,
        "version": "2.0.0",
        "data": {
            "product": {
                "id": sale.product.network_id,
                "ucode": sale.product.ucode,
                "name": sale.product.title,
            },
            "affiliates": [dict(SANDBOX_AFFILIATE)],
            "buyer": {
                "email": f"{first}.{last}.{number:04d}@example.com".lower(),
                "name": f"{first} {last}",
            },
            "producer": {"name": sale.product.producer_name},
            "commissions": [
                {
                    "value": _number(split.marketplace),
                    "source": "MARKETPLACE",
                    "currency_value": "USD",
                },
                {"value": _number(split.producer), "source": "PRODUCER", "currency_value": "USD"},
                {"value": _number(split.affiliate), "source": "AFFILIATE", "currency_value": "USD"},
            ],
            "purchase": {
                "approved_date": _epoch_ms(approved_at(seed, sale)),
                "order_date": _epoch_ms(sale.order_date),
                "status": _STATUS[event],
                "transaction": sale.transaction,
                "price": price,
                "full_price": dict(price),
                "payment": {"type": "CREDIT_CARD", "installments_number": 1},
                "tracking": {
                    "source_sck": sale.click_id,
                    "source": "sandbox",
                    "external_code": sale.click_id,
                },
            },
        },
    }


def _number(amount: Decimal) -> float:
    """A cents amount as a JSON number; floats print 2-decimal values exactly (e.g. 24.3)."""
    return float(amount.quantize(Decimal("0.01")))


def _epoch_ms(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)
