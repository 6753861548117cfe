"""The pure model on generated series: Prophet recovers a known trend and weekday pattern.

One forecast of 12 weeks (three Prophet fits, no backtest) is shared by the module; the
short-history and currency cases never reach Prophet.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from affiliate.finance.forecast import (
    METRICS,
    ForecastSettings,
    PnlForecast,
    daily_history,
    forecast_pnl,
    predict_metric,
)
from tests.forecast.series import AI_COST, REVENUE_SLOPE, WEEKDAY_REVENUE, pnl_frame, true_revenue

START = date(2026, 1, 5)
SETTINGS = ForecastSettings(backtest_cutoffs=0)


@pytest.fixture(scope="module")
def result() -> PnlForecast:
    return forecast_pnl(pnl_frame(START, 84), SETTINGS)


def metric_rows(result: PnlForecast, metric: str) -> pd.DataFrame:
    return result.forecast[result.forecast["metric"] == metric].reset_index(drop=True)


def test_thirty_days_per_metric_after_the_last_day(result: PnlForecast):
    last = START + timedelta(days=83)
    assert result.message is None
    assert result.as_of == last
    assert result.history_days == 84
    assert result.currency_code == "USD"
    for metric in METRICS:
        days = list(metric_rows(result, metric)["date_day"])
        assert days == [last + timedelta(days=i) for i in range(1, 31)]


def test_forecast_recovers_the_weekday_pattern(result: PnlForecast):
    revenue = metric_rows(result, "net_revenue")
    # What is left of yhat once the known trend is taken away is the weekday effect.
    days_in = np.array([(d - START).days for d in revenue["date_day"]])
    weekday = np.array([d.weekday() for d in revenue["date_day"]])
    effect = revenue["yhat"].to_numpy() - REVENUE_SLOPE * days_in
    per_weekday = np.array([effect[weekday == w].mean() for w in range(7)])
    expected = WEEKDAY_REVENUE - WEEKDAY_REVENUE.mean()
    assert per_weekday - per_weekday.mean() == pytest.approx(expected, abs=3.0)
    # And the forecast itself is near the noise-free truth on every day.
    truth = np.array([true_revenue(d, START) for d in revenue["date_day"]])
    assert np.abs(revenue["yhat"].to_numpy() - truth).max() < 6.0


def test_yhat_lies_inside_its_interval(result: PnlForecast):
    forecast = result.forecast
    assert (forecast["yhat_lower"] < forecast["yhat"]).all()
    assert (forecast["yhat"] < forecast["yhat_upper"]).all()
    assert result.interval_width == 0.80


def test_profit_is_its_own_forecast_and_carries_the_costs_beyond_ad_spend(result: PnlForecast):
    # Profit is forecast from the mart's profit column: the AI cost that revenue − spend
    # would miss is in it, and its interval is its own, not a sum of the other two.
    revenue = metric_rows(result, "net_revenue")["yhat"].to_numpy()
    spend = metric_rows(result, "ad_spend")["yhat"].to_numpy()
    profit = metric_rows(result, "profit")
    gap = revenue - spend - profit["yhat"].to_numpy()
    assert gap.mean() == pytest.approx(AI_COST, abs=1.5)
    assert np.abs(gap - AI_COST).max() < 3.0
    assert not np.allclose(profit["yhat"], revenue - spend, atol=1.0)


def test_reruns_are_identical_with_the_fixed_seed(result: PnlForecast):
    again = predict_metric(daily_history(pnl_frame(START, 84))["profit"], "profit", SETTINGS)
    first = metric_rows(result, "profit")
    for column in ("yhat", "yhat_lower", "yhat_upper"):
        assert list(again[column]) == list(first[column])


def test_ten_days_get_a_message_not_a_forecast():
    short = forecast_pnl(pnl_frame(START, 10), SETTINGS)
    assert short.forecast is None
    assert short.history_days == 10
    assert "10 days of history" in short.message
    assert "at least 14" in short.message


def test_days_without_activity_count_as_zero_days():
    frame = pnl_frame(START, 20).drop(index=[3, 4, 11])
    history = daily_history(frame)
    assert len(history) == 20
    gaps = [pd.Timestamp(START + timedelta(days=i)) for i in (3, 4, 11)]
    assert (history.loc[gaps] == 0.0).all().all()
    # History is counted in calendar days: these 9 rows span days 0 to 10.
    assert forecast_pnl(frame.head(9), SETTINGS).history_days == 11


def test_several_currencies_are_refused_with_the_reason():
    frame = pd.concat([pnl_frame(START, 30, "USD"), pnl_frame(START, 30, "EUR")])
    refused = forecast_pnl(frame, SETTINGS)
    assert refused.forecast is None
    assert "EUR, USD" in refused.message
    assert "ACCOUNT_CURRENCY" in refused.message


def test_no_rows_is_a_message():
    empty = pd.DataFrame(columns=["date_day", "currency_code", *METRICS])
    assert "no rows" in forecast_pnl(empty, SETTINGS).message
