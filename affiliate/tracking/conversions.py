"""Pending inbox rows → conversions: never lost, never double-counted, attributed to a click.

Each inbox row is processed in its own transaction, so one bad row blocks nothing:
1. the row is locked (FOR UPDATE SKIP LOCKED) and re-checked as pending, so two concurrent runs
   never process the same delivery;
2. the network's parser reads it again (the stored request, byte for byte);
3. per (network, transaction id) the conversion row is locked FOR UPDATE (created if missing,
   ON CONFLICT DO NOTHING so a concurrent creator wins cleanly), the delivery's events join its
   history (unique per inbox row and event type: re-processing changes nothing), and the whole
   history is folded again by the status machine;
4. amounts are converted into the account currency at the rate of the conversion date's UTC
   day (UTC, not the report time zone, so changing REPORT_TIMEZONE never rewrites history);
   a missing rate rolls the row back and leaves it pending with the reason in `error`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from affiliate.config import Settings, get_settings
from affiliate.db.tables import conversions, webhook_inbox
from affiliate.tracking.attribution import attribute, attribute_late_clicks, is_retryable
from affiliate.tracking.conversion_history import load_history, recorded, write_history
from affiliate.tracking.events import ConversionEvent, WebhookError
from affiliate.tracking.fx import MissingRate, rate_on, to_account
from affiliate.tracking.networks.base import RawDelivery, WebhookSecrets
from affiliate.tracking.networks.registry import parser_for, secrets_from
from affiliate.tracking.status_machine import fold

OUTCOMES = (
    "inserted",
    "updated",
    "unchanged",
    "ignored",
    "test",
    "error",
    "waiting_fx",
    "attributed_late",
)


# Built once, run for every row: the loop's cost is mostly statement building otherwise.
_PENDING = (
    sa.select(
        webhook_inbox.c.id,
        webhook_inbox.c.network,
        webhook_inbox.c.event_id,
        webhook_inbox.c.method,
        webhook_inbox.c.headers,
        webhook_inbox.c.query,
        webhook_inbox.c.body,
    )
    .where(webhook_inbox.c.status == "pending", webhook_inbox.c.id > sa.bindparam("after"))
    .order_by(webhook_inbox.c.id)
    .limit(sa.bindparam("n"))
)
_LOCK_CONVERSION = (
    sa.select(conversions)
    .where(
        conversions.c.network == sa.bindparam("network"),
        conversions.c.transaction_id == sa.bindparam("transaction_id"),
    )
    .with_for_update()
)
_CREATE_CONVERSION = (
    insert(conversions)
    .on_conflict_do_nothing(constraint="conversions_network_transaction_id_key")
    .returning(conversions.c.id)
)
# The row's outcome, only if it is still pending: a concurrent run that finished it first wins,
# and this run's transaction is rolled back (see _RowTaken).
_MARK = {
    final: sa.update(webhook_inbox)
    .where(webhook_inbox.c.id == sa.bindparam("k_id"), webhook_inbox.c.status == "pending")
    .values(
        status=sa.bindparam("status"),
        error=sa.bindparam("error"),
        attempts=webhook_inbox.c.attempts + 1,
        processed_at=sa.func.now() if final else None,
    )
    for final in (True, False)
}


class _RowTaken(Exception):
    """Another run processed this inbox row while this one was at it."""


@dataclass(frozen=True)
class _Context:
    secrets: WebhookSecrets
    account_currency: str
    window_days: int


def process_inbox(
    engine: sa.Engine, settings: Settings | None = None, batch_size: int = 500
) -> Counter:
    """Process every pending inbox row in id order; counts by outcome (see OUTCOMES).

    inserted/updated/unchanged count conversions touched; ignored (no events), test (a
    network's test notification), error (unreadable) and waiting_fx (no exchange rate yet:
    left pending, retried next time) count inbox rows.
    """
    settings = settings or get_settings()
    ctx = _Context(
        secrets=secrets_from(settings),
        account_currency=settings.account_currency.strip().upper(),
        window_days=settings.attribution_window_days,
    )
    outcomes: Counter = Counter()
    last_id = 0
    with engine.connect() as conn:
        # Each row's commit need not wait for the disk: a commit lost in a crash leaves its
        # row pending (all of the row's work is one transaction) and processing it again is
        # idempotent. The delivery itself was committed durably when it was received.
        conn.exec_driver_sql("SET synchronous_commit TO off")
        conn.commit()
        try:
            while True:
                with conn.begin():
                    batch = conn.execute(_PENDING, {"after": last_id, "n": batch_size}).all()
                if not batch:
                    if late := attribute_late_clicks(conn, ctx.window_days):
                        outcomes["attributed_late"] += late
                    return outcomes
                for row in batch:
                    outcomes.update(_process_row(conn, row, ctx))
                last_id = batch[-1].id
        finally:
            if conn.in_transaction():
                conn.rollback()
            conn.exec_driver_sql("RESET synchronous_commit")
            conn.commit()


def _process_row(conn: sa.Connection, row: sa.Row, ctx: _Context) -> Counter:
    """One inbox row, one transaction. The row is not locked up front: its conversions are,
    and the final mark only applies while the row is still pending — so when two runs race
    on one row, the second finds the events already recorded and its mark finds nothing to
    update; it rolls back and counts nothing."""
    inbox_id = row.id
    try:
        with conn.begin():
            try:
                read = _read(row, ctx.secrets)
            except WebhookError as exc:
                return _mark(conn, inbox_id, "error", str(exc), Counter(error=1))
            except Exception as exc:  # noqa: BLE001 — a parser's bug must not block the inbox
                error = f"parser failed: {type(exc).__name__}: {exc}"
                return _mark(conn, inbox_id, "error", error, Counter(error=1))
            if read.test:
                return _mark(conn, inbox_id, "test", None, Counter(test=1))
            if not read.events:
                note = f"{read.event_type or 'event'} has no sale in it"
                return _mark(conn, inbox_id, "ignored", note, Counter(ignored=1))
            counts = Counter(apply_events(conn, read.events, inbox_id, row.event_id, ctx))
            return _mark(conn, inbox_id, "processed", None, counts)
    except _RowTaken:
        return Counter()
    except MissingRate as exc:
        with conn.begin():
            return _mark(conn, inbox_id, "pending", str(exc), Counter(waiting_fx=1), strict=False)
    except (sa.exc.DataError, sa.exc.IntegrityError) as exc:
        # A value the database refuses (too long, out of range): this row's fault, not the run's.
        error = f"database refused it: {str(exc.orig).splitlines()[0]}"
        with conn.begin():
            return _mark(conn, inbox_id, "error", error, Counter(error=1), strict=False)


def _read(row: sa.Row, secrets: WebhookSecrets):
    parser = parser_for(row.network, secrets)
    if parser is None:
        raise WebhookError(
            f"no parser for network {row.network!r}: not a built-in network and not in "
            "POSTBACK_SECRETS"
        )
    raw = RawDelivery(
        network=row.network,
        body=bytes(row.body),
        headers=dict(row.headers or {}),
        query=dict(row.query or {}),
        method=row.method,
    )
    read = parser.read(raw, secrets)
    types = [e.event_type for e in read.events]
    if len(set(types)) != len(types):
        raise WebhookError(f"delivery has several events of one type ({types}); expected one each")
    return read


def apply_events(
    conn: sa.Connection,
    events: Iterable[ConversionEvent],
    inbox_id: int,
    delivery_id: str,
    ctx: _Context,
) -> list[str]:
    """Record one delivery's events; one outcome per conversion touched.

    Conversions are locked in (network, transaction id) order so two deliveries that touch the
    same pair of transactions can never deadlock.
    """
    by_conversion: dict[tuple[str, str], list[ConversionEvent]] = {}
    for event in events:
        by_conversion.setdefault((event.network, event.transaction_id), []).append(event)
    return [
        _apply(conn, key, by_conversion[key], inbox_id, delivery_id, ctx)
        for key in sorted(by_conversion)
    ]


def _apply(
    conn: sa.Connection,
    key: tuple[str, str],
    events: list[ConversionEvent],
    inbox_id: int,
    delivery_id: str,
    ctx: _Context,
) -> str:
    network, transaction_id = key
    current = conn.execute(
        _LOCK_CONVERSION, {"network": network, "transaction_id": transaction_id}
    ).one_or_none()
    history = load_history(conn, current.id) if current is not None else {}
    new = {
        (inbox_id, e.event_type): recorded(e, inbox_id, delivery_id)
        for e in events
        if (inbox_id, e.event_type) not in history
    }
    folded = fold([*history.values(), *new.values()])
    values = _folded_values(conn, folded, ctx)  # raises MissingRate before anything is written
    click_id = next((e.click_id for e in events if e.click_id), None)
    product = next((e.network_product_id for e in events if e.network_product_id), None)

    if current is None:
        values.update(attribute(conn, click_id, folded.sold_at, ctx.window_days).values())
        created = conn.execute(
            _CREATE_CONVERSION,
            {
                "network": network,
                "transaction_id": transaction_id,
                "network_product_id": product,
                "last_event_id": inbox_id,
                **values,
            },
        ).scalar_one_or_none()
        if created is None:  # a concurrent run created it a moment ago: now it is an update
            return _apply(conn, key, events, inbox_id, delivery_id, ctx)
        write_history(conn, created, folded.steps, {}, new)
        return "inserted"

    if is_retryable(current.attribution, current.unattributed_reason):
        retry = attribute(conn, current.click_id or click_id, folded.sold_at, ctx.window_days)
        values.update(retry.values())
    if current.network_product_id is None and product is not None:
        values["network_product_id"] = product
    changes = {k: v for k, v in values.items() if getattr(current, k) != v}
    if changes:
        conn.execute(
            sa.update(conversions)
            .where(conversions.c.id == current.id)
            .values(**changes, last_event_id=inbox_id, updated_at=sa.func.now())
        )
    write_history(conn, current.id, folded.steps, history, new)
    return "updated" if changes else "unchanged"


def _folded_values(conn: sa.Connection, folded, ctx: _Context) -> dict:
    day = folded.conversion_date.astimezone(UTC).date()
    rate = rate_on(conn, day, folded.currency, ctx.account_currency)
    return {
        "status": folded.status,
        "sale_amount": folded.sale_amount,
        "commission_amount": folded.commission_amount,
        "currency": folded.currency,
        "conversion_date": folded.conversion_date,
        "refunded_at": folded.refunded_at,
        "account_currency": ctx.account_currency,
        "fx_rate": rate,
        "sale_amount_account": to_account(folded.sale_amount, rate),
        "commission_amount_account": to_account(folded.commission_amount, rate),
    }


def _mark(
    conn: sa.Connection,
    inbox_id: int,
    status: str,
    error: str | None,
    outcome: Counter,
    strict: bool = True,
) -> Counter:
    """Set the row's outcome (every attempt counts; only a final status is stamped done).

    strict: the row must still be pending, else another run got there first (_RowTaken).
    """
    statement = _MARK[status != "pending"]
    done = conn.execute(statement, {"k_id": inbox_id, "status": status, "error": error})
    if done.rowcount == 0:
        if strict:
            raise _RowTaken(inbox_id)
        return Counter()
    return outcome
