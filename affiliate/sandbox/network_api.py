"""The sandbox affiliate network's HTTP API (`/network`): landing pages and postbacks."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field, model_validator
from starlette.concurrency import run_in_threadpool

from affiliate.sandbox.catalog import SandboxProduct
from affiliate.sandbox.clock import SandboxClock
from affiliate.sandbox.landing_page import landing_page_html
from affiliate.sandbox.network_store import NetworkStore
from affiliate.sandbox.postback import post_pending_sales
from affiliate.sandbox.postback_formats import FORMATS, FormatName


class PostbackIn(BaseModel):
    """Where to post, in which network's format, with that format's secret."""

    webhook_url: str = Field(pattern=r"^https?://")
    format: FormatName = "clickbank"
    secret_key: str | None = Field(default=None, min_length=1)  # ClickBank's secret key
    hottok: str | None = Field(default=None, min_length=1)  # Hotmart's

    @model_validator(mode="after")
    def _has_the_formats_secret(self) -> PostbackIn:
        if not self.secret:
            raise ValueError(f"format {self.format!r} needs {FORMATS[self.format].secret_field!r}")
        return self

    @property
    def secret(self) -> str:
        return getattr(self, FORMATS[self.format].secret_field) or ""


def network_router(
    store: NetworkStore, products: list[SandboxProduct], clock: SandboxClock
) -> APIRouter:
    router = APIRouter(prefix="/network")
    # Both the feed Id ("KETOSYS") and the network's int id ("1000001") find a product.
    lookup: dict[str, SandboxProduct] = {}
    for product in products:
        lookup[product.id.upper()] = product
        lookup[str(product.network_id)] = product

    @router.get("/go/{product_id}", response_class=HTMLResponse)
    def landing_page(product_id: str, tid: str | None = None, sck: str | None = None) -> str:
        product = lookup.get(product_id.upper())
        if product is None:
            raise HTTPException(404, f"No product {product_id!r} on the sandbox network.")
        store.record_visit(product, sck or tid, clock.now())
        return landing_page_html(store.seed, product)

    @router.post("/sandbox/postback")
    async def postback(body: PostbackIn) -> dict[str, Any]:
        # The receiver may live in this process; never block the event loop on it.
        result = await run_in_threadpool(
            post_pending_sales,
            store,
            body.webhook_url,
            body.secret,
            clock.now(),
            body.format,
        )
        return result.to_json()

    @router.get("/sandbox/sales")
    def sales() -> dict[str, Any]:
        with store.lock:
            return {"visits": store.visits, "data": [s.to_json() for s in store.sales]}

    return router
