"""Attribution: a sale linked through its click to ad, campaign and owner — or why not."""

import json
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from affiliate.tracking.conversions import process_inbox
from tests.hotmart_payloads import body, envelope
from tests.inbox_rows import store_delivery

T = 1_764_000_000_000
SOLD_AT = datetime.fromtimestamp(T / 1000, tz=UTC)
HOUR = 3_600_000


@pytest.fixture
def world(clean_db):
    with clean_db.begin() as conn:
        conn.execute(
            sa.text("""
            insert into app.users (id, email, password_hash) values (7, 'a@b.c', 'x');
            insert into app.products (id, name, network, network_id)
                values (3, 'P', 'hotmart', '1234');
            insert into app.campaigns (id, user_id, product_id, name, platform, idempotency_key)
                values (5, 7, 3, 'C', 'sandbox', 'k1');
            insert into app.ad_sets (id, campaign_id, name) values (11, 5, 'S');
            insert into app.landing_pages (id, user_id, product_id, slug, title)
                values (13, 7, 3, 'keto', 'Keto');
            insert into app.ads (id, ad_set_id, campaign_id, landing_page_id, name, link_code)
                values (17, 11, 5, 13, 'A', 'lc17');
        """)
        )
    return clean_db


def click(engine, click_id: str, clicked_at: datetime, **context) -> None:
    columns = {"click_id": click_id, "clicked_at": clicked_at, **context}
    names = ", ".join(columns)
    values = ", ".join(f":{k}" for k in columns)
    with engine.begin() as conn:
        conn.execute(sa.text(f"insert into app.clicks ({names}) values ({values})"), columns)


def sell(engine, **kw) -> None:
    kw.setdefault("creation_ms", T)
    kw.setdefault("approved_ms", T)
    parsed = envelope(**kw)
    with engine.begin() as conn:
        store_delivery(
            conn,
            network="hotmart",
            event_id=parsed["id"],
            event_type=parsed["event"],
            body=body(**{**kw, "event_id": parsed["id"]}),
            headers={},
        )


def attribution(engine, transaction: str):
    with engine.connect() as conn:
        return conn.execute(
            sa.text("select * from app.conversions where transaction_id = :t"), {"t": transaction}
        ).one()


def test_a_sale_is_linked_through_its_click_to_everything_behind_it(world):
    click(
        world,
        "c-new",
        SOLD_AT - timedelta(hours=2),
        ad_id=17,
        ad_set_id=11,
        campaign_id=5,
        landing_page_id=13,
        link_code="lc17",
    )
    sell(world, transaction="HA1", click_id="c-new")
    assert process_inbox(world) == {"inserted": 1}
    row = attribution(world, "HA1")
    assert (row.attribution, row.unattributed_reason, row.click_id) == ("click", None, "c-new")
    assert (row.ad_id, row.ad_set_id, row.campaign_id, row.landing_page_id) == (17, 11, 5, 13)
    assert (row.product_id, row.user_id) == (3, 7)
    assert row.clicked_at == SOLD_AT - timedelta(hours=2)


def test_an_older_click_that_only_knows_its_ad_takes_the_ads_parents(world):
    click(world, "c-old", SOLD_AT - timedelta(days=1), ad_id=17)
    sell(world, transaction="HA2", click_id="c-old")
    process_inbox(world)
    row = attribution(world, "HA2")
    assert (row.ad_id, row.ad_set_id, row.campaign_id, row.landing_page_id) == (17, 11, 5, 13)
    assert (row.product_id, row.user_id, row.attribution) == (3, 7, "click")


def test_a_click_of_a_deleted_ad_is_found_by_its_link_code(world):
    click(world, "c-link", SOLD_AT - timedelta(days=1), link_code="lc17")
    sell(world, transaction="HA3", click_id="c-link")
    process_inbox(world)
    assert (attribution(world, "HA3").ad_id, attribution(world, "HA3").campaign_id) == (17, 5)


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (timedelta(days=30), None),
        (timedelta(days=30, seconds=1), "click older than the 30-day attribution window"),
        (-timedelta(hours=1), None),  # a click "after" the sale, within clock skew
        (
            -timedelta(hours=1, seconds=1),
            "click c-edge is later than the sale (beyond the 1-hour clock-skew allowance)",
        ),
    ],
)
def test_the_attribution_window_edges(world, age, expected):
    click(world, "c-edge", SOLD_AT - age, ad_id=17)
    sell(world, transaction="HA4", click_id="c-edge")
    process_inbox(world)
    row = attribution(world, "HA4")
    assert row.unattributed_reason == expected
    assert row.attribution == ("click" if expected is None else "unattributed")
    assert row.campaign_id == (5 if expected is None else None)


def test_a_bot_click_is_not_credited(world):
    click(world, "c-bot", SOLD_AT - timedelta(hours=1), ad_id=17, is_bot=True, bot_reason="rate")
    sell(world, transaction="HA5", click_id="c-bot")
    process_inbox(world)
    row = attribution(world, "HA5")
    assert (row.attribution, row.unattributed_reason) == (
        "unattributed",
        "click flagged as a bot (rate)",
    )
    assert row.ad_id is None and row.click_id == "c-bot"


def test_no_click_id_in_the_delivery(world):
    sale = envelope(transaction="HA6", creation_ms=T, approved_ms=T)
    del sale["data"]["purchase"]["tracking"]
    with world.begin() as conn:
        store_delivery(
            conn,
            network="hotmart",
            event_id=sale["id"],
            event_type=sale["event"],
            body=json.dumps(sale).encode(),
            headers={},
        )
    process_inbox(world)
    assert attribution(world, "HA6").unattributed_reason == "no click id in the delivery"


def test_a_click_written_after_the_sale_is_picked_up_by_the_next_event(world):
    sell(world, transaction="HA7", click_id="c-late")
    process_inbox(world)
    row = attribution(world, "HA7")
    assert row.unattributed_reason == "click id c-late not found"

    # The redirect's batch lands; the network then tells us the sale was completed.
    click(world, "c-late", SOLD_AT - timedelta(minutes=3), ad_id=17)
    sell(
        world, event="PURCHASE_COMPLETE", transaction="HA7", click_id="c-late", creation_ms=T + HOUR
    )
    assert process_inbox(world) == {"updated": 1}
    row = attribution(world, "HA7")
    assert (row.attribution, row.campaign_id, row.user_id) == ("click", 5, 7)
    assert row.status == "approved"


def test_a_settled_attribution_is_not_revisited(world):
    click(world, "c-bot2", SOLD_AT - timedelta(hours=1), ad_id=17, is_bot=True, bot_reason="ua")
    sell(world, transaction="HA8", click_id="c-bot2")
    process_inbox(world)
    with world.begin() as conn:
        conn.execute(sa.text("update app.clicks set is_bot = false where click_id = 'c-bot2'"))
    sell(
        world, event="PURCHASE_REFUNDED", transaction="HA8", click_id="c-bot2", creation_ms=T + HOUR
    )
    process_inbox(world)
    assert attribution(world, "HA8").attribution == "unattributed"


def test_a_click_written_after_the_sale_is_picked_up_without_another_event(world):
    sell(world, transaction="HA9", click_id="c-later")
    sell(world, transaction="HA10", click_id="c-later-bot")
    process_inbox(world)
    assert attribution(world, "HA9").unattributed_reason == "click id c-later not found"

    click(world, "c-later", SOLD_AT - timedelta(minutes=2), ad_id=17)
    click(
        world, "c-later-bot", SOLD_AT - timedelta(minutes=2), ad_id=17, is_bot=True, bot_reason="ua"
    )
    assert process_inbox(world) == {"attributed_late": 2}  # no inbox row pending: the pass alone
    row = attribution(world, "HA9")
    assert (row.attribution, row.campaign_id, row.landing_page_id) == ("click", 5, 13)
    assert attribution(world, "HA10").unattributed_reason == "click flagged as a bot (ua)"
    assert process_inbox(world) == {}  # settled: nothing to do again
