"""A conversion's status as a fold over all its events, so arrival order never matters.

Networks retry, reorder and delay their webhooks: a refund can reach us before the approval it
reverses. So a conversion is never "updated by the latest event"; it is recomputed from every
event recorded for its (network, transaction id), sorted by the event's own time. Events at the
same instant go in lifecycle order (pending, cancelled, approved, refunded, chargeback), then by
the network's delivery id: nothing in the sort key depends on when a delivery reached us.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

STATUSES = ("pending", "cancelled", "approved", "refunded", "chargeback")
REVERSALS = frozenset({"refunded", "chargeback"})

# The only moves a status may make. Nothing returns to approved once reversed; a cancelled sale
# may still be approved (a late payment: an expired boleto paid after all); chargeback is final.
TRANSITIONS: dict[str, frozenset[str]] = {
    "pending": frozenset({"approved", "cancelled", "refunded", "chargeback"}),
    "approved": frozenset({"refunded", "chargeback"}),
    "cancelled": frozenset({"approved"}),
    "refunded": frozenset({"chargeback"}),
    "chargeback": frozenset(),
}
_LIFECYCLE_RANK = {None: 0, **{status: n for n, status in enumerate(STATUSES)}}


@dataclass(frozen=True)
class Step:
    """One event's effect: the status before and after it, and whether it moved the status."""

    before: str | None
    after: str
    applied: bool


def step(current: str | None, requested: str | None) -> Step:
    """Apply one requested status to the current one (None: no conversion status yet).

    An event that asks for nothing (requested None) or for the status already held is recorded
    without moving anything (applied False); so is a move the machine forbids.
    """
    if requested is not None and requested not in TRANSITIONS:
        raise ValueError(f"unknown conversion status {requested!r}; expected one of {STATUSES}")
    if requested is None:
        return Step(current, current or "pending", False)
    if current is None:
        return Step(None, requested, True)
    if requested in TRANSITIONS[current]:
        return Step(current, requested, True)
    return Step(current, current, False)


@dataclass(frozen=True)
class Recorded:
    """An event as the fold sees it. `key` identifies it to the caller (inbox id, event type)."""

    key: tuple
    status: str | None
    occurred_at: datetime
    approved_at: datetime | None
    sale_amount: Decimal
    commission_amount: Decimal
    currency: str
    delivery_id: str = ""  # the network's id for the delivery: the last, content-based tiebreak

    @property
    def sale_time(self) -> datetime:
        """When the sale happened as far as this event knows (a refund carries the approval)."""
        return min(self.occurred_at, self.approved_at) if self.approved_at else self.occurred_at


@dataclass(frozen=True)
class Folded:
    status: str
    sale_amount: Decimal
    commission_amount: Decimal
    currency: str
    conversion_date: datetime  # approval time of the latest applied approval, else first event
    refunded_at: datetime | None  # time of the applied reversal (refund or chargeback)
    sold_at: datetime  # the earliest time any event puts on the sale (for attribution windows)
    steps: dict[tuple, Step]


def order_key(event: Recorded) -> tuple:
    return (event.occurred_at, _LIFECYCLE_RANK[event.status], event.delivery_id, event.key)


def fold(events: Iterable[Recorded]) -> Folded:
    """The conversion that a set of events describes, whatever order they arrived in."""
    ordered = sorted(events, key=order_key)
    if not ordered:
        raise ValueError("a conversion needs at least one event")
    status: str | None = None
    steps: dict[tuple, Step] = {}
    approving: Recorded | None = None
    reversed_at: datetime | None = None
    for event in ordered:
        moved = step(status, event.status)
        steps[event.key] = moved
        status = moved.after
        if moved.applied and moved.after == "approved":
            approving = event
        if moved.applied and moved.after in REVERSALS and reversed_at is None:
            reversed_at = event.occurred_at
    source = approving or ordered[0]
    return Folded(
        status=status or "pending",
        sale_amount=source.sale_amount,
        commission_amount=source.commission_amount,
        currency=source.currency,
        conversion_date=(
            (approving.approved_at or approving.occurred_at)
            if approving
            else ordered[0].occurred_at
        ),
        refunded_at=reversed_at,
        sold_at=min(e.sale_time for e in ordered),
        steps=steps,
    )
