"""One FastAPI app serving the whole sandbox: marketplace feed, ad platform, network.

Endpoints:
  GET  /clickbank/feeds/marketplace_feed_v2.xml[.zip]?date=YYYY-MM-DD
  POST /adplatform/v1/campaigns | /adsets | /ads          (Bearer auth, Idempotency-Key)
  GET  /adplatform/v1/ads, /adplatform/v1/ads/{ad_id}/insights?since=&until=
  POST /adplatform/v1/sandbox/deliver {"date"}            (sends the day's clicks for real)
  GET  /network/go/{product_id}?sck=|tid=                 (landing page; may become a sale)
  POST /network/sandbox/postback {"webhook_url", "format", "secret_key" | "hottok"}
       (the network's sales as ClickBank INS — the default — or Hotmart 2.0.0 webhooks)
  GET  /network/sandbox/sales, /health
  GET  /hotmart/login → /hotmart/market?page=N, /hotmart/product/{id}[/sales]
       (a login-protected Hotmart-like marketplace; see affiliate/sandbox/hotmart_market)
"""

from __future__ import annotations

from fastapi import FastAPI, Request, Response
from starlette.middleware.base import RequestResponseEndpoint

from affiliate.sandbox.adplatform_api import adplatform_router
from affiliate.sandbox.adplatform_store import AdPlatformStore
from affiliate.sandbox.catalog import catalog
from affiliate.sandbox.clock import SandboxClock
from affiliate.sandbox.config import SandboxConfig
from affiliate.sandbox.hotmart_market import hotmart_market_router, market_sessions
from affiliate.sandbox.marketplace_api import marketplace_router
from affiliate.sandbox.network_api import network_router
from affiliate.sandbox.network_store import NetworkStore
from affiliate.sandbox.persistence import load_state, save_state


def create_sandbox_app(config: SandboxConfig) -> FastAPI:
    """A fresh sandbox world; its state lives on `app.state` (clock, ad_platform, network)."""
    clock = SandboxClock(config.today)
    ad_platform = AdPlatformStore()
    network = NetworkStore(seed=config.seed, conversion_rate=config.conversion_rate)
    products = catalog(config.seed, config.n_products)
    if config.state_path is not None and config.state_path.exists():
        load_state(config.state_path, ad_platform, network, products)
    app = FastAPI(
        title="Affiliate OS sandbox",
        description="Seeded stand-ins for ClickBank's feed, an ad platform and Hotmart.",
    )
    app.state.config = config
    app.state.clock = clock
    app.state.ad_platform = ad_platform
    app.state.network = network
    app.state.market_sessions = market_sessions(config, clock)
    app.include_router(marketplace_router(config.seed, config.n_products, clock))
    app.include_router(adplatform_router(ad_platform, clock, config.seed))
    app.include_router(network_router(network, products, clock))
    app.include_router(hotmart_market_router(config, app.state.market_sessions))

    if config.state_path is not None:
        state_path = config.state_path

        @app.middleware("http")
        async def persist(request: Request, call_next: RequestResponseEndpoint) -> Response:
            sales_before = len(network.sales)
            response = await call_next(request)
            # POSTs change state; a landing-page visit matters only if it made a sale.
            if request.method == "POST" or len(network.sales) != sales_before:
                save_state(state_path, ad_platform, network)
            return response

    @app.get("/health")
    def health() -> dict[str, object]:
        return {"status": "ok", "seed": config.seed, "today": clock.today().isoformat()}

    return app
