"""Which markup a request gets: `?markup=` first, then the `hm_markup` cookie, then config.

One sandbox serves both markups at once, so a test can scrape v1, "redeploy" the site by
setting the cookie (or the query) to v2, and watch the selectors heal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from fastapi import HTTPException, Request

from affiliate.sandbox.hotmart_market import markup_v1, markup_v2
from affiliate.sandbox.hotmart_market.layout import Links
from affiliate.sandbox.hotmart_market.products import MarketProduct

MARKUP_COOKIE = "hm_markup"


@dataclass(frozen=True)
class Markup:
    """One rendering of the logged-in pages and the selector proving a page is logged in."""

    name: str
    logged_in_marker: str
    header: Callable[[str], str]
    listing: Callable[[list[MarketProduct], int, int, Links], str]
    product_page: Callable[[MarketProduct, Links], str]


def _from_module(name: str, module: ModuleType) -> Markup:
    return Markup(name, module.LOGGED_IN_MARKER, module.header, module.listing, module.product_page)


MARKUPS: dict[str, Markup] = {
    "v1": _from_module("v1", markup_v1),
    "v2": _from_module("v2", markup_v2),
}
LOGGED_IN_MARKERS: dict[str, str] = {name: m.logged_in_marker for name, m in MARKUPS.items()}


def check_markup(name: str) -> Markup:
    if name not in MARKUPS:
        raise ValueError(f"market_markup must be one of {sorted(MARKUPS)}, got {name!r}")
    return MARKUPS[name]


def markup_for(request: Request, default: str) -> tuple[Markup, Links]:
    """The request's markup, and links that keep a query-chosen markup while crawling."""
    asked = request.query_params.get("markup")
    if asked is not None:
        if asked not in MARKUPS:
            raise HTTPException(400, f"markup must be one of {sorted(MARKUPS)}, got {asked!r}")
        return MARKUPS[asked], Links(markup_query=asked)
    # A stale or foreign cookie value is ignored rather than breaking every page.
    cookie = request.cookies.get(MARKUP_COOKIE)
    return MARKUPS[cookie if cookie in MARKUPS else default], Links()
