"""The logged-in marketplace pages and the public sales pages."""

from __future__ import annotations

import math

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from affiliate.sandbox.config import SandboxConfig
from affiliate.sandbox.hotmart_market.auth_routes import (
    ACCOUNT_NAME,
    MARKET_PATH,
    current_session,
    to_login,
)
from affiliate.sandbox.hotmart_market.layout import document
from affiliate.sandbox.hotmart_market.markups import check_markup, markup_for
from affiliate.sandbox.hotmart_market.products import MarketProduct, market_catalog
from affiliate.sandbox.hotmart_market.sales_page import sales_page_html
from affiliate.sandbox.hotmart_market.sessions import SessionStore


def page_router(config: SandboxConfig, sessions: SessionStore) -> APIRouter:
    check_markup(config.market_markup)  # fail at start-up, not on the first page view
    if config.market_page_size < 1:
        raise ValueError(f"market_page_size must be at least 1, got {config.market_page_size}")
    products = market_catalog(config.seed, config.market_products)
    by_id = {p.id: p for p in products}
    size = config.market_page_size
    pages = math.ceil(len(products) / size)
    router = APIRouter(prefix="/hotmart")

    def find(product_id: int) -> MarketProduct:
        if product_id not in by_id:
            raise HTTPException(404, f"No product {product_id} on the sandbox marketplace.")
        return by_id[product_id]

    @router.get("", include_in_schema=False)
    def home() -> RedirectResponse:
        return RedirectResponse(MARKET_PATH, status_code=303)

    @router.get("/market", response_class=HTMLResponse, response_model=None)
    def market(request: Request, page: int = 1) -> Response:
        if current_session(request, sessions) is None:
            return to_login()
        markup, links = markup_for(request, config.market_markup)
        if not 1 <= page <= pages:
            raise HTTPException(404, f"page must be between 1 and {pages}, got {page}")
        shown = products[(page - 1) * size : page * size]
        body = markup.header(ACCOUNT_NAME) + markup.listing(shown, page, pages, links)
        return HTMLResponse(document(f"Mercado — página {page}", body, user_name=ACCOUNT_NAME))

    @router.get("/product/{product_id}", response_class=HTMLResponse, response_model=None)
    def product(request: Request, product_id: int) -> Response:
        if current_session(request, sessions) is None:
            return to_login()
        markup, links = markup_for(request, config.market_markup)
        found = find(product_id)
        body = markup.header(ACCOUNT_NAME) + markup.product_page(found, links)
        return HTMLResponse(document(found.name, body, user_name=ACCOUNT_NAME))

    @router.get("/product/{product_id}/sales", response_class=HTMLResponse)
    def sales_page(product_id: int) -> str:
        return sales_page_html(config.seed, find(product_id))

    return router
