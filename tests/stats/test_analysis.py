"""Verdicts and their reasons, input validation, and why the sequential intervals exist."""

from __future__ import annotations

import numpy as np
import pytest

from affiliate.stats.analysis import analyze, analyze_family
from affiliate.stats.design import parse_experiment
from affiliate.stats.frequentist import welch_test
from affiliate.stats.lift import lift
from affiliate.stats.sequential import sequential_test
from affiliate.stats.variants import ExperimentInputError, RateVariant


def rates(*arms, **options):
    variants = [{"name": name, "n": n, "conversions": c} for name, n, c in arms]
    return parse_experiment({"variants": variants, **options})


def test_clear_winner_says_why():
    result = analyze(rates(("A", 10_000, 1000), ("B", 10_000, 1180)))
    assert (result.status, result.winner) == ("winner", "B")
    assert result.reason.startswith("B wins: +18 % conversion rate, ")
    assert "chance to beat A" in result.reason and result.reason.endswith("SRM ok")
    [b] = result.treatments
    assert b.chance_to_beat_control > 0.99
    assert b.relative.sequential_p_adjusted < 0.05


def test_sample_ratio_mismatch_blocks_even_a_strong_effect():
    result = analyze(rates(("A", 10_000, 1000), ("B", 9_000, 1400)))
    assert result.srm_p_value < 0.001
    assert result.status == "blocked" and result.winner is None
    assert result.reason.startswith("Blocked: sample ratio mismatch (p = ")
    assert "0.001" in result.reason
    # The numbers are still there to look at; only the verdict is withheld.
    assert result.treatments[0].relative.fixed.p_value < 1e-6


def test_planned_uneven_split_is_not_a_mismatch():
    result = analyze(rates(("A", 10_000, 1000), ("B", 9_000, 1400), expected_split=[10, 9]))
    assert result.srm_p_value > 0.5
    assert result.status == "winner"


def test_no_winner_yet():
    result = analyze(rates(("A", 2_000, 200), ("B", 2_000, 215)))
    assert result.status == "no_winner"
    assert result.reason.startswith("No winner yet: best so far B +7.5 % conversion rate, ")


def test_control_wins_when_every_variant_is_worse():
    result = analyze(rates(("A", 20_000, 2000), ("B", 20_000, 1500), ("C", 20_000, 1600)))
    assert (result.status, result.winner) == ("control_wins", "A")


def test_sequential_decision_is_stricter_than_fixed_horizon():
    arms = (("A", 5_000, 500), ("B", 5_000, 570))
    fixed = analyze(rates(*arms, decision="fixed"))
    sequential = analyze(rates(*arms))
    assert fixed.treatments[0].relative.fixed.p_value < 0.05
    assert sequential.treatments[0].relative.sequential.p_value > 0.05
    assert (fixed.status, sequential.status) == ("winner", "no_winner")


def test_correction_can_withdraw_a_marginal_winner():
    arms = (("A", 5_000, 500), ("B", 5_000, 500), ("C", 5_000, 505), ("D", 5_000, 570))
    plain = analyze(rates(*arms, decision="fixed"))
    holm = analyze(rates(*arms, decision="fixed", correction="holm"))
    bh = analyze(rates(*arms, decision="fixed", correction="bh"))
    d = [r for r in plain.treatments if r.variant.name == "D"][0]
    assert 0.05 / 3 < d.relative.fixed.p_value < 0.05
    assert plain.status == "winner"
    assert holm.status == "no_winner" and "holm-adjusted" in holm.reason
    assert bh.status == "no_winner"


def test_family_adjusts_across_experiments():
    one = rates(("A", 5_000, 500), ("B", 5_000, 565), decision="fixed")
    other = rates(("A", 5_000, 500), ("B", 5_000, 502), decision="fixed")
    alone = analyze(one).treatments[0].relative.fixed_p_adjusted
    together = analyze_family([one, other], "holm")[0].treatments[0].relative.fixed_p_adjusted
    assert together == pytest.approx(2 * alone)


def test_no_variation_is_reported_not_raised():
    result = analyze(rates(("A", 500, 0), ("B", 500, 3)))
    assert result.status == "no_verdict"
    assert "no variation" in result.reason
    assert result.treatments[0].error


def test_means_are_analysed_with_welch():
    e = parse_experiment(
        {
            "variants": [
                {"name": "A", "n": 4000, "sum": 20_000, "sum_squares": 1_200_000},
                {"name": "B", "n": 4000, "sum": 26_000, "sum_squares": 1_500_000},
            ]
        }
    )
    assert e.metric == "revenue_per_visitor"
    result = analyze(e)
    [b] = result.treatments
    assert b.beta_binomial is None
    assert b.absolute.fixed.estimate == pytest.approx(1.5)
    assert result.reason.startswith("B wins: +30 % revenue per visitor")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"variants": [{"n": 100, "conversions": 10}]}, "at least two variants"),
        ({"variants": [{"n": 100, "conversions": 101}, {"n": 100, "conversions": 1}]}, "> n"),
        ({"variants": [{"n": 1, "conversions": 0}, {"n": 100, "conversions": 1}]}, "at least 2"),
        ({"variants": [{"n": 100, "conversions": -1}, {"n": 9, "conversions": 1}]}, "negative"),
        (
            {
                "variants": [
                    {"n": 10, "sum": 10, "sum_squares": 5},
                    {"n": 9, "sum": 1, "sum_squares": 1},
                ]
            },
            "negative variance",
        ),
        ({"variants": [{"n": 10}, {"n": 10}]}, "cannot infer the metric"),
        (
            {"metric": "conversion_rate", "variants": [{"n": 10, "sum": 1, "sum_squares": 1}] * 2},
            "missing conversions",
        ),
        ({"variants": [{"n": 10.5, "conversions": 1}, {"n": 10, "conversions": 1}]}, "integer"),
        (
            {"variants": [{"n": 10, "conversions": 1}] * 2, "expected_split": [1, 2, 3]},
            "3 weights for 2 variants",
        ),
        ({"variants": [{"n": 10, "conversions": 1}] * 2, "expected_split": [1, 0]}, "positive"),
        ({"variants": [{"n": 10, "conversions": 1}] * 2, "alpha": 1.5}, "alpha"),
        ({"variants": [{"n": 10, "conversions": 1}] * 2, "correction": "sidak"}, "correction"),
        ({"variants": [{"n": 10, "conversions": 1}] * 2, "colour": "red"}, "unknown field"),
        (
            {"variants": [{"name": "A", "n": 10, "conversions": 1}] * 2},
            "names must be unique",
        ),
        ([1, 2], "JSON object"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(data, message):
    with pytest.raises(ExperimentInputError, match=message):
        parse_experiment(data)


def test_daily_peeking_is_safe_with_the_sequential_interval():
    """A/A tests read every day for 30 days: stopping at the first "significant" day makes the
    fixed-horizon test cry wolf far more often than α, the sequential one stays within α."""
    rng = np.random.default_rng(31)
    alpha, days, per_day, runs = 0.05, 30, 400, 400
    false_fixed = false_sequential = 0
    for _ in range(runs):
        conv = rng.binomial(per_day, 0.1, size=(2, days)).cumsum(axis=1)
        n = per_day * np.arange(1, days + 1)
        fixed_hit = sequential_hit = False
        for day in range(days):
            a = RateVariant("A", int(n[day]), int(conv[0, day]))
            b = RateVariant("B", int(n[day]), int(conv[1, day]))
            estimate = lift(a, b, relative=True)
            fixed_hit |= welch_test(estimate, alpha).p_value < alpha
            sequential_hit |= sequential_test(estimate, a.n + b.n, alpha, 5000).p_value < alpha
        false_fixed += fixed_hit
        false_sequential += sequential_hit
    assert false_fixed / runs > 2 * alpha
    assert false_sequential / runs <= alpha
