"""conversion_inbox_sensor: one run per batch of new pending inbox rows, never twice for the same
rows within a retry window, one retry per window for rows left pending, and a skip (not a
crash) when the database is down."""

from __future__ import annotations

import dagster as dg
import pytest
import sqlalchemy as sa
from dagster._core.test_utils import create_run_for_test

from pipelines.definitions import build_definitions
from resources.database import DatabaseResource
from sensors import conversion_inbox
from tests.inbox_rows import store_delivery

UNREACHABLE_DB = "postgresql+psycopg2://nobody@127.0.0.1:1/nowhere?connect_timeout=1"


@pytest.fixture(scope="module")
def sensor(db_url: str) -> dg.SensorDefinition:
    return build_definitions(db_url).resolve_sensor_def("conversion_inbox_sensor")


WINDOW = 2_940_000  # a retry window's number, fixed so run keys are predictable


@pytest.fixture(autouse=True)
def frozen_window(monkeypatch):
    monkeypatch.setattr(conversion_inbox, "retry_window", lambda: WINDOW)


def deliver(engine: sa.Engine, event_id: str, status: str = "pending") -> int:
    with engine.begin() as conn:
        stored = store_delivery(
            conn,
            network="hotmart",
            event_id=event_id,
            event_type="PURCHASE_APPROVED",
            body=b'{"id": "%s"}' % event_id.encode(),
            headers={"content-type": "application/json"},
            status=status,
        )
    return stored.inbox_id


def evaluate(sensor: dg.SensorDefinition, url: str, cursor: str | None = None):
    context = dg.build_sensor_context(
        cursor=cursor, resources={"database": DatabaseResource(url=url)}
    )
    return sensor.evaluate_tick(context)


def test_it_is_evaluated_every_ten_seconds(sensor):
    assert sensor.minimum_interval_seconds == 10


def test_an_empty_inbox_is_a_skip(sensor, db_url, clean_db):
    result = evaluate(sensor, db_url)
    assert result.run_requests == []
    assert result.skip_message == "no pending inbox rows"
    assert result.cursor is None


def test_pending_rows_give_one_run_keyed_by_the_newest_id(sensor, db_url, clean_db):
    ids = [deliver(clean_db, f"evt-{n}") for n in range(3)]
    newest = max(ids)

    result = evaluate(sensor, db_url)

    assert result.skip_message is None
    [request] = result.run_requests
    assert request.run_key == f"inbox-{newest}-{WINDOW}"
    assert request.tags["affiliate/inbox_rows"] == "3"
    assert request.tags["affiliate/inbox_upto"] == str(newest)
    assert result.cursor == request.run_key


def test_the_same_rows_are_never_requested_twice_in_a_window(sensor, db_url, clean_db):
    for n in range(2):
        deliver(clean_db, f"evt-{n}")
    first = evaluate(sensor, db_url)
    [first_request] = first.run_requests

    # The daemon hands the new cursor to the next tick; the rows are still pending
    # (the run has not processed them yet), yet nothing new is requested.
    again = evaluate(sensor, db_url, cursor=first.cursor)
    assert again.run_requests == []
    assert "already handed to a run" in again.skip_message
    assert again.cursor == first.cursor

    newer = deliver(clean_db, "evt-late")
    later = evaluate(sensor, db_url, cursor=again.cursor)
    [later_request] = later.run_requests
    assert later_request.run_key == f"inbox-{newer}-{WINDOW}"
    assert later_request.run_key != first_request.run_key
    assert later_request.tags["affiliate/inbox_rows"] == "3"  # every pending row is in scope
    assert later.cursor == later_request.run_key


def test_rows_left_pending_are_retried_once_per_window(sensor, db_url, clean_db, monkeypatch):
    waiting = deliver(clean_db, "evt-waits-for-fx")
    first = evaluate(sensor, db_url)
    assert len(first.run_requests) == 1
    for _ in range(3):  # ticks every 10 s within the window: no run storm
        assert evaluate(sensor, db_url, cursor=first.cursor).run_requests == []

    monkeypatch.setattr(conversion_inbox, "retry_window", lambda: WINDOW + 1)
    retry = evaluate(sensor, db_url, cursor=first.cursor)
    [request] = retry.run_requests
    assert request.run_key == f"inbox-{waiting}-{WINDOW + 1}"
    assert evaluate(sensor, db_url, cursor=retry.cursor).run_requests == []


def test_a_redelivery_of_a_seen_event_starts_no_run(sensor, db_url, clean_db):
    deliver(clean_db, "evt-1")
    first = evaluate(sensor, db_url)
    assert len(first.run_requests) == 1
    deliver(clean_db, "evt-1")  # the network retries: same row, deliveries + 1
    assert evaluate(sensor, db_url, cursor=first.cursor).run_requests == []


def test_processed_and_failed_rows_are_not_requested(sensor, db_url, clean_db):
    deliver(clean_db, "evt-done", status="processed")
    deliver(clean_db, "evt-bad", status="error")
    assert evaluate(sensor, db_url).run_requests == []

    pending = deliver(clean_db, "evt-new")
    [request] = evaluate(sensor, db_url).run_requests
    assert request.run_key == f"inbox-{pending}-{WINDOW}"
    assert request.tags["affiliate/inbox_rows"] == "1"


def test_rows_marked_processed_after_delivery_are_not_requested(sensor, db_url, clean_db):
    first = deliver(clean_db, "evt-1")
    second = deliver(clean_db, "evt-2")
    with clean_db.begin() as conn:
        conn.execute(
            sa.text("update app.webhook_inbox set status = 'processed' where id = :id"),
            {"id": second},
        )
    [request] = evaluate(sensor, db_url).run_requests
    assert request.run_key == f"inbox-{first}-{WINDOW}"
    assert request.tags["affiliate/inbox_rows"] == "1"


def test_an_unreachable_database_is_a_skip_not_an_error(sensor):
    result = evaluate(sensor, UNREACHABLE_DB, cursor="inbox-7-1")
    assert result.run_requests == []
    assert result.skip_message and "database unreachable" in result.skip_message
    assert result.cursor == "inbox-7-1"  # nothing was seen, so the cursor stays


def evaluate_beside(sensor, db_url, run_status: dg.DagsterRunStatus):
    with dg.DagsterInstance.ephemeral() as instance:
        run = create_run_for_test(instance, job_name="conversions_job", status=run_status)
        context = dg.build_sensor_context(
            instance=instance, resources={"database": DatabaseResource(url=db_url)}
        )
        return run.run_id, sensor.evaluate_tick(context)


def test_no_second_run_while_one_waits_in_the_queue(sensor, db_url, clean_db):
    deliver(clean_db, "q-1")
    # NOT_STARTED, not QUEUED: a QUEUED run record needs a code location's origin; the
    # sensor treats every status before STARTED alike.
    queued, result = evaluate_beside(sensor, db_url, dg.DagsterRunStatus.NOT_STARTED)
    assert result.run_requests == [] and queued in result.skip_message


def test_a_run_already_at_work_does_not_hold_back_new_rows(sensor, db_url, clean_db):
    deliver(clean_db, "q-2")  # may have arrived after that run read the inbox
    _, result = evaluate_beside(sensor, db_url, dg.DagsterRunStatus.STARTED)
    assert len(result.run_requests) == 1
