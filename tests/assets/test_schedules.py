"""The daily schedules: the offers schedule runs the partition of the day it fires on, and all
three fire once a day in UTC, offers → launch → marts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import dagster as dg
import pytest
from dagster._utils.schedules import cron_string_iterator

from affiliate.offers.connectors import available
from assets.offers import offer_partitions
from pipelines.jobs import launch_job, offers_job
from pipelines.schedules import build_schedules

MARTS_JOB = dg.define_asset_job("daily_marts_job", selection=dg.AssetSelection.all())


@pytest.fixture(scope="module")
def schedules() -> dict[str, dg.ScheduleDefinition]:
    return {s.name: s for s in build_schedules(MARTS_JOB)}


def tick(schedule: dg.ScheduleDefinition, when: datetime):
    return schedule.evaluate_tick(dg.build_schedule_context(scheduled_execution_time=when))


def test_the_offers_schedule_is_built_from_the_partitioned_job(schedules):
    offers = schedules["daily_offers_schedule"]
    assert offers.job_name == offers_job.name == "daily_offers_job"
    assert offers.cron_schedule == "0 5 * * *"
    assert offers.execution_timezone == "UTC"
    # build_schedule_from_partitioned_job tags its schedules with the partitioned job.
    assert offers.job is offers_job
    assert offers_job.partitions_def is offer_partitions


@pytest.mark.parametrize(
    ("fires_at", "partition"),
    [
        (datetime(2026, 3, 10, 5, 0, tzinfo=UTC), "2026-03-10"),
        (datetime(2026, 1, 1, 5, 0, tzinfo=UTC), "2026-01-01"),  # the first partition
        (datetime(2026, 12, 31, 5, 0, tzinfo=UTC), "2026-12-31"),
    ],
)
def test_a_tick_runs_the_partition_of_that_day(schedules, fires_at, partition):
    # end_offset=1 in assets/offers.py: the morning run snapshots *today's* feed, one run
    # per network so that one network's failure does not hold back the others.
    result = tick(schedules["daily_offers_schedule"], fires_at)
    keys = sorted(str(r.partition_key) for r in result.run_requests)
    assert keys == [f"{partition}|{network}" for network in available()]
    for request in result.run_requests:
        # one run per day and network, however often the tick is retried
        assert request.run_key == str(request.partition_key)
        assert (
            date.fromisoformat(request.partition_key.keys_by_dimension["date"]) == fires_at.date()
        )


def test_the_offers_schedule_starts_no_run_before_the_first_partition(schedules):
    result = tick(schedules["daily_offers_schedule"], datetime(2025, 12, 30, 5, 0, tzinfo=UTC))
    assert result.run_requests == []


def test_the_launch_and_marts_schedules_start_their_jobs(schedules):
    launch = tick(schedules["daily_launch_schedule"], datetime(2026, 3, 10, 5, 30, tzinfo=UTC))
    [request] = launch.run_requests
    assert schedules["daily_launch_schedule"].job_name == launch_job.name
    assert request.partition_key is None

    marts = tick(schedules["daily_marts_schedule"], datetime(2026, 3, 10, 6, 0, tzinfo=UTC))
    assert len(marts.run_requests) == 1
    assert schedules["daily_marts_schedule"].job_name == "daily_marts_job"


@pytest.mark.parametrize(
    "name", ["daily_offers_schedule", "daily_launch_schedule", "daily_marts_schedule"]
)
def test_every_schedule_fires_once_a_day_in_utc(schedules, name):
    schedule = schedules[name]
    assert schedule.execution_timezone == "UTC"
    minute, hour, *rest = schedule.cron_schedule.split()
    assert rest == ["*", "*", "*"], schedule.cron_schedule
    assert minute.isdigit() and hour.isdigit(), schedule.cron_schedule

    start = datetime(2026, 3, 10, 0, 0, tzinfo=UTC)
    fires = cron_string_iterator(start.timestamp(), schedule.cron_schedule, "UTC")
    first, second, third = next(fires), next(fires), next(fires)
    assert first.date() == start.date()
    assert (second - first).total_seconds() == (third - second).total_seconds() == 86_400


def test_the_day_runs_in_order_offers_then_launch_then_marts(schedules):
    def time_of_day(name: str) -> tuple[int, int]:
        minute, hour, *_ = schedules[name].cron_schedule.split()
        return int(hour), int(minute)

    assert (
        time_of_day("daily_offers_schedule")
        < time_of_day("daily_launch_schedule")
        < time_of_day("daily_marts_schedule")
    )
