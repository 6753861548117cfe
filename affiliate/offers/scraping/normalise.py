"""From the strings a listing card shows to an `Offer`: parse, never guess.

A value that does not parse stays None in the offer and stays, as shown, in `raw`, so a
snapshot records what the marketplace said even when this code could not read it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import urljoin, urlsplit

from affiliate.offers.model import Offer
from affiliate.offers.scraping.values import parse_int, parse_money, parse_percent

_CENT = Decimal("0.01")
_LAST_NUMBER = re.compile(r"(\d+)(?!.*\d)")


def product_id(row: dict[str, str | None]) -> str | None:
    """The card's id attribute when it has one, else the number in its product link path."""
    if row.get(""):
        return row[""]
    link = row.get("product link")
    found = _LAST_NUMBER.search(urlsplit(link).path) if link else None
    return found.group(1) if found else None


def offer_from_row(network: str, row: dict[str, str | None], page_url: str) -> Offer | None:
    """The offer a card shows, or None when it lacks an id or a name (nothing to key on)."""
    network_id, name = product_id(row), row.get("product name")
    if not network_id or not name:
        return None
    money = parse_money(row.get("price"))
    rate = parse_percent(row.get("commission"))
    temperature = parse_int(row.get("temperature"))
    commission = (money.amount * rate / 100).quantize(_CENT) if money and rate is not None else None
    sales = row.get("sales page link")
    raw = {key or "product id attribute": value for key, value in row.items() if value is not None}
    return Offer(
        network=network,
        network_id=network_id,
        name=name,
        category=row.get("category") or None,
        price=money.amount if money else None,
        currency=money.currency if money else "USD",
        commission_rate=rate,
        commission_amount=commission,
        popularity=Decimal(temperature) if temperature is not None else None,
        product_url=urljoin(page_url, sales) if sales else None,
        raw={**raw, "page_url": page_url},
    )
