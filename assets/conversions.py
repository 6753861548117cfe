"""Conversions: pending webhook inbox rows folded into idempotent, attributed conversions."""

import dagster as dg

from affiliate.config import get_settings
from affiliate.tracking.attribution import unattributed_total
from affiliate.tracking.conversions import OUTCOMES, process_inbox
from assets.campaigns import campaigns
from resources.database import DatabaseResource


# fx_rates: exchange rates loaded from outside (`affiliate fx load`), read for the account
# currency amounts.
@dg.asset(
    deps=[campaigns, dg.AssetKey("fx_rates")], group_name="tracking", kinds={"python", "postgres"}
)
def conversions(context: dg.AssetExecutionContext, database: DatabaseResource):
    engine = database.engine()
    outcomes = process_inbox(engine, get_settings())
    context.log.info(f"inbox processed: {dict(outcomes)}")
    if outcomes["error"]:
        context.log.warning(
            f"{outcomes['error']} inbox rows could not be read; see webhook_inbox.error"
        )
    if outcomes["waiting_fx"]:
        context.log.warning(
            f"{outcomes['waiting_fx']} inbox rows wait for an exchange rate; see "
            "webhook_inbox.error, then `affiliate fx load rates.csv`"
        )
    with engine.connect() as conn:
        unattributed = unattributed_total(conn)
    return dg.MaterializeResult(
        metadata={**{k: int(outcomes[k]) for k in OUTCOMES}, "unattributed_total": unattributed}
    )
