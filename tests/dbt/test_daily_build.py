"""The daily build (affiliate/db/dbt_build.py) over a month of generated business ending today:
it leaves unchanged views alone, rebuilds a missing one, and tests the rows it could have
changed (new bad data fails it, each model's per-column checks run in one query) rather than
all of history (the full build tests that, each check as its own node)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from affiliate.db.dbt_build import (
    GROUPED_TEST,
    GROUPED_TEST_KINDS,
    daily_build_args,
    full_build_args,
)
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
    result = run_dbt(*full_build_args("UTC"))  # which rewrites the row
    assert result.success, failures(result)


def _failed_checks(result, engine: sa.Engine) -> set[str]:
    """The checks a build failed: each failed test node's name, and for a
    checks_in_one_query node the names of the checks it ran and found failing (its rows)."""
    names: set[str] = set()
    for r in result.result.results:
        if str(r.status) != "fail":
            continue
        names.add(r.node.name)
        if "checks_in_one_query" in r.node.name:
            with engine.connect() as conn:
                names.update(conn.scalars(sa.text(r.node.compiled_code)))
    return names


def test_the_daily_build_fails_on_each_kind_of_bad_new_row(month, run_dbt) -> None:
    # A click from today with a bot reason yet counted, one on an ad that does not exist, two
    # sharing an id and one with none (the table's own constraints, which would refuse the last
    # two, dropped for the test), and a sale changed now to an attribution the processing never
    # writes.
    with month.begin() as conn:
        unique_click_id = conn.scalar(
            sa.text(
                "select conname from pg_constraint where contype = 'u'"
                " and conrelid = 'app.clicks'::regclass"
            )
        )
        conn.execute(sa.text(f"alter table app.clicks drop constraint {unique_click_id}"))
        conn.execute(sa.text("alter table app.clicks alter column click_id drop not null"))
        conn.execute(
            sa.text(
                "insert into app.clicks (click_id, ad_id, clicked_at, is_bot, bot_reason)"
                " values ('planted-bot', null, now(), false, 'datacenter ip'),"
                " ('planted-orphan', -1, now(), false, null),"
                " ('planted-twice', null, now(), false, null),"
                " ('planted-twice', null, now(), false, null), (null, null, now(), false, null)"
            )
        )
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
        assert not result.success
        assert _failed_checks(result, month) >= {
            "expression_is_true_stg_app__clicks_is_bot",
            "unique_stg_app__clicks_click_id",
            "not_null_stg_app__clicks_click_id",
            "relationships_stg_app__clicks_ad_id__ad_id__ref_stg_app__ads_",
            "accepted_values_stg_app__conversions_attribution__click__unattributed",
        }
    finally:
        with month.begin() as conn:
            conn.execute(
                sa.text(
                    "delete from app.clicks where coalesce(click_id, '') in"
                    " ('planted-bot', 'planted-orphan', 'planted-twice', '')"
                )
            )
            conn.execute(sa.text("alter table app.clicks alter column click_id set not null"))
            conn.execute(
                sa.text(
                    f"alter table app.clicks add constraint {unique_click_id} unique (click_id)"
                )
            )
            conn.execute(
                sa.text("update app.conversions set attribution = :a where id = :id"),
                {"a": attribution, "id": latest},
            )
        run_dbt(*full_build_args("UTC"))


def test_every_grouped_check_has_a_query_to_run_it_in(run_dbt) -> None:
    # The daily build leaves out every test of these kinds: one with no checks_in_one_query of
    # its severity on its model would silently not run there.
    parsed = run_dbt("parse")
    assert parsed.success, failures(parsed)
    generic = [n for n in parsed.result.nodes.values() if getattr(n, "test_metadata", None)]
    grouped = {
        (n.attached_node, str(n.config.severity).lower())
        for n in generic
        if n.test_metadata.name == GROUPED_TEST
    }
    needed = {
        (n.attached_node, str(n.config.severity).lower())
        for n in generic
        if n.test_metadata.name in GROUPED_TEST_KINDS
    }
    assert needed and needed <= grouped, sorted(needed - grouped)
    # ...and it must run after the models its relationships checks read, as theirs did.
    grouped_parents: dict[str, set[str]] = {}
    for n in generic:
        if n.test_metadata.name == GROUPED_TEST:
            grouped_parents.setdefault(n.attached_node, set()).update(n.depends_on.nodes)
    for n in generic:
        if n.test_metadata.name == "relationships":
            assert set(n.depends_on.nodes) <= grouped_parents[n.attached_node], n.name
