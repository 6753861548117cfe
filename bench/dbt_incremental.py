"""The daily incremental build of the marts against a full build, over a large history.

Fills a throw-away database with a year of generated business (10,000,000 clicks and
1,000,000 conversions by default, written by INSERT … SELECT over generate_series: see
tests/dbt/generated.py), then times

1. a full build of every model (`dbt run --full-refresh`);
2. one new day (its clicks, spend and sales) plus a late refund inside the look-back window,
   then the daily incremental build (`dbt run`).

It prints both times, their ratio (goal, issue 5: incremental ≤ 10 % of full) and, per
incremental model, which report days the incremental run rewrote (its `refreshed_at`): only
the new day and the `lookback_days` before it.

    .venv/bin/python bench/dbt_incremental.py [--clicks 10000000] [--conversions 1000000]
        [--days 365] [--keep]

Timed: dbt's wall-clock time per command (`dbt parse` runs first, untimed, so both timed
runs read the same parsed project). Tests (`dbt test`) are not part of either figure. For
scale it also prints what one dbt command costs before doing any work (a single tiny view).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from affiliate.config import PROJECT_ROOT  # noqa: E402
from affiliate.db.dbt_manifest import dbt_executable  # noqa: E402
from affiliate.db.dbt_profile import DBT_PROJECT_DIR, dbt_env  # noqa: E402
from affiliate.db.testing import drop_test_database, fresh_test_database  # noqa: E402
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


def slowest_models(work: Path, count: int = 8) -> str:
    """The models that took longest in the last dbt command (from run_results.json)."""
    results = json.loads((work / "target" / "run_results.json").read_text())["results"]
    timed = sorted(results, key=lambda r: -r["execution_time"])[:count]
    return ", ".join(f"{r['unique_id'].split('.')[-1]} {r['execution_time']:.1f}s" for r in timed)


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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clicks", type=int, default=10_000_000)
    parser.add_argument("--conversions", type=int, default=1_000_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    shape = Shape(
        start=date(2025, 1, 1), days=args.days, clicks=args.clicks, conversions=args.conversions
    )
    url = fresh_test_database(PROJECT_ROOT / ".affiliate")
    engine = sa.create_engine(url)
    try:
        with tempfile.TemporaryDirectory(prefix="dbt-bench-") as tmp:
            work = Path(tmp)
            seconds = generate(engine, shape)
            print(
                f"generated {args.clicks:,} clicks, {args.conversions:,} conversions over"
                f" {args.days} days in {seconds:.0f} s"
            )
            dbt(url, work, "seed")
            dbt(url, work, "parse")
            full = dbt(url, work, "run", "--full-refresh")
            print(f"full build (dbt run --full-refresh):     {full:7.1f} s")
            print(f"  slowest: {slowest_models(work)}")

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
            incremental = dbt(url, work, "run")
            print(f"incremental build (dbt run, 1 new day):  {incremental:7.1f} s")
            print(f"  slowest: {slowest_models(work)}")
            print(f"ratio: {incremental / full:.1%} of the full build (goal ≤ 10 %)")
            # What any dbt command costs before it does any work (start, parse check, connect,
            # write its artefacts): one tiny view.
            fixed = dbt(url, work, "run", "--select", "stg_seeds__costs")
            print(
                f"of which dbt's fixed cost per command (one view alone): {fixed:.1f} s;"
                f" without it: {(incremental - fixed) / (full - fixed):.1%}"
            )
            # The window starts lookback_days before the latest day already built (the day
            # before the new one), which is itself recomputed: it may have been partial.
            window_start = new_day - timedelta(days=1 + LOOKBACK_DAYS)
            print(
                f"new day {new_day}; late refund on {refund_day}; lookback_days {LOOKBACK_DAYS}"
                f" → expected window {window_start} .. {new_day}"
            )
            print("days rewritten by the incremental run, per incremental model:")
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
