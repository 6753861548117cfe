"""A generated business of several months, written in bulk by SQL (INSERT … SELECT over
generate_series), so the same code fills a test database with thousands of clicks and a
benchmark database with ten million.

Everything is deterministic: "random" choices are hashes of the row number (`hashtext`), so
two runs give the same rows. All money is in USD, the account currency.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

NETWORKS = ("clickbank", "hotmart", "digistore24")


@dataclass(frozen=True)
class Shape:
    """How big the generated business is."""

    start: date
    days: int
    clicks: int
    conversions: int
    products: int = 12
    campaigns: int = 24  # two ads each, one ad set
    ai_calls_per_day: int = 6

    @property
    def end(self) -> date:
        """The first day after the history."""
        return self.start + timedelta(days=self.days)


def _rnd(expr: str, salt: str, modulus: int) -> str:
    """A deterministic pseudo-random integer in [0, modulus) from an SQL expression."""
    return f"(abs(hashtext(({expr})::text || '{salt}')) % {modulus})"


def generate_history(conn: sa.Connection, shape: Shape) -> None:
    """Fill empty app tables with `shape.days` days of a business: offers, campaigns, ads,
    landing pages, daily ad spend, clicks (2 % bots, repeat visitors, two landing pages per
    ad), conversions on some clicks (approved, pending, refunded, charged back, some
    unattributed) and AI calls."""
    n_products, n_campaigns = shape.products, shape.campaigns
    statements = [
        "insert into app.users (id, email, password_hash, name)"
        " values (1, 'owner@example.com', 'x', 'Owner')",
        f"""insert into app.products (id, name, network, network_id, price, commission_amount)
            select p, 'Offer ' || p, (array{list(NETWORKS)})[1 + p % {len(NETWORKS)}],
                   'N' || p, 40 + p, 20 + p / 2.0
            from generate_series(1, {n_products}) as p""",
        f"""insert into app.landing_pages (id, user_id, product_id, slug, title, status)
            select l, 1, 1 + (l - 1) % {n_products}, 'page-' || l, 'Page ' || l, 'published'
            from generate_series(1, {2 * n_products}) as l""",
        f"""insert into app.campaigns (id, user_id, product_id, name, platform, account_id,
                                       idempotency_key, status, currency)
            select c, 1, 1 + (c - 1) % {n_products}, 'Campaign ' || c,
                   (array['meta', 'google', 'tiktok'])[1 + c % 3], 'act_' || (1 + c % 2),
                   'gen-' || c, 'active', 'USD'
            from generate_series(1, {n_campaigns}) as c""",
        """insert into app.ad_sets (id, campaign_id, name)
           select id, id, 'Ad set ' || id from app.campaigns""",
        f"""insert into app.ads (id, ad_set_id, campaign_id, landing_page_id, name, link_code)
            select a, 1 + (a - 1) / 2, 1 + (a - 1) / 2,
                   1 + ((a - 1) / 2) % {n_products}, 'Ad ' || a, 'gen-ad-' || a
            from generate_series(1, {2 * n_campaigns}) as a""",
        f"""insert into app.ad_spend_daily (ad_id, platform, date_day, impressions, clicks,
                                            spend, currency, platform_conversions)
            select ads.id, campaigns.platform, day::date,
                   1000 + {_rnd("ads.id || '-' || day", "imp", 4000)},
                   20 + {_rnd("ads.id || '-' || day", "clk", 80)},
                   (500 + {_rnd("ads.id || '-' || day", "spd", 4500)}) / 100.0,
                   'USD', {_rnd("ads.id || '-' || day", "pcv", 5)}
            from app.ads
            join app.campaigns on campaigns.id = ads.campaign_id
            cross join generate_series(date '{shape.start}', date '{shape.end}' - 1,
                                       interval '1 day') as day""",
    ]
    statements += [clicks_sql(shape, 1, shape.clicks, shape.start, shape.days)]
    statements += [conversions_sql(shape, 1, shape.conversions, 1, shape.clicks, shape.end)]
    statements += [ai_calls_sql(shape, shape.start, shape.days)]
    for statement in statements:
        conn.execute(sa.text(statement))
    for table in ("users", "products", "landing_pages", "campaigns", "ad_sets", "ads"):
        conn.execute(
            sa.text(
                f"select setval(pg_get_serial_sequence('app.{table}', 'id'),"
                f" (select max(id) from app.{table}))"
            )
        )


def clicks_sql(shape: Shape, first: int, last: int, start: date, days: int) -> str:
    """Clicks numbered first..last spread evenly over `days` days from `start` (UTC)."""
    count = last - first + 1
    ads = 2 * shape.campaigns
    return f"""
        insert into app.clicks (click_id, ad_id, link_code, campaign_id, ad_set_id,
                                landing_page_id, clicked_at, ip_hash, user_agent, is_bot,
                                bot_reason)
        select 'c' || i, ads.id, ads.link_code, ads.campaign_id, ads.ad_set_id,
               -- Half of each ad's clicks reach a variant page (a landing-page test).
               case when i % 2 = 0 then ads.landing_page_id
                    else ads.landing_page_id + {shape.products} end,
               timestamptz '{start} 00:00:00+00'
                   + (i - {first}) * interval '{days * 86400.0 / count} seconds',
               'v' || {_rnd("i", "vis", max(count // 3, 1))}, 'Mozilla/5.0',
               i % 50 = 0, case when i % 50 = 0 then 'rate limit' end
        from generate_series({first}, {last}) as i
        join app.ads on ads.id = 1 + {_rnd("i", "ad", ads)}
    """


def conversions_sql(
    shape: Shape, first: int, last: int, first_click: int, clicks: int, until: date
) -> str:
    """Conversions numbered first..last, each on a click among the `clicks` clicks numbered
    from `first_click` (by primary key, spread evenly): about
    one in twenty refunded within ten days, one in a hundred charged back, one in thirteen
    still pending, one in thirty-one unattributed (no click id). Nothing happens on or after
    `until` (so the history ends where its clicks and spend end)."""
    last_instant = f"timestamptz '{until} 00:00:00+00' - interval '1 second'"
    span = max(clicks // max(last - first + 1, 1), 1)
    return f"""
        insert into app.conversions (
            user_id, product_id, campaign_id, ad_set_id, ad_id, landing_page_id, click_id,
            clicked_at, attribution, unattributed_reason, network, transaction_id, status,
            sale_amount, commission_amount, currency, account_currency, fx_rate,
            sale_amount_account, commission_amount_account, conversion_date, refunded_at,
            created_at, updated_at)
        select 1, campaigns.product_id,
               case when sales.unattributed then null else clicks.campaign_id end,
               case when sales.unattributed then null else clicks.ad_set_id end,
               case when sales.unattributed then null else clicks.ad_id end,
               case when sales.unattributed then null else clicks.landing_page_id end,
               case when sales.unattributed then null else clicks.click_id end,
               case when sales.unattributed then null else clicks.clicked_at end,
               case when sales.unattributed then 'unattributed' else 'click' end,
               case when sales.unattributed then 'no click id' end,
               products.network, 'T' || j, sales.status,
               sales.commission * 2, sales.commission, 'USD', 'USD', 1,
               sales.commission * 2, sales.commission,
               approved_at,
               case when sales.status in ('refunded', 'chargeback') then reversed_at end,
               approved_at,
               case when sales.status in ('refunded', 'chargeback') then reversed_at
                    else approved_at end
        from (
            select j,
                   j % 31 = 0 as unattributed,
                   case when j % 100 = 0 then 'chargeback'
                        when j % 20 = 0 then 'refunded'
                        when j % 13 = 0 then 'pending'
                        else 'approved' end as status,
                   (1000 + {_rnd("j", "com", 4000)}) / 100.0 as commission,
                   {first_click} + (j - {first}) * {span} + {_rnd("j", "clk", span)} as click_pk
            from generate_series({first}, {last}) as j
        ) as sales
        join app.clicks on clicks.id = sales.click_pk
        join app.campaigns on campaigns.id = clicks.campaign_id
        join app.products on products.id = campaigns.product_id
        cross join lateral (
            select least(clicks.clicked_at + {_rnd("j", "lag", 7200)} * interval '1 second',
                         {last_instant}) as approved_at
        ) as approval
        cross join lateral (
            select least(approval.approved_at + (1 + {_rnd("j", "rfd", 10 * 86400)})
                             * interval '1 second', {last_instant}) as reversed_at
        ) as reversal
    """


def ai_calls_sql(shape: Shape, start: date, days: int) -> str:
    """A few LLM calls a day, each for a product, costing fractions of a cent to a few cents."""
    return f"""
        insert into app.ai_generation_history (product_id, task, provider, cost, currency,
                                               created_at)
        select 1 + {_rnd("k", "prd", shape.products)}, 'write', 'openai',
               {_rnd("k", "cst", 50000)} / 1000000.0, 'USD',
               timestamptz '{start} 00:00:00+00'
                   + k * interval '{86400.0 / shape.ai_calls_per_day} seconds'
        from generate_series(0, {days * shape.ai_calls_per_day - 1}) as k
    """


def spend_sql(day: date) -> str:
    """One ad platform report per ad for `day`."""
    return f"""
        insert into app.ad_spend_daily (ad_id, platform, date_day, impressions, clicks, spend,
                                        currency, platform_conversions)
        select ads.id, campaigns.platform, date '{day}',
               1000 + {_rnd("ads.id", str(day), 4000)}, 20 + {_rnd("ads.id", str(day), 80)},
               (500 + {_rnd("ads.id", "s" + str(day), 4500)}) / 100.0, 'USD', 1
        from app.ads join app.campaigns on campaigns.id = ads.campaign_id
    """


def add_day(conn: sa.Connection, shape: Shape, day: date, clicks: int, conversions: int) -> None:
    """Append one more day of business after the history: spend, clicks and conversions on
    `day` (UTC), numbered after everything already there."""
    first_click = conn.scalar(sa.text("select coalesce(max(id), 0) + 1 from app.clicks"))
    first_sale = conn.scalar(sa.text("select count(*) + 1 from app.conversions"))
    conn.execute(sa.text(spend_sql(day)))
    conn.execute(sa.text(clicks_sql(shape, first_click, first_click + clicks - 1, day, 1)))
    conn.execute(
        sa.text(
            conversions_sql(
                shape,
                first_sale,
                first_sale + conversions - 1,
                first_click,
                clicks,
                day + timedelta(days=1),
            )
        )
    )
