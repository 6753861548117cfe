"""Freshness: from a sale posted to a webhook to the sale in `fct_pnl_daily`, under `affiliate run`.

Starts the whole stack (`affiliate run`: embedded database, sandbox, API server, Dagster
webserver and daemon) in a throw-away AFFILIATE_HOME on free ports, posts one Hotmart sale
for today, and polls `analytics.fct_pnl_daily` until today's revenue includes it. The first
sale also waits for the marts' first build; the next ones show the steady state, which is
what the goal is about: a sale shows in fct_pnl_daily within 60 s (issue "Tracking and
conversions", Freshness).

    .venv/bin/python bench/freshness.py [--sales 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import sqlalchemy as sa

from affiliate.config import PROJECT_ROOT, SANDBOX_HOTTOK, Settings
from affiliate.db import embedded
from affiliate.server.thread import free_port

TIMEOUT = 300


def hotmart_sale(commission: Decimal) -> bytes:
    now_ms = int(time.time() * 1000)
    return json.dumps(
        {
            "id": str(uuid.uuid4()),
            "creation_date": now_ms,
            "event": "PURCHASE_APPROVED",
            "version": "2.0.0",
            "data": {
                "product": {"id": 1, "name": "Freshness"},
                "commissions": [{"value": float(commission), "source": "AFFILIATE"}],
                "purchase": {
                    "approved_date": now_ms,
                    "transaction": f"FRESH-{uuid.uuid4().hex[:10]}",
                    "price": {"value": float(commission * 2), "currency_value": "USD"},
                    "tracking": {},
                },
            },
        }
    ).encode()


def revenue_today(engine: sa.Engine, timezone: str) -> Decimal | None:
    today = datetime.now(ZoneInfo(timezone)).date()
    try:
        with engine.connect() as conn:
            return conn.scalar(
                sa.text(
                    "select coalesce(sum(net_revenue), 0) from analytics.fct_pnl_daily"
                    " where date_day = :d"
                ),
                {"d": today},
            )
    except sa.exc.ProgrammingError:
        return None  # the marts are not built yet


def print_run_timings(engine: sa.Engine) -> None:
    """Where the time went, from Dagster's own run storage (schema `dagster`)."""
    with engine.connect() as conn:
        runs = conn.execute(
            sa.text(
                "select run_id, create_timestamp, start_time, end_time from dagster.runs"
                " where pipeline_name = 'conversions_job' order by create_timestamp"
            )
        ).all()
        for run in runs:
            steps = conn.execute(
                sa.text(
                    "select step_key,"
                    " min(timestamp) filter (where dagster_event_type = 'STEP_START'),"
                    " max(timestamp) filter (where dagster_event_type = 'STEP_SUCCESS')"
                    " from dagster.event_logs where run_id = :r and step_key is not null"
                    " group by step_key"
                ),
                {"r": run.run_id},
            ).all()
            queued = run.start_time - run.create_timestamp.replace(tzinfo=UTC).timestamp()
            parts = ", ".join(
                f"{s[0]} {(s[2] - s[1]).total_seconds():.1f} s" for s in steps if s[1] and s[2]
            )
            total = (run.end_time or run.start_time) - run.start_time
            print(f"run {run.run_id[:8]}: queued {queued:.1f} s, ran {total:.1f} s ({parts})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sales", type=int, default=3)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="affiliate-fresh-", dir=PROJECT_ROOT / ".affiliate"))
    ports = {"API_PORT": free_port(), "SANDBOX_PORT": free_port()}
    dagster_port = free_port()
    env = {
        **os.environ,
        "AFFILIATE_HOME": str(home),
        **{k: str(v) for k, v in ports.items()},
        "DAGSTER_URL": f"http://127.0.0.1:{dagster_port}",
    }
    env.pop("DATABASE_URL", None)
    settings = Settings(_env_file=None, affiliate_home=home)
    affiliate = Path(sys.executable).parent / "affiliate"
    log = (home / "run.log").open("wb")
    proc = subprocess.Popen(
        [str(affiliate), "run"], env=env, cwd=PROJECT_ROOT, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    api = f"http://127.0.0.1:{ports['API_PORT']}"
    try:
        started = time.monotonic()
        while True:
            try:
                if httpx.get(f"{api}/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() - started > TIMEOUT:
                sys.exit(f"`affiliate run` did not come up; see {home / 'run.log'}")
            time.sleep(0.5)
        time.sleep(5)  # let Dagster's daemon start its sensors
        state = embedded.status(settings.pgdata)
        engine = sa.create_engine(embedded.url_for(state.socket_dir, embedded.DEFAULT_DATABASE))
        print(f"stack up in {time.monotonic() - started:.0f} s; sensor interval 10 s")
        for n in range(args.sales):
            commission = Decimal("10.00") + n
            before = revenue_today(engine, settings.report_timezone) or Decimal(0)
            answer = httpx.post(
                f"{api}/api/webhooks/hotmart",
                content=hotmart_sale(commission),
                headers={"x-hotmart-hottok": SANDBOX_HOTTOK, "content-type": "application/json"},
            )
            posted = time.monotonic()
            assert answer.status_code == 200, answer.text
            while True:
                now = revenue_today(engine, settings.report_timezone)
                if now is not None and now >= before + commission:
                    break
                if time.monotonic() - posted > TIMEOUT:
                    sys.exit(f"sale {n + 1} not in fct_pnl_daily after {TIMEOUT} s")
                time.sleep(0.5)
            label = "first sale (includes the marts' first build)" if n == 0 else f"sale {n + 1}"
            print(f"{label}: in fct_pnl_daily {time.monotonic() - posted:5.1f} s after its 2xx")
        print("goal: within 60 s")
        print_run_timings(engine)
        engine.dispose()
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        embedded.stop(settings.pgdata)
        shutil.rmtree(home, ignore_errors=True)
        print(f"finished at {datetime.now(UTC):%H:%M:%S} UTC")


if __name__ == "__main__":
    main()
