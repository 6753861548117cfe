"""Turn pending inbox rows into conversions: idempotent, attributed to their click."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal

import sqlalchemy as sa

from affiliate.db.tables import ad_sets, ads, campaigns, clicks, conversions, webhook_inbox
from affiliate.tracking.events import ConversionEvent, WebhookError, wins_over
from affiliate.tracking.networks import hotmart

PARSERS = {hotmart.NETWORK: hotmart.parse_event}


def process_inbox(engine: sa.Engine, batch_size: int = 500) -> Counter:
    """Process every pending inbox row, one transaction per row so one bad row blocks nothing.

    Returns counts by outcome: inserted, updated, unchanged, ignored, error.
    """
    outcomes: Counter = Counter()
    last_id = 0
    while True:
        with engine.connect() as conn:
            rows = conn.execute(
                sa.select(webhook_inbox.c.id, webhook_inbox.c.network, webhook_inbox.c.body)
                .where(webhook_inbox.c.status == "pending", webhook_inbox.c.id > last_id)
                .order_by(webhook_inbox.c.id)
                .limit(batch_size)
            ).all()
        if not rows:
            return outcomes
        for row in rows:
            last_id = row.id
            with engine.begin() as conn:
                outcomes[_process_row(conn, row)] += 1


def _process_row(conn: sa.Connection, row: sa.Row) -> str:
    parser = PARSERS.get(row.network)
    try:
        if parser is None:
            raise WebhookError(f"no parser for network {row.network!r}")
        event = parser(json.loads(bytes(row.body), parse_float=Decimal))
    except (WebhookError, ValueError, TypeError, KeyError) as exc:
        _mark(conn, row.id, "error", str(exc))
        return "error"
    if event.status is None:
        _mark(conn, row.id, "ignored", f"event {event.event_type} does not change a conversion")
        return "ignored"
    outcome = apply_event(conn, event, inbox_id=row.id)
    _mark(conn, row.id, "processed", None)
    return outcome


def apply_event(conn: sa.Connection, event: ConversionEvent, inbox_id: int | None = None) -> str:
    """Upsert the conversion for (network, transaction id); a refund or chargeback is final."""
    current = conn.execute(
        sa.select(conversions.c.id, conversions.c.status)
        .where(
            conversions.c.network == event.network,
            conversions.c.transaction_id == event.transaction_id,
        )
        .with_for_update()
    ).one_or_none()
    reversed_ = event.status in ("refunded", "chargeback")
    if current is None:
        values = {
            **_attribution(conn, event.click_id),
            "network": event.network,
            "transaction_id": event.transaction_id,
            "network_product_id": event.network_product_id,
            "click_id": event.click_id,
            "status": event.status,
            "sale_amount": event.sale_amount,
            "commission_amount": event.commission_amount,
            "currency": event.currency,
            "conversion_date": event.approved_at or event.occurred_at,
            "refunded_at": event.occurred_at if reversed_ else None,
            "last_event_id": inbox_id,
        }
        conn.execute(sa.insert(conversions).values(**values))
        return "inserted"
    if not wins_over(event.status, current.status):
        return "unchanged"
    changes = {"status": event.status, "last_event_id": inbox_id, "updated_at": sa.func.now()}
    if reversed_:
        changes["refunded_at"] = event.occurred_at
    conn.execute(sa.update(conversions).where(conversions.c.id == current.id).values(**changes))
    return "updated"


def _attribution(conn: sa.Connection, click_id: str | None) -> dict:
    """The ad, ad set, campaign, product and owner behind a click id (all None if unknown)."""
    empty = {
        "ad_id": None,
        "ad_set_id": None,
        "campaign_id": None,
        "product_id": None,
        "user_id": None,
    }
    if not click_id:
        return empty
    row = conn.execute(
        sa.select(
            ads.c.id.label("ad_id"),
            ad_sets.c.id.label("ad_set_id"),
            campaigns.c.id.label("campaign_id"),
            campaigns.c.product_id,
            campaigns.c.user_id,
        )
        .select_from(clicks.join(ads, ads.c.id == clicks.c.ad_id))
        .join(ad_sets, ad_sets.c.id == ads.c.ad_set_id)
        .join(campaigns, campaigns.c.id == ads.c.campaign_id)
        .where(clicks.c.click_id == click_id)
    ).one_or_none()
    return dict(row._mapping) if row else empty


def _mark(conn: sa.Connection, inbox_id: int, status: str, error: str | None) -> None:
    conn.execute(
        sa.update(webhook_inbox)
        .where(webhook_inbox.c.id == inbox_id)
        .values(status=status, error=error, processed_at=sa.func.now())
    )
