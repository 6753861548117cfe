"""Content: creatives for the top offers (offline template writer until an LLM is configured),
each with its compliance verdict."""

import dagster as dg

from affiliate.compliance.gate import GATE_PLATFORM, judge_creatives
from affiliate.config import get_settings
from affiliate.content.creatives import write_creatives
from assets.offers import scored_offers
from resources.database import DatabaseResource


@dg.asset(deps=[scored_offers], group_name="content", kinds={"python", "postgres"})
def creatives(context: dg.AssetExecutionContext, database: DatabaseResource):
    """A headline and ad text per top offer, stored with the template that wrote it and
    judged by the compliance gate."""
    engine = database.engine()
    written = write_creatives(engine, top_n=get_settings().top_offers)
    for c in written:
        context.log.info(f"{c.provider}/{c.template_id}: {c.headline!r}")
    # Every creative is judged here, in the same step that wrote it: campaigns launch only
    # what passed or what a person approved (`affiliate review`).
    with engine.begin() as conn:
        verdicts = judge_creatives(conn, [c.creative_id for c in written])
    context.log.info(f"compliance ({GATE_PLATFORM}): {dict(verdicts)}")
    return dg.MaterializeResult(
        metadata={
            "creatives": len(written),
            "provider": "template",
            "new": sum(c.new for c in written),
            "compliance_passed": verdicts["passed"],
            "compliance_pending_review": verdicts["pending"],
            "compliance_blocked": verdicts["blocked"],
        }
    )
