"""What a sandbox instance is built from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SandboxConfig:
    """Seed and size of the simulated world, and where it listens.

    `today=None` follows the real UTC date; a fixed date makes every output reproducible.
    `port=0` asks the OS for a free port (the handle reports the one chosen).
    `state_path` keeps ads, idempotency keys and sales across restarts (None: memory only).
    """

    seed: int = 7
    n_products: int = 300
    host: str = "127.0.0.1"
    port: int = 8100
    today: dt.date | None = None
    state_path: Path | None = None
