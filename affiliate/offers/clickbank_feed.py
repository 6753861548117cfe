"""Streaming parser for ClickBank's ``marketplace_feed_v2`` XML (plain or zipped).

The feed is one ``Catalog`` of nested ``Category`` elements, each opening with its ``Name``
and holding ``Site`` elements (one per vendor product) and sub-categories. A full feed is
tens of megabytes, so it is read with ``iterparse`` and every ``Site`` is dropped from the
tree once it has become an :class:`Offer`; memory stays flat however large the feed is.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import BinaryIO
from urllib.parse import quote

from affiliate.offers.feed_source import FeedError, open_feed
from affiliate.offers.model import Offer

__all__ = ["ClickBankFeedParser", "FeedError", "SiteError", "parse_feed"]

log = logging.getLogger(__name__)

NETWORK = "clickbank"
CENTS = Decimal("0.01")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


class SiteError(ValueError):
    """One ``Site`` has a field that cannot be read; the parser skips it and carries on."""


class ClickBankFeedParser:
    """Turns a feed into offers, skipping (and recording) Sites it cannot read.

    After (or during) :meth:`parse`, ``skipped`` lists the Id of each skipped Site (or
    ``#<position>`` when it had none) and ``errors`` says, in the same order, what was wrong.
    """

    def __init__(self, hoplink_template: str) -> None:
        try:
            # A template without {vendor} would send every offer to the same page.
            if hoplink_template.format(vendor="A") == hoplink_template.format(vendor="B"):
                raise ValueError("no {vendor} placeholder")
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(
                f"hoplink_template must contain the {{vendor}} placeholder and no other, "
                f"e.g. 'https://hop.clickbank.net/?affiliate=me&vendor={{vendor}}'; "
                f"got {hoplink_template!r}"
            ) from exc
        self.hoplink_template = hoplink_template
        self.parsed = 0
        self.skipped: list[str] = []
        self.errors: list[str] = []

    def parse(self, source: BinaryIO | bytes | Path) -> Iterator[Offer]:
        """Yield one offer per readable Site, in feed order; counts reset on each call."""
        self.parsed = 0
        self.skipped = []
        self.errors = []
        with open_feed(source) as stream:
            yield from self._walk(stream)

    def _walk(self, stream: BinaryIO) -> Iterator[Offer]:
        open_elements: list[ET.Element] = []
        category_names: list[str] = []
        position = 0
        try:
            for event, elem in ET.iterparse(stream, events=("start", "end")):
                if event == "start":
                    if not open_elements and elem.tag != "Catalog":
                        raise FeedError(
                            f"feed root is <{elem.tag}>, expected <Catalog>: this is not "
                            f"ClickBank's marketplace_feed_v2"
                        )
                    open_elements.append(elem)
                    if elem.tag == "Category":
                        category_names.append("")
                    continue
                open_elements.pop()
                parent = open_elements[-1] if open_elements else None
                if elem.tag == "Name" and parent is not None and parent.tag == "Category":
                    category_names[-1] = (elem.text or "").strip()
                elif elem.tag == "Category":
                    category_names.pop()
                    _detach(elem, parent)
                elif elem.tag == "Site":
                    position += 1
                    offer = self._site_or_skip(elem, category_names, position)
                    _detach(elem, parent)
                    if offer is not None:
                        yield offer
        except ET.ParseError as exc:
            if position == 0:
                raise FeedError(
                    f"feed is not XML ({exc}); expected ClickBank's marketplace_feed_v2 "
                    f"XML or a .zip holding it"
                ) from exc
            raise FeedError(
                f"feed XML breaks off after {position} Sites ({exc}); the download is "
                f"probably truncated, fetch it again"
            ) from exc

    def _site_or_skip(self, site: ET.Element, categories: list[str], position: int) -> Offer | None:
        fields = {child.tag: (child.text or "").strip() for child in site}
        try:
            category = " > ".join(name for name in categories if name)
            offer = _site_to_offer(fields, category, self.hoplink_template)
        except SiteError as exc:
            label = fields.get("Id") or f"#{position}"
            message = f"Site #{position} (Id {label!r}) skipped: {exc}"
            log.warning("clickbank feed: %s", message)
            self.skipped.append(label)
            self.errors.append(message)
            return None
        self.parsed += 1
        return offer


def parse_feed(source: BinaryIO | bytes | Path, hoplink_template: str) -> Iterator[Offer]:
    """Yield the feed's offers; use :class:`ClickBankFeedParser` to see what was skipped."""
    return ClickBankFeedParser(hoplink_template).parse(source)


def _site_to_offer(fields: dict[str, str], category: str, hoplink_template: str) -> Offer:
    """Map one Site's child texts to an Offer; raise SiteError naming the bad field."""
    vendor = fields.get("Id", "")
    if not vendor:
        raise SiteError("Id is missing")
    title = fields.get("Title", "")
    if not title:
        raise SiteError("Title is missing")
    percent_per_sale = _decimal(fields, "PercentPerSale")
    initial_earnings = _decimal(fields, "InitialEarningsPerSale")
    commission = _decimal(fields, "Commission")
    average_earnings = _decimal(fields, "AverageEarningsPerSale")
    return Offer(
        network=NETWORK,
        network_id=vendor,
        name=title,
        description=fields.get("Description") or None,
        category=category or None,
        price=_derived_price(initial_earnings, percent_per_sale),
        commission_rate=commission if commission is not None else percent_per_sale,
        commission_amount=average_earnings if average_earnings is not None else initial_earnings,
        popularity=_decimal(fields, "Gravity"),
        popularity_rank=_int(fields, "PopularityRank"),
        product_url=hoplink_template.format(vendor=quote(vendor, safe="")),
        activated_on=_date(fields, "ActivateDate"),
        raw=dict(fields),
    )


def _derived_price(initial_earnings: Decimal | None, percent: Decimal | None) -> Decimal | None:
    # The feed carries no price field. The affiliate's first-sale earnings are PercentPerSale
    # of the sale, so earnings ÷ percent recovers it. ClickBank takes its fee before paying
    # the percentage, so this is an estimate a little below the sales-page price.
    if initial_earnings is None or percent is None or initial_earnings <= 0 or percent <= 0:
        return None
    return (initial_earnings * 100 / percent).quantize(CENTS, rounding=ROUND_HALF_UP)


def _decimal(fields: dict[str, str], tag: str) -> Decimal | None:
    text = fields.get(tag, "")
    if not text:
        return None
    try:
        value = Decimal(text)  # from the text itself: never through float
    except InvalidOperation:
        raise SiteError(f"{tag} {text!r} is not a number") from None
    if not value.is_finite():
        raise SiteError(f"{tag} {text!r} is not a finite number")
    return value


def _int(fields: dict[str, str], tag: str) -> int | None:
    text = fields.get(tag, "")
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise SiteError(f"{tag} {text!r} is not a whole number") from None


def _date(fields: dict[str, str], tag: str) -> date | None:
    text = fields.get(tag, "")
    if not text:
        return None
    match = _ISO_DATE.match(text)
    try:
        if match is None:
            raise ValueError
        return date.fromisoformat(match.group())
    except ValueError:
        raise SiteError(f"{tag} {text!r} is not a YYYY-MM-DD date") from None


def _detach(elem: ET.Element, parent: ET.Element | None) -> None:
    # clear() alone leaves an empty husk attached to the parent; removing it keeps the
    # tree (and memory) from growing with every Site.
    elem.clear()
    if parent is not None:
        parent.remove(elem)
