"""Launch one campaign, ad set and ad per creative; launching twice creates nothing new.

Local rows are written first with a client-side idempotency key, then the platform is
called with keys derived from it. A run that dies between the two is finished by the next
run: the platform answers a replayed key with the object it already made.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from affiliate.accounts import owner_id
from affiliate.ads.platform import AdPlatform
from affiliate.compliance.review import runnable_creative_ids
from affiliate.db.tables import ad_sets, ads, campaigns, creatives, products

# The one format the ad platform runs (headline, primary text, call to action, link).
AD_FORMAT = "meta_ad"


@dataclass(frozen=True)
class LaunchResult:
    creative_id: int
    campaign_id: int
    ad_id: int
    link_code: str
    created: bool


def launch_key(platform: AdPlatform, creative_id: int) -> str:
    return f"{platform.name}:{platform.account_id}:creative:{creative_id}"


def launch_for_creatives(
    engine: sa.Engine,
    platform: AdPlatform,
    creative_ids: list[int],
    *,
    daily_budget: Decimal,
    tracking_base_url: str,
    start_date: date,
) -> list[LaunchResult]:
    """Launch the creatives the compliance gate lets run; the others are left out, whoever
    asked: a creative without a verdict, waiting for review, blocked or rejected never runs.
    Only Meta ad creatives are ads the (Meta-like) platform can run; scripts, emails, pages
    and outlines are never launched."""
    with engine.connect() as conn:
        allowed = runnable_creative_ids(conn, list(creative_ids)) & _ad_creative_ids(
            conn, list(creative_ids)
        )
    return [
        _launch_one(engine, platform, cid, daily_budget, tracking_base_url, start_date)
        for cid in creative_ids
        if cid in allowed
    ]


def _launch_one(engine, platform, creative_id, daily_budget, tracking_base_url, start_date):
    key = launch_key(platform, creative_id)
    with engine.begin() as conn:
        local = _local_rows(conn, key)
        if local is None:
            local = _insert_local_rows(conn, platform, creative_id, key, daily_budget, start_date)
    if local.ad_external_id:
        return LaunchResult(creative_id, local.campaign_id, local.ad_id, local.link_code, False)

    campaign_ext = platform.create_campaign(
        name=local.campaign_name, start_date=start_date, idempotency_key=f"{key}:campaign"
    )
    ad_set_ext = platform.create_ad_set(
        campaign_id=campaign_ext,
        name=local.campaign_name,
        daily_budget=daily_budget,
        currency="USD",
        targeting={"geo": ["US"], "age_min": 25},
        idempotency_key=f"{key}:adset",
    )
    ad_ext = platform.create_ad(
        ad_set_id=ad_set_ext,
        name=local.campaign_name,
        headline=local.headline,
        body=local.body,
        link_url=f"{tracking_base_url.rstrip('/')}/r/{local.link_code}",
        idempotency_key=f"{key}:ad",
    )
    with engine.begin() as conn:
        conn.execute(
            sa.update(campaigns)
            .where(campaigns.c.id == local.campaign_id)
            .values(external_id=campaign_ext, status="active", updated_at=sa.func.now())
        )
        conn.execute(
            sa.update(ad_sets).where(ad_sets.c.id == local.ad_set_id).values(external_id=ad_set_ext)
        )
        conn.execute(
            sa.update(ads)
            .where(ads.c.id == local.ad_id)
            .values(external_id=ad_ext, status="active")
        )
        conn.execute(
            sa.update(creatives).where(creatives.c.id == creative_id).values(status="live")
        )
    return LaunchResult(creative_id, local.campaign_id, local.ad_id, local.link_code, True)


def _local_rows(conn: sa.Connection, key: str):
    return conn.execute(
        sa.select(
            campaigns.c.id.label("campaign_id"),
            campaigns.c.name.label("campaign_name"),
            ad_sets.c.id.label("ad_set_id"),
            ads.c.id.label("ad_id"),
            ads.c.link_code,
            ads.c.external_id.label("ad_external_id"),
            creatives.c.headline,
            creatives.c.body,
        )
        .select_from(campaigns.join(ads, ads.c.campaign_id == campaigns.c.id))
        .join(ad_sets, ad_sets.c.id == ads.c.ad_set_id)
        .join(creatives, creatives.c.id == ads.c.creative_id)
        .where(campaigns.c.idempotency_key == key)
    ).one_or_none()


def _insert_local_rows(conn, platform, creative_id, key, daily_budget, start_date):
    creative = conn.execute(
        sa.select(
            creatives.c.product_id, creatives.c.template_id, creatives.c.variation, products.c.name
        )
        .join(products, products.c.id == creatives.c.product_id)
        .where(creatives.c.id == creative_id)
    ).one()
    # "Product · template" (and the variation after the first) keeps campaigns of one product
    # apart at a glance in any UI.
    name = f"{creative.name[:60]} · {creative.template_id.removeprefix('ad.')}"
    if creative.variation:
        name = f"{name} #{creative.variation + 1}"
    campaign_id = conn.scalar(
        sa.insert(campaigns)
        .values(
            user_id=owner_id(conn),
            product_id=creative.product_id,
            name=name,
            platform=platform.name,
            account_id=platform.account_id,
            idempotency_key=key,
            status="launching",
            daily_budget=daily_budget,
            start_date=start_date,
        )
        .returning(campaigns.c.id)
    )
    ad_set_id = conn.scalar(
        sa.insert(ad_sets)
        .values(campaign_id=campaign_id, name=name, daily_budget=daily_budget)
        .returning(ad_sets.c.id)
    )
    conn.execute(
        sa.insert(ads).values(
            ad_set_id=ad_set_id,
            campaign_id=campaign_id,
            creative_id=creative_id,
            name=name,
            link_code=secrets.token_urlsafe(8),
            status="launching",
        )
    )
    return _local_rows(conn, key)


def launchable_creatives(engine: sa.Engine) -> list[int]:
    """Creatives that should be running: drafts to launch and live ones (a no-op re-launch)."""
    with engine.connect() as conn:
        return list(
            conn.scalars(
                sa.select(creatives.c.id)
                .where(
                    creatives.c.status.in_(("draft", "live")),
                    creatives.c.format == AD_FORMAT,
                )
                .order_by(creatives.c.id)
            )
        )


def _ad_creative_ids(conn: sa.Connection, creative_ids: list[int]) -> set[int]:
    return set(
        conn.scalars(
            sa.select(creatives.c.id).where(
                creatives.c.id.in_(creative_ids), creatives.c.format == AD_FORMAT
            )
        )
    )
