"""Daily schedules (UTC): offers in the morning, then scoring and launches, then the marts."""

from __future__ import annotations

import dagster as dg

from pipelines.jobs import launch_job, offers_job

# Running by default: `affiliate run` starts the daemon precisely so the day's work happens.
RUNNING = dg.DefaultScheduleStatus.RUNNING


def build_schedules(marts) -> list[dg.ScheduleDefinition]:
    return [
        dg.build_schedule_from_partitioned_job(
            offers_job,
            hour_of_day=5,
            minute_of_hour=0,
            name="daily_offers_schedule",
            default_status=RUNNING,
        ),
        dg.ScheduleDefinition(
            name="daily_launch_schedule",
            job=launch_job,
            cron_schedule="30 5 * * *",
            execution_timezone="UTC",
            default_status=RUNNING,
        ),
        dg.ScheduleDefinition(
            name="daily_marts_schedule",
            job=marts,
            cron_schedule="0 6 * * *",
            execution_timezone="UTC",
            default_status=RUNNING,
        ),
    ]
