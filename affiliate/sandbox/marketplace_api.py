"""The sandbox marketplace's HTTP API: ClickBank's feed URLs, XML and zipped."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Response

from affiliate.sandbox.clock import SandboxClock
from affiliate.sandbox.feed import FEED_FILENAME, feed_xml, feed_zip


def marketplace_router(seed: int, n_products: int, clock: SandboxClock) -> APIRouter:
    router = APIRouter(prefix="/clickbank/feeds")

    @router.get(f"/{FEED_FILENAME}")
    def feed(date: dt.date | None = None) -> Response:
        body = feed_xml(date or clock.today(), seed, n_products)
        return Response(body, media_type="application/xml")

    @router.get(f"/{FEED_FILENAME}.zip")
    def zipped_feed(date: dt.date | None = None) -> Response:
        body = feed_zip(date or clock.today(), seed, n_products)
        return Response(
            body,
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{FEED_FILENAME}.zip"'},
        )

    return router
