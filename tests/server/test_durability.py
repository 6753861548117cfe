"""A 2xx means committed: the server killed with SIGKILL mid-load keeps every acknowledged
delivery, and with the database down no delivery is acknowledged."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from affiliate.config import PROJECT_ROOT, SANDBOX_HOTTOK, Settings
from affiliate.server.app import create_app
from affiliate.server.thread import ServerThread, free_port
from tests.hotmart_payloads import envelope

HEADERS = {"content-type": "application/json", "x-hotmart-hottok": SANDBOX_HOTTOK}


def delivery(event_id: str) -> bytes:
    return json.dumps(envelope(event_id=event_id, transaction=f"T-{event_id}")).encode()


def inbox_ids(engine) -> set[str]:
    with engine.connect() as conn:
        return set(conn.scalars(sa.text("select event_id from app.webhook_inbox")))


def start_server(db_url: str, home) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": db_url, "AFFILIATE_HOME": str(home)}
    # The production server, as `affiliate run` starts it (uvicorn with the tracking protocol).
    cmd = [str(Path(sys.executable).parent / "affiliate"), "serve", "--port", str(port)]
    proc = subprocess.Popen(
        cmd, env=env, cwd=PROJECT_ROOT, start_new_session=True, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/ping", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)
    pytest.fail("the API server did not start")


def test_sigkill_mid_load_loses_no_acknowledged_delivery(db_url, clean_db, tmp_path):
    proc, url = start_server(db_url, tmp_path)
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def sender(worker: int) -> None:
        with httpx.Client(base_url=url, timeout=5) as client:
            n = 0
            while not stop.is_set():
                event_id = f"kill-{worker}-{n}"
                n += 1
                try:
                    answer = client.post(
                        "/api/webhooks/hotmart", content=delivery(event_id), headers=HEADERS
                    )
                except httpx.HTTPError:
                    return  # the server is gone
                if answer.status_code == 200:
                    with lock:
                        acknowledged.append(event_id)

    with ThreadPoolExecutor(max_workers=12) as pool:
        for worker in range(12):
            pool.submit(sender, worker)
        deadline = time.monotonic() + 30
        while len(acknowledged) < 1500 and time.monotonic() < deadline:
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGKILL)  # in the middle of the load, no goodbye
        proc.wait(timeout=10)
        stop.set()
    assert len(acknowledged) >= 1500
    missing = set(acknowledged) - inbox_ids(clean_db)
    assert not missing, f"{len(missing)} acknowledged deliveries lost, e.g. {sorted(missing)[:3]}"


def _allow_connections(db_url: str, allowed: bool) -> None:
    """Take the test database away (and back) the way an outage does: refuse new
    connections and cut every existing one."""
    name = sa.make_url(db_url).database
    admin = sa.create_engine(
        sa.make_url(db_url).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(sa.text(f'alter database "{name}" allow_connections {str(allowed).lower()}'))
        if not allowed:
            conn.execute(
                sa.text(
                    "select pg_terminate_backend(pid) from pg_stat_activity where datname = :n"
                ),
                {"n": name},
            )
    admin.dispose()


def test_with_the_database_down_no_delivery_is_acknowledged(db_url, clean_db):
    app = create_app(db_url, Settings())
    with ServerThread(app).start() as server, httpx.Client(base_url=server.url) as client:

        def post(event_id: str) -> int:
            return client.post(
                "/api/webhooks/hotmart", content=delivery(event_id), headers=HEADERS
            ).status_code

        assert post("before") == 200
        _allow_connections(db_url, False)
        try:
            during = [post(f"down-{n}") for n in range(20)]
        finally:
            _allow_connections(db_url, True)
        assert set(during) == {503}
        # Back up: the same server stores again without a restart.
        deadline = time.monotonic() + 20
        while post("after") != 200:
            assert time.monotonic() < deadline, "the server did not recover"
            time.sleep(0.2)
    clean_db.dispose()  # its pooled connections were cut
    assert inbox_ids(clean_db) == {"before", "after"}
