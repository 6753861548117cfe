"""Prophet forecasts of the daily P&L: mart rows in (a pandas frame), forecasts and backtest out.

No SQL here (forecast_store reads and writes). Values are floats while modelled — statistics —
and become money, Decimal cents, only when shown or stored (`to_cents`).

Profit is forecast directly from the mart's own `profit` column, not as revenue − spend:
- the mart's profit also subtracts AI cost and other costs, which revenue − spend would drop;
- the 80 % interval of a difference cannot be built from the two metrics' intervals (their
  errors move together: more spend buys more revenue), while a model of profit gives it.
The price is that the three yhat are not exactly additive; each is the best guess of its own
column. tests/forecast check that the profit forecast carries the costs beyond ad spend.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from affiliate.finance.forecast_backtest import BacktestError, rolling_backtest

METRICS = ("net_revenue", "ad_spend", "profit")
CENT = Decimal("0.01")
# Spend is never negative; net revenue (a day of refunds) and profit can be.
FLOORS = {"ad_spend": 0.0}
# Yearly seasonality needs more than two years to tell a season from a trend.
YEARLY_AFTER_DAYS = 2 * 365


@dataclass(frozen=True)
class ForecastSettings:
    horizon_days: int = 30
    interval_width: float = 0.80
    min_history_days: int = 14
    backtest_cutoffs: int = 4
    backtest_horizon_days: int = 7
    # Prophet draws its interval from numpy's global generator; a fixed seed makes reruns equal.
    seed: int = 5


@dataclass(frozen=True)
class PnlForecast:
    """`forecast` is None when none was made, and `message` then says why."""

    history_days: int
    currency_code: str | None = None
    as_of: date | None = None  # last day of history the model saw
    interval_width: float = 0.80
    # Columns metric, date_day, yhat, yhat_lower, yhat_upper (floats).
    forecast: pd.DataFrame | None = None
    backtest: dict[str, BacktestError] = field(default_factory=dict)
    message: str | None = None
    backtest_message: str | None = None


def to_cents(value: float) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def daily_history(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per calendar day from the first to the last, METRICS as float columns.

    fct_pnl_daily has a row only for days with activity (its SQL groups the union of revenue
    events, spend and AI cost by day), so a day missing between two rows is a day on which
    nothing happened: zero revenue, zero spend, zero profit — not an unknown.
    """
    days = frame.assign(date_day=pd.to_datetime(frame["date_day"])).set_index("date_day")
    values = days[list(METRICS)].astype(float)
    calendar = pd.date_range(values.index.min(), values.index.max(), freq="D", name="date_day")
    return values.reindex(calendar, fill_value=0.0)


def forecast_pnl(frame: pd.DataFrame, settings: ForecastSettings | None = None) -> PnlForecast:
    """Forecast each metric of `frame` (rows of fct_pnl_daily) and backtest the model."""
    settings = settings or ForecastSettings()
    if frame.empty:
        return PnlForecast(history_days=0, message="No forecast: fct_pnl_daily has no rows yet.")
    currencies = sorted(frame["currency_code"].unique())
    if len(currencies) > 1:
        # app.pnl_forecasts is keyed by (as_of, metric, date_day): one currency per forecast,
        # and adding amounts in different currencies would be meaningless.
        return PnlForecast(
            history_days=0,
            message=(
                f"No forecast: fct_pnl_daily has rows in {len(currencies)} currencies "
                f"({', '.join(currencies)}); forecasts need one. Convert the amounts into the "
                "account currency (ACCOUNT_CURRENCY) through fx_rates, then rebuild the marts."
            ),
        )
    history = daily_history(frame)
    days = len(history)
    first, last = history.index[0].date(), history.index[-1].date()
    base = PnlForecast(
        history_days=days,
        currency_code=currencies[0],
        as_of=last,
        interval_width=settings.interval_width,
    )
    if days < settings.min_history_days:
        return replace(
            base,
            message=(
                f"No forecast: fct_pnl_daily has {days} days of history ({first} to {last}); "
                f"a forecast needs at least {settings.min_history_days}. "
                f"Try again in {settings.min_history_days - days} days."
            ),
        )
    forecasts, backtest = [], {}
    for metric in METRICS:
        series = history[metric]
        forecasts.append(predict_metric(series, metric, settings).assign(metric=metric))

        def point(train: pd.Series, horizon: int, metric: str = metric) -> np.ndarray:
            predicted = predict_metric(train, metric, settings, horizon, uncertainty=False)
            return predicted["yhat"].to_numpy()

        error = rolling_backtest(
            series,
            point,
            cutoffs=settings.backtest_cutoffs,
            horizon_days=settings.backtest_horizon_days,
            min_train_days=settings.min_history_days,
        )
        if error is not None:
            backtest[metric] = error
    needed = settings.min_history_days + settings.backtest_horizon_days
    return replace(
        base,
        forecast=pd.concat(forecasts, ignore_index=True)[
            ["metric", "date_day", "yhat", "yhat_lower", "yhat_upper"]
        ],
        backtest=backtest,
        backtest_message=None
        if backtest or settings.backtest_cutoffs == 0
        else f"No backtest: it needs at least {needed} days of history, there are {days}.",
    )


def predict_metric(
    series: pd.Series,
    metric: str,
    settings: ForecastSettings,
    horizon_days: int | None = None,
    uncertainty: bool = True,
) -> pd.DataFrame:
    """Fit Prophet to one daily series; date_day, yhat, yhat_lower, yhat_upper for the next days."""
    prophet = _quiet_prophet()
    span_days = (series.index[-1] - series.index[0]).days + 1
    model = prophet(
        weekly_seasonality=True,
        yearly_seasonality=span_days > YEARLY_AFTER_DAYS,
        # Rows are whole days: there is no pattern within a day to learn.
        daily_seasonality=False,
        interval_width=settings.interval_width,
        # The backtest scores yhat only; skipping the sampling makes its fits cheaper.
        uncertainty_samples=1000 if uncertainty else 0,
    )
    model.fit(pd.DataFrame({"ds": series.index, "y": series.to_numpy(dtype=float)}))
    future = model.make_future_dataframe(
        periods=horizon_days or settings.horizon_days, include_history=False
    )
    state = np.random.get_state()
    np.random.seed(settings.seed)
    try:
        predicted = model.predict(future)
    finally:
        np.random.set_state(state)  # leave the caller's random stream as it was
    out = pd.DataFrame({"date_day": predicted["ds"].dt.date, "yhat": predicted["yhat"]})
    if uncertainty:
        out["yhat_lower"] = predicted["yhat_lower"]
        out["yhat_upper"] = predicted["yhat_upper"]
    else:
        out["yhat_lower"] = out["yhat_upper"] = out["yhat"]
    if metric in FLOORS:
        value_columns = ["yhat", "yhat_lower", "yhat_upper"]
        out[value_columns] = out[value_columns].clip(lower=FLOORS[metric])
    return out


def _quiet_prophet():
    """Import Prophet when first needed (it takes seconds) with its chatter turned down."""
    # Before the import: prophet.plot logs an error when plotly is missing, which is harmless.
    logging.getLogger("prophet.plot").setLevel(logging.CRITICAL)
    from cmdstanpy.utils import get_logger
    from prophet import Prophet

    # cmdstanpy sets its own logger to DEBUG the first time it is asked for it, so ask first,
    # then lower it: otherwise every fit prints "Chain [1] start/done processing".
    get_logger().setLevel(logging.WARNING)
    logging.getLogger("prophet").setLevel(logging.WARNING)
    return Prophet
