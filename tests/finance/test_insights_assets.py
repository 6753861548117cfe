"""The two finance insight assets materialised by Dagster over the generated marts: the
anomaly and the summary land in the app tables, and their sentences are the metadata."""

from __future__ import annotations

import dagster as dg
import sqlalchemy as sa

from assets.insights import cfo_summary, performance_anomalies
from resources.database import DatabaseResource
from tests.finance.conftest import LAST, TODAY


def materialize(db_url: str, day: str | None = None) -> dg.ExecuteInProcessResult:
    config = {"config": {"day": day}}
    result = dg.materialize(
        [performance_anomalies, cfo_summary],
        resources={"database": DatabaseResource(url=db_url)},
        run_config={"ops": {"performance_anomalies": config, "cfo_summary": config}},
    )
    assert result.success
    return result


def metadata(result: dg.ExecuteInProcessResult, name: str) -> dict:
    [event] = [
        m for m in result.get_asset_materialization_events() if m.asset_key == dg.AssetKey(name)
    ]
    return event.materialization.metadata


def test_both_assets_write_their_tables_and_say_it_in_metadata(marts, db_url):
    result = materialize(db_url, day=str(LAST))

    anomalies = metadata(result, "performance_anomalies")
    assert anomalies["anomalies"].value >= 1
    assert anomalies["checks"].value == 7 * 3 * 2  # 7 days × 3 campaigns × ROAS and profit
    assert anomalies["days_checked"].value.endswith(str(LAST))
    text = anomalies["summary"].value
    assert f"**{LAST} · roas** Keto - Search: ROAS fell" in text and "CPC rose" in text

    summary = metadata(result, "cfo_summary")
    assert summary["date_day"].value == str(LAST)
    assert summary["summary"].value.startswith(f"Profit on {LAST} was $")  # not yesterday
    assert summary["figures"].value["currencies"]["USD"]["driver"]["campaign_id"] == 1

    with marts.connect() as conn:
        stored = conn.execute(sa.text("select date_day, text from app.daily_summaries")).all()
        flagged = conn.scalar(sa.text("select count(*) from app.performance_anomalies"))
    assert stored == [(LAST, summary["summary"].value)]
    assert flagged == anomalies["anomalies"].value


def test_by_default_the_latest_complete_day_is_reported(marts, db_url):
    # The fixture's partial "today" is long over by the machine's clock: it is the latest day.
    result = materialize(db_url)
    assert metadata(result, "cfo_summary")["date_day"].value == str(TODAY)
    assert metadata(result, "performance_anomalies")["days_checked"].value.endswith(str(TODAY))


def test_empty_marts_give_a_clear_message_not_a_failure(marts, db_url):
    with marts.begin() as conn:
        for mart in (
            "fct_pnl_daily",
            "fct_pnl_daily_by_campaign",
            "fct_campaign_performance_daily",
        ):
            conn.execute(sa.text(f"delete from analytics.{mart}"))
    result = materialize(db_url)
    assert metadata(result, "performance_anomalies")["summary"].value.startswith("No campaign data")
    assert metadata(result, "cfo_summary")["summary"].value.startswith("No P&L yet")


def test_the_assets_are_in_the_finance_group_after_the_marts():
    specs = {spec.key.to_user_string(): spec for spec in performance_anomalies.specs}
    assert {dep.asset_key.to_user_string() for dep in specs["performance_anomalies"].deps} == {
        "fct_campaign_performance_daily",
        "fct_pnl_daily_by_campaign",
    }
    [cfo] = cfo_summary.specs
    assert {d.asset_key.to_user_string() for d in cfo.deps} == {
        "fct_pnl_daily",
        "fct_pnl_daily_by_campaign",
    }
    assert cfo.group_name == "finance" == specs["performance_anomalies"].group_name
