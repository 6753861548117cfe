"""Finance insights from the marts: per-campaign anomalies with their root cause, and the daily
CFO summary. The sentences are computed (never generated) and shown as metadata."""

from datetime import date

import dagster as dg

from affiliate.finance.anomalies import Check
from affiliate.finance.anomaly_store import run_anomaly_checks
from affiliate.finance.cfo_days import reporting_today
from affiliate.finance.cfo_store import NO_DATA, write_cfo_summary
from resources.database import DatabaseResource


class InsightsConfig(dg.Config):
    day: str | None = None  # ISO date to report on; unset: the latest complete day

    def the_day(self) -> date | None:
        return date.fromisoformat(self.day) if self.day else None


@dg.asset(
    deps=[dg.AssetKey("fct_campaign_performance_daily"), dg.AssetKey("fct_pnl_daily_by_campaign")],
    group_name="finance",
    kinds={"python"},
)
def performance_anomalies(
    context: dg.AssetExecutionContext, config: InsightsConfig, database: DatabaseResource
):
    """ROAS and profit per campaign on the last seven complete days against the campaign's
    own history; anomalies with their drivers are kept in app.performance_anomalies."""
    with database.engine().begin() as conn:
        days, checks = run_anomaly_checks(conn, reporting_today(), config.the_day())
    flagged = [c for c in checks if c.flagged]
    context.log.info(f"Anomalies: {len(flagged)} of {len(checks)} checks over {len(days)} days")
    return dg.MaterializeResult(
        metadata={
            "days_checked": f"{days[0]} – {days[-1]}" if days else "none",
            "checks": len(checks),
            "anomalies": len(flagged),
            "no_verdict": sum(c.status == "no_verdict" for c in checks),
            "summary": dg.MetadataValue.md(anomalies_markdown(checks)),
        }
    )


@dg.asset(
    deps=[dg.AssetKey("fct_pnl_daily"), dg.AssetKey("fct_pnl_daily_by_campaign")],
    group_name="finance",
    kinds={"python"},
)
def cfo_summary(
    context: dg.AssetExecutionContext, config: InsightsConfig, database: DatabaseResource
):
    """The latest complete day's profit against the day before, and what drove the change;
    kept in app.daily_summaries (kind 'cfo')."""
    with database.engine().begin() as conn:
        summary = write_cfo_summary(conn, reporting_today(), config.the_day())
    if summary is None:
        context.log.info(NO_DATA)
        return dg.MaterializeResult(metadata={"summary": dg.MetadataValue.md(NO_DATA)})
    context.log.info(summary.text)
    return dg.MaterializeResult(
        metadata={
            "date_day": str(summary.date_day),
            "summary": dg.MetadataValue.md(summary.text),
            "figures": dg.MetadataValue.json(summary.figures),
        }
    )


def anomalies_markdown(checks: list[Check]) -> str:
    if not checks:
        return "No campaign data in the last complete days: nothing to check."
    flagged = [c for c in checks if c.flagged]
    lines = [f"- **{c.date_day} · {c.metric}** {c.sentence}" for c in flagged]
    if not flagged:
        lines = ["No anomaly: every campaign's ROAS and profit were within their usual range."]
    silent = [c for c in checks if c.status == "no_verdict"]
    if silent:
        lines += ["", "No verdict:"] + [
            f"- {c.date_day} · {c.metric}: {c.sentence}" for c in silent
        ]
    return "\n".join(lines)
