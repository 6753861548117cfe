"""Inbox rows → conversions on the real database: never lost, never double-counted."""

import json
import threading
import time
from collections import Counter
from decimal import Decimal

import sqlalchemy as sa

from affiliate.tracking.conversions import process_inbox
from affiliate.tracking.networks.hotmart import load_envelope, parse_event
from tests.hotmart_payloads import body, envelope
from tests.inbox_rows import store_delivery

T = 1_764_000_000_000  # 2025-11-24 16:00 UTC, in Hotmart's epoch milliseconds
HOUR = 3_600_000


def deliver(engine, raw: bytes | None = None, **kw) -> int:
    raw = raw if raw is not None else body(**kw)
    parsed = json.loads(raw)
    with engine.begin() as conn:
        return store_delivery(
            conn,
            network="hotmart",
            event_id=str(parsed.get("id", "no-id")),
            event_type=parsed.get("event"),
            body=raw,
            headers={},
        ).inbox_id


def rows(engine, sql: str, **params) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text(sql), params).all()


def conversions(engine) -> list:
    return rows(engine, "select * from app.conversions order by transaction_id")


def history(engine, transaction: str) -> list[tuple]:
    return [
        tuple(r)
        for r in rows(
            engine,
            "select e.event_type, e.status_before, e.status_after, e.applied"
            " from app.conversion_events e join app.conversions c on c.id = e.conversion_id"
            " where c.transaction_id = :t order by e.occurred_at, e.inbox_id",
            t=transaction,
        )
    ]


def test_the_affiliate_commission_is_the_affiliate_entry_not_the_first():
    event = parse_event(load_envelope(body(price="97.00", affiliate="48.50")))
    assert event.commission_amount == Decimal("48.50")
    assert event.sale_amount == Decimal("97.00")
    assert event.status == "approved" and event.click_id == "click-1"


def test_amounts_are_read_exactly_however_many_digits_they_carry():
    """A double holds 2.01499999999999999999 as 2.015, which rounds to 2.02; the literal
    itself rounds to 2.01. Long numbers are read as decimals, not through a float."""
    raw = body(affiliate="48.50").replace(b"48.5", b"2.01499999999999999999")
    assert parse_event(load_envelope(raw)).commission_amount == Decimal("2.01")
    assert parse_event(load_envelope(body(affiliate="0.29"))).commission_amount == Decimal("0.29")


def test_a_body_only_the_json_module_reads_is_read_the_same():
    """orjson refuses a lone surrogate escape, which the json module reads: a delivery must
    not be refused because the faster parser was tried first."""
    raw = body().replace(b'"name": "Keto Plan"', b'"name": "Keto \\ud800"')
    assert b"ud800" in raw and parse_event(load_envelope(raw)).commission_amount == Decimal("48.50")


def test_approval_then_refund_keeps_both_in_the_history(clean_db):
    deliver(clean_db, transaction="HP1", creation_ms=T)
    deliver(clean_db, event="PURCHASE_REFUNDED", transaction="HP1", creation_ms=T + 25 * HOUR)
    assert process_inbox(clean_db) == {"inserted": 1, "updated": 1}
    [row] = conversions(clean_db)
    assert row.status == "refunded" and row.commission_amount == Decimal("48.50")
    assert row.refunded_at.timestamp() == (T + 25 * HOUR) / 1000
    assert row.conversion_date.timestamp() == T / 1000
    assert history(clean_db, "HP1") == [
        ("PURCHASE_APPROVED", None, "approved", True),
        ("PURCHASE_REFUNDED", "approved", "refunded", True),
    ]
    assert [r.status for r in rows(clean_db, "select status from app.webhook_inbox")] == [
        "processed",
        "processed",
    ]


def test_a_refund_arriving_first_gives_the_same_conversion_as_in_order(clean_db):
    # Same sale told twice: HPA in order, HPB refund first. Their events carry the same times.
    for transaction, order in (("HPA", ("a", "r")), ("HPB", ("r", "a"))):
        for kind in order:
            if kind == "a":
                deliver(clean_db, transaction=transaction, creation_ms=T, approved_ms=T - 60_000)
            else:
                deliver(
                    clean_db,
                    event="PURCHASE_REFUNDED",
                    transaction=transaction,
                    creation_ms=T + HOUR,
                    approved_ms=T - 60_000,
                )
    process_inbox(clean_db)
    in_order, refund_first = conversions(clean_db)
    decided = (
        "status",
        "sale_amount",
        "commission_amount",
        "conversion_date",
        "refunded_at",
        "commission_amount_account",
        "attribution",
    )
    assert {k: getattr(in_order, k) for k in decided} == {
        k: getattr(refund_first, k) for k in decided
    }
    assert refund_first.status == "refunded"
    # The late approval is re-folded into place: the refund's step is rewritten.
    assert history(clean_db, "HPB") == history(clean_db, "HPA")


def test_an_approval_after_the_refund_stays_refunded(clean_db):
    deliver(clean_db, transaction="HP2", creation_ms=T)
    deliver(clean_db, event="PURCHASE_REFUNDED", transaction="HP2", creation_ms=T + HOUR)
    deliver(clean_db, event="PURCHASE_COMPLETE", transaction="HP2", creation_ms=T + 2 * HOUR)
    assert process_inbox(clean_db) == {"inserted": 1, "updated": 1, "unchanged": 1}
    [row] = conversions(clean_db)
    assert row.status == "refunded"
    assert history(clean_db, "HP2")[-1] == ("PURCHASE_COMPLETE", "refunded", "refunded", False)


def test_a_redelivery_counts_once_and_reprocessing_changes_nothing(clean_db):
    raw = body(transaction="HP3", event_id="evt-3")
    first = deliver(clean_db, raw)
    deliver(clean_db, raw)  # the network retries the same envelope: same inbox row
    deliver(clean_db, transaction="HP3")  # a new envelope id for the same approval
    assert process_inbox(clean_db) == {"inserted": 1, "unchanged": 1}
    assert process_inbox(clean_db) == {}  # nothing is pending any more
    before = conversions(clean_db)

    with clean_db.begin() as conn:  # an operator re-queues a processed row
        conn.execute(
            sa.text("update app.webhook_inbox set status = 'pending' where id = :id"), {"id": first}
        )
    assert process_inbox(clean_db) == {"unchanged": 1}
    assert conversions(clean_db) == before
    assert len(history(clean_db, "HP3")) == 2
    [[attempts]] = rows(clean_db, "select attempts from app.webhook_inbox where id = :id", id=first)
    assert attempts == 2


def test_an_event_that_changes_no_status_is_kept_in_the_history(clean_db):
    deliver(clean_db, transaction="HP4", creation_ms=T)
    deliver(clean_db, event="PURCHASE_PROTEST", transaction="HP4", creation_ms=T + HOUR)
    assert process_inbox(clean_db) == {"inserted": 1, "unchanged": 1}
    assert history(clean_db, "HP4")[-1] == ("PURCHASE_PROTEST", "approved", "approved", False)


def test_a_delivery_without_a_sale_is_ignored(clean_db):
    deliver(clean_db, raw=json.dumps({"id": "club-1", "event": "CLUB_FIRST_ACCESS"}).encode())
    assert process_inbox(clean_db) == {"ignored": 1}
    assert [r.status for r in rows(clean_db, "select status from app.webhook_inbox")] == ["ignored"]
    assert conversions(clean_db) == []


def test_an_unreadable_row_is_marked_error_and_does_not_block_others(clean_db):
    bad = envelope(transaction="HPX")
    bad["data"]["purchase"]["price"]["value"] = "lots"
    deliver(clean_db, raw=json.dumps(bad).encode())
    deliver(clean_db, transaction="HP7")
    assert process_inbox(clean_db) == {"error": 1, "inserted": 1}
    [[status, error, attempts]] = rows(
        clean_db, "select status, error, attempts from app.webhook_inbox order by id limit 1"
    )
    assert status == "error" and attempts == 1 and "unreadable field" in error


def test_two_runs_at_once_produce_each_conversion_once(db_url, clean_db):
    sales = 150
    for n in range(sales):
        deliver(clean_db, transaction=f"HC{n:04d}", creation_ms=T + n)
        if n % 3 == 0:
            deliver(
                clean_db, event="PURCHASE_REFUNDED", transaction=f"HC{n:04d}", creation_ms=T + HOUR
            )
    # Each run has its own engine (own connections), like two Dagster run workers.
    engines = [sa.create_engine(db_url) for _ in range(2)]
    results: list[Counter] = [Counter(), Counter()]
    start = threading.Barrier(2)

    def run(i: int) -> None:
        start.wait()
        results[i] = process_inbox(engines[i], batch_size=50)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for e in engines:
        e.dispose()

    total = results[0] + results[1]
    assert total["inserted"] == sales
    assert total["inserted"] + total["updated"] + total["unchanged"] == sales + sales // 3
    # Which run did how much depends on the scheduler, so it is not asserted; the barrier
    # and a few seconds of work make them overlap in practice.
    [[count, refunded, events]] = rows(
        clean_db,
        "select count(*), count(*) filter (where status = 'refunded'),"
        " (select count(*) from app.conversion_events) from app.conversions",
    )
    assert (count, refunded, events) == (sales, sales // 3, sales + sales // 3)
    assert rows(clean_db, "select distinct status from app.webhook_inbox") == [("processed",)]


def test_ten_thousand_rows_are_processed_quickly(clean_db, capsys):
    """Not a timed assertion: prints the rate (see the report) and checks the work is right."""
    n = 10_000
    with clean_db.begin() as conn:
        conn.execute(
            sa.insert(
                sa.table(
                    "webhook_inbox",
                    sa.column("network"),
                    sa.column("event_id"),
                    sa.column("event_type"),
                    sa.column("body"),
                    schema="app",
                )
            ),
            [
                {
                    "network": "hotmart",
                    "event_id": f"bulk-{i}",
                    "event_type": "PURCHASE_APPROVED",
                    "body": body(transaction=f"HB{i // 2:05d}", event_id=f"bulk-{i}")
                    if i % 2 == 0
                    else body(
                        event="PURCHASE_REFUNDED",
                        transaction=f"HB{i // 2:05d}",
                        event_id=f"bulk-{i}",
                        creation_ms=T + HOUR,
                    ),
                }
                for i in range(n)
            ],
        )
    started = time.perf_counter()
    outcomes = process_inbox(clean_db)
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nprocess_inbox: {n} inbox rows in {elapsed:.1f} s ({n / elapsed:.0f} rows/s)")
    assert outcomes == {"inserted": n // 2, "updated": n // 2}
