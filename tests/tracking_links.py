"""The chain behind a tracking link (user, product, campaign, ad set, ad), for tests."""

from __future__ import annotations

import itertools

import sqlalchemy as sa

_ids = itertools.count(1000)


def make_link(
    engine: sa.Engine,
    code: str,
    *,
    network: str = "clickbank",
    url: str = "https://hop.example/offer?affiliate=me",
    with_landing_page: bool = False,
) -> dict[str, int | None]:
    """Insert the chain behind `/r/{code}`; returns the ids (user, product, campaign, ad_set,
    ad, landing_page)."""
    n = next(_ids)
    with engine.begin() as conn:
        user = conn.scalar(
            sa.text(
                "insert into app.users (email, password_hash) values (:e, 'x')"
                " on conflict (email) do update set email = excluded.email returning id"
            ),
            {"e": "owner@example.com"},
        )
        product = conn.scalar(
            sa.text(
                "insert into app.products (name, network, network_id, product_url)"
                " values (:name, :network, :nid, :url) returning id"
            ),
            {"name": f"Product {n}", "network": network, "nid": f"P{n}", "url": url},
        )
        campaign = conn.scalar(
            sa.text(
                "insert into app.campaigns (user_id, product_id, name, platform, idempotency_key)"
                " values (:u, :p, :name, 'meta', :key) returning id"
            ),
            {"u": user, "p": product, "name": f"Campaign {n}", "key": f"k-{n}"},
        )
        ad_set = conn.scalar(
            sa.text("insert into app.ad_sets (campaign_id, name) values (:c, 'set') returning id"),
            {"c": campaign},
        )
        landing_page = None
        if with_landing_page:
            landing_page = conn.scalar(
                sa.text(
                    "insert into app.landing_pages (user_id, product_id, slug, title)"
                    " values (:u, :p, :slug, 'LP') returning id"
                ),
                {"u": user, "p": product, "slug": f"lp-{n}"},
            )
        ad = conn.scalar(
            sa.text(
                "insert into app.ads (ad_set_id, campaign_id, landing_page_id, name, link_code)"
                " values (:s, :c, :lp, 'ad', :code) returning id"
            ),
            {"s": ad_set, "c": campaign, "lp": landing_page, "code": code},
        )
    return {
        "user_id": user,
        "product_id": product,
        "campaign_id": campaign,
        "ad_set_id": ad_set,
        "ad_id": ad,
        "landing_page_id": landing_page,
    }
