"""`affiliate demo`: the whole lifecycle once against the sandbox, then the report.

Fixed ports (API_PORT, SANDBOX_PORT): the ads the demo launches link to the API server's
URL, and a second demo, or `make run` afterwards, must find those links where they were.
"""

from __future__ import annotations

import sys
import time
from contextlib import ExitStack
from datetime import UTC, datetime

import dagster as dg
from rich.console import Console

from affiliate.config import Settings, get_settings
from affiliate.db.engine import get_engine
from affiliate.demo_report import (
    check_totals,
    print_campaigns,
    print_cfo_summary,
    print_creatives,
    print_pnl,
    print_top_offers,
)
from affiliate.runtime import bootstrap
from affiliate.sandbox import SandboxConfig, start_sandbox
from affiliate.sandbox.control import deliver_clicks, post_sales
from affiliate.server.app import create_app
from affiliate.server.thread import ServerThread
from assets.offers import offer_partition
from pipelines.definitions import build_definitions
from pipelines.lifecycle import materialise


class Steps:
    """Numbered steps with their duration, so a slow step is visible."""

    def __init__(self, console: Console, total: int):
        self.console, self.total, self.n, self.started = console, total, 0, time.monotonic()

    def run(self, title: str, fn, *args, **kwargs):
        self.n += 1
        t0 = time.monotonic()
        with self.console.status(f"[{self.n}/{self.total}] {title}…"):
            result = fn(*args, **kwargs)
        self.console.print(
            f"[green]✓[/green] [{self.n}/{self.total}] {title} "
            f"[dim]({time.monotonic() - t0:.1f} s)[/dim]"
        )
        return result


def run_demo(console: Console, settings: Settings | None = None) -> int:
    settings = settings or get_settings()
    # Dagster and dbt narrate every step; the demo shows its own progress and sends their
    # narration to a log file (dbt writes to stdout, so the console keeps the real one).
    console = Console(file=sys.stdout, soft_wrap=True)
    log_path = settings.affiliate_home / "logs" / "demo.log"

    def quiet_materialise(*args):
        return materialise(*args, log_file=log_path)

    steps = Steps(console, total=7)
    today = datetime.now(UTC).date()
    with ExitStack() as stack:
        url = steps.run("Database: start, migrate", bootstrap, settings)
        sandbox = steps.run(
            "Sandbox: marketplace feed, ad platform, affiliate network", _start_sandbox, settings
        )
        stack.callback(sandbox.stop)
        api = ServerThread(create_app(url, settings), settings.api_host, settings.api_port)
        steps.run(f"API server on {api.url}", api.start)
        stack.callback(api.stop)

        defs = build_definitions(url)
        instance = stack.enter_context(dg.DagsterInstance.get())
        steps.run(
            "Graph: offers → scores → creatives → campaigns → conversions → marts → P&L",
            quiet_materialise,
            defs,
            instance,
            None,
            offer_partition(today, "clickbank"),
        )
        delivered = steps.run(
            "Traffic: the ad platform sends today's clicks through /r/…",
            deliver_clicks,
            sandbox.url,
            today,
        )
        paid = steps.run(
            "Sales: the network posts ClickBank Instant Notifications",
            post_sales,
            sandbox.url,
            f"{api.url}/api/webhooks/clickbank",
            settings.clickbank_secret_key.get_secret_value(),
        )
        steps.run(
            "Graph again: spend, conversions, marts, P&L",
            quiet_materialise,
            defs,
            instance,
            dg.AssetSelection.assets("campaigns").downstream(),
        )

        console.print(
            f"\nclicks sent {delivered.get('clicks_sent', 0)}"
            f" (ads already delivered today: {delivered.get('skipped', 0)})"
            f" · sales posted {paid['approved']}"
            f" · refunds {paid['refunded']} · redelivered {paid['redelivered']}\n"
        )
        with get_engine(url).connect() as conn:
            print_top_offers(console, conn)
            print_creatives(console, conn)
            print_campaigns(console, conn)
            overall = print_pnl(console, conn)
            ok = check_totals(console, conn, overall)
            print_cfo_summary(console, conn)
    console.print(
        f"\nDone in {time.monotonic() - steps.started:.0f} s. "
        f"Dagster and dbt logs: {log_path}. "
        "Next: `make run` for the Dagster UI at http://127.0.0.1:3000."
    )
    return 0 if ok else 1


def _start_sandbox(settings: Settings):
    config = SandboxConfig(
        port=settings.sandbox_port, state_path=settings.affiliate_home / "sandbox-state.json"
    )
    return start_sandbox(config)
