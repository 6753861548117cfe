"""Performance Lab: every ad set's creative test read from the marts, with its verdict."""

from typing import Literal

import dagster as dg

from affiliate.stats.creative_tests import creative_test_verdicts, verdicts_markdown
from affiliate.stats.marts import experiments_from_marts
from resources.database import DatabaseResource


class AbTestConfig(dg.Config):
    # Holm by default: the report runs daily over many ads, and must not crown winners by chance.
    correction: Literal["holm", "bh", "none"] = "holm"
    marts_schema: str = "analytics"


@dg.asset(
    deps=[dg.AssetKey("fct_campaign_performance_daily"), dg.AssetKey("fct_conversions")],
    group_name="performance",
    kinds={"python"},
)
def ab_test_results(
    context: dg.AssetExecutionContext, config: AbTestConfig, database: DatabaseResource
) -> dg.MaterializeResult:
    """Conversion rate and revenue per visitor of each ad set's ads (control: the first ad),
    with sequential p-values safe to read daily and a sample-ratio check that can block."""
    with database.engine().connect() as conn:
        tests = experiments_from_marts(conn, schema=config.marts_schema)
    correction = None if config.correction == "none" else config.correction
    verdicts = creative_test_verdicts(tests, correction)
    statuses = [s for v in verdicts for s in v.statuses[:1]]  # conversion rate decides
    context.log.info(f"A/B tests: {len(verdicts)} ad sets, {statuses.count('winner')} winners")
    return dg.MaterializeResult(
        metadata={
            "experiments": len(verdicts),
            "winners": statuses.count("winner"),
            "blocked_by_srm": statuses.count("blocked"),
            "verdicts": dg.MetadataValue.md(verdicts_markdown(verdicts)),
        }
    )
