"""Hotmart 2.0.0 envelopes for tests, shaped like Hotmart's documented examples."""

from __future__ import annotations

import json
import uuid


def envelope(
    event: str = "PURCHASE_APPROVED",
    *,
    transaction: str = "HP0001",
    click_id: str | None = "click-1",
    price: str = "97.00",
    affiliate: str = "48.50",
    event_id: str | None = None,
    creation_ms: int = 1_764_000_000_000,
    approved_ms: int = 1_764_000_000_000,
) -> dict:
    marketplace = "9.70"
    producer = str(float(price) - float(affiliate) - float(marketplace))
    return {
        "id": event_id or str(uuid.uuid4()),
        "creation_date": creation_ms,
        "event": event,
        "version": "2.0.0",
        "data": {
            "product": {"id": 1234, "ucode": str(uuid.uuid4()), "name": "Keto Plan"},
            # The marketplace fee comes first on purpose: it is not the affiliate's money.
            "commissions": [
                {"value": float(marketplace), "source": "MARKETPLACE", "currency_value": "USD"},
                {"value": float(producer), "source": "PRODUCER", "currency_value": "USD"},
                {"value": float(affiliate), "source": "AFFILIATE", "currency_value": "USD"},
            ],
            "purchase": {
                "approved_date": approved_ms,
                "status": "APPROVED" if event == "PURCHASE_APPROVED" else "REFUNDED",
                "transaction": transaction,
                "price": {"value": float(price), "currency_value": "USD"},
                "tracking": {"source_sck": click_id, "source": "sandbox"},
            },
        },
    }


def body(**kw) -> bytes:
    return json.dumps(envelope(**kw)).encode()
