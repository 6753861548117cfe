"""The API server: health, webhooks, tracking redirects, accounts and Local Connect."""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator

import sqlalchemy as sa
from fastapi import FastAPI

from affiliate.config import Settings, get_settings
from affiliate.connect.vault import Vault
from affiliate.server import (
    auth_routes,
    campaigns,
    health,
    local_connect,
    products,
    scrape,
)
from affiliate.server.tracking_routes import TrackingEndpoints


class AffiliateApp(FastAPI):
    """FastAPI, with the tracking hot paths answered before its routing and middleware."""

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            handler = self.state.tracking.route(scope["path"])
            if handler is not None:
                await handler(scope, receive, send)
                return
        await super().__call__(scope, receive, send)


@contextlib.asynccontextmanager
async def _lifespan(app: AffiliateApp) -> AsyncIterator[None]:
    tracking: TrackingEndpoints = app.state.tracking
    # The database may come up later; links are then looked up as they are clicked.
    with contextlib.suppress(sa.exc.SQLAlchemyError):
        await asyncio.to_thread(tracking.links.refresh)
    refresher = asyncio.create_task(tracking.links.keep_fresh())
    try:
        yield
    finally:
        refresher.cancel()
        # Clicks still queued are written before the process goes (graceful stop).
        await tracking.close()


def create_app(database_url: str, settings: Settings | None = None) -> AffiliateApp:
    """Build the app around one database; the engine is created here, not at import."""
    app = AffiliateApp(title="Affiliate OS", version="0.1.0", lifespan=_lifespan)
    app.state.engine = sa.create_engine(database_url, pool_pre_ping=True, pool_size=5)
    app.state.settings = settings or get_settings()
    app.state.tracking = TrackingEndpoints(app.state.engine, app.state.settings)
    app.include_router(health.router)
    auth_routes.install(app)  # /api/auth; loads the JWT secret, refusing a weak one
    # Loaded now, like the JWT secret: a bad SESSION_ENCRYPTION_KEY stops the server at once.
    app.state.vault = Vault.from_settings(app.state.settings)
    app.include_router(local_connect.authenticated)
    app.include_router(local_connect.by_token)
    app.include_router(products.router)
    app.include_router(campaigns.router)
    app.include_router(scrape.router)
    return app


def create_app_from_environment() -> AffiliateApp:
    """For `uvicorn --factory` (several workers): settings and DATABASE_URL from the env."""
    from affiliate.db.engine import database_url

    settings = get_settings()
    app = create_app(database_url(settings, start=False), settings)
    # A server process's objects so far live as long as it does: keep them out of the cyclic
    # collector's scans, which otherwise walk the whole app every few thousand requests
    # (measured: ~7-10 µs a request on the hot paths). Here, in the server's entry point, not
    # in the app's lifespan, which also runs inside test processes and the demo.
    gc.freeze()
    return app
