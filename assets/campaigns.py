"""Campaigns: one campaign, ad set and ad per creative; daily spend pulled back."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import dagster as dg

from affiliate.ads.launcher import launch_for_creatives, launchable_creatives
from affiliate.ads.spend import pull_spend
from affiliate.config import get_settings
from assets.content import creatives
from resources.ad_platform import AdPlatformResource
from resources.database import DatabaseResource

SPEND_LOOKBACK_DAYS = 7  # platforms restate recent days


@dg.asset(deps=[creatives], group_name="campaigns", kinds={"python", "postgres"})
def campaigns(
    context: dg.AssetExecutionContext, database: DatabaseResource, ad_platform: AdPlatformResource
):
    """Launch what is not launched yet (idempotent), then refresh the last week's spend."""
    settings = get_settings()
    engine, platform = database.engine(), ad_platform.client()
    today = datetime.now(UTC).date()
    launched = launch_for_creatives(
        engine,
        platform,
        launchable_creatives(engine),
        daily_budget=Decimal(settings.daily_budget),
        tracking_base_url=settings.tracking_base_url,
        start_date=today,
    )
    rows = pull_spend(engine, platform, today - timedelta(days=SPEND_LOOKBACK_DAYS), today)
    context.log.info(
        f"{sum(r.created for r in launched)} new of {len(launched)} ads; {rows} spend rows"
    )
    return dg.MaterializeResult(
        metadata={
            "ads": len(launched),
            "new_ads": sum(r.created for r in launched),
            "spend_rows": rows,
            "platform": platform.name,
        }
    )
