"""The engine's numbers against GrowthBook's gbstats 0.8 (the reference, used only here), on
hundreds of generated experiments, wherever both implement the same method."""

from __future__ import annotations

import numpy as np
import pytest
from gbstats.bayesian.tests import EffectBayesianABTest, EffectBayesianConfig, GaussianPrior
from gbstats.frequentist.tests import (
    FrequentistConfig,
    SequentialConfig,
    SequentialTwoSidedTTest,
    TwoSidedTTest,
)
from gbstats.models.statistics import ProportionStatistic, SampleMeanStatistic
from gbstats.utils import check_srm

from affiliate.stats import gaussian
from affiliate.stats.analysis import analyze
from affiliate.stats.lift import lift
from affiliate.stats.srm import srm_p_value
from affiliate.stats.variants import RateVariant
from tests.stats.generated import mean_experiments, rate_experiments

TOLERANCE = 1e-6
EXPERIMENTS = rate_experiments(seed=5, count=150) + mean_experiments(seed=6, count=150)


def statistic(v):
    if isinstance(v, RateVariant):
        return ProportionStatistic(n=v.n, sum=v.conversions)
    return SampleMeanStatistic(n=v.n, sum=v.sum, sum_squares=v.sum_squares)


def close(ours: float, reference: float) -> bool:
    # Absolute 1e-6; relative 1e-6 for magnitudes above one (sums of revenue, wide intervals).
    return abs(ours - reference) <= TOLERANCE * max(1.0, abs(reference))


def assert_close(ours, reference, what: str) -> None:
    ours, reference = np.atleast_1d(ours), np.atleast_1d(reference)
    for a, b in zip(ours, reference, strict=True):
        assert close(float(a), float(b)), f"{what}: ours {a!r} gbstats {b!r}"


@pytest.fixture(scope="module")
def cases():
    """(experiment, treatment's result, scale) for every treatment of every experiment,
    analysed once through the engine's public entry point."""
    out = []
    for e in EXPERIMENTS:
        for row in analyze(e).treatments:
            out.extend((e, row, scale) for scale in ("absolute", "relative"))
    return out


def test_enough_cases_are_compared(cases):
    assert len(cases) >= 1000
    assert {e.metric for e, _, _ in cases} == {"conversion_rate", "revenue_per_visitor"}
    # Both decisions are represented: significant and not.
    p = [getattr(row, scale).fixed.p_value for _, row, scale in cases]
    assert min(p) < 0.01 and max(p) > 0.3


@pytest.mark.parametrize("kind", ["fixed", "sequential"])
def test_frequentist_and_sequential_match(kind, cases):
    for e, row, scale in cases:
        a, b = statistic(e.control), statistic(row.variant)
        if kind == "fixed":
            config = FrequentistConfig(alpha=e.alpha, difference_type=scale)
            reference = TwoSidedTTest(a, b, config).compute_result()
        else:
            config = SequentialConfig(
                alpha=e.alpha,
                difference_type=scale,
                sequential_tuning_parameter=e.sequential_tuning,
            )
            reference = SequentialTwoSidedTTest(a, b, config).compute_result()
        ours = getattr(getattr(row, scale), kind)
        what = f"{kind} {scale} {e.metric} {e.control} vs {row.variant}"
        assert reference.error_message is None, what
        assert_close(ours.estimate, reference.expected, what + " estimate")
        assert_close([ours.low, ours.high], reference.ci, what + " interval")
        assert_close(ours.p_value, reference.p_value, what + " p-value")


def test_gaussian_bayesian_matches_with_flat_prior(cases):
    for e, row, scale in cases:
        a, b = statistic(e.control), statistic(row.variant)
        config = EffectBayesianConfig(alpha=e.alpha, difference_type=scale)
        reference = EffectBayesianABTest(a, b, config).compute_result()
        ours = getattr(row, scale).gaussian
        what = f"bayesian {scale} {e.metric} {e.control} vs {row.variant}"
        assert_close(ours.mean, reference.expected, what + " mean")
        assert_close([ours.low, ours.high], reference.ci, what + " interval")
        assert_close(ours.chance_to_beat_control, reference.chance_to_win, what + " chance")
        # gbstats' risk is [loss of keeping control, loss of shipping the treatment].
        assert_close(
            [ours.expected_loss_control, ours.expected_loss], reference.risk, what + " risk"
        )


def test_gaussian_bayesian_matches_with_proper_priors(cases):
    rng = np.random.default_rng(7)
    for e, row, scale in cases:
        prior_scale = str(rng.choice(["relative", "absolute"]))
        prior_mean = float(rng.normal(0, 0.1 if prior_scale == "relative" else e.control.mean / 10))
        prior_var = float(rng.uniform(0.001, 0.5)) * (
            1 if prior_scale == "relative" else e.control.mean**2
        )
        a, b = statistic(e.control), statistic(row.variant)
        config = EffectBayesianConfig(
            alpha=e.alpha,
            difference_type=scale,
            prior_type=prior_scale,
            prior_effect=GaussianPrior(mean=prior_mean, variance=prior_var, proper=True),
        )
        reference = EffectBayesianABTest(a, b, config).compute_result()
        prior = gaussian.GaussianPrior(prior_mean, prior_var, proper=True, scale=prior_scale)
        ours = gaussian.gaussian_posterior(
            lift(e.control, row.variant, scale == "relative"),
            e.control.mean,
            scale == "relative",
            e.alpha,
            prior,
        )
        what = f"bayesian {scale} prior {prior_scale} {e.control} vs {row.variant}"
        assert_close(ours.mean, reference.expected, what + " mean")
        assert_close([ours.low, ours.high], reference.ci, what + " interval")
        assert_close(ours.chance_to_beat_control, reference.chance_to_win, what + " chance")
        assert_close(
            [ours.expected_loss_control, ours.expected_loss], reference.risk, what + " risk"
        )


def test_srm_matches(cases):
    rng = np.random.default_rng(8)
    for e in EXPERIMENTS:
        units = [v.n for v in e.variants]
        weights = list(rng.uniform(0.1, 1.0, len(units)))
        result = srm_p_value(units, weights)
        assert close(result, check_srm(units, weights)), (units, weights)
        # Near-planned splits too, where the p-value is far from zero.
        planned = [
            round(sum(units) * w / sum(weights)) + int(rng.integers(-30, 30)) for w in weights
        ]
        assert close(srm_p_value(planned, weights), check_srm(planned, weights))
    assert close(
        analyze(EXPERIMENTS[0]).srm_p_value,
        check_srm([v.n for v in EXPERIMENTS[0].variants], [1.0] * len(EXPERIMENTS[0].variants)),
    )
