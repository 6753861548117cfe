"""The webhook inbox: every delivery is stored (and committed) before it is acknowledged."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

import asyncpg
import sqlalchemy as sa

from affiliate.db.copy_text import clean_text, jsonb
from affiliate.db.tables import webhook_inbox
from affiliate.tracking.networks.base import NetworkWebhook, RawDelivery

# Headers that carry secrets are never stored: the inbox is readable by analysts.
SECRET_HEADERS = frozenset({"x-hotmart-hottok", "authorization", "cookie", "proxy-authorization"})


def body_fingerprint(body: bytes) -> str:
    """An id for a body that has none of its own (unreadable deliveries kept for inspection)."""
    return "sha256:" + hashlib.sha256(body).hexdigest()


def pending_count(conn: sa.Connection) -> tuple[int, int]:
    """(number of pending rows, highest pending id)."""
    row = conn.execute(
        sa.select(sa.func.count(), sa.func.coalesce(sa.func.max(webhook_inbox.c.id), 0)).where(
            webhook_inbox.c.status == "pending"
        )
    ).one()
    return int(row[0]), int(row[1])


@dataclass(slots=True)  # not frozen: built for every delivery, and frozen costs more
class InboxRow:
    """One delivery as the receiving endpoint hands it to the group-commit writer."""

    network: str
    event_id: str
    event_type: str | None
    method: str
    headers: dict[str, str]
    query: dict[str, str]
    body: bytes
    status: str = "pending"
    error: str | None = None


INBOX_COLUMNS = (
    "network", "event_id", "event_type", "method", "headers", "query", "body", "status",
    "error", "deliveries",
)  # fmt: skip
# One statement, its values as one array a column (binary, the body as it came): one
# message to the server and one answer. COPY sends three messages, each of which wakes the
# server or the writer, and a bytea in COPY text travels as hex, twice its size.
_INSERT = (
    f"insert into app.webhook_inbox ({', '.join(INBOX_COLUMNS)})"
    " select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[],"
    " $6::jsonb[], $7::bytea[], $8::text[], $9::text[], $10::int[])"
)
_MERGE = (
    f"{_INSERT} on conflict (network, event_id)"
    " do update set deliveries = webhook_inbox.deliveries + excluded.deliveries"
)


async def insert_many(connection, rows: Sequence[InboxRow]) -> None:
    """Insert the batch into the inbox in one statement; when it holds a redelivery (of an
    earlier delivery or within the batch), merge it instead, so a redelivery adds to
    `deliveries`.

    The asyncpg connection is in autocommit (the group-commit writer's): each statement is
    its own transaction. Postgres refuses to touch one row twice in a single ON CONFLICT DO
    UPDATE, so copies of the same (network, event id) in the batch are folded first, keeping
    the first body.
    """
    folded: dict[tuple[str, str], InboxRow] = {}
    copies: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row.network, row.event_id)
        if key in folded:
            copies[key] += 1
        else:
            folded[key], copies[key] = row, 1
    unique = folded.values()
    columns = (
        [clean_text(row.network) for row in unique],
        [clean_text(row.event_id) for row in unique],
        [clean_text(row.event_type) for row in unique],
        [row.method for row in unique],
        [clean_text(jsonb(row.headers)) for row in unique],
        [clean_text(jsonb(row.query)) if row.query else "{}" for row in unique],
        [row.body for row in unique],
        [row.status for row in unique],
        [clean_text(row.error) for row in unique],
        list(copies.values()),
    )
    if len(folded) == len(rows):
        # Most batches hold only new deliveries: a plain insert costs the database less than
        # a merge (measured: ~37 against ~45 µs a row of backend CPU). A redelivery makes it
        # fail as a whole; then the merge below runs.
        try:
            await connection.execute(_INSERT, *columns)
            return
        except asyncpg.UniqueViolationError:
            pass  # nothing of it was written
    await connection.execute(_MERGE, *columns)


def inbox_row(
    raw: RawDelivery,
    parser: NetworkWebhook,
    key: str,
    event_type: str | None,
    status: str = "pending",
    error: str | None = None,
) -> InboxRow:
    """The delivery as stored: byte for byte, except the secrets it carried (headers, query
    parameters and form fields the network's parser names), which are never stored."""
    secret_headers = SECRET_HEADERS | parser.secret_headers
    body = raw.body
    form = raw.headers.get("content-type", "").startswith("application/x-www-form-urlencoded")
    if form and parser.secret_query_params:
        body = without_form_fields(body, parser.secret_query_params)
    return InboxRow(
        network=raw.network,
        event_id=key if len(key) <= 255 else body_fingerprint(key.encode()),
        event_type=event_type[:100] if event_type else event_type,
        method=raw.method,
        headers={k: v for k, v in raw.headers.items() if k not in secret_headers},
        query={k: v for k, v in raw.query.items() if k not in parser.secret_query_params},
        body=body,
        status=status,
        error=error,
    )


def without_form_fields(body: bytes, names: frozenset[str]) -> bytes:
    """A form-encoded body minus fields that carry secrets (a postback's `secret`)."""
    pairs = parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    return urlencode([(k, v) for k, v in pairs if k not in names]).encode()
