"""Offer intelligence: raw_offers (daily marketplace snapshots) → scored_offers."""

from datetime import UTC, date, datetime

import dagster as dg

from affiliate.offers.combined_score import FORMULA_VERSION
from affiliate.offers.connectors import ConnectorError, available
from affiliate.offers.connectors.base import NotConnected
from affiliate.offers.ranking import score_products, top_offers_markdown
from affiliate.offers.review import REVIEWED_CANDIDATES, head_of_ranking, review_products
from affiliate.offers.store import save_offers
from resources.database import DatabaseResource
from resources.marketplace import MarketplaceResource

# end_offset=1: today's partition exists today, so the morning run snapshots today's feed.
# One partition per day and network: a network that fails (an expired login) does not
# hold back the others, and each can be backfilled on its own.
daily_partitions = dg.DailyPartitionsDefinition(start_date="2026-01-01", end_offset=1)
offer_partitions = dg.MultiPartitionsDefinition(
    {"date": daily_partitions, "network": dg.StaticPartitionsDefinition(available())}
)


def offer_partition(day: date, network: str) -> dg.MultiPartitionKey:
    return dg.MultiPartitionKey({"date": day.isoformat(), "network": network})


@dg.asset(partitions_def=offer_partitions, group_name="offers", kinds={"python", "postgres"})
def raw_offers(
    context: dg.AssetExecutionContext,
    database: DatabaseResource,
    marketplaces: MarketplaceResource,
) -> dg.MaterializeResult:
    """One network's offers on one day: products upserted, one snapshot per product and day."""
    keys = context.partition_key.keys_by_dimension
    day, network = date.fromisoformat(keys["date"]), keys["network"]
    engine = database.engine()
    try:
        # A run started from the API scrapes with the caller's session (a tagged user id).
        user_id = context.run.tags.get("affiliate/user_id")
        connector = marketplaces.connector(network, engine, int(user_id) if user_id else None)
        offers = connector.fetch_offers(day)
        stats = save_offers(engine, offers, day)
    except NotConnected as exc:
        # Never connected: nothing to do, and not a failure (most users have no such account).
        context.log.info(str(exc))
        return dg.MaterializeResult(
            metadata={"day": str(day), "network": network, "products": 0, "skipped": str(exc)}
        )
    except ConnectorError as exc:
        raise dg.Failure(description=str(exc)) from exc
    context.log.info(f"{stats.products} {network} offers saved for {day}")
    return dg.MaterializeResult(
        metadata={"day": str(day), "network": network, "products": stats.products}
    )


@dg.asset(deps=[raw_offers], group_name="offers", kinds={"python", "postgres"})
def scored_offers(context: dg.AssetExecutionContext, database: DatabaseResource):
    """V1 (commission × temperature ÷ price) × momentum × review, per product and day.

    The sales pages of the REVIEWED_CANDIDATES best products by V1 × momentum are reviewed
    first (once a day, reused on re-runs); everyone else keeps a review multiplier of 1.
    """
    engine = database.engine()
    reviews: dict[int, float] = {}

    def review_head(ranking):
        candidates = head_of_ranking(ranking, REVIEWED_CANDIDATES)
        reviews.update(review_products(engine, candidates, datetime.now(UTC).date()))
        context.log.info(f"{len(reviews)} of {len(candidates)} candidates' sales pages reviewed")
        return reviews

    ranked = score_products(engine, reviewer=review_head)
    scored = [p for p in ranked if p.score is not None]
    context.log.info(f"{len(scored)} of {len(ranked)} products scored ({FORMULA_VERSION})")
    return dg.MaterializeResult(
        metadata={
            "formula_version": FORMULA_VERSION,
            "reviewed": len(reviews),
            "scored": len(scored),
            "unscorable": len(ranked) - len(scored),
            "accelerating": sum(p.accelerating for p in scored),
            "rising_28d": sum((p.slope_28d or 0) > 0 for p in scored),
            "falling_28d": sum((p.slope_28d or 0) < 0 for p in scored),
            "no_trend_yet": sum(p.slope_28d is None for p in scored),
            "top_offers": dg.MetadataValue.md(top_offers_markdown(scored[:10])),
        }
    )
