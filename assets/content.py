"""Content: creatives for the top offers (offline template writer until an LLM is configured)."""

import dagster as dg

from affiliate.config import get_settings
from affiliate.content.creatives import write_creatives
from assets.offers import scored_offers
from resources.database import DatabaseResource


@dg.asset(deps=[scored_offers], group_name="content", kinds={"python", "postgres"})
def creatives(context: dg.AssetExecutionContext, database: DatabaseResource):
    """A headline and ad text per top offer, stored with the template that wrote it."""
    written = write_creatives(database.engine(), top_n=get_settings().top_offers)
    for c in written:
        context.log.info(f"{c.provider}/{c.template_id}: {c.headline!r}")
    return dg.MaterializeResult(
        metadata={
            "creatives": len(written),
            "provider": "template",
            "new": sum(c.new for c in written),
        }
    )
