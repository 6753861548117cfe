"""Offer intelligence: raw_offers (daily marketplace snapshots) → scored_offers."""

from datetime import date

import dagster as dg

from affiliate.offers.connectors import ConnectorError, available
from affiliate.offers.connectors.base import NotConnected
from affiliate.offers.ranking import score_products
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
        offers = marketplaces.connector(network, engine).fetch_offers(day)
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
