"""Each worker listens on a socket of its own: connections are spread across the workers, and
a second server on a taken port still fails."""

import os
import pickle
import signal
import socket
import subprocess
import sys
import time
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

import httpx
import pytest

from affiliate.config import PROJECT_ROOT
from affiliate.server.thread import free_port
from affiliate.server.worker_sockets import bind_for_workers


def as_a_worker_receives(sock: socket.socket) -> socket.socket:
    """What a worker gets: uvicorn's supervisor passes sockets through multiprocessing."""
    return pickle.loads(ForkingPickler.dumps(sock))


def test_workers_get_sockets_of_their_own_and_share_the_connections():
    parent = bind_for_workers("127.0.0.1", 0)
    workers = [as_a_worker_receives(parent) for _ in range(2)]
    try:
        for sock in workers:
            assert sock.fileno() != parent.fileno()
            assert sock.getsockname() == parent.getsockname()
            assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 1
            sock.listen(128)
            sock.settimeout(0.5)
        clients = [socket.create_connection(parent.getsockname()) for _ in range(64)]
        accepted = [0, 0]
        for n, sock in enumerate(workers):
            with pytest.raises(TimeoutError):  # accept until the worker's queue is empty
                while True:
                    sock.accept()[0].close()
                    accepted[n] += 1
        for client in clients:
            client.close()
    finally:
        for sock in [parent, *workers]:
            sock.close()
    # All 64 reached a worker (none queued at the parent's socket, which never listens),
    # and both workers got some: one alone would take all 64 once in 2**63 runs.
    assert sum(accepted) == 64 and min(accepted) > 0, accepted


def test_a_taken_port_is_refused():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OSError):
            bind_for_workers("127.0.0.1", taken.getsockname()[1])


def test_serve_with_workers_answers_and_a_second_server_on_its_port_fails(db_url, tmp_path):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": db_url, "AFFILIATE_HOME": str(tmp_path)}
    cmd = [str(Path(sys.executable).parent / "affiliate"), "serve", "--host", "127.0.0.1"]
    cmd += ["--port", str(port)]
    first = subprocess.Popen(
        [*cmd, "--workers", "2"],
        env=env,
        cwd=PROJECT_ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                # A new connection each time, so both workers are asked.
                answers = [httpx.get(f"http://127.0.0.1:{port}/api/ping") for _ in range(20)]
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert [a.status_code for a in answers] == [200] * 20
        second = subprocess.run(
            [*cmd, "--workers", "2"], env=env, cwd=PROJECT_ROOT, capture_output=True, text=True
        )
        assert second.returncode == 1
        assert f"Cannot listen on 127.0.0.1:{port}" in second.stdout
        assert "already in use" in second.stdout
    finally:
        os.killpg(first.pid, signal.SIGTERM)
        first.wait(30)
