"""Pull daily impressions, clicks and spend per ad into ad_spend_daily (upsert per ad and day)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from affiliate.ads.platform import AdPlatform
from affiliate.db.tables import ad_spend_daily, ads, campaigns


def pull_spend(engine: sa.Engine, platform: AdPlatform, since: date, until: date) -> int:
    """Refresh [since, until] for every launched ad of this platform; returns rows written.

    Platforms restate recent days (late clicks, invalid-traffic credits), so existing rows
    are overwritten rather than skipped.
    """
    with engine.connect() as conn:
        launched = conn.execute(
            sa.select(ads.c.id, ads.c.external_id)
            .join(campaigns, campaigns.c.id == ads.c.campaign_id)
            .where(campaigns.c.platform == platform.name, ads.c.external_id.is_not(None))
        ).all()
    written = 0
    for ad in launched:
        rows = platform.daily_insights(ad.external_id, since, until)
        if not rows:
            continue
        stmt = insert(ad_spend_daily).values(
            [
                {
                    "ad_id": ad.id,
                    "platform": platform.name,
                    "date_day": r.date_day,
                    "impressions": r.impressions,
                    "clicks": r.clicks,
                    "spend": r.spend,
                    "currency": r.currency,
                    "platform_conversions": r.platform_conversions,
                }
                for r in rows
            ]
        )
        stmt = stmt.on_conflict_do_update(
            constraint="ad_spend_daily_ad_day_key",
            set_={
                c: stmt.excluded[c]
                for c in ("impressions", "clicks", "spend", "currency", "platform_conversions")
            }
            | {"fetched_at": sa.func.now()},
        )
        with engine.begin() as conn:
            conn.execute(stmt)
        written += len(rows)
    with engine.begin() as conn:
        conn.execute(
            sa.text("""
            update app.campaigns c set spent = coalesce(s.total, 0), updated_at = now()
            from (select a.campaign_id, sum(d.spend) as total
                  from app.ad_spend_daily d join app.ads a on a.id = d.ad_id
                  group by a.campaign_id) s
            where s.campaign_id = c.id
        """)
        )
    return written
