"""ClickBank `marketplace_feed_v2` XML for one day, built from the sandbox catalog.

Layout: <Catalog> > <Category><Name/> > <Category><Name/><Site/>… (two levels).
The real feed carries no price; a consumer derives it as
InitialEarningsPerSale ÷ (Commission / 100) (AverageEarningsPerSale also counts rebills).
"""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal

from affiliate.sandbox.catalog import SandboxProduct, catalog
from affiliate.sandbox.gravity import gravity_on

FEED_FILENAME = "marketplace_feed_v2.xml"
SITE_FIELDS = (
    "Id",
    "PopularityRank",
    "Title",
    "Description",
    "HasRecurringProducts",
    "Gravity",
    "PercentPerSale",
    "PercentPerRebill",
    "AverageEarningsPerSale",
    "InitialEarningsPerSale",
    "TotalRebillAmt",
    "Referred",
    "Commission",
    "ActivateDate",
)


def feed_xml(date: dt.date, seed: int = 7, n_products: int = 300) -> bytes:
    """The feed as published on `date`: only products activated on or before it."""
    live = [p for p in catalog(seed, n_products) if p.activate_date <= date]
    gravity = {p.id: gravity_on(p, date, seed) for p in live}
    by_rank = sorted(live, key=lambda p: (-gravity[p.id], p.id))
    rank = {p.id: i for i, p in enumerate(by_rank, start=1)}

    root = ET.Element("Catalog")
    tops: dict[str, ET.Element] = {}
    subs: dict[tuple[str, str], ET.Element] = {}
    for product in sorted(live, key=lambda p: (p.category_path, rank[p.id])):
        if product.category not in tops:
            tops[product.category] = _category(root, product.category)
        if product.category_path not in subs:
            subs[product.category_path] = _category(tops[product.category], product.subcategory)
        _site(subs[product.category_path], product, rank[product.id], gravity[product.id])
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def feed_zip(date: dt.date, seed: int = 7, n_products: int = 300) -> bytes:
    """The same XML zipped, as ClickBank ships it; byte-identical for the same inputs."""
    info = zipfile.ZipInfo(FEED_FILENAME, date_time=(date.year, date.month, date.day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(info, feed_xml(date, seed, n_products))
    return buffer.getvalue()


def _category(parent: ET.Element, name: str) -> ET.Element:
    element = ET.SubElement(parent, "Category")
    ET.SubElement(element, "Name").text = name
    return element


def _site(parent: ET.Element, p: SandboxProduct, rank: int, gravity: Decimal) -> None:
    values = {
        "Id": p.id,
        "PopularityRank": str(rank),
        "Title": p.title,
        "Description": p.description,
        "HasRecurringProducts": "true" if p.recurring else "false",
        "Gravity": _number(gravity, minimum_places=4),
        "PercentPerSale": _number(p.commission_pct, minimum_places=1),
        "PercentPerRebill": _number(p.rebill_pct, minimum_places=1),
        "AverageEarningsPerSale": _number(p.average_earnings, minimum_places=2),
        "InitialEarningsPerSale": _number(p.initial_earnings, minimum_places=2),
        "TotalRebillAmt": _number(p.total_rebill_amt, minimum_places=2),
        "Referred": _number(p.referred_pct, minimum_places=1),
        "Commission": _number(p.commission_pct),
        "ActivateDate": p.activate_date.isoformat(),
    }
    site = ET.SubElement(parent, "Site")
    for field in SITE_FIELDS:
        ET.SubElement(site, field).text = values[field]


def _number(value: Decimal, minimum_places: int = 0) -> str:
    """Plain decimal text: no exponent, between `minimum_places` and 4 decimal places."""
    whole, _, places = f"{value.quantize(Decimal('0.0001')):f}".partition(".")
    places = places.rstrip("0").ljust(minimum_places, "0")
    return f"{whole}.{places}" if places else whole
