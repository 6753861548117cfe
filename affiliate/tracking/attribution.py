"""Which click, ad and campaign a conversion came from — or, in plain words, why none.

The network echoes the click id we put on the link. Through that click we reach the ad, ad set,
campaign, landing page, product and owner. Clicks store the ad's context since migration 0005;
older clicks only know their ad (or link code), so the ad's own parents fill in.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from affiliate.db.tables import (
    ad_sets,
    ads,
    campaigns,
    clicks,
    conversion_events,
    conversions,
    landing_pages,
)

# The network's clock and ours disagree a little: a click up to this long "after" the sale
# is still the sale's click.
CLOCK_SKEW = timedelta(hours=1)
NO_CLICK_ID = "no click id in the delivery"
NOT_FOUND = "click id {click_id} not found"
TOO_OLD = "click older than the {days}-day attribution window"
TOO_LATE = "click {click_id} is later than the sale (beyond the 1-hour clock-skew allowance)"
BOT = "click flagged as a bot ({bot_reason})"

_TARGETS = (
    "ad_id",
    "ad_set_id",
    "campaign_id",
    "landing_page_id",
    "product_id",
    "user_id",
    "clicked_at",
)


@dataclass(frozen=True)
class Attribution:
    """What to write on the conversion: `values()` are its attribution columns."""

    click_id: str | None
    reason: str | None = None  # None: attributed to the click
    linked: dict = field(default_factory=dict)  # ad_id, campaign_id, … when attributed

    @property
    def attributed(self) -> bool:
        return self.reason is None

    @property
    def retry_later(self) -> bool:
        """Unattributed only for want of a click we may yet see: try again on the next event."""
        return self.reason is not None and (
            self.reason == NO_CLICK_ID or self.reason.startswith("click id ")
        )

    def values(self) -> dict:
        return {
            **{name: self.linked.get(name) for name in _TARGETS},
            "click_id": self.click_id,
            "attribution": "click" if self.attributed else "unattributed",
            "unattributed_reason": self.reason,
        }


def is_retryable(attribution: str, reason: str | None) -> bool:
    """The stored columns of a conversion say its attribution may still change."""
    return attribution == "unattributed" and Attribution(None, reason).retry_later


def attribute(
    conn: sa.Connection, click_id: str | None, sold_at: datetime, window_days: int
) -> Attribution:
    """Link a sale made at `sold_at` to the click `click_id`, within `window_days`."""
    if not click_id:
        return Attribution(None, NO_CLICK_ID)
    # A cheap look-up first: a click not (yet) written is common and needs no joins.
    if conn.execute(_click_exists(), {"click_id": click_id}).first() is None:
        return Attribution(click_id, NOT_FOUND.format(click_id=click_id))
    click = conn.execute(_click_query(), {"click_id": click_id}).one()
    if click.is_bot:
        return Attribution(click_id, BOT.format(bot_reason=click.bot_reason or "no reason given"))
    if click.clicked_at < sold_at - timedelta(days=window_days):
        return Attribution(click_id, TOO_OLD.format(days=window_days))
    if click.clicked_at > sold_at + CLOCK_SKEW:
        return Attribution(click_id, TOO_LATE.format(click_id=click_id))
    return Attribution(click_id, None, {name: getattr(click, name) for name in _TARGETS})


@functools.cache
def _click_exists() -> sa.Select:
    return sa.select(clicks.c.id).where(clicks.c.click_id == sa.bindparam("click_id"))


@functools.cache
def _click_query() -> sa.Select:
    """Built once: the processing loop runs it for every new conversion."""
    # Ids are taken from the joined rows, never copied from the click (its context columns
    # have no foreign keys): a deleted ad set or page becomes NULL instead of a broken link.
    # An ad deleted since the click leaves ad_id NULL (ON DELETE SET NULL) but its link code.
    ad = ads.alias("ad")
    ad_by_link = sa.select(ads.c.id).where(ads.c.link_code == clicks.c.link_code).scalar_subquery()
    return (
        sa.select(
            clicks.c.clicked_at,
            clicks.c.is_bot,
            clicks.c.bot_reason,
            ad.c.id.label("ad_id"),
            ad_sets.c.id.label("ad_set_id"),
            campaigns.c.id.label("campaign_id"),
            landing_pages.c.id.label("landing_page_id"),
            campaigns.c.product_id,
            campaigns.c.user_id,
        )
        .select_from(clicks)
        .outerjoin(ad, ad.c.id == sa.func.coalesce(clicks.c.ad_id, ad_by_link))
        .outerjoin(ad_sets, ad_sets.c.id == sa.func.coalesce(clicks.c.ad_set_id, ad.c.ad_set_id))
        .outerjoin(
            campaigns, campaigns.c.id == sa.func.coalesce(clicks.c.campaign_id, ad.c.campaign_id)
        )
        .outerjoin(
            landing_pages,
            landing_pages.c.id == sa.func.coalesce(clicks.c.landing_page_id, ad.c.landing_page_id),
        )
        .where(clicks.c.click_id == sa.bindparam("click_id"))
    )


def unattributed_total(conn: sa.Connection) -> int:
    """How many conversions are not linked to a click (reasons in unattributed_reason)."""
    return conn.scalar(
        sa.select(sa.func.count()).where(conversions.c.attribution == "unattributed")
    )


def attribute_late_clicks(conn: sa.Connection, window_days: int) -> int:
    """Attribute conversions whose click had not been written when they were processed.

    The redirect writes clicks in batches a moment after the visit, so a very fast sale can be
    processed first. Its conversion waits as "click id … not found"; once the click exists it
    is judged again here (window, bot, clock skew as usual). Returns how many changed. Only
    conversions whose click now exists are read, so the pass costs nothing when none do.
    """
    candidates = conn.execute(
        sa.select(
            conversions.c.id,
            conversions.c.click_id,
            sa.select(
                sa.func.min(
                    sa.func.least(
                        conversion_events.c.occurred_at,
                        sa.func.coalesce(
                            conversion_events.c.approved_at, conversion_events.c.occurred_at
                        ),
                    )
                )
            )
            .where(conversion_events.c.conversion_id == conversions.c.id)
            .scalar_subquery()
            .label("sold_at"),
        )
        .join(clicks, clicks.c.click_id == conversions.c.click_id)
        .where(
            conversions.c.attribution == "unattributed",
            conversions.c.unattributed_reason
            == sa.func.concat("click id ", conversions.c.click_id, " not found"),
        )
    ).all()
    conn.rollback()  # end the read; each conversion gets its own transaction below
    changed = 0
    for candidate in candidates:
        with conn.begin():
            locked = conn.execute(
                sa.select(conversions.c.id)
                .where(
                    conversions.c.id == candidate.id, conversions.c.attribution == "unattributed"
                )
                .with_for_update(skip_locked=True)
            ).first()
            if locked is None or candidate.sold_at is None:
                continue
            found = attribute(conn, candidate.click_id, candidate.sold_at, window_days)
            conn.execute(
                sa.update(conversions)
                .where(conversions.c.id == candidate.id)
                .values(**found.values(), updated_at=sa.func.now())
            )
            changed += 1
    return changed
