"""The Dagster code location: `dagster dev -m pipelines.definitions`.

Everything is built inside `defs()`, which Dagster calls when it loads the location, so
importing this module has no side effects (no dbt parse, no settings read).
"""

from __future__ import annotations

import dagster as dg

from assets.ab_tests import ab_test_results
from assets.campaigns import campaigns
from assets.content import creatives
from assets.conversions import conversions
from assets.dbt import build_dbt_assets, dbt_project
from assets.finance import pnl
from assets.forecasts import pnl_forecast
from assets.insights import cfo_summary, performance_anomalies
from assets.offers import raw_offers, scored_offers
from pipelines.jobs import conversions_job, launch_job, marts_job, offers_job
from pipelines.schedules import build_schedules
from resources.ad_platform import AdPlatformResource
from resources.database import DatabaseResource
from resources.dbt import dbt_resource
from resources.marketplace import MarketplaceResource
from sensors.conversion_inbox import build_conversion_inbox_sensor
from sensors.session_expiry import session_expiry_sensor

LIFECYCLE_KEYS = ("raw_offers", "scored_offers", "creatives", "campaigns", "conversions", "pnl")


def build_definitions(
    database_url: str | None = None, marketplaces: MarketplaceResource | None = None
) -> dg.Definitions:
    project = dbt_project()
    dbt_marts = build_dbt_assets(project)
    marts, inbox_job = marts_job(dbt_marts), conversions_job(dbt_marts)
    return dg.Definitions(
        assets=[
            *(raw_offers, scored_offers, creatives, campaigns, conversions, dbt_marts, pnl),
            *(pnl_forecast, performance_anomalies, cfo_summary, ab_test_results),
        ],
        jobs=[offers_job, launch_job, inbox_job, marts],
        schedules=build_schedules(marts),
        sensors=[build_conversion_inbox_sensor(inbox_job), session_expiry_sensor],
        resources={
            "database": DatabaseResource(url=database_url),
            "marketplaces": marketplaces or MarketplaceResource(),
            "ad_platform": AdPlatformResource(),
            "dbt": dbt_resource(project),
        },
    )


@dg.definitions
def defs() -> dg.Definitions:
    return build_definitions()
