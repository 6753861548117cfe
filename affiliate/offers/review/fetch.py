"""Fetch a sales page politely and safely: http(s) only, a timeout, a size cap.

Failures become a short `outcome` code (stored in sales_page_reviews.outcome, 20 characters
at most) instead of an exception, because a page we cannot read is our problem, not the
product's: review.py gives such products the neutral multiplier.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import httpx

TIMEOUT_SECONDS = 10.0
MAX_REDIRECTS = 5  # hoplink → tracker → vendor is three; more is a loop
MAX_BYTES = 2_000_000  # real sales pages are ~50–500 kB of HTML; more is not a page
USER_AGENT = "AffiliateOS-SalesPageReview/1.0 (+offer review; one fetch per product a day)"
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w-]+)", re.IGNORECASE)


class FetchError(Exception):
    """The page could not be read; `outcome` says why in a few characters."""

    def __init__(self, outcome: str, detail: str = "") -> None:
        super().__init__(f"{outcome}: {detail}" if detail else outcome)
        self.outcome = outcome[:20]


def fetch_page(
    url: str,
    *,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
    client: httpx.Client | None = None,
) -> str:
    """The page's HTML as text, following redirects; raises FetchError on any failure.

    Redirects are followed here, not by httpx, so every hop is checked for http(s): a
    hoplink that redirects to file: or javascript: must not be read, whatever the client.
    """
    own = client is None
    http = client or httpx.Client(timeout=timeout)
    try:
        for _ in range(MAX_REDIRECTS + 1):
            if urlsplit(url).scheme.lower() not in {"http", "https"}:
                raise FetchError("bad-scheme", f"only http(s) pages are reviewed, not {url!r}")
            html, url = _get(http, url, timeout, max_bytes)
            if html is not None:
                return html
        raise FetchError("too-many-redirects", f"more than {MAX_REDIRECTS}")
    except httpx.TimeoutException as exc:
        raise FetchError("timeout", str(exc)) from exc
    except httpx.UnsupportedProtocol as exc:
        raise FetchError("bad-scheme", str(exc)) from exc
    except httpx.ConnectError as exc:
        raise FetchError("connect-error", str(exc)) from exc
    except httpx.HTTPError as exc:
        raise FetchError("fetch-error", str(exc)) from exc
    finally:
        if own:
            http.close()


def _get(http: httpx.Client, url: str, timeout: float, max_bytes: int) -> tuple[str | None, str]:
    """(html, url) for a page, or (None, next url) for a redirect."""
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"}
    with http.stream(
        "GET", url, headers=headers, timeout=timeout, follow_redirects=False
    ) as response:
        if response.is_redirect:
            return None, str(response.url.join(response.headers["location"]))
        if response.status_code >= 400:
            raise FetchError(f"http-{response.status_code}", url)
        kind = response.headers.get("content-type", "text/html").lower()
        if "html" not in kind and not kind.startswith("text/"):
            raise FetchError("not-html", kind)
        if int(response.headers.get("content-length") or 0) > max_bytes:
            raise FetchError("too-large", response.headers["content-length"])
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > max_bytes:
                raise FetchError("too-large", f"more than {max_bytes} bytes")
        return _decode(bytes(body), response.charset_encoding), url


def _decode(body: bytes, header_charset: str | None) -> str:
    # The header wins; many pages only declare their charset in a <meta> tag.
    meta = _META_CHARSET.search(body[:2048])
    for encoding in (header_charset, meta.group(1).decode() if meta else None, "utf-8"):
        if encoding:
            try:
                return body.decode(encoding, errors="replace")
            except LookupError:
                continue
    return body.decode("utf-8", errors="replace")
