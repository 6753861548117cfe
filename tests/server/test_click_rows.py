"""A click's row is worked out in its batch (`ClickRows`), from what the redirect saw then."""

import asyncio
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from affiliate.config import Settings
from affiliate.server.click_rows import ClickRows
from affiliate.tracking.clicks import ClickIds, Link, hash_ip, insert_clicks
from tests.group_commit import write_with
from tests.tracking_links import make_link

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"
MINUTE = 60_000_000_000


def test_a_row_keeps_the_clicks_own_time_address_and_verdict(clean_db):
    ids = make_link(clean_db, "rows1")
    link = Link("rows1", ids["ad_id"], ids["ad_set_id"], ids["campaign_id"], None, "x", "u")
    settings = Settings(bot_clicks_per_minute=2, forwarded_allow_ips="10.0.0.1")
    rows, click_ids = ClickRows(settings), ClickIds()
    start = 29_462_400 * MINUTE  # 2026-01-08 00:00 UTC
    browser = {"user-agent": BROWSER, "referer": "https://news.example/"}
    proxied = {"user-agent": BROWSER, "x-forwarded-for": "198.51.100.4"}
    seen = [
        # (click id, when, link, query, headers, peer), as the redirect hands them over
        (click_ids.new(start), start, link, b"sub1=a", browser, "203.0.113.9"),
        (click_ids.new(start + 1), start + 1, link, b"", browser, "203.0.113.9"),
        (click_ids.new(start + 2), start + 2, link, b"", browser, "203.0.113.9"),  # 3rd
        (click_ids.new(start + MINUTE), start + MINUTE, link, b"", browser, "203.0.113.9"),
        (click_ids.new(start + MINUTE + 1), start + MINUTE + 1, link, b"", proxied, "10.0.0.1"),
        (click_ids.new(start + MINUTE + 2), start + MINUTE + 2, link, b"", {}, "10.0.0.7"),
    ]
    asyncio.run(write_with(clean_db, insert_clicks, rows.lines(seen)))
    with clean_db.connect() as conn:
        stored = conn.execute(sa.text("select * from app.clicks order by id")).all()
    assert [r.click_id for r in stored] == [s[0] for s in seen]
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    assert [r.clicked_at for r in stored] == [
        epoch + timedelta(microseconds=s[1] // 1000) for s in seen
    ]
    salt = settings.tracking_salt.get_secret_value()
    assert [r.ip_hash for r in stored[3:]] == [
        hash_ip("203.0.113.9", salt),
        hash_ip("198.51.100.4", salt),  # behind the trusted proxy
        hash_ip("10.0.0.7", salt),
    ]
    assert [r.bot_reason for r in stored] == [
        None,
        None,
        "more than 2 clicks a minute from one address",
        None,  # the next minute
        None,
        "no user agent",
    ]
    assert stored[0].sub1 == "a" and stored[0].referrer == "https://news.example/"
