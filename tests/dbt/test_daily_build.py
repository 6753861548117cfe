"""The daily build (affiliate/db/dbt_build.py) over a month of generated business ending today:
it leaves unchanged views alone, rebuilds a missing one, and tests the rows it could have
changed (new bad data fails it) rather than all of history (the full build tests that)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from affiliate.db.dbt_build import daily_build_args, full_build_args
from affiliate.db.testing import truncate_app_tables
from tests.dbt.conftest import failures
from tests.dbt.generated import Shape, generate_history

SHAPE = Shape(start=date.today() - timedelta(days=30), days=30, clicks=3_000, conversions=300)
DAILY = daily_build_args("UTC")


@pytest.fixture(scope="module")
def month(engine: sa.Engine, run_dbt) -> Iterator[sa.Engine]:
    truncate_app_tables(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("drop schema if exists analytics cascade"))
        generate_history(conn, SHAPE)
    result = run_dbt(*full_build_args("UTC"))
    assert result.success, failures(result)
    yield engine
    truncate_app_tables(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("drop schema if exists analytics cascade"))


def _view_oids(conn: sa.Connection) -> dict[str, int]:
    return dict(
        conn.execute(
            sa.text(
                "select c.relname, c.oid::bigint from pg_class c"
                " join pg_namespace n on n.oid = c.relnamespace"
                " where n.nspname = 'analytics' and c.relkind = 'v'"
            )
        ).all()
    )


def test_unchanged_views_are_left_alone_and_a_missing_one_is_rebuilt(month, run_dbt) -> None:
    with month.connect() as conn:
        before = _view_oids(conn)
    result = run_dbt(*DAILY)
    assert result.success, failures(result)
    views = [r for r in result.result.results if r.node.config.materialized == "view"]
    assert views and {r.adapter_response.get("code") for r in views} == {"UNCHANGED"}
    with month.begin() as conn:
        assert _view_oids(conn) == before
        # As a migration does before it alters a table a view reads (and the cascade with it).
        conn.execute(sa.text("drop view analytics.int_pnl__measures_detailed cascade"))
    result = run_dbt(*DAILY)
    assert result.success, failures(result)
    with month.connect() as conn:
        after = _view_oids(conn)
    assert set(after) == set(before)
    assert after["int_pnl__measures_detailed"] != before["int_pnl__measures_detailed"]
    assert after["stg_app__clicks"] == before["stg_app__clicks"]


def test_the_daily_build_tests_what_it_could_change(month, run_dbt) -> None:
    with month.begin() as conn:
        # An old row broken by hand where only a row-level test looks (the money identities
        # across marts compare other columns, and always read everything): the daily build
        # neither rewrites nor re-tests that day.
        conn.execute(
            sa.text(
                "update analytics.fct_pnl_daily set roas = roas + 1 where ad_spend > 0"
                " and date_day = (select min(date_day) from analytics.fct_pnl_daily)"
            )
        )
    result = run_dbt(*DAILY)
    assert result.success, failures(result)
    full_test = run_dbt("test", "--select", "fct_pnl_daily")
    assert not full_test.success  # a plain `dbt test` (and the full build) reads every row

    with month.begin() as conn:
        # A conversion changed now, to an attribution the processing never writes.
        latest, attribution = conn.execute(
            sa.text("select id, attribution from app.conversions order by id desc limit 1")
        ).one()
        conn.execute(
            sa.text(
                "update app.conversions set attribution = 'bogus', updated_at = now()"
                " where id = :id"
            ),
            {"id": latest},
        )
    try:
        result = run_dbt(*DAILY)
        failed = {r.node.name for r in result.result.results if str(r.status) == "fail"}
        assert "accepted_values_stg_app__conversions_attribution__click__unattributed" in failed
    finally:
        with month.begin() as conn:
            conn.execute(
                sa.text("update app.conversions set attribution = :a where id = :id"),
                {"a": attribution, "id": latest},
            )
        run_dbt(*full_build_args("UTC"))
