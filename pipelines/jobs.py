"""Jobs: slices of the one asset graph that schedules and sensors start."""

from __future__ import annotations

import dagster as dg

from affiliate.dagster_home import DBT_RUN_TAG
from assets.ab_tests import ab_test_results
from assets.campaigns import campaigns
from assets.content import creatives
from assets.conversions import conversions
from assets.forecasts import pnl_forecast
from assets.insights import cfo_summary, performance_anomalies
from assets.offers import offer_partitions, raw_offers, scored_offers

offers_job = dg.define_asset_job(
    "daily_offers_job",
    selection=dg.AssetSelection.assets(raw_offers),
    # Deprecated in 1.13 (the job could infer it), but without it the schedule built from
    # this job stays unresolved until Definitions resolve it, and cannot be evaluated alone.
    partitions_def=offer_partitions,
    description="Snapshot one marketplace for one day.",
)

launch_job = dg.define_asset_job(
    "score_and_launch_job",
    selection=dg.AssetSelection.assets(scored_offers, creatives, campaigns),
    description="Score offers, write creatives, launch and refresh campaigns.",
)


# Once a day is enough for these, and they are too slow for the inbox's one-minute freshness
# (a Prophet forecast alone takes several seconds): the daily marts job runs them.
DAILY_INSIGHTS = dg.AssetSelection.assets(
    pnl_forecast, performance_anomalies, cfo_summary, ab_test_results
)


def conversions_job(dbt_marts: dg.AssetsDefinition):
    # All dbt models, not only those downstream of conversions: dbt's relationship tests
    # read the staging views of ads and campaigns too, so they must exist and be current.
    # Started by the inbox sensor after every few sales, it must reach fct_pnl_daily within a
    # minute. It runs the daily build (affiliate/db/dbt_build.py) as the daily marts job does:
    # its tests read the rows it could change, each model's per-column checks (not_null
    # included) run as one query instead of one dbt node each, and unit tests are left to CI
    # and the full build. (It used to leave its ~200 not_null nodes to the daily marts job,
    # ~36 s → ~24 s on 2 cores by bench/freshness.py; now they are terms of queries it runs
    # anyway, so it keeps them. Not re-measured with bench/freshness.py.)
    return dg.define_asset_job(
        "conversions_job",
        selection=dg.AssetSelection.assets(conversions, dbt_marts).downstream() - DAILY_INSIGHTS,
        description="Process the webhook inbox, rebuild the marts and the P&L.",
        tags={DBT_RUN_TAG: "true"},
        # One process for the three steps: a process per step (the default) re-imports
        # Dagster and the definitions each time, seconds that count against freshness.
        executor_def=dg.in_process_executor,
    )


def marts_job(dbt_marts: dg.AssetsDefinition):
    # The inbox is processed first, daily too: a webhook whose row committed after the
    # sensor's cursor moved past its id would otherwise wait for the next delivery.
    return dg.define_asset_job(
        "daily_marts_job",
        selection=dg.AssetSelection.assets(conversions, dbt_marts).downstream(),
        description="Process the inbox, rebuild the dbt marts, the P&L, its forecast and insights.",
        tags={DBT_RUN_TAG: "true"},
    )
