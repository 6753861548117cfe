"""Run an ASGI app (the API server, the sandbox, a test's stand-in) on a local port in a thread."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType
from typing import Any

import uvicorn
from fastapi import FastAPI

from affiliate.server.tracking_protocol import TrackingHttpProtocol


def free_port(host: str = "127.0.0.1") -> int:
    """A port free right now, for a server started in another process (which binds it itself)."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class ServerThread:
    """uvicorn in a daemon thread; `port=0` picks a free port, reported in `.url`.

    The socket is bound here, before the thread starts, so a busy port fails at once with
    the OS's error instead of inside the thread, and port 0 is resolved before returning.
    """

    def __init__(
        self, app: FastAPI, host: str = "127.0.0.1", port: int = 0, **options: Any
    ) -> None:
        """`options`: more uvicorn.Config settings (a test's short keep-alive timeout)."""
        self.app = app
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self._socket.bind((host, port))
        except OSError as exc:
            self._socket.close()
            message = f"Cannot listen on {host}:{port} ({exc}); choose another port, or 0."
            raise OSError(message) from exc
        self.host, self.port = host, self._socket.getsockname()[1]
        self.url = f"http://{host}:{self.port}"
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan="on",
            timeout_graceful_shutdown=2,
            # The app reads X-Forwarded-For itself (client_address.py).
            proxy_headers=False,
            # As `affiliate serve`: the tracking hot paths answered from the HTTP parser.
            http=TrackingHttpProtocol,
            **options,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def start(self, timeout: float = 10.0) -> ServerThread:
        """Start serving; return once the server accepts connections."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"Server on {self.url} did not start within {timeout} s.")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
        self._socket.close()

    def __enter__(self) -> ServerThread:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
