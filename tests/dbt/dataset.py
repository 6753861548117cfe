"""A small hand-built business, three days long, and what its P&L must be.

The expected figures are computed here in plain Python from the same rows that are inserted,
independently of the dbt SQL: that is the point of the comparison.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa

from affiliate.db import tables as t

D1, D2, D3 = date(2024, 5, 1), date(2024, 5, 2), date(2024, 5, 3)
CENT = Decimal("0.01")


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=UTC)


USERS = [{"id": 1, "email": "owner@example.com", "password_hash": "x", "name": "Owner"}]
PRODUCTS = [
    {
        "id": 1,
        "name": "Keto Guide",
        "network": "clickbank",
        "network_id": "KETO1",
        "price": Decimal("90.00"),
        "commission_amount": Decimal("45.00"),
    },
    {
        "id": 2,
        "name": "Yoga Course",
        "network": "hotmart",
        "network_id": "YOGA2",
        "price": Decimal("51.00"),
        "commission_amount": Decimal("25.50"),
    },
]
CREATIVES = [
    {
        "id": 1,
        "product_id": 1,
        "provider": "template",
        "template_id": "hook-v1",
        "headline": "Lose it",
        "body": "Read this",
    }
]
CAMPAIGNS = [
    {
        "id": 1,
        "user_id": 1,
        "product_id": 1,
        "name": "Keto - Sandbox",
        "platform": "sandbox",
        "account_id": "act_1",
        "idempotency_key": "k1",
    },
    {
        "id": 2,
        "user_id": 1,
        "product_id": 2,
        "name": "Yoga - Sandbox",
        "platform": "sandbox",
        "account_id": "act_1",
        "idempotency_key": "k2",
    },
]
AD_SETS = [
    {"id": 1, "campaign_id": 1, "name": "Keto US 25-45"},
    {"id": 2, "campaign_id": 2, "name": "Yoga US women"},
]
# Two pages for the Keto ad: its own (1) and a variant (2) some of its clicks reached.
LANDING_PAGES = [
    {"id": 1, "user_id": 1, "product_id": 1, "slug": "keto-story", "title": "Keto story"},
    {"id": 2, "user_id": 1, "product_id": 1, "slug": "keto-quiz", "title": "Keto quiz"},
]
ADS = [
    {
        "id": 1,
        "ad_set_id": 1,
        "campaign_id": 1,
        "creative_id": 1,
        "landing_page_id": 1,
        "name": "Keto ad A",
        "link_code": "keto-a",
    },
    {"id": 2, "ad_set_id": 2, "campaign_id": 2, "name": "Yoga ad A", "link_code": "yoga-a"},
]


def _spend(ad_id, day, impressions, clicks, spend, platform_conversions):
    return {
        "ad_id": ad_id,
        "platform": "sandbox",
        "date_day": day,
        "impressions": impressions,
        "clicks": clicks,
        "spend": Decimal(spend),
        "platform_conversions": platform_conversions,
    }


# D3 has spend and AI cost but no sales: its profit must be negative.
AD_SPEND_DAILY = [
    _spend(1, D1, 1000, 40, "20.00", 3),
    _spend(2, D1, 600, 20, "12.25", 1),
    _spend(1, D2, 800, 30, "15.50", 2),
    _spend(2, D2, 400, 10, "8.00", 0),
    _spend(1, D3, 500, 10, "10.00", 1),
]


def _click(click_id, ad_id, clicked_at, is_bot=False, landing_page_id=None, visitor=None):
    return {
        "click_id": click_id,
        "ad_id": ad_id,
        "clicked_at": clicked_at,
        "is_bot": is_bot,
        "bot_reason": "rate limit" if is_bot else None,
        "landing_page_id": landing_page_id,
        "ip_hash": visitor,
        "user_agent": "Mozilla/5.0" if visitor else None,
    }


# On D1 the Keto ad has 3 human clicks from 2 visitors (v1 twice): 2 on page 1, 1 on page 2.
CLICKS = [
    _click("c1", 1, at(D1, 9), landing_page_id=1, visitor="v1"),
    _click("c2", 1, at(D1, 22), landing_page_id=2, visitor="v1"),
    _click("c3", 1, at(D1, 23), landing_page_id=1, visitor="v2"),
    _click("bot1", 1, at(D1, 23, 30), is_bot=True, landing_page_id=1, visitor="bot"),
    _click("c5", 2, at(D1, 13)),
    _click("c6", 2, at(D1, 15)),
    _click("c7", 1, at(D2, 23, 59)),
    _click("c8", 1, at(D3, 8)),
]

WEBHOOK_INBOX = [
    {
        "id": 1,
        "network": "clickbank",
        "event_id": "evt-1",
        "event_type": "sale",
        "body": b"{}",
        "status": "processed",
        "processed_at": at(D1, 10),
    },
    {
        "id": 2,
        "network": "hotmart",
        "event_id": "evt-2",
        "event_type": "PURCHASE_APPROVED",
        "body": b'{"buyer": {"email": "someone@example.com"}}',
        "query": {"hottok": "redacted"},
        "status": "processed",
        "processed_at": at(D2, 20),
    },
]


def _conv(
    cid,
    network,
    txn,
    status,
    sale,
    commission,
    approved_at,
    *,
    product_id,
    click_id=None,
    ad_id=None,
    ad_set_id=None,
    campaign_id=None,
    refunded_at=None,
):
    return {
        "id": cid,
        "user_id": 1,
        "product_id": product_id,
        "campaign_id": campaign_id,
        "ad_set_id": ad_set_id,
        "ad_id": ad_id,
        "click_id": click_id,
        "network": network,
        "transaction_id": txn,
        "status": status,
        "sale_amount": Decimal(sale),
        "commission_amount": Decimal(commission),
        "conversion_date": approved_at,
        "refunded_at": refunded_at,
    }


CONVERSIONS = [
    # Attributed through its click only (the network echoed our click id).
    {
        **_conv(
            1,
            "clickbank",
            "T1",
            "approved",
            "90.00",
            "45.00",
            at(D1, 10),
            product_id=1,
            click_id="c1",
        ),
        "last_event_id": 1,
    },
    # Approved 23:45 on D1, refunded 00:30 on D2: −30.00 belongs to D2, D1 keeps +30.00.
    _conv(
        2,
        "clickbank",
        "T2",
        "refunded",
        "60.00",
        "30.00",
        at(D1, 23, 45),
        product_id=1,
        click_id="c3",
        refunded_at=at(D2, 0, 30),
    ),
    _conv(
        3,
        "hotmart",
        "T3",
        "chargeback",
        "51.00",
        "25.50",
        at(D1, 14),
        product_id=2,
        click_id="c5",
        refunded_at=at(D2, 16),
    ),
    # No click id, but the ad was recorded at ingestion.
    _conv(
        4,
        "hotmart",
        "T4",
        "approved",
        "40.00",
        "12.34",
        at(D2, 9),
        product_id=2,
        ad_id=2,
        ad_set_id=2,
        campaign_id=2,
    ),
    # Pending: not revenue yet.
    _conv(
        5, "clickbank", "T5", "pending", "200.00", "99.00", at(D2, 11), product_id=1, click_id="c7"
    ),
    # Unattributed sale, decided at processing: in the P&L's Unattributed bucket only.
    {
        **_conv(6, "hotmart", "T6", "approved", "20.00", "7.77", at(D2, 18), product_id=2),
        "unattributed_reason": "no click id",
    },
    # Paid in BRL, converted at processing into the USD account (R$ 100.00 × 0.2 = US$ 20.00),
    # attributed at processing to its click: it counts as 20.00 USD, never as 100.
    {
        **_conv(
            7,
            "hotmart",
            "T7",
            "approved",
            "250.00",
            "100.00",
            at(D2, 20),
            product_id=2,
            click_id="c6",
            ad_id=2,
            ad_set_id=2,
            campaign_id=2,
        ),
        "currency": "BRL",
        "attribution": "click",
        "clicked_at": at(D1, 15),
        "account_currency": "USD",
        "fx_rate": Decimal("0.2"),
        "sale_amount_account": Decimal("50.00"),
        "commission_amount_account": Decimal("20.00"),
        "last_event_id": 2,
    },
]

FX_RATES = [
    {"rate_date": D2, "base_currency": "BRL", "quote_currency": "USD", "rate": Decimal("0.2")},
]

CONVERSION_EVENTS = [
    {
        "conversion_id": 7,
        "inbox_id": 2,
        "event_type": "PURCHASE_APPROVED",
        "event_status": "approved",
        "occurred_at": at(D2, 20),
        "sale_amount": Decimal("250.00"),
        "commission_amount": Decimal("100.00"),
        "currency": "BRL",
        "status_before": None,
        "status_after": "approved",
        "applied": True,
    }
]


def account_commission(conversion: dict) -> Decimal:
    """The commission in the account currency (USD), as the marts must count it."""
    return conversion.get("commission_amount_account", conversion["commission_amount"])


AI_GENERATION_HISTORY = [
    {
        "product_id": 1,
        "creative_id": 1,
        "task": "write",
        "provider": "openai",
        "cost": Decimal("0.012345"),
        "created_at": at(D1, 8),
    },
    {
        "product_id": 1,
        "creative_id": 1,
        "task": "judge",
        "provider": "openai",
        "cost": Decimal("0.004000"),
        "created_at": at(D1, 8, 5),
    },
    {
        "product_id": 1,
        "task": "write",
        "provider": "anthropic",
        "cost": Decimal("0.500000"),
        "created_at": at(D3, 12),
    },
]

ROWS: list[tuple[sa.Table, list[dict]]] = [
    (t.users, USERS),
    (t.products, PRODUCTS),
    (t.creatives, CREATIVES),
    (t.campaigns, CAMPAIGNS),
    (t.ad_sets, AD_SETS),
    (t.landing_pages, LANDING_PAGES),
    (t.ads, ADS),
    (t.ad_spend_daily, AD_SPEND_DAILY),
    (t.clicks, CLICKS),
    (t.webhook_inbox, WEBHOOK_INBOX),
    (t.conversions, CONVERSIONS),
    (t.fx_rates, FX_RATES),
    (t.conversion_events, CONVERSION_EVENTS),
    (t.ai_generation_history, AI_GENERATION_HISTORY),
]


# Other costs, as a user would list them in dbt_project/seeds/costs.csv.
COSTS = [
    {
        "date_day": D2,
        "cost_category": "hosting",
        "description": "VPS",
        "amount": Decimal("5.00"),
        "currency_code": "USD",
    },
    {
        "date_day": D3,
        "cost_category": "tools",
        "description": "Spy tool",
        "amount": Decimal("2.50"),
        "currency_code": "USD",
    },
]


def insert_costs(conn: sa.Connection, rows: list[dict] = COSTS) -> None:
    """Put other costs in the loaded `costs` seed table, as if they were in costs.csv (the
    shipped seed is empty); build afterwards with `--exclude resource_type:seed`."""
    for row in rows:
        conn.execute(
            sa.text(
                "insert into analytics.costs"
                " (date_day, cost_category, description, amount, currency_code)"
                " values (:date_day, :cost_category, :description, :amount, :currency_code)"
            ),
            row,
        )


def insert_dataset(conn: sa.Connection) -> None:
    # One statement per row: the rows leave optional columns out, which executemany forbids.
    for table, rows in ROWS:
        for row in rows:
            conn.execute(sa.insert(table).values(**row))


@dataclass
class DayPnl:
    gross_revenue: Decimal = Decimal(0)
    refunds: Decimal = Decimal(0)
    chargebacks: Decimal = Decimal(0)
    ad_spend: Decimal = Decimal(0)
    ai_cost: Decimal = Decimal(0)
    other_costs: Decimal = Decimal(0)
    conversions: int = 0
    refunded_conversions: int = 0

    @property
    def net_revenue(self) -> Decimal:
        return self.gross_revenue - self.refunds - self.chargebacks

    @property
    def profit(self) -> Decimal:
        return self.net_revenue - self.ad_spend - self.ai_cost - self.other_costs


def expected_pnl() -> dict[date, DayPnl]:
    """The P&L per UTC day, from the rows above (all amounts in the USD account currency)."""
    days: dict[date, DayPnl] = defaultdict(DayPnl)
    for c in CONVERSIONS:
        if c["status"] in ("approved", "refunded", "chargeback"):
            day = days[c["conversion_date"].astimezone(UTC).date()]
            day.gross_revenue += account_commission(c)
            day.conversions += 1
        if c["status"] in ("refunded", "chargeback"):
            day = days[c["refunded_at"].astimezone(UTC).date()]
            if c["status"] == "refunded":
                day.refunds += account_commission(c)
            else:
                day.chargebacks += account_commission(c)
            day.refunded_conversions += 1
    for s in AD_SPEND_DAILY:
        days[s["date_day"]].ad_spend += s["spend"]
    raw_ai: dict[date, Decimal] = defaultdict(Decimal)
    for g in AI_GENERATION_HISTORY:
        raw_ai[g["created_at"].astimezone(UTC).date()] += g["cost"]
    for day, cost in raw_ai.items():
        days[day].ai_cost = cost.quantize(CENT, rounding=ROUND_HALF_UP)
    for c in COSTS:
        days[c["date_day"]].other_costs += c["amount"]
    return dict(days)
