"""The ClickBank marketplace feed as a Dagster resource (the sandbox feed unless configured)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date

import httpx
from dagster import ConfigurableResource

from affiliate.config import get_settings
from affiliate.offers.clickbank_feed import parse_feed
from affiliate.offers.model import Offer


class ClickBankFeedResource(ConfigurableResource):
    feed_url: str | None = None
    hoplink_template: str | None = None

    def urls(self) -> tuple[str, str]:
        settings = get_settings()
        feed = (
            self.feed_url
            or settings.clickbank_feed_url
            or (f"{settings.sandbox_url}/clickbank/feeds/marketplace_feed_v2.xml")
        )
        hoplink = (
            self.hoplink_template
            or settings.clickbank_hoplink_template
            or (f"{settings.sandbox_url}/network/go/{{vendor}}")
        )
        return feed, hoplink

    def fetch_offers(self, day: date) -> Iterator[Offer]:
        """Download the feed to a spooled file (it can be large) and stream-parse it.

        `date` asks the sandbox for that day's feed; ClickBank's real feed ignores it and is
        always today's, so backfilled partitions only make sense against the sandbox.
        """
        feed_url, hoplink = self.urls()
        with tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024) as buffer:
            with httpx.stream(
                "GET",
                feed_url,
                params={"date": day.isoformat()},
                timeout=120,
                follow_redirects=True,
            ) as answer:
                answer.raise_for_status()
                for chunk in answer.iter_bytes():
                    buffer.write(chunk)
            buffer.seek(0)
            yield from parse_feed(buffer, hoplink)
