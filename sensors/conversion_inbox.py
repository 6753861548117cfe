"""New webhook inbox rows → a run of the conversions stage and everything downstream of it."""

import dagster as dg
import sqlalchemy as sa

from affiliate.tracking.inbox import pending_count
from resources.database import DatabaseResource


def build_conversion_inbox_sensor(job) -> dg.SensorDefinition:
    @dg.sensor(job=job, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
    def conversion_inbox_sensor(context: dg.SensorEvaluationContext, database: DatabaseResource):
        """The cursor is the highest inbox id already handed to a run; the run key is derived
        from it, so a re-evaluation never starts a second run for the same rows."""
        seen = int(context.cursor or 0)
        try:
            with database.engine().connect() as conn:
                count, newest = pending_count(conn, after_id=seen)
        except sa.exc.OperationalError as exc:
            return dg.SkipReason(f"database unreachable: {type(exc.orig).__name__}")
        if count == 0:
            return dg.SkipReason(f"no new inbox rows after id {seen}")
        context.update_cursor(str(newest))
        return dg.RunRequest(
            run_key=f"inbox-{newest}",
            tags={"affiliate/inbox_rows": str(count), "affiliate/inbox_upto": str(newest)},
        )

    return conversion_inbox_sensor
