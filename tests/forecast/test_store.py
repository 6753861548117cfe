"""Reading the mart and keeping forecasts in app.pnl_forecasts, on the real database."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pandas as pd
import pytest
import sqlalchemy as sa

from affiliate.finance.forecast import PnlForecast
from affiliate.finance.forecast_store import latest_forecast, read_pnl_history, store_forecast
from tests.forecast.series import pnl_frame

START = date(2026, 2, 2)


def made_forecast(as_of: date, yhat: list[float], spread: float = 1.0) -> PnlForecast:
    rows = [
        {
            "metric": metric,
            "date_day": as_of + timedelta(days=i + 1),
            "yhat": value,
            "yhat_lower": value - spread,
            "yhat_upper": value + spread,
        }
        for metric in ("net_revenue", "profit")
        for i, value in enumerate(yhat)
    ]
    return PnlForecast(
        history_days=30, currency_code="USD", as_of=as_of, forecast=pd.DataFrame(rows)
    )


def test_history_is_the_marts_complete_days_as_decimals(pnl_mart, clean_db):
    pnl_mart(pnl_frame(START, 5))
    with clean_db.connect() as conn:
        everything = read_pnl_history(conn)
        before_today = read_pnl_history(conn, before=START + timedelta(days=3))
    assert list(everything["date_day"]) == [START + timedelta(days=i) for i in range(5)]
    assert list(before_today["date_day"]) == [START + timedelta(days=i) for i in range(3)]
    assert isinstance(everything["net_revenue"].iloc[0], Decimal)
    assert set(everything["currency_code"]) == {"USD"}


def test_forecasts_are_stored_in_cents_and_a_rerun_replaces_them(clean_db):
    as_of = date(2026, 3, 1)
    with clean_db.begin() as conn:
        assert store_forecast(conn, made_forecast(as_of, [12.344, 12.346, -3.337])) == 6
    with clean_db.begin() as conn:
        assert store_forecast(conn, made_forecast(as_of, [20.0, 21.0, 22.004], spread=0.5)) == 6
    with clean_db.connect() as conn:
        count = conn.scalar(sa.text("select count(*) from app.pnl_forecasts"))
        rows = latest_forecast(conn, "net_revenue")
    assert count == 6
    assert [r.yhat for r in rows] == [Decimal("20.00"), Decimal("21.00"), Decimal("22.00")]
    assert rows[0].yhat_lower == Decimal("19.50")
    assert rows[0].interval_width == Decimal("0.80")
    assert rows[0].currency_code == "USD"


def test_amounts_round_half_up_to_cents(clean_db):
    with clean_db.begin() as conn:
        store_forecast(conn, made_forecast(date(2026, 3, 1), [12.344, 12.346, -3.337]))
    with clean_db.connect() as conn:
        rows = latest_forecast(conn, "profit")
    assert [r.yhat for r in rows] == [Decimal("12.34"), Decimal("12.35"), Decimal("-3.34")]
    assert [r.yhat_upper for r in rows] == [Decimal("13.34"), Decimal("13.35"), Decimal("-2.34")]


def test_latest_forecast_is_the_newest_as_of_by_day(clean_db):
    with clean_db.begin() as conn:
        store_forecast(conn, made_forecast(date(2026, 3, 2), [5.0, 6.0]))
        store_forecast(conn, made_forecast(date(2026, 3, 1), [1.0, 2.0, 3.0]))
    with clean_db.connect() as conn:
        rows = latest_forecast(conn, "profit")
        assert latest_forecast(conn, "ad_spend") == []
        with pytest.raises(ValueError, match="net_revenue, ad_spend, profit"):
            latest_forecast(conn, "revenue")
    assert {r.as_of for r in rows} == {date(2026, 3, 2)}
    assert [r.date_day for r in rows] == [date(2026, 3, 3), date(2026, 3, 4)]
    assert [r.yhat for r in rows] == [Decimal("5.00"), Decimal("6.00")]
