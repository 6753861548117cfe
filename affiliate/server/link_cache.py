"""Tracking links in memory, so a redirect needs no database round trip.

The whole table is reloaded every `refresh_seconds` (links are few: one per ad). A code not in
memory is looked up once — a link created a moment ago works at once — and remembered as
unknown for `miss_ttl` seconds, so a flood of bad codes costs one query per code at most that
often. Unknown codes are kept in a bounded table.
"""

from __future__ import annotations

import asyncio
import logging
import time

import sqlalchemy as sa

from affiliate.tracking.clicks import Link, find_link, load_links

log = logging.getLogger(__name__)
MAX_REMEMBERED_MISSES = 10_000
LOOK_UP = object()  # `remembered`: the code is in neither table; ask the database


class LinkCache:
    def __init__(self, engine: sa.Engine, refresh_seconds: float = 30.0, miss_ttl: float = 5.0):
        self._engine = engine
        self.refresh_seconds = refresh_seconds
        self._miss_ttl = miss_ttl
        self._links: dict[str, Link] = {}
        self._misses: dict[str, float] = {}

    def refresh(self) -> int:
        """Reload every link (blocking); returns how many there are."""
        with self._engine.connect() as conn:
            self._links = load_links(conn)
        self._misses.clear()
        return len(self._links)

    def remembered(self, code: str) -> Link | None | object:
        """The link from memory, None for a code recently found unknown, or LOOK_UP."""
        link = self._links.get(code)
        if link is not None:
            return link
        missed = self._misses.get(code)
        if missed is not None and time.monotonic() - missed < self._miss_ttl:
            return None
        return LOOK_UP

    async def resolve(self, code: str) -> Link | None:
        link = self.remembered(code)
        if link is not LOOK_UP:
            return link
        link = await asyncio.to_thread(self._find, code)
        if link is None:
            if len(self._misses) >= MAX_REMEMBERED_MISSES:
                self._misses.clear()
            self._misses[code] = time.monotonic()
        else:
            self._links[code] = link
        return link

    def _find(self, code: str) -> Link | None:
        with self._engine.connect() as conn:
            return find_link(conn, code)

    async def keep_fresh(self) -> None:
        """Runs for the server's life; a failed reload keeps the links already known."""
        while True:
            await asyncio.sleep(self.refresh_seconds)
            try:
                await asyncio.to_thread(self.refresh)
            except sa.exc.SQLAlchemyError as exc:
                log.warning("tracking links not reloaded (kept %d): %s", len(self._links), exc)
