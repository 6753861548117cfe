"""The beta-binomial test (ours alone: gbstats 0.8 has none) against direct numerical
integration of its defining integrals and against simulation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, stats

from affiliate.stats.beta_binomial import (
    EXACT_SUM_LIMIT,
    _prob_greater_by_quadrature,
    beta_binomial_test,
    posterior,
    prob_greater,
)
from affiliate.stats.variants import RateVariant


def integrated_prob_greater(a1, b1, a2, b2):
    """P(X2 > X1) = ∫ f2(y) F1(y) dy, by adaptive quadrature over X2's support."""
    lo, hi = stats.beta.ppf(1e-14, a2, b2), stats.beta.isf(1e-14, a2, b2)
    value, _ = integrate.quad(
        lambda y: stats.beta.pdf(y, a2, b2) * stats.beta.cdf(y, a1, b1),
        lo, hi, epsabs=1e-13, epsrel=1e-11, limit=500,
    )  # fmt: skip
    return value


def integrated_loss(a_a, b_a, a_b, b_b):
    """E[max(pA − pB, 0)] = ∫ f_A(x) ∫_0^x (x − y) f_B(y) dy dx, the inner integral in closed
    form: x·F_B(x) − mean_B·F_B'(x) with B' = Beta(a_b + 1, b_b)."""
    mean_b = a_b / (a_b + b_b)
    lo, hi = stats.beta.ppf(1e-14, a_a, b_a), stats.beta.isf(1e-14, a_a, b_a)

    def inner(x):
        return x * stats.beta.cdf(x, a_b, b_b) - mean_b * stats.beta.cdf(x, a_b + 1, b_b)

    value, _ = integrate.quad(
        lambda x: stats.beta.pdf(x, a_a, b_a) * inner(x), lo, hi,
        epsabs=1e-14, epsrel=1e-10, limit=500,
    )  # fmt: skip
    return value


def generated_pairs(count):
    rng = np.random.default_rng(21)
    for _ in range(count):
        n_a, n_b = (int(x) for x in rng.integers(5, 50_000, 2))
        rate = float(rng.uniform(0.001, 0.6))
        c_a = int(rng.binomial(n_a, rate))
        c_b = int(rng.binomial(n_b, min(0.99, rate * float(rng.uniform(0.7, 1.4)))))
        yield RateVariant("A", n_a, c_a), RateVariant("B", n_b, c_b)


def test_chance_to_beat_and_expected_loss_match_numerical_integration():
    for a, b in generated_pairs(40):
        a_a, b_a = posterior(a)
        a_b, b_b = posterior(b)
        result = beta_binomial_test(a, b, 0.05)
        assert result.chance_to_beat_control == pytest.approx(
            integrated_prob_greater(a_a, b_a, a_b, b_b), abs=1e-8
        ), (a, b)
        assert result.expected_loss == pytest.approx(
            integrated_loss(a_a, b_a, a_b, b_b), abs=1e-9
        ), (a, b)
        assert result.expected_loss_control == pytest.approx(
            integrated_loss(a_b, b_b, a_a, b_a), abs=1e-9
        ), (a, b)


def test_every_branch_of_the_closed_form_agrees():
    # The sum runs over whichever parameter is smallest; each branch against the integral.
    for params in [(3, 900, 40, 800), (40, 800, 3, 900), (900, 3, 800, 40), (800, 40, 900, 3)]:
        assert prob_greater(*params) == pytest.approx(integrated_prob_greater(*params), abs=1e-9)


def test_credible_interval_matches_simulation():
    rng = np.random.default_rng(22)
    draws = 2_000_000
    for a, b in [
        (RateVariant("A", 1000, 100), RateVariant("B", 1000, 120)),
        (RateVariant("A", 40, 2), RateVariant("B", 35, 6)),
        (RateVariant("A", 80_000, 2400), RateVariant("B", 79_000, 2250)),
    ]:
        result = beta_binomial_test(a, b, 0.1)
        diff = rng.beta(*posterior(b), draws) - rng.beta(*posterior(a), draws)
        low, high = np.quantile(diff, [0.05, 0.95])
        # Tolerance: a few standard errors of a simulated quantile.
        tolerance = 5 * diff.std() * np.sqrt(0.05 * 0.95 / draws) / stats.norm.pdf(1.645)
        assert result.low == pytest.approx(low, abs=tolerance)
        assert result.high == pytest.approx(high, abs=tolerance)
        assert result.chance_to_beat_control == pytest.approx((diff > 0).mean(), abs=2e-3)
        assert result.estimate == pytest.approx(diff.mean(), abs=tolerance)


def test_large_samples_switch_to_quadrature_without_losing_accuracy():
    # Both ways where both are feasible: the closed-form sum and the quadrature agree.
    rng = np.random.default_rng(23)
    for _ in range(20):
        a_a, a_b = (int(x) for x in rng.integers(20_000, 60_000, 2))
        b_a, b_b = (int(x) for x in rng.integers(200_000, 2_000_000, 2))
        assert _prob_greater_by_quadrature(a_a, b_a, a_b, b_b) == pytest.approx(
            prob_greater(a_a, b_a, a_b, b_b), abs=1e-7
        )
    # Past the limit (and with very uneven arms) the test stays quick and agrees with simulation.
    draws = 2_000_000
    for a, b in [
        (RateVariant("A", 10_000_000, 500_000), RateVariant("B", 9_000_000, 451_000)),
        (RateVariant("A", 4_000_000, 200_000), RateVariant("B", 600, 36)),
    ]:
        assert min(*posterior(a), *posterior(b)) > EXACT_SUM_LIMIT or a.n / b.n > 1000
        result = beta_binomial_test(a, b, 0.05)
        diff = rng.beta(*posterior(b), draws) - rng.beta(*posterior(a), draws)
        assert result.chance_to_beat_control == pytest.approx((diff > 0).mean(), abs=2e-3)
        low, high = np.quantile(diff, [0.025, 0.975])
        tolerance = 5 * diff.std() * np.sqrt(0.025 * 0.975 / draws) / stats.norm.pdf(1.96)
        assert (result.low, result.high) == pytest.approx((low, high), abs=tolerance)
        assert result.expected_loss == pytest.approx(np.maximum(-diff, 0).mean(), abs=tolerance)
