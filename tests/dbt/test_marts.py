"""dbt build over a hand-built data set: every model and test passes, and the P&L is right."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from affiliate.db.dbt_profile import DBT_PROJECT_DIR
from tests.dbt.dataset import D1, D2, D3, expected_pnl

PROJECT_DIR = DBT_PROJECT_DIR


def test_build_runs_every_model_and_test(built: sa.Engine, run_dbt) -> None:
    with built.connect() as conn:
        relations = set(
            conn.scalars(
                sa.text(
                    "select table_name from information_schema.tables"
                    " where table_schema = 'analytics'"
                )
            )
        )
    assert {
        "stg_app__conversions",
        "int_revenue__events",
        "fct_pnl_daily",
        "fct_pnl_daily_by_campaign",
        "fct_campaign_performance_daily",
    } <= relations
    # No model escapes to a prefixed schema such as analytics_staging.
    with built.connect() as conn:
        stray = conn.scalars(
            sa.text(
                "select schema_name from information_schema.schemata"
                " where schema_name like 'analytics\\_%'"
            )
        ).all()
    assert stray == []


def test_pnl_daily_matches_python(built: sa.Engine) -> None:
    expected = expected_pnl()
    with built.connect() as conn:
        rows = (
            conn.execute(sa.text("select * from analytics.fct_pnl_daily order by date_day"))
            .mappings()
            .all()
        )
    assert [r["date_day"] for r in rows] == [D1, D2, D3]
    assert {r["currency_code"] for r in rows} == {"USD"}
    for row in rows:
        want = expected[row["date_day"]]
        got = {
            k: row[k]
            for k in (
                "gross_revenue",
                "refunds",
                "chargebacks",
                "net_revenue",
                "ad_spend",
                "ai_cost",
                "other_costs",
                "profit",
                "conversions",
                "refunded_conversions",
            )
        }
        assert all(isinstance(got[k], Decimal) for k in ("gross_revenue", "profit", "ai_cost"))
        assert got == {
            "gross_revenue": want.gross_revenue,
            "refunds": want.refunds,
            "chargebacks": want.chargebacks,
            "net_revenue": want.net_revenue,
            "ad_spend": want.ad_spend,
            "ai_cost": want.ai_cost,
            "other_costs": Decimal("0.00"),
            "profit": want.profit,
            "conversions": want.conversions,
            "refunded_conversions": want.refunded_conversions,
        }, row["date_day"]
        cost = want.ad_spend + want.ai_cost
        assert row["roi"] == (want.profit / cost).quantize(Decimal("0.0001"))
        assert row["roas"] == (want.net_revenue / want.ad_spend).quantize(Decimal("0.0001"))
    # The hand-checked headline numbers, so a bug shared by SQL and Python still shows.
    by_day = {r["date_day"]: r for r in rows}
    assert by_day[D1]["profit"] == Decimal("68.23")  # 100.50 − 32.25 − 0.02
    # 12.34 + 7.77 + 20.00 (the BRL sale, in USD) − 30.00 − 25.50
    assert by_day[D2]["net_revenue"] == Decimal("-15.39")
    assert by_day[D3]["profit"] == Decimal("-10.50")  # spend and AI cost, no sales
    assert by_day[D3]["margin"] is None  # net revenue 0


def test_campaign_performance(built: sa.Engine) -> None:
    with built.connect() as conn:
        rows = (
            conn.execute(sa.text("select * from analytics.fct_campaign_performance_daily"))
            .mappings()
            .all()
        )
    row = {(r["date_day"], r["ad_id"]): r for r in rows}
    keto_d1 = row[(D1, 1)]
    assert keto_d1["campaign_name"] == "Keto - Sandbox"
    assert keto_d1["ad_group_name"] == "Keto US 25-45"
    assert (keto_d1["impressions"], keto_d1["clicks"], keto_d1["tracked_clicks"]) == (1000, 40, 3)
    assert keto_d1["bot_clicks"] == 1  # recorded, shown, not counted
    assert (keto_d1["conversions"], keto_d1["refunds"], keto_d1["revenue"]) == (
        2,
        0,
        Decimal("75.00"),
    )
    assert keto_d1["platform_conversions"] == 3  # kept apart, never added
    assert keto_d1["cvr"] == Decimal("0.6667") and keto_d1["epc"] == Decimal("25.0000")
    assert keto_d1["roas"] == Decimal("3.7500") and keto_d1["ctr"] == Decimal("0.0400")
    keto_d2 = row[(D2, 1)]
    assert (keto_d2["refunds"], keto_d2["revenue"], keto_d2["tracked_clicks"]) == (
        1,
        Decimal("-30.00"),
        1,
    )
    yoga_d2 = row[(D2, 2)]
    # 12.34 + 20.00 (R$ 100.00 at 0.2) − 25.50 charged back, all in USD.
    assert (yoga_d2["conversions"], yoga_d2["refunds"], yoga_d2["revenue"]) == (
        2,
        1,
        Decimal("6.84"),
    )
    assert yoga_d2["currency_code"] == "USD"
    assert yoga_d2["cvr"] is None  # no tracked clicks that day
    assert row[(D3, 1)]["revenue"] == Decimal("0.00") and row[(D3, 1)]["spend"] == Decimal("10.00")


def test_pnl_by_campaign_keeps_unattributed_revenue(built: sa.Engine) -> None:
    with built.connect() as conn:
        rows = (
            conn.execute(
                sa.text(
                    "select * from analytics.fct_pnl_daily_by_campaign"
                    " where campaign_id is null order by date_day"
                )
            )
            .mappings()
            .all()
        )
    assert {r["campaign_name"] for r in rows} == {"Unattributed"}
    assert [(r["date_day"], r["gross_revenue"], r["ai_cost"]) for r in rows] == [
        (D1, Decimal("0.00"), Decimal("0.02")),
        (D2, Decimal("7.77"), Decimal("0.00")),
        (D3, Decimal("0.00"), Decimal("0.50")),
    ]


def test_expression_is_true_catches_a_broken_identity(built: sa.Engine, run_dbt) -> None:
    with built.begin() as conn:
        conn.execute(sa.text("update analytics.fct_pnl_daily set profit = profit + 1"))
    try:
        result = run_dbt("test", "--select", "fct_pnl_daily")
        assert not result.success
        status = {r.node.name: str(r.status) for r in result.result.results}
        profit_identity = (
            "expression_is_true_fct_pnl_daily_profit_net_revenue_ad_spend_ai_cost_other_costs"
        )
        net_identity = (
            "expression_is_true_fct_pnl_daily_net_revenue_gross_revenue_refunds_chargebacks"
        )
        assert status[profit_identity] == "fail", status
        # Only what depends on profit fails; the revenue identity is untouched.
        assert status[net_identity] == "pass", status
        assert status["assert_pnl_by_campaign_sums_to_pnl"] == "fail", status
    finally:
        restored = run_dbt("run", "--select", "fct_pnl_daily")
        assert restored.success


def test_conversions_mart_has_attribution_and_both_currencies(built: sa.Engine) -> None:
    with built.connect() as conn:
        rows = {
            r["conversion_id"]: r
            for r in conn.execute(sa.text("select * from analytics.fct_conversions")).mappings()
        }
    assert len(rows) == 7
    brl = rows[7]
    assert (brl["commission_amount"], brl["sale_amount"], brl["currency_code"]) == (
        Decimal("20.00"),
        Decimal("50.00"),
        "USD",
    )
    assert (brl["network_commission_amount"], brl["network_currency_code"]) == (
        Decimal("100.00"),
        "BRL",
    )
    assert (brl["attribution"], brl["campaign_name"], brl["ad_name"]) == (
        "click",
        "Yoga - Sandbox",
        "Yoga ad A",
    )
    assert brl["is_attribution_stored"] is True
    unattributed = rows[6]
    assert (unattributed["campaign_id"], unattributed["campaign_name"]) == (None, "Unattributed")
    assert unattributed["unattributed_reason"] == "no click id"
    # An older row (no stored attribution) is re-derived from its click.
    old = rows[1]
    assert (old["attribution"], old["ad_id"], old["is_attribution_stored"]) == ("click", 1, False)
    refunded = rows[2]
    assert (refunded["is_reversed"], refunded["net_commission_amount"]) == (True, Decimal("0.00"))
    assert refunded["reversed_day"] == D2 and refunded["approved_day"] == D1


def test_inbox_staging_never_exposes_the_raw_body(built: sa.Engine) -> None:
    with built.connect() as conn:
        columns = set(
            conn.scalars(
                sa.text(
                    "select column_name from information_schema.columns"
                    " where table_schema = 'analytics' and table_name = 'stg_app__webhook_inbox'"
                )
            )
        )
    assert {"query_params", "http_method", "processing_attempts"} <= columns
    assert not {"body", "headers"} & columns
