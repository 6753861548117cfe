"""Offer intelligence: raw_offers (daily marketplace snapshots) → scored_offers."""

from datetime import date

import dagster as dg

from affiliate.offers.ranking import score_products
from affiliate.offers.store import save_offers
from resources.database import DatabaseResource
from resources.marketplace import ClickBankFeedResource

# end_offset=1: today's partition exists today, so the morning run snapshots today's feed.
daily_partitions = dg.DailyPartitionsDefinition(start_date="2026-01-01", end_offset=1)


@dg.asset(partitions_def=daily_partitions, group_name="offers", kinds={"python", "postgres"})
def raw_offers(
    context: dg.AssetExecutionContext,
    database: DatabaseResource,
    clickbank_feed: ClickBankFeedResource,
) -> dg.MaterializeResult:
    """The marketplace feed of one day: products upserted, one snapshot per product and day."""
    day = date.fromisoformat(context.partition_key)
    stats = save_offers(database.engine(), clickbank_feed.fetch_offers(day), day)
    context.log.info(f"{stats.products} offers saved for {day}")
    return dg.MaterializeResult(metadata={"day": str(day), "products": stats.products})


@dg.asset(deps=[raw_offers], group_name="offers", kinds={"python", "postgres"})
def scored_offers(context: dg.AssetExecutionContext, database: DatabaseResource):
    """V1 score (commission × temperature ÷ price) on each product's latest snapshot."""
    ranked = score_products(database.engine())
    top = [p for p in ranked if p.score is not None][:10]
    return dg.MaterializeResult(
        metadata={
            "scored": sum(p.score is not None for p in ranked),
            "unscorable": sum(p.score is None for p in ranked),
            "top_offers": dg.MetadataValue.md(
                "| product | score | why |\n|---|---|---|\n"
                + "\n".join(f"| {p.name} | {p.score} | {p.explanation} |" for p in top)
            ),
        }
    )
