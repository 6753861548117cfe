"""Inbox rows → conversions: the affiliate's commission, idempotence, refunds, attribution."""

from decimal import Decimal

import sqlalchemy as sa

from affiliate.tracking.conversions import process_inbox
from affiliate.tracking.inbox import store_delivery
from affiliate.tracking.networks.hotmart import load_envelope, parse_event
from tests.hotmart_payloads import body


def deliver(engine, **kw) -> None:
    raw = body(**kw)
    envelope = load_envelope(raw)
    with engine.begin() as conn:
        store_delivery(
            conn,
            network="hotmart",
            event_id=envelope["id"],
            event_type=envelope["event"],
            body=raw,
            headers={},
        )


def conversions(engine) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text("select * from app.conversions order by transaction_id")).all()


def test_the_affiliate_commission_is_the_affiliate_entry_not_the_first():
    event = parse_event(load_envelope(body(price="97.00", affiliate="48.50")))
    assert event.commission_amount == Decimal("48.50")
    assert event.sale_amount == Decimal("97.00")
    assert event.status == "approved" and event.click_id == "click-1"


def test_approval_then_refund_turns_the_sale(clean_db):
    deliver(clean_db, transaction="HP1", creation_ms=1_764_000_000_000)
    deliver(clean_db, event="PURCHASE_REFUNDED", transaction="HP1", creation_ms=1_764_090_000_000)
    outcomes = process_inbox(clean_db)
    assert outcomes == {"inserted": 1, "updated": 1}
    [row] = conversions(clean_db)
    assert row.status == "refunded" and row.commission_amount == Decimal("48.50")
    assert row.refunded_at.timestamp() == 1_764_090_000


def test_a_refund_arriving_first_is_not_undone_by_the_late_approval(clean_db):
    deliver(clean_db, event="PURCHASE_REFUNDED", transaction="HP2")
    deliver(clean_db, transaction="HP2")
    assert process_inbox(clean_db) == {"inserted": 1, "unchanged": 1}
    assert [r.status for r in conversions(clean_db)] == ["refunded"]


def test_the_same_transaction_in_two_deliveries_counts_once(clean_db):
    deliver(clean_db, transaction="HP3")
    deliver(clean_db, transaction="HP3")  # a new envelope id, same sale
    process_inbox(clean_db)
    process_inbox(clean_db)  # a second pass finds nothing pending
    assert len(conversions(clean_db)) == 1


def test_unhandled_events_are_kept_and_marked_ignored(clean_db):
    deliver(clean_db, event="PURCHASE_PROTEST", transaction="HP4")
    assert process_inbox(clean_db) == {"ignored": 1}
    with clean_db.connect() as conn:
        assert conn.scalar(sa.text("select status from app.webhook_inbox")) == "ignored"
    assert conversions(clean_db) == []


def test_a_sale_is_attributed_through_its_click(clean_db):
    with clean_db.begin() as conn:
        conn.execute(
            sa.text("""
            insert into app.users (id, email, password_hash) values (1, 'a@b.c', 'x');
            insert into app.products (id, name, network, network_id)
                values (1, 'P', 'clickbank', 'P1');
            insert into app.campaigns (id, user_id, product_id, name, platform, idempotency_key)
                values (1, 1, 1, 'C', 'sandbox', 'k1');
            insert into app.ad_sets (id, campaign_id, name) values (1, 1, 'S');
            insert into app.ads (id, ad_set_id, campaign_id, name, link_code)
                values (1, 1, 1, 'A', 'lc1');
            insert into app.clicks (click_id, ad_id) values ('click-9', 1);
        """)
        )
    deliver(clean_db, transaction="HP5", click_id="click-9")
    deliver(clean_db, transaction="HP6", click_id="unknown-click")
    process_inbox(clean_db)
    attributed, unknown = conversions(clean_db)
    assert (
        attributed.ad_id,
        attributed.campaign_id,
        attributed.product_id,
        attributed.user_id,
    ) == (1, 1, 1, 1)
    assert (unknown.ad_id, unknown.campaign_id, unknown.user_id) == (None, None, None)


def test_an_unreadable_row_is_marked_error_and_does_not_block_others(clean_db):
    with clean_db.begin() as conn:
        store_delivery(
            conn,
            network="hotmart",
            event_id="bad",
            event_type=None,
            body=b'{"id": "bad", "data": {}}',
            headers={},
        )
    deliver(clean_db, transaction="HP7")
    assert process_inbox(clean_db) == {"error": 1, "inserted": 1}
