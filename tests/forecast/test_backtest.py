"""Backtest errors on cases small enough to check by hand (a naive forecaster, no Prophet)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from affiliate.finance.forecast_backtest import mae, rolling_backtest, smape


def repeat_last(train: pd.Series, horizon: int) -> list[float]:
    return [float(train.iloc[-1])] * horizon


def series(values: list[float]) -> pd.Series:
    return pd.Series(values, index=pd.date_range("2026-03-01", periods=len(values), freq="D"))


def test_smape_counts_a_zero_forecast_of_a_zero_day_as_perfect():
    # Terms: 0/0 → 0; 2·5/(0 + 5) = 2; 2·0/20 = 0.  Mean 2/3.
    assert smape([0, 0, 10], [0, 5, 10]) == pytest.approx(200 / 3)
    assert smape([0, 0], [0, 0]) == 0.0


def test_smape_is_symmetric_and_bounded_where_mape_is_undefined():
    # MAPE divides by the actual 0 here; sMAPE gives its maximum, 200 %.
    assert smape([0.0], [7.0]) == pytest.approx(200.0)
    assert smape([4.0], [6.0]) == pytest.approx(smape([6.0], [4.0])) == pytest.approx(40.0)


def test_mae():
    assert mae([1, -2, 3], [2, 2, 3]) == pytest.approx(5 / 3)


def test_one_cutoff_by_hand():
    # 14 days of 10 to train on, then a week the naive forecast (10) gets partly wrong.
    values = [10.0] * 14 + [10, 20, 0, 5, 10, 10, 10]
    error = rolling_backtest(series(values), repeat_last, 1, horizon_days=7, min_train_days=14)
    # |errors| 0, 10, 10, 5, 0, 0, 0 → MAE 25/7.
    # sMAPE terms 0, 20/30, 20/10, 10/15, 0, 0, 0 → (2/3 + 2 + 2/3) / 7 = 10/21.
    assert error.mae == pytest.approx(25 / 7)
    assert error.smape_pct == pytest.approx(1000 / 21)
    assert error.points == 7
    assert error.cutoffs == (date(2026, 3, 14),)


def test_cutoffs_tile_the_last_weeks_and_pool_their_errors():
    values = [10.0] * 14 + [12.0] * 7 + [6.0] * 7
    error = rolling_backtest(series(values), repeat_last, 2, horizon_days=7, min_train_days=14)
    # First cut-off: 10 against 12, seven times; second: 12 against 6, seven times.
    assert error.cutoffs == (date(2026, 3, 14), date(2026, 3, 21))
    assert error.points == 14
    assert error.mae == pytest.approx((7 * 2 + 7 * 6) / 14)
    assert error.smape_pct == pytest.approx(100 * (7 * 4 / 22 + 7 * 12 / 18) / 14)


def test_cutoffs_that_leave_too_little_history_are_skipped():
    values = [10.0] * 14 + [12.0] * 7
    error = rolling_backtest(series(values), repeat_last, 3, horizon_days=7, min_train_days=14)
    assert error.cutoffs == (date(2026, 3, 14),)
    assert rolling_backtest(series(values), repeat_last, 3, 7, min_train_days=15) is None
