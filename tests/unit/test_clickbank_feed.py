"""ClickBank marketplace_feed_v2: fields, category paths, derived price, zips, bad input."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from affiliate.offers.clickbank_feed import ClickBankFeedParser, FeedError, parse_feed
from affiliate.offers.model import Offer

HOPLINK = "https://hop.clickbank.net/?affiliate=me&vendor={vendor}"

FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<Catalog>
  <Category>
    <Name>Health &amp; Fitness</Name>
    <Site>
      <Id>YOGABURN</Id>
      <PopularityRank>1</PopularityRank>
      <Title>Yoga Burn</Title>
      <Description>Dynamic sequencing yoga for women.</Description>
      <HasRecurringProducts>true</HasRecurringProducts>
      <Gravity>120.5</Gravity>
      <PercentPerSale>75.0</PercentPerSale>
      <PercentPerRebill>50.0</PercentPerRebill>
      <AverageEarningsPerSale>36.75</AverageEarningsPerSale>
      <InitialEarningsPerSale>29.25</InitialEarningsPerSale>
      <TotalRebillAmt>12.1</TotalRebillAmt>
      <Referred>80</Referred>
      <Commission>75</Commission>
      <ActivateDate>2015-03-02</ActivateDate>
    </Site>
    <Category>
      <Name>Diets &amp; Weight Loss</Name>
      <Site>
        <Id>KETOPLAN</Id>
        <PopularityRank>7</PopularityRank>
        <Title>Keto Meal Plan</Title>
        <Description></Description>
        <HasRecurringProducts>false</HasRecurringProducts>
        <Gravity>0.1</Gravity>
        <PercentPerSale>60</PercentPerSale>
        <PercentPerRebill>0.0</PercentPerRebill>
        <AverageEarningsPerSale></AverageEarningsPerSale>
        <InitialEarningsPerSale>17.77</InitialEarningsPerSale>
        <TotalRebillAmt>0.0</TotalRebillAmt>
        <Referred>10</Referred>
        <Commission></Commission>
        <ActivateDate>2019-11-30</ActivateDate>
      </Site>
      <Site>
        <Id>BROKEN</Id>
        <Title>Broken Numbers</Title>
        <Gravity>very high</Gravity>
      </Site>
    </Category>
    <Site>
      <Id>AFTERSUB</Id>
      <Title>Back In The Top Category</Title>
      <Gravity>3</Gravity>
      <Commission>50</Commission>
    </Site>
  </Category>
  <Category>
    <Name>E-business &amp; E-marketing</Name>
    <Site>
      <Id>NOPRICE</Id>
      <Title>No Price Known</Title>
      <Gravity>2.25</Gravity>
      <PercentPerSale>50</PercentPerSale>
      <InitialEarningsPerSale>0.00</InitialEarningsPerSale>
    </Site>
  </Category>
</Catalog>
"""


def _by_id(offers: list[Offer]) -> dict[str, Offer]:
    return {o.network_id: o for o in offers}


def test_site_in_top_category_maps_every_field() -> None:
    yoga = _by_id(list(parse_feed(FEED, HOPLINK)))["YOGABURN"]
    assert yoga.network == "clickbank"
    assert yoga.name == "Yoga Burn"
    assert yoga.description == "Dynamic sequencing yoga for women."
    assert yoga.category == "Health & Fitness"
    assert yoga.popularity == Decimal("120.5")
    assert yoga.popularity_rank == 1
    assert yoga.commission_rate == Decimal("75")
    assert yoga.commission_amount == Decimal("36.75")
    assert yoga.commission_type == "percentage"
    assert yoga.currency == "USD"
    # 29.25 is 75 % of the sale, so the sale was 39.00.
    assert yoga.price == Decimal("39.00")
    assert yoga.product_url == "https://hop.clickbank.net/?affiliate=me&vendor=YOGABURN"
    assert yoga.activated_on == date(2015, 3, 2)
    assert yoga.raw["HasRecurringProducts"] == "true"
    assert yoga.raw["TotalRebillAmt"] == "12.1"
    assert set(yoga.raw) >= {"Id", "PercentPerRebill", "Referred", "ActivateDate"}


def test_site_in_sub_category_uses_fallbacks_and_rounds_derived_price() -> None:
    keto = _by_id(list(parse_feed(FEED, HOPLINK)))["KETOPLAN"]
    assert keto.category == "Health & Fitness > Diets & Weight Loss"
    assert keto.description is None
    assert keto.commission_rate == Decimal("60")  # Commission empty: PercentPerSale
    assert keto.commission_amount == Decimal("17.77")  # AverageEarnings empty: Initial
    # 17.77 ÷ 0.60 = 29.61666…, rounded to cents.
    assert keto.price == Decimal("29.62")
    assert str(keto.price) == "29.62"
    # Read from the text, not via float (Decimal(0.1) would be 0.1000000000000000055…).
    assert keto.popularity.as_tuple() == Decimal("0.1").as_tuple()


def test_category_stack_pops_when_a_sub_category_closes() -> None:
    offers = _by_id(list(parse_feed(FEED, HOPLINK)))
    assert offers["AFTERSUB"].category == "Health & Fitness"
    assert offers["NOPRICE"].category == "E-business & E-marketing"
    assert offers["AFTERSUB"].price is None  # no earnings, no percent
    assert offers["NOPRICE"].price is None  # zero earnings give no price, not 0.00


def test_bad_site_is_skipped_and_counted_while_the_rest_parse() -> None:
    parser = ClickBankFeedParser(HOPLINK)
    ids = [o.network_id for o in parser.parse(FEED)]
    assert ids == ["YOGABURN", "KETOPLAN", "AFTERSUB", "NOPRICE"]
    assert parser.parsed == 4
    assert parser.skipped == ["BROKEN"]
    assert len(parser.errors) == 1
    assert "Gravity 'very high' is not a number" in parser.errors[0]


def test_zipped_feed_parses_like_plain_xml(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("marketplace_feed_v2.xml", FEED)
    zipped = buffer.getvalue()
    assert zipped[:4] == b"PK\x03\x04"
    path = tmp_path / "feed.download"  # name says nothing: detection is by magic bytes
    path.write_bytes(zipped)

    expected = list(parse_feed(FEED, HOPLINK))
    assert list(parse_feed(zipped, HOPLINK)) == expected
    assert list(parse_feed(path, HOPLINK)) == expected
    assert list(parse_feed(io.BytesIO(zipped), HOPLINK)) == expected


def test_zip_without_exactly_one_xml_is_a_feed_error() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.xml", FEED)
        archive.writestr("b.xml", FEED)
    with pytest.raises(FeedError, match="exactly one .xml"):
        list(parse_feed(buffer.getvalue(), HOPLINK))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not xml at all", "feed is not XML"),
        (b"", "feed is not XML"),
        (b"<html><body>Login</body></html>", r"root is <html>, expected <Catalog>"),
        (FEED[: FEED.index(b"<Site>", FEED.index(b"KETOPLAN"))], "breaks off after 2 Sites"),
    ],
)
def test_unreadable_feed_raises_feed_error(content: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        list(parse_feed(content, HOPLINK))


def test_hoplink_template_must_use_vendor() -> None:
    with pytest.raises(ValueError, match=r"\{vendor\}"):
        ClickBankFeedParser("https://hop.clickbank.net/?affiliate=me")
    sandbox = list(parse_feed(FEED, "http://127.0.0.1:8100/network/go/{vendor}"))
    assert sandbox[0].product_url == "http://127.0.0.1:8100/network/go/YOGABURN"


def _write_feed(path: Path, sites: int) -> None:
    site = (
        "<Site><Id>V{i}</Id><PopularityRank>{i}</PopularityRank><Title>Product {i}</Title>"
        "<Description>About product {i}</Description><Gravity>12.5</Gravity>"
        "<PercentPerSale>50.0</PercentPerSale><AverageEarningsPerSale>20.00"
        "</AverageEarningsPerSale><InitialEarningsPerSale>20.00</InitialEarningsPerSale>"
        "<Commission>50</Commission><ActivateDate>2020-01-01</ActivateDate></Site>"
    )
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?><Catalog>')
        out.write("<Category><Name>Big</Name><Category><Name>Bigger</Name>")
        out.writelines(site.format(i=i) for i in range(sites))
        out.write("</Category></Category></Catalog>")


def test_large_feed_streams_every_site(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    _write_feed(path, 20_000)
    started = time.perf_counter()
    count = sum(1 for _ in parse_feed(path, HOPLINK))
    assert count == 20_000
    assert time.perf_counter() - started < 10  # ~1 s here; generous for slow CI


def test_memory_stays_flat_while_streaming(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    _write_feed(path, 5_000)
    tracemalloc.start()
    try:
        for _ in parse_feed(path, HOPLINK):
            pass
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Keeping the parsed tree would hold ~60,000 elements (tens of MB); streaming needs a
    # read buffer and one Site at a time.
    assert peak < 2_000_000
