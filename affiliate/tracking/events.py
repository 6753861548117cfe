"""The normalised conversion event every network's webhook parser produces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


class WebhookError(ValueError):
    """A delivery that cannot be read; the message says what is wrong with it."""


@dataclass(frozen=True)
class ConversionEvent:
    network: str
    event_id: str
    event_type: str
    transaction_id: str
    # pending, approved, cancelled, refunded or chargeback (see status_machine); None: an event
    # recorded in the conversion's history that changes nothing (a buyer's dispute, …)
    status: str | None
    sale_amount: Decimal
    commission_amount: Decimal
    currency: str
    occurred_at: datetime  # when the network says this event happened
    approved_at: datetime | None
    click_id: str | None
    network_product_id: str | None
