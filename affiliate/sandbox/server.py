"""The sandbox in a background thread."""

from __future__ import annotations

from affiliate.sandbox.app import create_sandbox_app
from affiliate.sandbox.clock import SandboxClock
from affiliate.sandbox.config import SandboxConfig
from affiliate.server.thread import ServerThread


class SandboxHandle(ServerThread):
    """A running sandbox: `.url`, `.stop()`, `.clock` (to move the sandbox date), `.config`."""

    def __init__(self, config: SandboxConfig) -> None:
        super().__init__(create_sandbox_app(config), config.host, config.port)
        self.config = config
        self.clock: SandboxClock = self.app.state.clock

    def __enter__(self) -> SandboxHandle:
        return self


def start_sandbox(config: SandboxConfig | None = None) -> SandboxHandle:
    """Start the sandbox on `config.host:config.port` in a background thread."""
    handle = SandboxHandle(config or SandboxConfig())
    handle.start()
    return handle
