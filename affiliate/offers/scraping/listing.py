"""Reading a paginated, login-protected product listing with self-healing selectors.

The first page does the thinking: it proves the session is still logged in, resolves (and
if need be repairs) every intent's selector, and finds the page count by following the
next-page links. Those follow-ups fetch HTML only (the context's cookies, no rendering) and
parse it with DOMParser, because a pager link needs no layout; each listing page proper is
then rendered in the browser and read in one `evaluate`. Only extracted rows leave a page,
and a page is reused for the next URL (opening a tab costs more than loading a listing), so
memory holds at most `pool_size` DOMs and the rows not yet consumed.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from affiliate.offers.scraping import dom
from affiliate.offers.scraping.healing import SelectorHealer
from affiliate.offers.scraping.intents import Intent

MAX_PAGES = 1_000  # a loop guard: a pager that never ends is a bug, not a big market
NAVIGATION_TIMEOUT_MS = 30_000


class SessionExpired(Exception):
    """The site sent us to its login page: the stored session no longer works."""


class SelectorsLost(Exception):
    """A required intent could not be found, even after asking the repair oracle."""

    def __init__(self, intent: str, page_url: str) -> None:
        super().__init__(intent, page_url)
        self.intent, self.page_url = intent, page_url


@dataclass(frozen=True)
class PageRows:
    url: str
    rows: list[dict[str, str | None]]


@dataclass
class ListingScraper:
    context: Any  # a Playwright async BrowserContext carrying the session
    healer: SelectorHealer
    intents: tuple[Intent, ...]
    login_path: str  # the site's login page path: landing there means logged out
    selectors: dict[str, str] = field(default_factory=dict)
    prints: dict[str, dict] = field(default_factory=dict)  # fingerprints seen on page 1
    pool_size: int = 4  # open tabs at most: the concurrency bound
    _idle: list[Any] = field(default_factory=list)
    _open_tabs: int = 0
    _tab_free: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def first_page(self, url: str) -> tuple[PageRows, list[str]]:
        """Page 1's rows and every listing page's URL (page 1 included), in order."""
        async with self._tab() as page:
            await self._open(page, url)
            await self._resolve_all(page)
            rows = await dom.card_rows(page, self.selectors["product card"], self._fields())
            hrefs = await dom.values_of(page, self.selectors.get("next page", ":not(*)"), "href")
            urls = await self._follow_pager(page, page.url, (hrefs or [None])[0])
            return PageRows(page.url, rows), urls

    async def page_rows(self, url: str) -> PageRows:
        async with self._tab() as page:
            await self._open(page, url)
            rows = await dom.card_rows(page, self.selectors["product card"], self._fields())
            if not rows:  # the site changed between pages: say where, do not guess
                raise SelectorsLost("product card", page.url)
            return PageRows(page.url, rows)

    @contextlib.asynccontextmanager
    async def _tab(self) -> AsyncIterator[Any]:
        """A tab from the pool (opened on demand, at most `pool_size`); back when done."""
        async with self._tab_free:
            await self._tab_free.wait_for(lambda: self._idle or self._open_tabs < self.pool_size)
            if self._idle:
                page = self._idle.pop()
            else:
                self._open_tabs += 1
                page = None
        try:
            page = page or await self.context.new_page()
            yield page
        except BaseException:
            # A failed or cancelled load may leave the tab mid-navigation: drop it.
            if page is not None:
                with contextlib.suppress(Exception):
                    await page.close()
            page = None
            raise
        finally:
            async with self._tab_free:
                if page is None:
                    self._open_tabs -= 1
                else:
                    self._idle.append(page)
                self._tab_free.notify()

    async def _open(self, page: Any, url: str) -> None:
        await page.goto(url, wait_until="domcontentloaded", timeout=NAVIGATION_TIMEOUT_MS)
        if self._is_login(page.url):
            raise SessionExpired(page.url)

    async def _resolve_all(self, page: Any) -> None:
        by_name = {i.name: i for i in self.intents}
        marker = await self.healer.resolve(page, by_name["logged-in marker"])
        if marker is None:
            # No account menu and a password box: logged out without a redirect.
            if await dom.values_of(page, "input[type=password]", None):
                raise SessionExpired(page.url)
            raise SelectorsLost("logged-in marker", page.url)
        self.selectors["logged-in marker"] = marker
        card = await self.healer.resolve(page, by_name["product card"])
        if card is None:
            raise SelectorsLost("product card", page.url)
        self.selectors["product card"] = card
        for intent in self.intents:
            if intent.name in self.selectors:
                continue
            scope_card = card if intent.scope == "card" else None
            found = await self.healer.resolve(page, intent, scope_card)
            if found is not None:
                self.selectors[intent.name] = found
            elif intent.required:
                raise SelectorsLost(intent.name, page.url)
        self.prints = await self.healer.remember(page, self.selectors, by_name, card)

    def _fields(self) -> list[tuple[str, str | None, str | None]]:
        return [
            (i.name, self.selectors.get(i.name), i.attribute)
            for i in self.intents
            if i.scope == "card"
        ]

    async def _follow_pager(self, page: Any, first: str, href: str | None) -> list[str]:
        urls, selector = [first], self.selectors.get("next page")
        while href and selector and len(urls) < MAX_PAGES:
            url = urljoin(urls[-1], href)
            if url in urls:
                break
            answer = await self.context.request.get(url, timeout=NAVIGATION_TIMEOUT_MS)
            if self._is_login(answer.url):
                raise SessionExpired(answer.url)
            if not answer.ok:
                raise RuntimeError(f"listing page {url} answered HTTP {answer.status}")
            urls.append(url)
            href = await dom.href_in_html(page, await answer.text(), selector)
        return urls

    def _is_login(self, url: str) -> bool:
        return urlsplit(url).path.rstrip("/") == self.login_path.rstrip("/")
