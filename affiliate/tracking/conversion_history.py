"""A conversion's history: every event that touched it, with what the status fold did with it.

The history is the source of truth for the conversion's state (the fold runs over all of it
again on each new event), so an event arriving late can change what later events did; their
recorded steps (status before/after, applied) are rewritten to match.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from affiliate.db.tables import conversion_events, webhook_inbox
from affiliate.tracking.events import ConversionEvent
from affiliate.tracking.status_machine import Recorded

_READ = (
    sa.select(conversion_events, webhook_inbox.c.event_id.label("delivery_id"))
    .join(webhook_inbox, webhook_inbox.c.id == conversion_events.c.inbox_id)
    .where(conversion_events.c.conversion_id == sa.bindparam("conversion_id"))
)
_RECORD_EVENTS = insert(conversion_events).on_conflict_do_nothing(
    constraint="conversion_events_inbox_event_key"
)
_RESTEP_EVENT = (
    sa.update(conversion_events)
    .where(
        conversion_events.c.inbox_id == sa.bindparam("k_inbox"),
        conversion_events.c.event_type == sa.bindparam("k_type"),
    )
    .values(
        status_before=sa.bindparam("before"),
        status_after=sa.bindparam("after"),
        applied=sa.bindparam("applied"),
    )
)


@dataclass(frozen=True)
class StoredEvent(Recorded):
    """A recorded event plus the (before, after, applied) the previous fold wrote for it."""

    stored_step: tuple = ()


def recorded(event: ConversionEvent, inbox_id: int, delivery_id: str) -> Recorded:
    return Recorded(
        key=(inbox_id, event.event_type),
        status=event.status,
        occurred_at=event.occurred_at,
        approved_at=event.approved_at,
        sale_amount=event.sale_amount,
        commission_amount=event.commission_amount,
        currency=event.currency.strip().upper(),
        delivery_id=delivery_id,
    )


def load_history(conn: sa.Connection, conversion_id: int) -> dict[tuple, Recorded]:
    """The conversion's recorded events, with the steps the last fold gave them."""
    rows = conn.execute(_READ, {"conversion_id": conversion_id}).all()
    return {
        (r.inbox_id, r.event_type): StoredEvent(
            key=(r.inbox_id, r.event_type),
            status=r.event_status,
            occurred_at=r.occurred_at,
            approved_at=r.approved_at,
            sale_amount=r.sale_amount,
            commission_amount=r.commission_amount,
            currency=r.currency,
            delivery_id=r.delivery_id,
            stored_step=(r.status_before, r.status_after, r.applied),
        )
        for r in rows
    }


def write_history(
    conn: sa.Connection,
    conversion_id: int,
    steps: dict,
    history: dict[tuple, StoredEvent],
    new: dict[tuple, Recorded],
) -> None:
    if new:
        conn.execute(
            _RECORD_EVENTS,
            [
                {
                    "conversion_id": conversion_id,
                    "inbox_id": key[0],
                    "event_type": key[1],
                    "event_status": e.status,
                    "occurred_at": e.occurred_at,
                    "approved_at": e.approved_at,
                    "sale_amount": e.sale_amount,
                    "commission_amount": e.commission_amount,
                    "currency": e.currency,
                    "status_before": steps[key].before,
                    "status_after": steps[key].after,
                    "applied": steps[key].applied,
                }
                for key, e in new.items()
            ],
        )
    # An event that arrived late can change what every later event did: rewrite those steps.
    moved = [
        {
            "k_inbox": key[0],
            "k_type": key[1],
            "before": steps[key].before,
            "after": steps[key].after,
            "applied": steps[key].applied,
        }
        for key, stored in history.items()
        if stored.stored_step != (steps[key].before, steps[key].after, steps[key].applied)
    ]
    if moved:
        conn.execute(_RESTEP_EVENT, moved)
