"""Months of generated business: the P&L identities hold on all of it, and an incremental run
after late events and a new day gives exactly what a full rebuild gives.

Days are reported in America/New_York so that the look-back window starts at a local midnight
that is not a UTC one and spans the change to daylight saving time (2024-03-10): a window
taken in UTC days would recount part of the day before the window and fail the comparison.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from affiliate.db.testing import truncate_app_tables
from tests.dbt.conftest import failures
from tests.dbt.dataset import insert_costs
from tests.dbt.generated import Shape, add_day, generate_history

VARS = ["--vars", json.dumps({"report_timezone": "America/New_York", "lookback_days": 3})]
# 2023-12-01 .. 2024-03-11 UTC: 102 days, the last local day 2024-03-11.
SHAPE = Shape(start=date(2023, 12, 1), days=102, clicks=40_000, conversions=4_000)
LAST_DAY = date(2024, 3, 11)
WINDOW_START = date(2024, 3, 8)  # LAST_DAY − lookback_days
NEW_DAY = date(2024, 3, 12)
INCREMENTAL_FACTS = (
    "int_tracked_clicks__daily",
    "int_tracked_clicks__by_landing_page_daily",
    "int_revenue__events",
    "fct_pnl_daily",
    "fct_pnl_daily_by_campaign",
    "fct_pnl_daily_by_product",
    "fct_pnl_daily_by_network",
    "fct_campaign_performance_daily",
    "fct_landing_page_performance_daily",
    "fct_offer_performance_daily",
    "fct_conversions",
)
COSTS = [
    {
        "date_day": date(2024, 1, 1),
        "cost_category": "hosting",
        "description": "VPS, January",
        "amount": Decimal("24.00"),
        "currency_code": "USD",
    },
    {
        "date_day": date(2024, 2, 1),
        "cost_category": "hosting",
        "description": "VPS, February",
        "amount": Decimal("24.00"),
        "currency_code": "USD",
    },
]


@pytest.fixture(scope="module")
def history(engine: sa.Engine, run_dbt) -> Iterator[tuple[sa.Engine, object]]:
    truncate_app_tables(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("drop schema if exists analytics cascade"))
        generate_history(conn, SHAPE)
    seeded = run_dbt("seed")
    assert seeded.success, failures(seeded)
    with engine.begin() as conn:
        insert_costs(conn, COSTS)
    result = run_dbt("build", "--exclude", "resource_type:seed", *VARS)
    assert result.success, failures(result)
    yield engine, result
    truncate_app_tables(engine)
    # Incremental marts keep rows the next build's window does not reach: leave no stale
    # marts behind for the next module's build.
    with engine.begin() as conn:
        conn.execute(sa.text("drop schema if exists analytics cascade"))


def test_identities_hold_on_months_of_generated_data(history) -> None:
    engine, result = history
    passed = {r.node.name for r in result.result.results if str(r.status) == "pass"}
    for mart in (
        "fct_pnl_daily",
        "fct_pnl_daily_by_campaign",
        "fct_pnl_daily_by_product",
        "fct_pnl_daily_by_network",
    ):
        identities = {n for n in passed if n.startswith(f"expression_is_true_{mart}_")}
        assert len(identities) >= 6, (mart, identities)  # net, profit, roas ×2, roi, margin
    assert {
        "assert_mart_spend_matches_source",
        "assert_mart_net_revenue_matches_source",
        "assert_pnl_by_campaign_sums_to_pnl",
        "assert_pnl_breakdowns_sum_to_pnl",
    } <= passed
    with engine.connect() as conn:
        span = conn.execute(
            sa.text(
                "select min(date_day), max(date_day), count(*) filter (where refunds > 0),"
                " count(*) filter (where chargebacks > 0), sum(other_costs)"
                " from analytics.fct_pnl_daily"
            )
        ).one()
    assert (span[0], span[1]) == (date(2023, 11, 30), LAST_DAY)  # 00:00 UTC is 19:00 EST
    assert span[2] > 60 and span[3] > 30 and span[4] == Decimal("48.00")


def _contents(conn: sa.Connection, model: str) -> list[tuple]:
    columns = conn.scalars(
        sa.text(
            "select column_name from information_schema.columns where table_schema = 'analytics'"
            " and table_name = :t and column_name <> 'refreshed_at' order by ordinal_position"
        ),
        {"t": model},
    ).all()
    listed = ", ".join(f'"{c}"' for c in columns)
    return sorted(
        (tuple(r) for r in conn.execute(sa.text(f"select {listed} from analytics.{model}"))),
        key=repr,
    )


def _refreshed_days(conn: sa.Connection, model: str, since) -> tuple[date, date]:
    return conn.execute(
        sa.text(
            f"select min(date_day), max(date_day) from analytics.{model}"
            " where refreshed_at >= :since"
        ),
        {"since": since},
    ).one()


def test_incremental_run_corrects_the_window_and_equals_a_full_rebuild(history, run_dbt) -> None:
    engine, _ = history
    with engine.begin() as conn:
        before = conn.execute(
            sa.text("select date_day, refunds, refreshed_at from analytics.fct_pnl_daily")
        ).all()
        refunds_before = {r.date_day: r.refunds for r in before}
        refreshed_before = {r.date_day: r.refreshed_at for r in before}
        # A late refund: a February sale refunded at 12:00 UTC on 2024-03-09 (07:00 EST), a
        # day inside the window, that only reaches us now.
        late = conn.execute(
            sa.text(
                "update app.conversions set status = 'refunded',"
                " refunded_at = '2024-03-09 12:00+00', updated_at = now()"
                " where id = (select min(id) from app.conversions where status = 'approved'"
                "             and conversion_date < '2024-02-15')"
                " returning commission_amount_account"
            )
        ).scalar_one()
        # A late sale on the DST day: 06:30 UTC on 2024-03-10 is 01:30 EST, local 03-10.
        conn.execute(
            sa.text(
                "insert into app.conversions (user_id, product_id, network, transaction_id,"
                " status, sale_amount, commission_amount, sale_amount_account,"
                " commission_amount_account, conversion_date, unattributed_reason)"
                " values (1, 1, 'clickbank', 'LATE-1', 'approved', 100, 37.50, 100, 37.50,"
                " '2024-03-10 06:30+00', 'no click id')"
            )
        )
        dst_day_gross = conn.scalar(
            sa.text("select gross_revenue from analytics.fct_pnl_daily where date_day = :d"),
            {"d": date(2024, 3, 10)},
        )
        add_day(conn, SHAPE, NEW_DAY, clicks=500, conversions=40)
        started = conn.scalar(sa.text("select clock_timestamp()"))

    result = run_dbt("build", "--exclude", "resource_type:seed", *VARS)
    assert result.success, failures(result)

    with engine.connect() as conn:
        after = {
            r.date_day: r
            for r in conn.execute(
                sa.text(
                    "select date_day, refunds, gross_revenue, refreshed_at"
                    " from analytics.fct_pnl_daily"
                )
            )
        }
        assert after[date(2024, 3, 9)].refunds == refunds_before[date(2024, 3, 9)] + late
        assert after[date(2024, 3, 10)].gross_revenue == dst_day_gross + Decimal("37.50")
        assert NEW_DAY in after
        # Only the window and the new day were recomputed; older days were left alone.
        for day, row in after.items():
            if day < WINDOW_START:
                assert row.refreshed_at == refreshed_before[day], day
            else:
                assert row.refreshed_at >= started, day
        for model in INCREMENTAL_FACTS:
            if model == "fct_conversions":
                continue  # keyed by conversion, its window is by updated_at
            assert _refreshed_days(conn, model, started) == (WINDOW_START, NEW_DAY), model
        incremental = {model: _contents(conn, model) for model in INCREMENTAL_FACTS}

    # A full rebuild of every model (rebuilding an incremental table drops the views on it,
    # so the views are rebuilt too).
    rebuilt = run_dbt("run", "--full-refresh", *VARS)
    assert rebuilt.success, failures(rebuilt)
    with engine.connect() as conn:
        for model in INCREMENTAL_FACTS:
            assert _contents(conn, model) == incremental[model], model
