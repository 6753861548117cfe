"""Reading ad sets' creative tests from the marts, against the real database.

The two marts are plain tables here (tests/stats/marts_tables.py), in a schema of the tests'
own: building the whole dbt project for a data set with several ads per ad set would test dbt
again. That the columns read are the marts' is checked against the models' yml contracts below.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
import yaml

from affiliate.stats.creative_tests import creative_test_verdicts, verdicts_markdown
from affiliate.stats.marts import _QUERY, experiments_from_marts
from tests.stats.marts_tables import (
    CONVERSION_COLUMNS,
    DAY1,
    PERF_COLUMNS,
    SCHEMA,
    generated_ad_set,
    perf,
    sale,
)

MARTS = Path(__file__).parents[2] / "dbt_project" / "models" / "marts" / "performance"


# Ad set 10: ads 101 and 102 live from day 0, ad 103 only from day 2 — the test starts on day 2.
# Ad set 20 has one ad; in ad set 30 the second ad never had a tracked click: neither is a test.
PERF = [
    perf(0, 1, 10, 101, 50, 3),
    perf(1, 1, 10, 101, 40, 2),
    perf(0, 1, 10, 102, 45, 1),
    perf(1, 1, 10, 102, 0, 0, bots=7),
    perf(1, 1, 10, 103, 0, 0),  # spend only, not live yet
    perf(2, 1, 10, 101, 30, 2),
    perf(3, 1, 10, 101, 35, 1, name="Ad 101 renamed"),
    perf(2, 1, 10, 102, 33, 3),
    perf(3, 1, 10, 102, 31, 0),
    perf(2, 1, 10, 103, 29, 1),
    perf(3, 1, 10, 103, 38, 2),
    perf(0, 2, 20, 201, 100, 5),
    perf(0, 3, 30, 301, 100, 5),
    perf(0, 3, 30, 302, 0, 0),
]
SALES = [
    sale(1, 10, 101, "c1", 0, "30.00"),  # before the window
    sale(2, 10, 101, "c2", 2, "30.00"),
    sale(3, 10, 101, "c2", 2, "12.50"),  # the same visitor bought twice
    sale(4, 10, 101, "c3", 3, "0.00"),  # refunded: approved once, earns nothing now
    sale(5, 10, 102, "c4", 2, "45.00"),
    sale(6, 10, 102, None, 3, "20.00"),  # no click: a visitor of its own
    sale(7, 10, 102, "c5", 3, "99.00", is_revenue=False),  # pending
    sale(8, 10, 103, "c6", 3, "10.00"),
    sale(9, 20, 201, "c7", 0, "10.00"),
]


def expected_arms():
    """The same figures computed here in Python from the rows, independently of the SQL."""
    live_from = defaultdict(dict)
    for r in PERF:
        if r["tracked_clicks"] > 0:
            start = live_from[r["ad_group_id"]].get(r["ad_id"], r["date_day"])
            live_from[r["ad_group_id"]][r["ad_id"]] = min(start, r["date_day"])
    out = {}
    for ad_set, ads in live_from.items():
        if len(ads) < 2:
            continue
        first = max(ads.values())
        arms = []
        for ad in sorted(ads):
            rows = [r for r in PERF if r["ad_id"] == ad and r["date_day"] >= first]
            per_visitor = defaultdict(Decimal)
            for s in SALES:
                if s["ad_id"] == ad and s["is_revenue"] and s["approved_day"] >= first:
                    per_visitor[s["click_id"] or f"sale {s['conversion_id']}"] += s[
                        "net_commission_amount"
                    ]
            arms.append(
                (
                    ad,
                    sum(r["tracked_clicks"] for r in rows),
                    sum(r["conversions"] for r in rows),
                    float(sum(per_visitor.values())),
                    float(sum(v * v for v in per_visitor.values())),
                )
            )
        out[ad_set] = (first, arms)
    return out


def test_ad_sets_become_tests_with_their_window_and_visitor_revenue(marts):
    engine = marts(PERF, SALES)
    with engine.connect() as conn:
        tests = experiments_from_marts(conn, schema=SCHEMA)
    expected = expected_arms()
    assert [t.ad_group_id for t in tests] == sorted(expected) == [10]
    [test] = tests
    first, arms = expected[10]
    assert test.first_day == first == DAY1 + timedelta(days=2)
    assert test.last_day == DAY1 + timedelta(days=3)
    assert [(a.ad_id, a.visitors, a.conversions) for a in test.arms] == [a[:3] for a in arms]
    for arm, (_, _, _, total, squares) in zip(test.arms, arms, strict=True):
        assert arm.revenue_sum == pytest.approx(total)
        assert arm.revenue_sum_squares == pytest.approx(squares)
    # Hand check of the trickiest arm: visitor c2 bought twice (30 + 12.50), c3 was refunded.
    assert (test.arms[0].revenue_sum, test.arms[0].revenue_sum_squares) == (42.5, 42.5**2)
    assert test.arms[0].ad_name == "Ad 101 renamed"  # the latest name
    rate, revenue = test.experiments()
    assert rate.control.name == "Ad 101 renamed (#101)"
    assert [v.n for v in revenue.variants] == [65, 64, 67]


def test_verdicts_for_a_winner_and_for_a_broken_split(marts):
    rng = np.random.default_rng(41)
    rows = generated_ad_set(rng, 50, [0.05, 0.07], [800, 800])  # B converts 40 % better
    rows += generated_ad_set(rng, 60, [0.05, 0.05], [800, 700])  # one ad loses traffic
    engine = marts(rows, [])
    with engine.connect() as conn:
        verdicts = creative_test_verdicts(experiments_from_marts(conn, schema=SCHEMA))
    by_set = {v.test.ad_group_id: v for v in verdicts}
    rate_50, revenue_50 = by_set[50].results
    assert rate_50.status == "winner" and rate_50.winner == "Ad 501 (#501)"
    assert rate_50.reason.startswith("Ad 501 (#501) wins: +")
    assert "holm-adjusted" in rate_50.reason
    assert revenue_50.status == "no_verdict"  # no sales recorded: nothing varies
    assert [r.status for r in by_set[60].results] == ["blocked", "blocked"]
    table = verdicts_markdown(verdicts)
    assert table.count("\n") == 3  # header, rule, two ad sets
    assert "Campaign 7 / Ad set 50" in table and "Blocked: sample ratio mismatch" in table


def test_impossible_numbers_are_reported_not_raised(marts):
    rows = [perf(0, 1, 10, 101, 5, 9), perf(0, 1, 10, 102, 5, 1)]  # 9 sales from 5 clicks
    engine = marts(rows, [])
    with engine.connect() as conn:
        [verdict] = creative_test_verdicts(experiments_from_marts(conn, schema=SCHEMA))
    assert verdict.error.startswith("Invalid data: variant 'Ad 101 (#101)': conversions (9) > n")
    assert "Invalid data" in verdicts_markdown([verdict])


def test_no_tests_yet(marts):
    engine = marts(PERF[-3:], [])
    with engine.connect() as conn:
        assert experiments_from_marts(conn, schema=SCHEMA) == []
    assert "nothing to compare" in verdicts_markdown([])


def test_schema_name_is_checked(engine):
    with engine.connect() as conn, pytest.raises(ValueError, match="schema"):
        experiments_from_marts(conn, schema="analytics; drop table x")


def test_columns_read_are_the_marts_columns():
    """The query uses only columns the dbt models declare (their yml is the contract)."""
    for model, columns in [
        ("fct_campaign_performance_daily", PERF_COLUMNS),
        ("fct_conversions", CONVERSION_COLUMNS),
    ]:
        spec = yaml.safe_load((MARTS / f"{model}.yml").read_text())
        [entry] = [m for m in spec["models"] if m["name"] == model]
        declared = {c["name"] for c in entry["columns"]}
        assert set(columns) <= declared, set(columns) - declared
        assert f"{{schema}}.{model}" in _QUERY
