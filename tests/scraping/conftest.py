"""A sandbox marketplace, a real browser login to it, and settings pointing at both."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from affiliate.config import Settings
from affiliate.connect.platforms import get_platform
from affiliate.connect.sessions import save_session
from affiliate.connect.vault import Vault, new_key_text
from affiliate.db.tables import users
from affiliate.offers.scraping.sandbox_login import SANDBOX_FINGERPRINT, login_storage_state
from affiliate.sandbox import SandboxConfig, SandboxHandle, start_sandbox

# 7 pages of 24 and a short last one: more pages than the concurrency window, and a remainder.
MARKET = SandboxConfig(port=0, market_products=150)


@pytest.fixture(scope="module")
def market() -> Iterator[SandboxHandle]:
    with start_sandbox(MARKET) as sandbox:
        yield sandbox


@pytest.fixture(scope="module")
def logged_in(market: SandboxHandle) -> dict:
    """storage_state of one real login (password form, then TOTP), shared by the module."""
    return login_storage_state(market.url, market.config)


@pytest.fixture
def settings(
    market: SandboxHandle, db_url: str, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> Settings:
    monkeypatch.setenv("HOTMART_BASE_URL", f"{market.url}/hotmart")
    monkeypatch.setenv("SESSION_ENCRYPTION_KEY", new_key_text())
    monkeypatch.setenv("AFFILIATE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DATABASE_URL", db_url)
    return Settings()


@pytest.fixture
def user_id(clean_db: sa.Engine) -> int:
    with clean_db.begin() as conn:
        return conn.execute(
            sa.insert(users)
            .values(email="ana@example.com", password_hash="x", name="Ana")
            .returning(users.c.id)
        ).scalar_one()


def with_markup(storage_state: dict, markup: str) -> dict:
    """The same session after the site "redeployed" to `markup` (the sandbox's hm_markup)."""
    cookie = {"name": "hm_markup", "value": markup, "domain": "127.0.0.1", "path": "/hotmart",
              "expires": -1, "httpOnly": False, "secure": False, "sameSite": "Lax"}  # fmt: skip
    cookies = [c for c in storage_state["cookies"] if c["name"] != "hm_markup"]
    return {**storage_state, "cookies": [*cookies, cookie]}


def connect(engine: sa.Engine, settings: Settings, user_id: int, storage_state: dict) -> None:
    """Store the session as Local Connect would."""
    with engine.begin() as conn:
        save_session(
            conn,
            Vault.from_settings(settings),
            user_id=user_id,
            platform=get_platform("hotmart", settings),
            storage_state=storage_state,
            fingerprint=SANDBOX_FINGERPRINT,
        )
