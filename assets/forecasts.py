"""P&L forecast: Prophet over fct_pnl_daily, stored in app.pnl_forecasts, backtest as metadata."""

from datetime import datetime
from zoneinfo import ZoneInfo

import dagster as dg

from affiliate.config import get_settings
from affiliate.finance.forecast import ForecastSettings, forecast_pnl
from affiliate.finance.forecast_report import backtest_markdown, next_days_markdown, summary_line
from affiliate.finance.forecast_store import read_pnl_history, store_forecast
from resources.database import DatabaseResource


class PnlForecastConfig(dg.Config):
    horizon_days: int = 30
    # Each cut-off costs one Prophet fit per metric.
    backtest_cutoffs: int = 4


@dg.asset(deps=[dg.AssetKey("fct_pnl_daily")], group_name="finance", kinds={"python"})
def pnl_forecast(
    context: dg.AssetExecutionContext, config: PnlForecastConfig, database: DatabaseResource
) -> dg.MaterializeResult:
    """Net revenue, ad spend and profit for the next days with 80 % intervals.

    Too little history or several currencies is not a failure: the run succeeds and its
    metadata says why there is no forecast.
    """
    # Today is still under way: only complete days in the reporting time zone are history.
    today = datetime.now(ZoneInfo(get_settings().report_timezone)).date()
    engine = database.engine()
    with engine.connect() as conn:
        history = read_pnl_history(conn, before=today)
    settings = ForecastSettings(
        horizon_days=config.horizon_days, backtest_cutoffs=config.backtest_cutoffs
    )
    result = forecast_pnl(history, settings)
    stored = 0
    if result.forecast is not None:
        with engine.begin() as conn:
            stored = store_forecast(conn, result)
    context.log.info(summary_line(result))
    metadata = {
        "summary": summary_line(result),
        "history_days": result.history_days,
        "rows_stored": stored,
    }
    if result.forecast is None:
        metadata["message"] = result.message
        return dg.MaterializeResult(metadata=metadata)
    metadata |= {
        "as_of": str(result.as_of),
        "currency_code": result.currency_code,
        "next_7_days": dg.MetadataValue.md(next_days_markdown(result, days=7)),
        "backtest": dg.MetadataValue.md(backtest_markdown(result)),
    }
    if result.backtest_message:
        metadata["backtest_message"] = result.backtest_message
    # Errors are statistics, not money: floats, so the UI can plot them run after run.
    for metric, error in result.backtest.items():
        metadata[f"backtest_smape_pct_{metric}"] = round(error.smape_pct, 4)
        metadata[f"backtest_mae_{metric}"] = round(error.mae, 4)
    return dg.MaterializeResult(metadata=metadata)
