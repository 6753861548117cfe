"""Rolling-origin backtest of a daily forecaster: how wrong was it on weeks we already know?

The forecaster is passed in (a function of the training series and the horizon), so the
error arithmetic is testable with a forecaster simple enough to check by hand, and Prophet
is only one caller.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

# Given the history up to a cut-off and a number of days, the point forecast for those days.
PointForecaster = Callable[[pd.Series, int], Sequence[float]]


@dataclass(frozen=True)
class BacktestError:
    """Errors pooled over every forecast day of every cut-off."""

    smape_pct: float  # symmetric MAPE, 0–200 %
    mae: float  # mean absolute error, in the series' currency
    points: int  # forecast days compared
    cutoffs: tuple[date, ...]  # last day of history each backtest forecast saw


def smape(actual: Sequence[float], predicted: Sequence[float]) -> float:
    """Symmetric MAPE in percent: mean of 2·|y − ŷ| / (|y| + |ŷ|).

    MAPE divides by y and is undefined on days with zero revenue or zero spend, which a small
    affiliate has often; sMAPE only is undefined when y and ŷ are both zero, and such a day is
    a perfect forecast, so it counts as 0 error.
    """
    y = np.asarray(actual, dtype=float)
    yhat = np.asarray(predicted, dtype=float)
    denominator = np.abs(y) + np.abs(yhat)
    ratio = np.divide(
        2 * np.abs(y - yhat), denominator, out=np.zeros_like(y), where=denominator != 0
    )
    return float(100 * ratio.mean())


def mae(actual: Sequence[float], predicted: Sequence[float]) -> float:
    y = np.asarray(actual, dtype=float)
    return float(np.abs(y - np.asarray(predicted, dtype=float)).mean())


def rolling_backtest(
    series: pd.Series,
    forecaster: PointForecaster,
    cutoffs: int,
    horizon_days: int,
    min_train_days: int,
) -> BacktestError | None:
    """Forecast the last `cutoffs` windows of `horizon_days` from the history before each.

    The windows tile the end of the series without overlapping (the last one ends on the last
    day), so each day is scored once. Cut-offs that would leave fewer than `min_train_days` to
    train on are skipped; None when none is left.
    """
    actual_all: list[float] = []
    predicted_all: list[float] = []
    used: list[date] = []
    for k in range(cutoffs, 0, -1):
        end = len(series) - k * horizon_days
        if end < min_train_days:
            continue
        train = series.iloc[:end]
        actual = series.iloc[end : end + horizon_days].to_numpy(dtype=float)
        predicted = np.asarray(forecaster(train, horizon_days), dtype=float)[: len(actual)]
        actual_all.extend(actual)
        predicted_all.extend(predicted)
        used.append(pd.Timestamp(train.index[-1]).date())
    if not used:
        return None
    return BacktestError(
        smape_pct=smape(actual_all, predicted_all),
        mae=mae(actual_all, predicted_all),
        points=len(actual_all),
        cutoffs=tuple(used),
    )
