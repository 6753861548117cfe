"""Deliveries put straight into the inbox, one row at a time, for tests that start after
receipt (processing, the sensor). The server's own path is the batched one in
`affiliate.tracking.inbox` (`inbox_row` + `insert_many`), tested through the endpoints."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from affiliate.db.tables import webhook_inbox
from affiliate.tracking.inbox import SECRET_HEADERS


@dataclass(frozen=True)
class Stored:
    inbox_id: int
    duplicate: bool


def store_delivery(
    conn: sa.Connection,
    *,
    network: str,
    event_id: str,
    event_type: str | None,
    body: bytes,
    headers: dict[str, str],
    status: str = "pending",
    error: str | None = None,
) -> Stored:
    """Insert the delivery, or count a redelivery of the same (network, event id) once."""
    safe_headers = {k.lower(): v for k, v in headers.items() if k.lower() not in SECRET_HEADERS}
    stmt = (
        insert(webhook_inbox)
        .values(
            network=network,
            event_id=event_id,
            event_type=event_type,
            headers=safe_headers,
            body=body,
            status=status,
            error=error,
        )
        .on_conflict_do_update(
            constraint="webhook_inbox_network_event_key",
            set_={"deliveries": webhook_inbox.c.deliveries + 1},
        )
        .returning(webhook_inbox.c.id, (sa.literal_column("xmax") != 0).label("duplicate"))
    )
    row = conn.execute(stmt).one()
    return Stored(inbox_id=row.id, duplicate=bool(row.duplicate))
