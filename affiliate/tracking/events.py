"""The normalised conversion event every network's webhook parser produces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

# What a conversion's status may become, and which wins when events arrive out of order:
# a refund or chargeback is final, an approval beats a pending sale.
STATUS_PRECEDENCE = {"pending": 0, "cancelled": 1, "approved": 2, "refunded": 3, "chargeback": 4}


class WebhookError(ValueError):
    """A delivery that cannot be read; the message says what is wrong with it."""


@dataclass(frozen=True)
class ConversionEvent:
    network: str
    event_id: str
    event_type: str
    transaction_id: str
    status: str | None  # None: an event we store but that does not change a conversion
    sale_amount: Decimal
    commission_amount: Decimal
    currency: str
    occurred_at: datetime  # when the network says this event happened
    approved_at: datetime | None
    click_id: str | None
    network_product_id: str | None


def wins_over(new_status: str, current_status: str) -> bool:
    """True when `new_status` should replace `current_status`."""
    return STATUS_PRECEDENCE.get(new_status, 0) > STATUS_PRECEDENCE.get(current_status, 0)
