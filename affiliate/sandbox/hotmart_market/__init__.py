"""A login-protected marketplace shaped like Hotmart's, served by the sandbox under /hotmart.

Browser automation logs in here (password, then TOTP), captures the session and scrapes
every product headlessly; two markups of the same data (`v1`, `v2`) exercise self-healing
selectors. The Hotmart *webhook* side of the sandbox is `/network`, unrelated to this.

Endpoints:
  GET  /hotmart/login, POST /hotmart/login          email + password → 303 to the 2FA form
  GET  /hotmart/login/2fa, POST /hotmart/login/2fa  TOTP `code` → cookie `hm_session`
  POST /hotmart/logout
  GET  /hotmart/market?page=N                       listing (login required, else 303)
  GET  /hotmart/product/{id}                        details (login required, else 303)
  GET  /hotmart/product/{id}/sales                  public sales page
  POST /hotmart/sandbox/expire-sessions             test control: log everyone out
Markup: `?markup=v1|v2`, else cookie `hm_markup`, else `SandboxConfig.market_markup`.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter

from affiliate.sandbox.clock import SandboxClock
from affiliate.sandbox.config import SandboxConfig
from affiliate.sandbox.hotmart_market.auth_routes import auth_router
from affiliate.sandbox.hotmart_market.markups import LOGGED_IN_MARKERS
from affiliate.sandbox.hotmart_market.money import format_price
from affiliate.sandbox.hotmart_market.page_routes import page_router
from affiliate.sandbox.hotmart_market.products import MarketProduct, market_catalog
from affiliate.sandbox.hotmart_market.sessions import SessionStore

__all__ = [
    "LOGGED_IN_MARKERS",
    "MarketProduct",
    "SessionStore",
    "format_price",
    "hotmart_market_router",
    "market_catalog",
    "market_sessions",
]


def market_sessions(config: SandboxConfig, clock: SandboxClock) -> SessionStore:
    """The marketplace's session store, timed by the sandbox clock."""
    return SessionStore(clock, dt.timedelta(seconds=config.market_session_ttl_seconds))


def hotmart_market_router(config: SandboxConfig, sessions: SessionStore) -> APIRouter:
    router = APIRouter()
    router.include_router(auth_router(config, sessions))
    router.include_router(page_router(config, sessions))
    return router
