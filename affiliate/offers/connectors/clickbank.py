"""ClickBank: the marketplace feed (marketplace_feed_v2.xml, or the .zip ClickBank ships)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx

from affiliate.offers.clickbank_feed import parse_feed
from affiliate.offers.connectors.base import ConnectorContext, ConnectorError
from affiliate.offers.model import Offer

FEED_PATH = "/clickbank/feeds/marketplace_feed_v2.xml"


class ClickBankConnector:
    name = "clickbank"

    def __init__(self, source: str, hoplink_template: str):
        self.source = source  # a URL or a local file
        self.hoplink_template = hoplink_template

    @classmethod
    def from_context(cls, context: ConnectorContext) -> ClickBankConnector:
        s = context.settings
        source = context.options.get("source") or s.clickbank_feed_url or s.sandbox_url + FEED_PATH
        hoplink = s.clickbank_hoplink_template or f"{s.sandbox_url}/network/go/{{vendor}}"
        return cls(source, hoplink)

    def fetch_offers(self, day: date) -> Iterator[Offer]:
        if not self.source.startswith(("http://", "https://")):
            path = Path(self.source).expanduser()
            if not path.is_file():
                raise ConnectorError(f"feed file {path} does not exist")
            yield from parse_feed(path, self.hoplink_template)
            return
        # Spooled: the real feed is tens of MB; it stays in memory only while small.
        with tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024) as buffer:
            self._download(buffer, day)
            buffer.seek(0)
            yield from parse_feed(buffer, self.hoplink_template)

    def _download(self, buffer, day: date) -> None:
        # `date` asks the sandbox for that day's feed; ClickBank's real feed ignores it and
        # is always today's, so backfilled days only make sense against the sandbox.
        try:
            with httpx.stream(
                "GET",
                self.source,
                params={"date": day.isoformat()},
                timeout=120,
                follow_redirects=True,
            ) as answer:
                answer.raise_for_status()
                for chunk in answer.iter_bytes():
                    buffer.write(chunk)
        except httpx.HTTPError as exc:
            raise ConnectorError(
                f"could not download the ClickBank feed {self.source}: {exc}"
            ) from exc
