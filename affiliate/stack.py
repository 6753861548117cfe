"""`affiliate run`: database, sandbox, API server and Dagster (UI + daemon) until Ctrl-C.

Each child runs in its own process group: `dagster dev` ignores SIGINT/SIGTERM when it is
in the background of someone else's group, so it is stopped by signalling its group.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from rich.console import Console

from affiliate.config import PROJECT_ROOT, Settings, get_settings
from affiliate.db.dbt_manifest import ensure_manifest
from affiliate.db.dbt_profile import DBT_PROJECT_DIR
from affiliate.db.engine import redacted
from affiliate.runtime import bootstrap


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def run_stack(console: Console, settings: Settings | None = None) -> int:
    settings = settings or get_settings()
    # Started in the background, a process inherits SIGINT ignored; and SIGTERM (from a
    # service manager) must stop the children too. Both become a clean shutdown.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    with console.status("Starting the database…"):
        url = bootstrap(settings)
        ensure_manifest(DBT_PROJECT_DIR)
    dagster_port = urlsplit(settings.dagster_url).port or 3000
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    logs = settings.affiliate_home / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    children = {
        "sandbox": [str(bin_dir / "affiliate"), "sandbox"],
        "api": [str(bin_dir / "affiliate"), "serve"],
        "dagster": [
            str(bin_dir / "dagster"),
            "dev",
            "-m",
            "pipelines.definitions",
            "-h",
            "127.0.0.1",
            "-p",
            str(dagster_port),
        ],
    }
    procs: dict[str, subprocess.Popen] = {}
    try:
        for name, cmd in children.items():
            log = (logs / f"{name}.log").open("ab")
            procs[name] = subprocess.Popen(
                cmd,
                env=env,
                cwd=PROJECT_ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        checks = {
            "sandbox": f"{settings.sandbox_url}/health",
            "api": f"{settings.api_url}/api/health",
            "dagster": f"http://127.0.0.1:{dagster_port}/server_info",
        }
        with console.status("Waiting for the sandbox, the API server and Dagster…"):
            for name, check_url in checks.items():
                _wait_until_up(name, check_url, procs[name], logs / f"{name}.log")
        console.print(f"""
[bold]Affiliate OS is running.[/bold]  Ctrl-C stops everything.

  Dagster UI      http://127.0.0.1:{dagster_port}   (assets, runs, schedules, sensors)
  API server      {settings.api_url}   (/api/health, /api/webhooks/…, /api/postback/…, /r/…)
  Sandbox         {settings.sandbox_url}   (feed, ad platform, affiliate network)
  Database        {redacted(url)}
  Logs            {logs}
""")
        while all(p.poll() is None for p in procs.values()):
            time.sleep(1)
        dead = [n for n, p in procs.items() if p.poll() is not None]
        console.print(f"[red]{', '.join(dead)} stopped; see {logs}.[/red]")
        return 1
    except KeyboardInterrupt:
        console.print("Stopping…")
        return 0
    except RuntimeError as exc:
        console.print(f"[red]{exc}[/red]")
        return 1
    finally:
        for proc in procs.values():
            _stop_group(proc)


def _wait_until_up(
    name: str, url: str, proc: subprocess.Popen, log: Path, timeout: float = 180
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{name} exited with code {proc.returncode}:\n{tail}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{name} did not answer at {url} within {timeout:.0f} s; see {log}")


def _stop_group(proc: subprocess.Popen) -> None:
    # dagster dev shuts its webserver, daemon and code server down cleanly on SIGINT.
    for sig, wait in ((signal.SIGINT, 20), (signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        if proc.poll() is not None:
            break
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        except ProcessLookupError:
            return
    # What the leader left behind in its group: seen, a `dagster dev` code server that
    # outlived it for good, orphaned.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
