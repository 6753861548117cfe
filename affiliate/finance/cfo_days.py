"""Which day a daily report is about: the latest complete day in the reporting time zone.

The marts' days are days in REPORT_TIMEZONE, so "today" must be too; today itself is still
filling up and is never reported as if it were over.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from affiliate.config import Settings, get_settings

MARTS = ("fct_pnl_daily", "fct_pnl_daily_by_campaign", "fct_campaign_performance_daily")


def reporting_today(settings: Settings | None = None) -> date:
    zone = ZoneInfo((settings or get_settings()).report_timezone)
    return datetime.now(zone).date()


def latest_complete_day(conn: sa.Connection, mart: str, today: date) -> date | None:
    """The last day before `today` with a row in `mart`, or None when it has none."""
    if mart not in MARTS:
        raise ValueError(f"unknown mart {mart!r}; one of {', '.join(MARTS)}")
    return conn.scalar(
        sa.text(f"select max(date_day) from analytics.{mart} where date_day < :today"),
        {"today": today},
    )
