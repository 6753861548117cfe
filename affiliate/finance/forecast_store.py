"""P&L forecasts and the database: history from the mart, forecasts in app.pnl_forecasts."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

import pandas as pd
import sqlalchemy as sa

from affiliate.finance.forecast import METRICS, PnlForecast, to_cents

UPSERT = sa.text(
    """
    insert into app.pnl_forecasts
        (as_of, metric, date_day, yhat, yhat_lower, yhat_upper, interval_width, currency_code)
    values
        (:as_of, :metric, :date_day, :yhat, :yhat_lower, :yhat_upper, :interval_width,
         :currency_code)
    on conflict (as_of, metric, date_day) do update set
        yhat = excluded.yhat,
        yhat_lower = excluded.yhat_lower,
        yhat_upper = excluded.yhat_upper,
        interval_width = excluded.interval_width,
        currency_code = excluded.currency_code,
        made_at = now()
    """
)


@dataclass(frozen=True)
class StoredForecast:
    as_of: date
    metric: str
    date_day: date
    yhat: Decimal
    yhat_lower: Decimal
    yhat_upper: Decimal
    interval_width: Decimal
    currency_code: str


def read_pnl_history(conn: sa.Connection, before: date | None = None) -> pd.DataFrame:
    """fct_pnl_daily's days before `before` (None: all): date_day, currency_code and METRICS.

    `before` is today in the reporting time zone when the caller wants complete days only: a
    day still under way would look like a bad day to the model.
    """
    query = sa.text(
        f"select date_day, currency_code, {', '.join(METRICS)} from analytics.fct_pnl_daily"
        " where date_day < coalesce(cast(:before as date), 'infinity'::date)"
        " order by date_day, currency_code"
    )
    rows = conn.execute(query, {"before": before}).all()
    return pd.DataFrame(rows, columns=["date_day", "currency_code", *METRICS])


def store_forecast(conn: sa.Connection, result: PnlForecast) -> int:
    """Upsert the forecast rounded to cents; a rerun for the same as_of replaces its rows."""
    if result.forecast is None:
        return 0
    width = Decimal(str(result.interval_width))
    rows = [
        {
            "as_of": result.as_of,
            "metric": row.metric,
            "date_day": row.date_day,
            "yhat": to_cents(row.yhat),
            "yhat_lower": to_cents(row.yhat_lower),
            "yhat_upper": to_cents(row.yhat_upper),
            "interval_width": width,
            "currency_code": result.currency_code,
        }
        for row in result.forecast.itertuples(index=False)
    ]
    conn.execute(UPSERT, rows)
    return len(rows)


def latest_forecast(conn: sa.Connection, metric: str) -> list[StoredForecast]:
    """The stored forecast of `metric` made from the newest history (greatest as_of), by day."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}: forecasts exist for {', '.join(METRICS)}")
    columns = ", ".join(f.name for f in fields(StoredForecast))
    rows = conn.execute(
        sa.text(
            f"select {columns} from app.pnl_forecasts"
            " where metric = :metric"
            " and as_of = (select max(as_of) from app.pnl_forecasts where metric = :metric)"
            " order by date_day"
        ),
        {"metric": metric},
    )
    return [StoredForecast(**r._mapping) for r in rows]
