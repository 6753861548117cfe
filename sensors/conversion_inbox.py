"""Pending webhook inbox rows → a run of the conversions stage and everything downstream of it.

Evaluated every 10 seconds, so a sale reaches the marts within a minute of its webhook.

The run key is `inbox-<newest pending id>-<retry window>`, and the cursor remembers the last
key requested. So:
- a new delivery raises the newest pending id: a new key, a run at once;
- re-evaluations over the same pending rows give the same key: nothing (no run storm while
  a run is still at work, however long);
- rows that stay pending after their run (waiting for an exchange rate) get the same key
  until the retry window turns, then one more run — at most one retry per RETRY_MINUTES.
- while a run of the job waits in the queue, no other is requested: it will process every
  row pending when it starts. Without this, steady traffic (a new key every 10 s) and runs
  that take longer than 10 s (the dbt build) would grow the queue without end.
Processing is idempotent and safe to run concurrently, so an extra run costs time, never
correctness.
"""

import time

import dagster as dg
import sqlalchemy as sa

from affiliate.tracking.inbox import pending_count
from resources.database import DatabaseResource

RETRY_MINUTES = 10
QUEUED_STATUSES = [
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.STARTING,
]


def retry_window() -> int:
    """The current retry window's number (a module function so tests can move time)."""
    return int(time.time() // (RETRY_MINUTES * 60))


def _queued_run(context: dg.SensorEvaluationContext, job_name: str) -> str | None:
    try:
        instance = context.instance
    except dg.DagsterInvariantViolationError:  # evaluated without an instance (unit tests)
        return None
    records = instance.get_run_records(
        filters=dg.RunsFilter(job_name=job_name, statuses=QUEUED_STATUSES), limit=1
    )
    return records[0].dagster_run.run_id if records else None


def build_conversion_inbox_sensor(job) -> dg.SensorDefinition:
    @dg.sensor(job=job, minimum_interval_seconds=10, default_status=dg.DefaultSensorStatus.RUNNING)
    def conversion_inbox_sensor(context: dg.SensorEvaluationContext, database: DatabaseResource):
        """One run per new pending inbox rows; rows left pending are retried once per window."""
        try:
            with database.engine().connect() as conn:
                count, newest = pending_count(conn)
        except sa.exc.OperationalError as exc:
            return dg.SkipReason(f"database unreachable: {type(exc.orig).__name__}")
        if count == 0:
            return dg.SkipReason("no pending inbox rows")
        run_key = f"inbox-{newest}-{retry_window()}"
        if run_key == context.cursor:
            return dg.SkipReason(
                f"{count} pending inbox rows up to id {newest} already handed to a run; "
                f"rows still pending are retried every {RETRY_MINUTES} minutes"
            )
        waiting = _queued_run(context, job.name)
        if waiting:
            return dg.SkipReason(f"run {waiting} is queued; it will process these rows")
        context.update_cursor(run_key)
        return dg.RunRequest(
            run_key=run_key,
            tags={"affiliate/inbox_rows": str(count), "affiliate/inbox_upto": str(newest)},
        )

    return conversion_inbox_sensor
