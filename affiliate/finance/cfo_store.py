"""The CFO summary and the database: figures read from the P&L marts, the summary kept in
app.daily_summaries (kind 'cfo', one row per day)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import sqlalchemy as sa

from affiliate.finance.cfo_days import latest_complete_day
from affiliate.finance.cfo_summary import Summary, Totals, summarise

KIND = "cfo"
COLUMNS = "currency_code, net_revenue, ad_spend, ai_cost, other_costs"

UPSERT_SQL = sa.text(
    """
    insert into app.daily_summaries (date_day, kind, text, figures)
    values (:date_day, :kind, :text, cast(:figures as jsonb))
    on conflict (date_day, kind) do update set
        text = excluded.text, figures = excluded.figures, created_at = now()
    """
)


def read_totals(conn: sa.Connection, day: date) -> list[Totals]:
    rows = conn.execute(
        sa.text(f"select {COLUMNS} from analytics.fct_pnl_daily where date_day = :day"),
        {"day": day},
    )
    return [Totals(**r._mapping) for r in rows]


def read_campaign_totals(conn: sa.Connection, day: date) -> list[Totals]:
    rows = conn.execute(
        sa.text(
            f"select {COLUMNS}, campaign_id, campaign_name"
            " from analytics.fct_pnl_daily_by_campaign where date_day = :day"
        ),
        {"day": day},
    )
    return [Totals(**r._mapping) for r in rows]


def build_cfo_summary(conn: sa.Connection, today: date, day: date | None = None) -> Summary | None:
    """The summary of `day`, else of the latest complete day; None when the mart is empty."""
    day = day or latest_complete_day(conn, "fct_pnl_daily", today)
    if day is None:
        return None
    before = day - timedelta(days=1)
    currency = conn.scalar(
        sa.text("select currency_code from analytics.fct_pnl_daily order by date_day desc limit 1")
    )
    return summarise(
        day,
        read_totals(conn, day),
        read_totals(conn, before),
        read_campaign_totals(conn, day),
        read_campaign_totals(conn, before),
        today=today,
        currency_if_empty=currency or "USD",
    )


def store_summary(conn: sa.Connection, summary: Summary) -> None:
    conn.execute(
        UPSERT_SQL,
        {
            "date_day": summary.date_day,
            "kind": KIND,
            "text": summary.text,
            "figures": json.dumps(summary.figures),
        },
    )


def write_cfo_summary(conn: sa.Connection, today: date, day: date | None = None) -> Summary | None:
    """Build and store the summary; None (nothing stored) when there is no P&L yet."""
    summary = build_cfo_summary(conn, today, day)
    if summary is not None:
        store_summary(conn, summary)
    return summary


def latest_summary(conn: sa.Connection) -> Summary | None:
    """The most recent stored CFO summary, for the CLI and notebooks; None before the first."""
    row = conn.execute(
        sa.text(
            "select date_day, text, figures from app.daily_summaries"
            " where kind = :kind order by date_day desc limit 1"
        ),
        {"kind": KIND},
    ).first()
    return Summary(row.date_day, row.text, row.figures) if row else None


NO_DATA = "No P&L yet: analytics.fct_pnl_daily has no complete day to summarise."
