"""`affiliate insights`: what the daily finance assets stored, read back for the terminal —
the CFO summary, the week's anomalies with their causes, and the next days' forecast."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from affiliate.finance.cfo_store import latest_summary
from affiliate.finance.forecast import METRICS
from affiliate.finance.forecast_store import latest_forecast

HOW_TO_RUN = "the daily marts job writes it (Dagster UI: daily_marts_job, or `affiliate demo`)"


def insights_lines(conn: sa.Connection, today: date, days: int = 7) -> list[str]:
    lines = ["CFO summary"]
    summary = latest_summary(conn)
    lines.append(
        f"  {summary.date_day}: {summary.text}" if summary else f"  none yet: {HOW_TO_RUN}"
    )

    lines.append(f"Anomalies since {today - timedelta(days=days)}")
    anomalies = conn.execute(
        sa.text(
            "select a.date_day, c.name, a.metric, a.sentence from app.performance_anomalies a"
            " join app.campaigns c on c.id = a.campaign_id"
            " where a.date_day >= :since order by a.date_day desc, c.name, a.metric"
        ),
        {"since": today - timedelta(days=days)},
    ).all()
    lines += [f"  {a.date_day} {a.name} ({a.metric}): {a.sentence}" for a in anomalies] or [
        "  none flagged"
    ]

    forecasts = {metric: latest_forecast(conn, metric)[:days] for metric in METRICS}
    if not forecasts["net_revenue"]:
        return [*lines, "Forecast", f"  none stored: {HOW_TO_RUN}"]
    first = forecasts["net_revenue"][0]
    lines.append(
        f"Forecast as of {first.as_of} ({first.currency_code}, "
        f"{first.interval_width:.0%} intervals)"
    )
    lines.append("  " + f"{'day':<12}" + "".join(f"{m:>30}" for m in METRICS))
    for cells in zip(*(forecasts[m] for m in METRICS), strict=False):
        figures = "".join(f"{f'{c.yhat} [{c.yhat_lower}, {c.yhat_upper}]':>30}" for c in cells)
        lines.append(f"  {cells[0].date_day!s:<12}{figures}")
    return lines
