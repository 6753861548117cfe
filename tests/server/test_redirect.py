"""GET /r/{code}: 302 to the offer with our click id, the click written (at the latest on a
graceful stop), bots recorded but flagged."""

import asyncio
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from affiliate.config import Settings
from affiliate.server.app import create_app
from affiliate.server.client_address import TrustedProxies
from affiliate.tracking.bots import ClickRateLimiter
from affiliate.tracking.clicks import ClickLines, Link, hash_ip, insert_clicks
from tests.group_commit import write_with
from tests.tracking_links import make_link

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"


def clicks(engine) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text("select * from app.clicks order by id")).all()


def serve(db_url, **settings):
    app = create_app(db_url, Settings(**settings))
    return TestClient(app, follow_redirects=False, headers={"user-agent": BROWSER})


@pytest.fixture
def link(clean_db):
    return make_link(clean_db, "abc123", network="clickbank", with_landing_page=True)


def test_a_click_is_recorded_and_redirected_with_the_network_param(db_url, clean_db, link):
    with serve(db_url) as client:
        answer = client.get(
            "/r/abc123?sub1=fb&sub3=adset9&utm_source=meta&other=x",
            headers={"referer": "https://facebook.com/"},
        )
    assert answer.status_code == 302 and answer.headers["cache-control"] == "no-store"
    target = urlsplit(answer.headers["location"])
    query = parse_qs(target.query)
    assert target.netloc == "hop.example" and query["affiliate"] == ["me"]
    (click_id,) = query["tid"]
    (row,) = clicks(clean_db)  # written by the graceful stop at the latest
    assert row.click_id == click_id and len(click_id) == 22
    assert (row.ad_id, row.campaign_id, row.ad_set_id, row.landing_page_id) == (
        link["ad_id"],
        link["campaign_id"],
        link["ad_set_id"],
        link["landing_page_id"],
    )
    assert (row.link_code, row.sub1, row.sub2, row.sub3) == ("abc123", "fb", None, "adset9")
    assert row.params == {"sub1": "fb", "sub3": "adset9", "utm_source": "meta"}
    assert row.referrer == "https://facebook.com/" and row.user_agent == BROWSER
    assert len(row.ip_hash) == 64 and "testclient" not in row.ip_hash
    assert row.is_bot is False and row.bot_reason is None


def test_unknown_code_is_404_and_records_nothing(db_url, clean_db, link):
    with serve(db_url) as client:
        assert client.get("/r/nope").status_code == 404
    assert clicks(clean_db) == []


def test_a_link_created_after_start_works_at_once(db_url, clean_db):
    with serve(db_url) as client:
        assert client.get("/r/late1").status_code == 404
        make_link(clean_db, "late2", network="hotmart", url="https://pay.example/X?off=1")
        answer = client.get("/r/late2")
    assert answer.status_code == 302 and "sck=" in answer.headers["location"]


def test_the_tracking_parameter_is_configurable_and_replaces_an_old_one(db_url, clean_db):
    make_link(clean_db, "cfg1", network="digistore24", url="https://ds.example/p?cid=stale")
    with serve(db_url, tracking_params={"digistore24": "custom"}) as client:
        location = client.get("/r/cfg1").headers["location"]
    query = parse_qs(urlsplit(location).query)
    assert query["cid"] == ["stale"] and len(query["custom"][0]) == 22


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"user-agent": "facebookexternalhit/1.1"}, "crawler user agent"),
        ({"user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"}, "crawler user agent"),
        ({"user-agent": BROWSER, "sec-purpose": "prefetch;prerender"}, "prefetch"),
        ({"user-agent": ""}, "no user agent"),
    ],
)
def test_bots_are_recorded_flagged_and_still_redirected(db_url, clean_db, link, headers, reason):
    with serve(db_url) as client:
        assert client.get("/r/abc123", headers=headers).status_code == 302
    (row,) = clicks(clean_db)
    assert row.is_bot is True and row.bot_reason == reason


def test_too_many_clicks_a_minute_from_one_address_are_flagged(db_url, clean_db, link):
    with serve(db_url, bot_clicks_per_minute=3) as client:
        for _ in range(5):
            assert client.get("/r/abc123").status_code == 302
    rows = clicks(clean_db)
    # The first three are always counted; a minute boundary between requests can only
    # postpone the flag, and five requests never span two boundaries.
    assert [r.is_bot for r in rows[:3]] == [False] * 3
    flagged = [r.bot_reason for r in rows[3:] if r.is_bot]
    assert flagged and flagged[0] == "more than 3 clicks a minute from one address"


def test_the_rate_window_is_per_address_and_per_minute_of_the_clicks_own_time():
    minute = 60_000_000_000
    limiter = ClickRateLimiter(2)
    assert [limiter.too_fast("a", 5 * minute + i) for i in range(3)][-1] is not None
    assert limiter.too_fast("b", 5 * minute + 9) is None  # another address has its own count
    assert limiter.too_fast("a", 6 * minute) is None  # a new minute


def test_hostile_parameters_are_cut_and_cleaned_not_fatal(db_url, clean_db, link):
    with serve(db_url) as client:
        answer = client.get(f"/r/abc123?sub1=a%00b&sub2={'x' * 5000}&utm_x=%ED%A0%80")
    assert answer.status_code == 302
    (row,) = clicks(clean_db)
    assert row.sub1 == "ab" and len(row.sub2) == 255


def test_the_visitor_address_comes_from_a_trusted_proxy_only(db_url, clean_db, link):
    spoofed = {"x-forwarded-for": "203.0.113.7"}
    with serve(db_url) as client:  # the test client's peer is not a trusted proxy
        client.get("/r/abc123", headers=spoofed)
    with serve(db_url, forwarded_allow_ips="127.0.0.1,testclient") as client:
        client.get("/r/abc123", headers=spoofed)
        client.get("/r/abc123", headers={"x-forwarded-for": "198.51.100.1, 203.0.113.7"})
    salt = Settings().tracking_salt.get_secret_value()
    assert [c.ip_hash for c in clicks(clean_db)] == [
        hash_ip("testclient", salt),
        hash_ip("203.0.113.7", salt),
        hash_ip("203.0.113.7", salt),  # the nearest hop; the left one is the client's claim
    ]


@pytest.mark.parametrize(
    ("trusted", "peer", "forwarded", "visitor"),
    [
        ("127.0.0.1", "127.0.0.1", "198.18.0.9", "198.18.0.9"),
        ("127.0.0.1", "10.0.0.5", "198.18.0.9", "10.0.0.5"),  # untrusted peer: header ignored
        ("127.0.0.1,10.0.0.1", "127.0.0.1", "6.6.6.6, 198.18.0.9, 10.0.0.1", "198.18.0.9"),
        ("127.0.0.1", "127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "127.0.0.1", " , ", "127.0.0.1"),
        ("*", "10.0.0.5", "6.6.6.6, 198.18.0.9", "6.6.6.6"),  # everyone trusted: the first
        ("127.0.0.1", None, "198.18.0.9", None),
    ],
)
def test_trusted_proxies_read_forwarded_for_right_to_left(trusted, peer, forwarded, visitor):
    assert TrustedProxies.parse(trusted).visitor(peer, forwarded) == visitor


def test_click_lines_cache_an_ads_template_not_the_platforms_click_ids(clean_db, link):
    """Two clicks from one ad template differ only in fbclid: both keep the same subs and
    params, each keeps its own time, and a query with escapes is decoded, not cached raw."""
    moments = (
        1_767_225_599_999_999_123,
        1_767_225_600_250_000_000,
        1_767_225_600_500_001_999,
        1_767_225_601_000_000_000,
        1_767_225_602_000_000_000,
    )
    lines = ClickLines()
    stored = Link("abc123", link["ad_id"], link["ad_set_id"], link["campaign_id"], None, "x", "u")
    queries = (
        "sub1=fb&utm_source=meta&fbclid=A",
        "fbclid=B&sub1=fb&utm_source=meta",
        "sub1=a%20b",
        "sub1=fb&utm_source=meta",  # the template alone: the cached key itself
        "sub1=fb",
    )
    batch = [
        lines.line(f"c{i}", at, stored, None, None, None, q, None)
        for i, (at, q) in enumerate(zip(moments, queries, strict=True))
    ]
    asyncio.run(write_with(clean_db, insert_clicks, batch))
    rows = clicks(clean_db)
    assert [(r.sub1, r.params) for r in rows] == [
        ("fb", {"sub1": "fb", "utm_source": "meta"}),
        ("fb", {"sub1": "fb", "utm_source": "meta"}),
        ("a b", {"sub1": "a b"}),
        ("fb", {"sub1": "fb", "utm_source": "meta"}),
        ("fb", {"sub1": "fb"}),
    ]
    assert [r.clicked_at.isoformat() for r in rows] == [
        "2025-12-31T23:59:59.999999+00:00",
        "2026-01-01T00:00:00.250000+00:00",
        "2026-01-01T00:00:00.500001+00:00",
        "2026-01-01T00:00:01+00:00",
        "2026-01-01T00:00:02+00:00",
    ]
