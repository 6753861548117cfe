"""Integration sessions past or near expiry → needs_reconnect, so the user reconnects in time."""

from datetime import timedelta

import dagster as dg
import sqlalchemy as sa

from affiliate.connect.sessions import flag_expiring_sessions
from resources.database import DatabaseResource


@dg.sensor(minimum_interval_seconds=300, default_status=dg.DefaultSensorStatus.RUNNING)
def session_expiry_sensor(context: dg.SensorEvaluationContext, database: DatabaseResource):
    try:
        flagged = flag_expiring_sessions(database.engine(), within=timedelta(hours=24))
    except sa.exc.OperationalError as exc:
        return dg.SkipReason(f"database unreachable: {type(exc.orig).__name__}")
    for s in flagged:
        context.log.warning(
            f"{s.platform} session of user {s.user_id} expires {s.expires_at:%Y-%m-%d %H:%M %Z}: "
            f"marked needs_reconnect — run `affiliate connect {s.platform}`"
        )
    return dg.SkipReason(f"{len(flagged)} session(s) marked needs_reconnect")
