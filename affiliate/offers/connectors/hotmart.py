"""Hotmart: the affiliate marketplace, scraped headlessly with the user's own browser session.

Hotmart has no public marketplace API, so the user logs in once through Local Connect
(`affiliate connect hotmart`), the session is kept encrypted, and this connector replays it
in headless Chromium, reading the listing through self-healing selectors.

Concurrency: Playwright's async API on a private event loop that this (synchronous)
generator drives step by step. Page 1 runs alone (login check, selector repair, page
discovery); then a sliding window of `concurrency` pages (4) loads at once, in a pool of
as many reused tabs of one browser context, and the generator yields each page's offers in
order as soon as that page is done. A window of tasks is a semaphore that also keeps
order; and since the loop only runs while the consumer asks for more, a slow consumer
holds at most `concurrency` pages of rows.
Being a generator driving its own loop, it must be called from synchronous code (a Dagster
asset, the CLI), not from inside a running event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Coroutine, Iterator
from datetime import date
from itertools import islice
from typing import Any, TypeVar
from urllib.parse import urlsplit

import sqlalchemy as sa

from affiliate.config import Settings
from affiliate.connect.platforms import Platform, get_platform
from affiliate.connect.sessions import load_session, mark_needs_reconnect, touch_session
from affiliate.connect.vault import Vault
from affiliate.db.tables import integration_sessions
from affiliate.offers.connectors.base import ConnectorContext, ConnectorError, NotConnected
from affiliate.offers.model import Offer
from affiliate.offers.scraping.browser import launch_chromium, new_context_from_session
from affiliate.offers.scraping.fingerprints import FingerprintStore
from affiliate.offers.scraping.healing import SelectorHealer
from affiliate.offers.scraping.intents import HOTMART_INTENTS
from affiliate.offers.scraping.listing import (
    ListingScraper,
    PageRows,
    SelectorsLost,
    SessionExpired,
)
from affiliate.offers.scraping.normalise import offer_from_row
from affiliate.offers.scraping.offline_oracle import OfflineOracle
from affiliate.offers.scraping.oracle import RepairOracle
from affiliate.offers.scraping.repairs import learned_selectors, record_repair

T = TypeVar("T")
RECONNECT = "run `affiliate connect hotmart` to log in again"


class HotmartConnector:
    name = "hotmart"

    def __init__(
        self, *, settings: Settings, engine: sa.Engine, user_id: int, platform: Platform,
        storage_state: dict, fingerprint: dict, oracle: RepairOracle | None = None,
        market_url: str | None = None, concurrency: int = 4,
    ) -> None:  # fmt: skip
        self.settings, self.engine, self.user_id = settings, engine, user_id
        self.platform, self.storage_state, self.fingerprint = platform, storage_state, fingerprint
        self.oracle = oracle or OfflineOracle()
        self.market_url = market_url or platform.base_url.rstrip("/") + "/market"
        self.concurrency = max(1, concurrency)
        self.prints = FingerprintStore.for_platform(settings.affiliate_home, platform.name)

    @classmethod
    def from_context(cls, context: ConnectorContext) -> HotmartConnector:
        from affiliate.db.engine import database_url, get_engine  # starts nothing until here

        settings = context.settings
        engine = context.engine or get_engine(database_url(settings))
        platform = get_platform("hotmart", settings)
        with engine.connect() as conn:
            user_id = context.user_id if context.user_id is not None else _first_user(conn)
            found = None
            if user_id is not None:
                found = load_session(conn, Vault.from_settings(settings), user_id, platform.name)
        if found is None:
            raise NotConnected("No Hotmart account connected: run `affiliate connect hotmart`.")
        storage_state, fingerprint, status = found
        if status != "active":
            raise ConnectorError(
                f"Your Hotmart session is {status.replace('_', ' ')}: {RECONNECT}."
            )
        return cls(
            settings=settings, engine=engine, user_id=user_id, platform=platform,
            storage_state=storage_state, fingerprint=fingerprint,
            market_url=context.options.get("market_url"),
            concurrency=int(context.options.get("concurrency", 4)),
        )  # fmt: skip

    def fetch_offers(self, day: date) -> Iterator[Offer]:
        """Every product on the marketplace now (the listing has no history: `day` is unused)."""
        loop = asyncio.new_event_loop()
        try:
            yield from self._scrape(loop)
        finally:
            loop.close()

    def _scrape(self, loop: asyncio.AbstractEventLoop) -> Iterator[Offer]:
        browser_parts = self._run(loop, self._open_browser())
        scraper: ListingScraper = browser_parts[-1]
        window: deque[asyncio.Task[PageRows]] = deque()
        try:
            first, urls = self._run(loop, scraper.first_page(self.market_url))
            self.prints.save({**self.prints.load(), **scraper.prints})
            yield from self._offers(first)
            rest = iter(urls[1:])
            window.extend(
                loop.create_task(scraper.page_rows(u)) for u in islice(rest, self.concurrency)
            )
            while window:
                rows = self._run(loop, window.popleft())
                window.extend(loop.create_task(scraper.page_rows(u)) for u in islice(rest, 1))
                yield from self._offers(rows)
            touch_session(self.engine, self.user_id, self.platform.name)
        finally:
            for task in window:
                task.cancel()
            loop.run_until_complete(_settle(window))
            loop.run_until_complete(_close(*browser_parts[:-1]))
            loop.run_until_complete(_settle(window, timeout=5))

    async def _open_browser(self) -> tuple[Any, Any, Any, ListingScraper]:
        from playwright.async_api import async_playwright  # heavy: only when scraping

        playwright = await async_playwright().start()
        try:
            browser = await launch_chromium(playwright)
            context = await new_context_from_session(browser, self.storage_state, self.fingerprint)
        except BaseException:
            await _close(playwright)  # no Chromium: do not leave the driver process behind
            raise
        healer = SelectorHealer(
            platform=self.platform.name, oracle=self.oracle,
            evidence_dir=self.settings.affiliate_home / "scraper" / self.platform.name / "evidence",
            record=lambda repair: record_repair(self.engine, repair),
            learned=learned_selectors(self.engine, self.platform.name), prints=self.prints.load(),
        )  # fmt: skip
        login_path = urlsplit(self.platform.login_url).path
        return (
            context,
            browser,
            playwright,
            ListingScraper(
                context, healer, HOTMART_INTENTS, login_path, pool_size=self.concurrency
            ),
        )

    def _run(
        self, loop: asyncio.AbstractEventLoop, step: Coroutine[Any, Any, T] | asyncio.Task[T]
    ) -> T:
        """Run one step; turn what went wrong into what the user should do."""
        from playwright.async_api import Error as PlaywrightError

        try:
            return loop.run_until_complete(step)
        except SessionExpired:
            mark_needs_reconnect(self.engine, self.user_id, self.platform.name, "session expired")
            raise ConnectorError(
                f"Your Hotmart session has expired: {RECONNECT}, then fetch again."
            ) from None
        except SelectorsLost as lost:
            raise ConnectorError(
                f"Hotmart's page {lost.page_url} changed and the scraper could not find the "
                f"{lost.intent!r} again; see app.selector_repairs and the evidence under "
                f"{self.settings.affiliate_home / 'scraper'}."
            ) from None
        except PlaywrightError as exc:
            raise ConnectorError(f"the Hotmart browser session failed: {exc}") from exc

    def _offers(self, page: PageRows) -> Iterator[Offer]:
        for row in page.rows:
            offer = offer_from_row(self.name, row, page.url)
            if offer is not None:
                yield offer


def _first_user(conn: sa.Connection) -> int | None:
    """With no user given, the lowest user id holding a Hotmart session (a one-user install)."""
    t = integration_sessions.c
    return conn.scalar(sa.select(sa.func.min(t.user_id)).where(t.platform == "hotmart"))


async def _settle(tasks: deque[asyncio.Task], timeout: float = 10) -> None:
    """Let cancelled page tasks finish their cleanup (closing their pages), for a while.

    Bounded: a task cancelled mid-navigation can wait on its page forever; closing the
    browser afterwards makes whatever it still awaits fail, and the loop reaps it then.
    """
    if tasks:
        await asyncio.wait(tasks, timeout=timeout)


async def _close(*closables: Any) -> None:
    for item in closables:  # context, browser, then the driver; each may already be gone
        with contextlib.suppress(Exception):
            await asyncio.wait_for(item.stop() if hasattr(item, "stop") else item.close(), 30)
