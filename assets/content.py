"""Content: creatives in every format for the top offers (offline template writer until an LLM
is configured), each with its compliance verdict."""

import dagster as dg

from affiliate.compliance.gate import judge_creatives, statuses_by_format
from affiliate.config import get_settings
from affiliate.content.creatives import write_creatives
from assets.offers import scored_offers
from resources.database import DatabaseResource


@dg.asset(deps=[scored_offers], group_name="content", kinds={"python", "postgres"})
def creatives(context: dg.AssetExecutionContext, database: DatabaseResource):
    """Meta ads, Google search ads, video scripts, emails, landing pages and SEO outlines per
    top offer, stored with the writer that wrote them and judged by the compliance gate."""
    engine = database.engine()
    report = write_creatives(engine, top_n=get_settings().top_offers)
    for c in report.creatives:
        if c.new:
            context.log.info(f"{c.provider}/{c.template_id} {c.format}: {c.headline!r}")
    if report.stopped:
        context.log.warning(f"writing stopped early: {report.stopped}")
    # Every creative is judged here, in the same step that wrote it: campaigns launch only
    # what passed or what a person approved (`affiliate review`). The gate opens its own short
    # transactions, none of them held while an LLM judge is asked.
    ids = [c.creative_id for c in report.creatives]
    verdicts = judge_creatives(engine, ids)
    with engine.connect() as conn:
        by_format = statuses_by_format(conn, ids)
    context.log.info(f"compliance: {dict(verdicts)}; by format: {by_format}")
    return dg.MaterializeResult(
        metadata={
            "creatives": len(report.creatives),
            "providers": ", ".join(sorted({c.provider for c in report.creatives})),
            "new": report.new,
            "formats": {fmt: dict(counts) for fmt, counts in sorted(by_format.items())},
            "compliance_passed": verdicts["passed"],
            "compliance_pending_review": verdicts["pending"],
            "compliance_blocked": verdicts["blocked"],
        }
    )
