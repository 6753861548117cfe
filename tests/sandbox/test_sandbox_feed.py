"""The ClickBank-format marketplace feed: structure, determinism, trends and consistency."""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal

from fastapi.testclient import TestClient

from affiliate.sandbox import catalog, feed_xml, gravity_on
from affiliate.sandbox.feed import SITE_FIELDS

TODAY = dt.date(2026, 3, 1)
AFTER_ALL_LAUNCHES = dt.date(2028, 6, 1)


def sites(xml: bytes) -> dict[str, dict[str, str]]:
    root = ET.fromstring(xml)
    return {
        site.findtext("Id"): {child.tag: child.text or "" for child in site}
        for site in root.iter("Site")
    }


def test_feed_nests_two_levels_of_named_categories_with_sites_in_the_leaves() -> None:
    root = ET.fromstring(feed_xml(TODAY))
    assert root.tag == "Catalog"
    tops = list(root)
    assert len(tops) >= 5
    for top in tops:
        assert top.tag == "Category"
        assert top[0].tag == "Name" and top[0].text
        subs = top.findall("Category")
        assert subs and not top.findall("Site")
        for sub in subs:
            assert sub[0].tag == "Name" and sub[0].text
            assert sub.findall("Site") and not sub.findall("Category")
    assert any(t.findtext("Name") == "Health & Fitness" for t in tops)


def test_feed_lists_every_product_activated_by_the_date() -> None:
    assert len(sites(feed_xml(AFTER_ALL_LAUNCHES, n_products=300))) == 300
    live = [p for p in catalog(7, 300) if p.activate_date <= TODAY]
    assert set(sites(feed_xml(TODAY))) == {p.id for p in live}
    assert len(sites(feed_xml(TODAY, n_products=40))) <= 40


def test_every_site_has_the_required_fields_in_order_and_well_formed() -> None:
    feed = sites(feed_xml(TODAY))
    xml_sites = ET.fromstring(feed_xml(TODAY)).iter("Site")
    assert all(tuple(child.tag for child in site) == SITE_FIELDS for site in xml_sites)
    for fields in feed.values():
        assert re.fullmatch(r"[A-Z0-9]+", fields["Id"])
        assert fields["HasRecurringProducts"] in {"true", "false"}
        assert fields["Title"] and fields["Description"]
        dt.date.fromisoformat(fields["ActivateDate"])
        for name in ("Gravity", "PercentPerSale", "AverageEarningsPerSale", "Referred"):
            assert re.fullmatch(r"\d+(\.\d{1,4})?", fields[name]), (name, fields[name])
    ranks = sorted(int(f["PopularityRank"]) for f in feed.values())
    assert ranks == list(range(1, len(feed) + 1))


def test_popularity_rank_follows_gravity() -> None:
    by_rank = sorted(sites(feed_xml(TODAY)).values(), key=lambda f: int(f["PopularityRank"]))
    gravities = [Decimal(f["Gravity"]) for f in by_rank]
    assert gravities == sorted(gravities, reverse=True)


def test_same_seed_and_date_give_identical_bytes_and_other_seeds_differ() -> None:
    assert feed_xml(TODAY, seed=7) == feed_xml(TODAY, seed=7)
    assert feed_xml(TODAY, seed=7) != feed_xml(TODAY, seed=8)


def test_gravity_drifts_some_products_up_and_some_down() -> None:
    before = sites(feed_xml(TODAY))
    after = sites(feed_xml(TODAY + dt.timedelta(days=14)))
    common = set(before) & set(after)
    change = {i: Decimal(after[i]["Gravity"]) - Decimal(before[i]["Gravity"]) for i in common}
    assert sum(1 for d in change.values() if d != 0) > 0.9 * len(common)
    assert sum(1 for d in change.values() if d > 0) > 0.15 * len(common)
    assert sum(1 for d in change.values() if d < 0) > 0.15 * len(common)


def test_gravity_is_never_negative_and_zero_before_activation() -> None:
    products = catalog(7, 60)
    for offset in range(0, 400, 7):
        day = TODAY + dt.timedelta(days=offset)
        assert all(gravity_on(p, day) >= 0 for p in products)
    product = products[0]
    assert gravity_on(product, product.activate_date - dt.timedelta(days=1)) == 0


def test_earnings_are_consistent_with_price_and_commission() -> None:
    products = {p.id: p for p in catalog(7, 300)}
    for site_id, f in sites(feed_xml(AFTER_ALL_LAUNCHES)).items():
        product = products[site_id]
        commission = Decimal(f["Commission"])
        initial = Decimal(f["InitialEarningsPerSale"])
        assert commission == Decimal(f["PercentPerSale"])
        assert 40 <= commission <= 90
        price = initial / (commission / 100)
        assert price == product.price and Decimal(27) <= price <= Decimal(197)
        assert price == price.quantize(Decimal("0.01"))
        average = Decimal(f["AverageEarningsPerSale"])
        if f["HasRecurringProducts"] == "true":
            assert average >= initial and Decimal(f["PercentPerRebill"]) > 0
            assert average == initial + Decimal(f["TotalRebillAmt"])
        else:
            assert average == initial and Decimal(f["PercentPerRebill"]) == 0


def test_future_products_are_absent_until_their_activate_date() -> None:
    upcoming = sorted(
        (p for p in catalog(7, 300) if p.activate_date > TODAY), key=lambda p: p.activate_date
    )
    assert upcoming, "the catalog should keep launching products after TODAY"
    launch = upcoming[0]
    assert launch.id not in sites(feed_xml(launch.activate_date - dt.timedelta(days=1)))
    on_launch = sites(feed_xml(launch.activate_date))
    assert on_launch[launch.id]["ActivateDate"] == launch.activate_date.isoformat()


def test_http_feed_defaults_to_the_sandbox_date_and_zip_holds_the_same_xml(
    sandbox_client: TestClient, sandbox_today: dt.date
) -> None:
    url = "/clickbank/feeds/marketplace_feed_v2.xml"
    plain = sandbox_client.get(url)
    assert plain.status_code == 200
    assert plain.headers["content-type"].startswith("application/xml")
    assert plain.content == feed_xml(sandbox_today)

    dated = sandbox_client.get(url, params={"date": "2026-02-01"})
    assert dated.content == feed_xml(dt.date(2026, 2, 1))

    zipped = sandbox_client.get(url + ".zip", params={"date": "2026-02-01"})
    assert zipped.status_code == 200
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as archive:
        assert archive.namelist() == ["marketplace_feed_v2.xml"]
        assert archive.read("marketplace_feed_v2.xml") == dated.content

    assert sandbox_client.get(url, params={"date": "yesterday"}).status_code == 422
