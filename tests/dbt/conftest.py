"""The dbt project built once per test module over the hand-built data set."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from dbt.cli.main import dbtRunner, dbtRunnerResult

from affiliate.db.dbt_profile import DBT_PROJECT_DIR as PROJECT_DIR
from affiliate.db.dbt_profile import dbt_env
from affiliate.db.testing import truncate_app_tables
from tests.dbt.dataset import insert_costs, insert_dataset


@pytest.fixture(scope="module")
def run_dbt(db_url: str, tmp_path_factory: pytest.TempPathFactory):
    """Run a dbt command against the test database; target/ and logs/ go to a temp dir so a
    concurrent `dbt` in the checkout is not disturbed."""
    work = tmp_path_factory.mktemp("dbt")
    env = {**dbt_env(db_url), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}

    def run(*args: str) -> dbtRunnerResult:
        with pytest.MonkeyPatch.context() as mp:
            for key, value in env.items():
                mp.setenv(key, value)
            return dbtRunner().invoke(
                [
                    *args,
                    "--project-dir",
                    str(PROJECT_DIR),
                    "--profiles-dir",
                    str(PROJECT_DIR),
                    "--target-path",
                    str(work / "target"),
                    "--log-path",
                    str(work / "logs"),
                ]
            )

    return run


def failures(result: dbtRunnerResult) -> list[str]:
    if result.result is None or not hasattr(result.result, "results"):
        return [repr(result.exception)]
    return [
        f"{r.node.name}: {r.status} {r.message or ''}"
        for r in result.result.results
        if str(r.status) not in ("success", "pass", "warn", "skipped")
    ]


@pytest.fixture(scope="module")
def built(engine: sa.Engine, run_dbt) -> Iterator[sa.Engine]:
    truncate_app_tables(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("drop schema if exists analytics cascade"))
        insert_dataset(conn)
    seeded = run_dbt("seed")
    assert seeded.success, failures(seeded)
    with engine.begin() as conn:
        insert_costs(conn)
    result = run_dbt("build", "--exclude", "resource_type:seed")
    assert result.success, failures(result)
    yield engine
    truncate_app_tables(engine)
    # Incremental marts keep rows the next build's window does not reach: leave no stale
    # marts behind for the next module's build.
    with engine.begin() as conn:
        conn.execute(sa.text("drop schema if exists analytics cascade"))
