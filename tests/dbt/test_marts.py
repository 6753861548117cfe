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
            "other_costs": want.other_costs,
            "profit": want.profit,
            "conversions": want.conversions,
            "refunded_conversions": want.refunded_conversions,
        }, row["date_day"]
        cost = want.ad_spend + want.ai_cost + want.other_costs
        assert row["roi"] == (want.profit / cost).quantize(Decimal("0.0001"))
        assert row["roas"] == (want.net_revenue / want.ad_spend).quantize(Decimal("0.0001"))
    # The hand-checked headline numbers, so a bug shared by SQL and Python still shows.
    by_day = {r["date_day"]: r for r in rows}
    assert by_day[D1]["profit"] == Decimal("68.23")  # 100.50 − 32.25 − 0.02
    # 12.34 + 7.77 + 20.00 (the BRL sale, in USD) − 30.00 − 25.50
    assert by_day[D2]["net_revenue"] == Decimal("-15.39")
    # Spend 10.00, AI 0.50 and a 2.50 tool from the costs seed, no sales.
    assert by_day[D3]["profit"] == Decimal("-13.00")
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
    # 3 human clicks from 2 visitors (v1 clicked twice); the ad's own landing page.
    assert (keto_d1["unique_clicks"], keto_d1["landing_page_id"]) == (2, 1)
    assert keto_d1["landing_page_name"] == "Keto story"
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
    assert [(r["date_day"], r["gross_revenue"], r["ai_cost"], r["other_costs"]) for r in rows] == [
        (D1, Decimal("0.00"), Decimal("0.02"), Decimal("0.00")),
        (D2, Decimal("7.77"), Decimal("0.00"), Decimal("5.00")),
        (D3, Decimal("0.00"), Decimal("0.50"), Decimal("2.50")),
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


# The hand-computed P&L of the data set in tests/dbt/dataset.py (UTC days, USD), worked out
# on paper from its rows, independently of dbt and of expected_pnl():
#
# D1 2024-05-01
#   approvals: T1 45.00 + T2 30.00 (Keto, clickbank) + T3 25.50 (Yoga, hotmart) = 100.50
#   ad spend:  Keto ad 20.00 + Yoga ad 12.25                                     =  32.25
#   AI:        0.012345 + 0.004000 = 0.016345 → 0.02 (both for Keto)
#   profit     100.50 − 32.25 − 0.02 = 68.23;   cost 32.25 + 0.02 = 32.27
#   ROAS 100.50 ÷ 32.25 = 3.1163;  ROI 68.23 ÷ 32.27 = 2.1143;  margin 68.23 ÷ 100.50 = 0.6789
# D2 2024-05-02
#   approvals: T4 12.34 + T6 7.77 + T7 R$100.00 × 0.2 = 20.00 (all Yoga, hotmart)  =  40.11
#   refund:    T2 30.00 (Keto; sold 23:45 on D1, refunded 00:30 on D2)
#   chargeback T3 25.50 (Yoga)
#   net        40.11 − 30.00 − 25.50 = −15.39
#   ad spend   15.50 + 8.00 = 23.50;  other costs: VPS 5.00 (seed)
#   profit     −15.39 − 23.50 − 0 − 5.00 = −43.89;  cost 23.50 + 5.00 = 28.50
#   ROAS −15.39 ÷ 23.50 = −0.6549;  ROI −43.89 ÷ 28.50 = −1.5400;  margin −43.89 ÷ −15.39 = 2.8519
# D3 2024-05-03: no sales; ad spend 10.00, AI 0.50 (Keto), tool 2.50 (seed)
#   profit −13.00;  ROAS 0 ÷ 10.00 = 0;  ROI −13.00 ÷ 13.00 = −1;  margin NULL (net revenue 0)
#
# By product (= by network here: Keto is clickbank's, Yoga hotmart's; the seed's costs have
# neither and sit in the Unattributed row):
#   D1 Keto: 75.00 − 20.00 − 0.02 = 54.98    Yoga: 25.50 − 12.25 = 13.25     (sum 68.23)
#   D2 Keto: −30.00 − 15.50 = −45.50         Yoga: 40.11 − 25.50 − 8.00 = 6.61
#      Unattributed: −5.00                                                  (sum −43.89)
#   D3 Keto: −10.00 − 0.50 = −10.50          Unattributed: −2.50             (sum −13.00)
M = Decimal
HAND_PNL = {
    # day: (gross, refunds, chargebacks, net, ad_spend, ai, other, profit, roas, roi, margin)
    D1: (
        "100.50",
        "0.00",
        "0.00",
        "100.50",
        "32.25",
        "0.02",
        "0.00",
        "68.23",
        "3.1163",
        "2.1143",
        "0.6789",
    ),
    D2: (
        "40.11",
        "30.00",
        "25.50",
        "-15.39",
        "23.50",
        "0.00",
        "5.00",
        "-43.89",
        "-0.6549",
        "-1.5400",
        "2.8519",
    ),
    D3: (
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "10.00",
        "0.50",
        "2.50",
        "-13.00",
        "0.0000",
        "-1.0000",
        None,
    ),
}
PNL_COLUMNS = (
    "gross_revenue",
    "refunds",
    "chargebacks",
    "net_revenue",
    "ad_spend",
    "ai_cost",
    "other_costs",
    "profit",
    "roas",
    "roi",
    "margin",
)
HAND_BY_PRODUCT = {
    # (day, product name): (net revenue, ad spend, ai cost, other costs, profit)
    (D1, "Keto Guide"): ("75.00", "20.00", "0.02", "0.00", "54.98"),
    (D1, "Yoga Course"): ("25.50", "12.25", "0.00", "0.00", "13.25"),
    (D2, "Keto Guide"): ("-30.00", "15.50", "0.00", "0.00", "-45.50"),
    (D2, "Yoga Course"): ("14.61", "8.00", "0.00", "0.00", "6.61"),
    (D2, "Unattributed"): ("0.00", "0.00", "0.00", "5.00", "-5.00"),
    (D3, "Keto Guide"): ("0.00", "10.00", "0.50", "0.00", "-10.50"),
    (D3, "Unattributed"): ("0.00", "0.00", "0.00", "2.50", "-2.50"),
}
NETWORK_OF = {"Keto Guide": "clickbank", "Yoga Course": "hotmart", "Unattributed": None}


def _money(value: str | None) -> Decimal | None:
    return None if value is None else M(value)


def test_hand_computed_scenario_matches_the_marts_to_the_cent(built: sa.Engine) -> None:
    with built.connect() as conn:
        total = {
            r["date_day"]: r
            for r in conn.execute(sa.text("select * from analytics.fct_pnl_daily")).mappings()
        }
        by_product = {
            (r["date_day"], r["product_name"]): r
            for r in conn.execute(
                sa.text("select * from analytics.fct_pnl_daily_by_product")
            ).mappings()
        }
        by_network = {
            (r["date_day"], r["network"]): r
            for r in conn.execute(
                sa.text("select * from analytics.fct_pnl_daily_by_network")
            ).mappings()
        }
    assert set(total) == set(HAND_PNL)
    for day, figures in HAND_PNL.items():
        got = tuple(total[day][c] for c in PNL_COLUMNS)
        assert got == tuple(_money(f) for f in figures), day
    assert set(by_product) == set(HAND_BY_PRODUCT)
    assert set(by_network) == {(day, NETWORK_OF[name]) for day, name in HAND_BY_PRODUCT}
    for (day, name), figures in HAND_BY_PRODUCT.items():
        want = tuple(M(f) for f in figures)
        for row in (by_product[(day, name)], by_network[(day, NETWORK_OF[name])]):
            got = tuple(
                row[c] for c in ("net_revenue", "ad_spend", "ai_cost", "other_costs", "profit")
            )
            assert got == want, (day, name)
            assert row["currency_code"] == "USD"


def test_landing_page_performance_splits_an_ads_clicks_by_the_page_reached(
    built: sa.Engine,
) -> None:
    with built.connect() as conn:
        rows = {
            (r["date_day"], r["ad_id"], r["landing_page_id"]): r
            for r in conn.execute(
                sa.text("select * from analytics.fct_landing_page_performance_daily")
            ).mappings()
        }
    # D1, Keto ad: page 1 got c1 and c3 (and the bot), page 2 got c2; T1 (c1) and T2 (c3)
    # converted on page 1: 45.00 + 30.00.
    story, quiz = rows[(D1, 1, 1)], rows[(D1, 1, 2)]
    assert (story["tracked_clicks"], story["unique_clicks"], story["bot_clicks"]) == (2, 2, 1)
    assert (story["conversions"], story["revenue"], story["cvr"]) == (2, M("75.00"), M("1.0000"))
    assert (quiz["tracked_clicks"], quiz["conversions"], quiz["revenue"]) == (1, 0, M("0.00"))
    assert story["landing_page_name"] == "Keto story" and quiz["network"] == "clickbank"


def test_offer_performance_and_dimensions(built: sa.Engine) -> None:
    with built.connect() as conn:
        offers = {
            (r["date_day"], r["product_id"]): r
            for r in conn.execute(
                sa.text("select * from analytics.fct_offer_performance_daily")
            ).mappings()
        }
        campaigns = conn.execute(
            sa.text("select campaign_id, network, ad_groups, ads from analytics.dim_campaigns")
        ).all()
        pages = conn.execute(
            sa.text("select landing_page_id, ads from analytics.dim_landing_pages order by 1")
        ).all()
    # Yoga on D2: 12.34 + 7.77 (unattributed, still the offer's) + 20.00 − 25.50 chargeback.
    yoga_d2 = offers[(D2, 2)]
    assert (yoga_d2["conversions"], yoga_d2["gross_revenue"], yoga_d2["revenue"]) == (
        3,
        M("40.11"),
        M("14.61"),
    )
    assert (yoga_d2["spend"], yoga_d2["roas"]) == (M("8.00"), M("1.8263"))  # 14.61 ÷ 8.00
    assert sorted(campaigns) == [(1, "clickbank", 1, 1), (2, "hotmart", 1, 1)]
    assert pages == [(1, 1), (2, 0)]
