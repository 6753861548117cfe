"""The ab_test_results asset materialised against the real database."""

from __future__ import annotations

import dagster as dg
import numpy as np

from assets.ab_tests import ab_test_results
from resources.database import DatabaseResource
from tests.stats.marts_tables import SCHEMA, generated_ad_set


def test_materialises_verdicts_as_metadata(marts, db_url):
    rng = np.random.default_rng(51)
    rows = generated_ad_set(rng, 50, [0.05, 0.07, 0.05], [900, 900, 900])
    rows += generated_ad_set(rng, 60, [0.05, 0.05], [800, 650])
    marts(rows, [])
    result = dg.materialize(
        [ab_test_results],
        resources={"database": DatabaseResource(url=db_url)},
        run_config={"ops": {"ab_test_results": {"config": {"marts_schema": SCHEMA}}}},
    )
    assert result.success
    [event] = result.asset_materializations_for_node("ab_test_results")
    metadata = event.metadata
    assert metadata["experiments"].value == 2
    assert metadata["winners"].value == 1
    assert metadata["blocked_by_srm"].value == 1
    table = metadata["verdicts"].value
    assert "Ad 501 (#501) wins" in table and "Blocked: sample ratio mismatch" in table


def test_asset_wiring():
    spec = next(iter(ab_test_results.specs))
    assert spec.group_name == "performance"
    assert {d.asset_key for d in spec.deps} == {
        dg.AssetKey("fct_campaign_performance_daily"),
        dg.AssetKey("fct_conversions"),
    }
