"""P&L forecasts in words and tables, for materialisation metadata and the log."""

from __future__ import annotations

from affiliate.finance.forecast import METRICS, PnlForecast, to_cents


def next_days_markdown(result: PnlForecast, days: int = 7) -> str:
    """The first `days` forecast days: per metric, yhat and its interval in cents."""
    if result.forecast is None:
        return ""
    percent = round(result.interval_width * 100)
    head = "| day | " + " | ".join(f"{m} ({percent} % interval)" for m in METRICS) + " |\n"
    head += "|---" * (len(METRICS) + 1) + "|\n"
    by_metric = {m: rows.head(days) for m, rows in result.forecast.groupby("metric")}
    lines = []
    for i, day in enumerate(by_metric[METRICS[0]]["date_day"]):
        cells = []
        for metric in METRICS:
            row = by_metric[metric].iloc[i]
            cells.append(
                f"{to_cents(row.yhat)} ({to_cents(row.yhat_lower)} – {to_cents(row.yhat_upper)})"
            )
        lines.append(f"| {day} | " + " | ".join(cells) + " |")
    return head + "\n".join(lines)


def backtest_markdown(result: PnlForecast) -> str:
    if not result.backtest:
        return result.backtest_message or "No backtest."
    head = "| metric | sMAPE | MAE | days scored | cut-offs |\n|---|---|---|---|---|\n"
    return head + "\n".join(
        f"| {metric} | {error.smape_pct:.1f} % | {error.mae:.2f} | {error.points} | "
        f"{', '.join(str(c) for c in error.cutoffs)} |"
        for metric, error in result.backtest.items()
    )


def summary_line(result: PnlForecast) -> str:
    if result.forecast is None:
        return result.message or "No forecast."
    horizon = result.forecast["date_day"].nunique()
    return (
        f"Forecast of {', '.join(METRICS)} for {horizon} days after {result.as_of} "
        f"from {result.history_days} days of history in {result.currency_code}."
    )
