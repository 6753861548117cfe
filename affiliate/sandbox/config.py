"""What a sandbox instance is built from."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SandboxConfig:
    """Seed and size of the simulated world, and where it listens.

    `today=None` follows the real UTC date; a fixed date makes every output reproducible.
    `port=0` asks the OS for a free port (the handle reports the one chosen).
    `state_path` keeps ads, idempotency keys and sales across restarts (None: memory only).
    `market_*` configure the login-protected Hotmart-like marketplace under `/hotmart`; an
    empty `market_totp_secret` becomes a base32 secret derived from the seed, so a test or
    the demo computes the second factor with `pyotp.TOTP(config.market_totp_secret).now()`.
    `conversion_rate` None lets each product convert at its own rate (3–8 %); a number makes
    every product convert at that rate. Whether a click converts hangs on its click id, which
    a real tracker draws at random, so a test that needs a sale from a few hundred clicks
    raises the rate rather than hoping.
    """

    seed: int = 7
    n_products: int = 300
    host: str = "127.0.0.1"
    port: int = 8100
    today: dt.date | None = None
    state_path: Path | None = None
    market_email: str = "affiliate@example.com"
    market_password: str = "sandbox-password"
    market_totp_secret: str = ""
    market_session_ttl_seconds: int = 3600
    market_products: int = 240
    market_page_size: int = 24
    market_markup: str = "v1"
    conversion_rate: float | None = None

    def __post_init__(self) -> None:
        if self.conversion_rate is not None and not 0 <= self.conversion_rate <= 1:
            raise ValueError(f"conversion_rate must be between 0 and 1, not {self.conversion_rate}")
        if not self.market_totp_secret:
            object.__setattr__(self, "market_totp_secret", _seeded_totp_secret(self.seed))


def _seeded_totp_secret(seed: int) -> str:
    # 20 bytes (160 bits) is RFC 4226's recommended key size: 32 base32 characters.
    digest = hashlib.blake2b(f"{seed}\x1fhotmart-market-totp".encode(), digest_size=20).digest()
    return base64.b32encode(digest).decode()
