"""Conversions: pending webhook inbox rows normalised into idempotent, attributed conversions."""

import dagster as dg

from affiliate.tracking.conversions import process_inbox
from assets.campaigns import campaigns
from resources.database import DatabaseResource


@dg.asset(deps=[campaigns], group_name="tracking", kinds={"python", "postgres"})
def conversions(context: dg.AssetExecutionContext, database: DatabaseResource):
    outcomes = process_inbox(database.engine())
    context.log.info(f"inbox processed: {dict(outcomes)}")
    if outcomes["error"]:
        context.log.warning(
            f"{outcomes['error']} inbox rows could not be read; see webhook_inbox.error"
        )
    return dg.MaterializeResult(
        metadata={k: int(v) for k, v in outcomes.items()} or {"processed": 0}
    )
