"""The two dbt commands that build the marts, in one place.

The Dagster dbt asset runs the daily build (daily_marts_job, and conversions_job after sales);
bench/dbt_incremental.py times both with these same arguments, so the benchmark measures what
production runs. See dbt_project/DECISIONLOG.md, "The daily build".
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

# The kinds of per-column test the daily build leaves out as nodes and runs instead, per model,
# in the one query of its checks_in_one_query test (dbt_project/tests/generic/): dbt spends
# ~70 ms on every test node however few rows it reads, and ~440 such nodes cost more than the
# rows they read. Passed to dbt as the var `checks_in_one_query`.
GROUPED_TEST_KINDS = (
    "not_null",
    "accepted_values",
    "expression_is_true",
    "unique",
    "unique_combination_of_columns",
    "relationships",
)
GROUPED_TEST = "checks_in_one_query"
# Unit tests check the models' logic on fixed inputs, not the day's data: CI and the full
# build run them; a daily build on unchanged SQL would only repeat their answer.
DAILY_EXCLUDES = ("resource_type:unit_test", *(f"test_name:{k}" for k in GROUPED_TEST_KINDS))
PARTIAL_PARSE = "partial_parse.msgpack"


def daily_build_args(report_timezone: str, exclude: str = "") -> list[str]:
    """`dbt build` of every model, incremental, with data tests on the rows it could change.

    `exclude` adds dbt selectors to leave out (a job that leaves some tests to the daily run)."""
    dbt_vars = {
        "report_timezone": report_timezone,
        "tests_on_changed_rows": True,
        GROUPED_TEST: list(GROUPED_TEST_KINDS),
    }
    excludes = list(dict.fromkeys([*DAILY_EXCLUDES, *exclude.split()]))
    return [
        "build",
        "--vars",
        json.dumps(dbt_vars),
        # One argument: dagster-dbt splits it and merges it with the job's own selection.
        "--exclude",
        " ".join(excludes),
        # Nothing reads this run's manifest.json or run_results.json (Dagster takes its events
        # from the log stream; the manifest it needs is the project's): writing them cost ~1 s.
        "--no-write-json",
    ]


def full_build_args(report_timezone: str) -> list[str]:
    """`dbt build --full-refresh`: every table rebuilt from all of history, every test on all
    rows, unit tests included. Run after a correction older than the look-back window.

    Each check runs as its own node; the checks_in_one_query nodes, left with nothing to run,
    are left out."""
    return [
        "build",
        "--full-refresh",
        "--vars",
        json.dumps({"report_timezone": report_timezone}),
        "--exclude",
        f"test_name:{GROUPED_TEST}",
    ]


def keep_partial_parse_warm(run_target: Path, project_dir: Path) -> None:
    """Copy a run's partial-parse state back to where dagster-dbt seeds the next run from.

    dagster-dbt gives each run a fresh target folder seeded with the project's
    target/partial_parse.msgpack, and never writes it back. That file comes from `dbt parse`
    without the run's --vars or database, and dbt re-parses the whole project (~5 s) when
    either differs, so every build paid a full parse. The run's own file matches the next run.
    """
    produced = run_target / PARTIAL_PARSE
    if not produced.exists():
        return
    target = Path(os.getenv("DBT_TARGET_PATH", "target"))
    kept = (target if target.is_absolute() else project_dir / target) / PARTIAL_PARSE
    kept.parent.mkdir(parents=True, exist_ok=True)
    staged = kept.with_suffix(".tmp")
    shutil.copyfile(produced, staged)
    os.replace(staged, kept)  # atomic: a run starting now copies the old file or the new one
