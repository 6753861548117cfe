"""The API server: health, webhooks, tracking redirects, accounts and Local Connect."""

from __future__ import annotations

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
    redirect,
    scrape,
    webhooks,
)


def create_app(database_url: str, settings: Settings | None = None) -> FastAPI:
    """Build the app around one database; the engine is created here, not at import."""
    app = FastAPI(title="Affiliate OS", version="0.1.0")
    app.state.engine = sa.create_engine(database_url, pool_pre_ping=True, pool_size=5)
    app.state.settings = settings or get_settings()
    app.include_router(health.router)
    app.include_router(webhooks.router)
    app.include_router(redirect.router)
    auth_routes.install(app)  # /api/auth; loads the JWT secret, refusing a weak one
    # Loaded now, like the JWT secret: a bad SESSION_ENCRYPTION_KEY stops the server at once.
    app.state.vault = Vault.from_settings(app.state.settings)
    app.include_router(local_connect.authenticated)
    app.include_router(local_connect.by_token)
    app.include_router(products.router)
    app.include_router(campaigns.router)
    app.include_router(scrape.router)
    return app
