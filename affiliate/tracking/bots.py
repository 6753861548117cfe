"""Which clicks are not people: crawlers, link prefetchers, and one address clicking too fast.

A flagged click is still recorded (and still redirected: ad platforms' reviewers must reach
the offer) but never counted as traffic.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping

# Crawlers and link expanders that announce themselves; ad platforms' own reviewers included.
_CRAWLER = re.compile(
    r"(?<!cu)bot\b|bot/|crawl|spider|slurp|facebookexternalhit|facebookcatalog|meta-externalagent"
    r"|mediapartners|adsbot|bingpreview|embedly|quora link preview|whatsapp|telegrambot"
    r"|skypeuripreview|slackbot|discordbot|linkedinbot|pinterest|headlesschrome|phantomjs"
    r"|python-requests|python-httpx|aiohttp|curl/|wget/|go-http-client|okhttp|java/|libwww"
    r"|scrapy|httpclient|axios/|node-fetch",
    re.IGNORECASE,
)
# Browsers mark speculative loads; a prefetch is not a visit.
PREFETCH_HEADERS = {
    "purpose": ("prefetch", "preview"),
    "sec-purpose": ("prefetch", "prerender"),
    "x-purpose": ("prefetch", "preview"),
    "x-moz": ("prefetch",),
}


def crawler_or_prefetch(user_agent: str | None, headers: Mapping[str, str]) -> str | None:
    """The reason a request is not a person's click, judged from its headers alone."""
    if not user_agent:
        return "no user agent"
    if _CRAWLER.search(user_agent):
        return "crawler user agent"
    for name, markers in PREFETCH_HEADERS.items():
        value = headers.get(name)
        if value and value.lower().startswith(markers):
            return "prefetch"
    return None


class ClickRateLimiter:
    """Counts clicks per IP hash in the current minute (one fixed window per process).

    Fixed windows are enough to spot a script hammering a link, cost one dict lookup, and
    the table is dropped every minute so it never grows past one minute's visitors.
    """

    def __init__(self, per_minute: int, clock=time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._window = -1
        self._counts: dict[str, int] = {}

    def too_fast(self, ip_hash: str | None) -> str | None:
        if ip_hash is None:
            return None
        window = int(self._clock() // 60)
        if window != self._window:
            self._window, self._counts = window, {}
        count = self._counts.get(ip_hash, 0) + 1
        self._counts[ip_hash] = count
        if count > self.per_minute:
            return f"more than {self.per_minute} clicks a minute from one address"
        return None
