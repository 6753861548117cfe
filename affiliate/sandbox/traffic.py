"""Simulated visitors: each reported click becomes real HTTP requests to the ad's link.

A click GETs the ad's `link_url` (our tracker) without following redirects, like a browser
arriving from Facebook's mobile app, then follows one 30x to the landing page. Running the
requests for real is the point: the tracker's redirect and the network's landing page are
exercised exactly as in production.

Every visit comes from this machine, so each says which visitor it is in X-Forwarded-For,
as a reverse proxy in front of the tracker would (uvicorn trusts that header from loopback):
without it, the tracker would rightly take hundreds of clicks a minute from one address
for a bot. Visitors get addresses from 198.18.0.0/15, the range set aside for testing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import httpx

BROWSER_HEADERS = {
    "User-Agent": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.38.107]"
    ),
    "Referer": "https://m.facebook.com/",
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "en-US,en;q=0.9",
}


@dataclass
class DeliveryCounts:
    clicks_sent: int = 0
    redirected: int = 0
    landed: int = 0
    errors: int = 0


def send_clicks(work: Iterable[tuple[str, int]], timeout: float = 10.0) -> DeliveryCounts:
    """Send `clicks` visits to each `link_url`; blocking, so call it off the event loop."""
    counts = DeliveryCounts()
    with httpx.Client(headers=BROWSER_HEADERS, timeout=timeout, follow_redirects=False) as client:
        for link_url, clicks in work:
            for _ in range(clicks):
                counts.clicks_sent += 1
                _visit(client, link_url, counts, visitor_address(counts.clicks_sent))
    return counts


def visitor_address(n: int) -> str:
    return f"198.{18 + (n >> 16) % 2}.{(n >> 8) % 256}.{n % 256}"


def _visit(client: httpx.Client, link_url: str, counts: DeliveryCounts, address: str) -> None:
    try:
        first = client.get(link_url, headers={"X-Forwarded-For": address})
        if first.is_redirect and "location" in first.headers:
            counts.redirected += 1
            # Location may be relative; resolve it against the URL that answered.
            landing = client.get(first.url.join(first.headers["location"]))
            final = landing
        else:
            final = first
    except httpx.HTTPError:
        counts.errors += 1
        return
    if final.is_success:
        counts.landed += 1
    else:
        counts.errors += 1
