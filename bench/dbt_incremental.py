"""The daily incremental build of the marts against a full build, over a large history.

Fills a throw-away database with a year of generated business ending today (10,000,000 clicks
and 1,000,000 conversions by default, written by INSERT … SELECT over generate_series: see
tests/dbt/generated.py), then times the two commands production runs (affiliate/db/dbt_build.py),
each through the dagster-dbt resource the Dagster dbt asset runs them with (resources/dbt.py):

1. the full build (`dbt build --full-refresh`: every model from all of history, every test on
   every row, unit tests included);
2. after yesterday's daily build (untimed: it leaves what a daily run leaves, the partial
   parse included), one new day (its clicks, spend and sales) plus a late refund inside the
   look-back window, then the daily build (`dbt build`, incremental, tests on changed rows).

It prints both times, their ratio (goal, issue 5: daily ≤ 10 % of full), where each run's time
went (dbt's start and parse, models, tests: per node, from dbt's own events) and, per
incremental model, which report days the daily run rewrote (its `refreshed_at`): only the new
day and the `lookback_days` before it.

    .venv/bin/python bench/dbt_incremental.py [--clicks 10000000] [--conversions 1000000]
        [--days 365] [--keep]

Run it under the shared lock: `flock /tmp/bench.lock .venv/bin/python bench/dbt_incremental.py`.
The history ends today because the daily build tests the rows written in the last days
(tests_on_changed_rows.sql), as it does in production.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from affiliate.config import PROJECT_ROOT  # noqa: E402
from affiliate.db.dbt_build import (  # noqa: E402
    daily_build_args,
    full_build_args,
    keep_partial_parse_warm,
)
from affiliate.db.dbt_manifest import dbt_executable  # noqa: E402
from affiliate.db.dbt_profile import DBT_PROJECT_DIR, dbt_env  # noqa: E402
from affiliate.db.testing import drop_test_database, fresh_test_database  # noqa: E402
from resources.dbt import dbt_resource  # noqa: E402
from tests.dbt.generated import Shape, add_day, generate_history  # noqa: E402

INCREMENTAL_DAILY_FACTS = (
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
)
LOOKBACK_DAYS = 3


def dbt(url: str, work: Path, *args: str) -> float:
    """Run one dbt command against `url`; return its wall-clock seconds."""
    env = {**os.environ, **dbt_env(url), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    command = [
        dbt_executable(),
        *args,
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"dbt {' '.join(args)} failed:\n{result.stdout[-4000:]}")
    return elapsed


RESULT_EVENTS = {"LogModelResult", "LogTestResult", "LogSeedResult"}


@dataclass
class Build:
    """One timed dbt command: its wall-clock seconds and dbt's own per-node figures."""

    seconds: float
    nodes: dict[str, float]  # unique_id → execution seconds
    started: datetime  # the first node's start
    finished: datetime  # the last node's end

    def report(self, label: str) -> None:
        span = (self.finished - self.started).total_seconds()
        kinds: dict[str, list[float]] = {}
        for unique_id, seconds in self.nodes.items():
            kinds.setdefault(unique_id.split(".")[0], []).append(seconds)
        print(f"{label} {self.seconds:7.1f} s")
        print(
            f"  dbt start, parse, connect and finish {self.seconds - span:.1f} s;"
            f" nodes {span:.1f} s, of thread time: "
            + ", ".join(f"{len(t)} {k}s {sum(t):.1f} s" for k, t in sorted(kinds.items()))
        )
        slowest = sorted(self.nodes.items(), key=lambda item: -item[1])[:8]
        # A unique_id is <type>.<project>.<name>[.<hash>].
        print("  slowest: " + ", ".join(f"{u.split('.')[2]} {t:.1f}s" for u, t in slowest))


def build(url: str, work: Path, args: list[str]) -> Build:
    """Time one build command the way a Dagster run of the dbt asset runs it: in a fresh
    process (a run worker: its modules loaded, untimed), through the definitions' dbt resource
    (resources/dbt.py: a dbt subprocess logging JSON in a fresh target folder seeded with the
    partial parse), keeping its partial parse as the asset does."""
    env = {**os.environ, **dbt_env(url), "DBT_TARGET_PATH": str(work / "target")}
    child = subprocess.run(
        [sys.executable, __file__, "--one-build", json.dumps(args)],
        env=env,
        capture_output=True,
        text=True,
    )
    if child.returncode != 0:
        raise SystemExit(f"dbt {' '.join(args)} failed:\n{child.stdout[-4000:]}{child.stderr}")
    measured = json.loads(child.stdout.splitlines()[-1])
    return Build(
        seconds=measured["seconds"],
        nodes=measured["nodes"],
        started=datetime.fromisoformat(measured["started"]),
        finished=datetime.fromisoformat(measured["finished"]),
    )


def one_build(args: list[str]) -> None:
    """The child of build(): run, time and print one build as JSON on the last line."""
    import assets.dbt  # noqa: F401 — loaded before the clock starts, as in a run worker

    work_target = Path(os.environ["DBT_TARGET_PATH"])
    began = time.perf_counter()
    resource = dbt_resource(DBT_PROJECT_DIR)
    invocation = resource.cli(args, manifest=work_target / "manifest.json", raise_on_error=False)
    # dagster-dbt echoes every dbt line to stdout (a run's compute log); not to this report.
    with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
        events = [event.raw_event for event in invocation.stream_raw_events()]
    if not invocation.is_successful():
        errors = [e["info"]["msg"] for e in events if e["info"]["level"] == "error"]
        raise SystemExit("\n".join(errors[-20:]))
    keep_partial_parse_warm(invocation.target_path, DBT_PROJECT_DIR)
    seconds = time.perf_counter() - began
    results = [e for e in events if e["info"]["name"] in RESULT_EVENTS]
    starts = [e["info"]["ts"] for e in events if e["info"]["name"] == "LogStartLine"]
    print(
        json.dumps(
            {
                "seconds": seconds,
                "nodes": {
                    e["data"]["node_info"]["unique_id"]: e["data"]["execution_time"]
                    for e in results
                },
                "started": min(starts),
                "finished": max(e["info"]["ts"] for e in results),
            }
        )
    )


def generate(engine: sa.Engine, shape: Shape) -> float:
    started = time.perf_counter()
    with engine.begin() as conn:
        generate_history(conn, shape)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("vacuum analyze"))
    return time.perf_counter() - started


def late_refund_inside_window(conn: sa.Connection, new_day: date) -> date:
    """Refund an old sale on a day inside the look-back window, as if the network's refund
    reached us only now; return that day."""
    day = new_day - timedelta(days=2)
    conn.execute(
        sa.text(
            "update app.conversions set status = 'refunded', refunded_at = :at,"
            " updated_at = now()"
            " where id = (select min(id) from app.conversions where status = 'approved')"
        ),
        {"at": f"{day} 12:00+00"},
    )
    return day


def main() -> None:
    if sys.argv[1:2] == ["--one-build"]:
        return one_build(json.loads(sys.argv[2]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clicks", type=int, default=10_000_000)
    parser.add_argument("--conversions", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    # The history ends yesterday and the new day is today, as for the daily build in
    # production, whose tests read the rows written in the last days.
    today = date.today()
    shape = Shape(
        start=today - timedelta(days=args.days),
        days=args.days,
        clicks=args.clicks,
        conversions=args.conversions,
    )
    url = fresh_test_database(PROJECT_ROOT / ".affiliate")
    engine = sa.create_engine(url)
    timezone = "UTC"
    try:
        with tempfile.TemporaryDirectory(prefix="dbt-bench-") as tmp:
            work = Path(tmp)
            seconds = generate(engine, shape)
            print(
                f"generated {args.clicks:,} clicks, {args.conversions:,} conversions over"
                f" {args.days} days in {seconds:.0f} s"
            )
            # Parsed first, untimed, with the full build's vars: both timed runs start from a
            # current partial parse, as a deployed project's runs do.
            full_args = full_build_args(timezone)
            dbt(url, work, "parse", "--vars", full_args[full_args.index("--vars") + 1])
            full = build(url, work, full_args)
            full.report("full build (dbt build --full-refresh): ")

            # Yesterday's daily build, untimed: production's daily run follows another one.
            build(url, work, daily_build_args(timezone))

            new_day = shape.end
            with engine.begin() as conn:
                add_day(
                    conn,
                    shape,
                    new_day,
                    clicks=args.clicks // args.days,
                    conversions=args.conversions // args.days,
                )
                refund_day = late_refund_inside_window(conn, new_day)
                started = conn.scalar(sa.text("select clock_timestamp()"))
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(sa.text("analyze app.clicks, app.conversions, app.ad_spend_daily"))
            daily = build(url, work, daily_build_args(timezone))
            daily.report("daily build (dbt build, 1 new day):     ")
            print(f"ratio: {daily.seconds / full.seconds:.1%} of the full build (goal ≤ 10 %)")
            # What the daily command costs with nothing to do: one unchanged view.
            floor = build(url, work, [*daily_build_args(timezone), "--select", "stg_seeds__costs"])
            print(f"the daily command with one unchanged view alone: {floor.seconds:.1f} s")

            # The window starts lookback_days before the latest day already built (the day
            # before the new one), which is itself recomputed: it may have been partial.
            window_start = new_day - timedelta(days=1 + LOOKBACK_DAYS)
            print(
                f"new day {new_day}; late refund on {refund_day}; lookback_days {LOOKBACK_DAYS}"
                f" → expected window {window_start} .. {new_day}"
            )
            print("days rewritten by the daily run, per incremental model:")
            with engine.connect() as conn:
                for model in INCREMENTAL_DAILY_FACTS:
                    first, last, rows, total = conn.execute(
                        sa.text(
                            "select min(date_day) filter (where refreshed_at >= :t),"
                            " max(date_day) filter (where refreshed_at >= :t),"
                            " count(*) filter (where refreshed_at >= :t), count(*)"
                            f" from analytics.{model}"
                        ),
                        {"t": started},
                    ).one()
                    print(f"  {model:<42} {first} .. {last}  {rows:>9,} of {total:>11,} rows")
                changed = conn.scalar(
                    sa.text(
                        "select count(*) from analytics.fct_conversions where refreshed_at >= :t"
                    ),
                    {"t": started},
                )
                print(f"  {'fct_conversions (by updated_at)':<42} {changed:,} conversions")
    finally:
        engine.dispose()
        if args.keep:
            print(f"kept {url}")
        else:
            drop_test_database(url)


if __name__ == "__main__":
    main()
