"""Bayesian test of two conversion rates with the conjugate beta-binomial model.

Each arm's rate has a Beta(1 + conversions, 1 + non-conversions) posterior (uniform prior). The
chance that B beats A and the expected loss are computed exactly, not by simulation:

* P(p_B > p_A) by the closed-form sum for Beta variables with an integer parameter (Evan
  Miller, "Formulas for Bayesian A/B testing", 2015), summed over whichever of the four
  parameters is smallest (mirroring p → 1 − p where needed), in log space;
* expected loss of shipping B, E[max(p_A − p_B, 0)], from the identity x·Beta(x; a, b) =
  a/(a+b) · Beta(x; a+1, b), which turns it into two more such probabilities;
* the credible interval of p_B − p_A by inverting its distribution function, one integral per
  evaluation.

gbstats 0.8 has no beta-binomial test (its Bayesian engine is the Gaussian effect model in
gaussian.py), so these are checked against numerical integration and simulation instead.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from scipy import optimize, special, stats

from affiliate.stats.variants import RateVariant

PRIOR_ALPHA = 1
PRIOR_BETA = 1
# The exact sum has as many terms as its smallest parameter; beyond this (100 000 conversions
# *and* non-conversions in every arm) a quadrature accurate to ~1e-9 replaces it, so memory and
# time stay bounded.
EXACT_SUM_LIMIT = 100_000


@dataclass(frozen=True)
class BetaBinomialResult:
    chance_to_beat_control: float
    expected_loss: float  # absolute rate points given up, on average, by shipping the treatment
    expected_loss_control: float  # … by keeping the control
    low: float  # credible interval of p_B − p_A
    high: float
    estimate: float  # posterior mean of p_B − p_A

    def as_dict(self) -> dict:
        return {
            "model": "beta-binomial (uniform prior)",
            "scale": "absolute",
            "estimate": self.estimate,
            "ci": [self.low, self.high],
            "chance_to_beat_control": self.chance_to_beat_control,
            "expected_loss": self.expected_loss,
        }


def posterior(variant: RateVariant) -> tuple[int, int]:
    return PRIOR_ALPHA + variant.conversions, PRIOR_BETA + variant.n - variant.conversions


def prob_greater(a1: int, b1: int, a2: int, b2: int) -> float:
    """P(X2 > X1) for independent X1 ~ Beta(a1, b1), X2 ~ Beta(a2, b2), integer parameters.

    Accurate to about 1e-8 (the log-beta terms of a long sum lose a few digits when the
    parameters reach millions)."""
    return min(1.0, max(0.0, _prob_greater(a1, b1, a2, b2)))


def _prob_greater(a1: int, b1: int, a2: int, b2: int) -> float:
    smallest = min(a1, b1, a2, b2)
    if smallest > EXACT_SUM_LIMIT:
        return _prob_greater_by_quadrature(a1, b1, a2, b2)
    if smallest == a2:
        return _prob_greater_by_a2(a1, b1, a2, b2)
    if smallest == a1:
        return 1.0 - _prob_greater_by_a2(a2, b2, a1, b1)
    # X2 > X1  ⇔  1 − X1 > 1 − X2, and 1 − X ~ Beta(b, a).
    if smallest == b1:
        return _prob_greater_by_a2(b2, a2, b1, a1)
    return 1.0 - _prob_greater_by_a2(b1, a1, b2, a2)


def _prob_greater_by_a2(a1: int, b1: int, a2: int, b2: int) -> float:
    i = np.arange(a2, dtype=float)
    log_terms = (
        special.betaln(a1 + i, b1 + b2)
        - np.log(b2 + i)
        - special.betaln(1 + i, b2)
        - special.betaln(a1, b1)
    )
    return float(np.exp(special.logsumexp(log_terms)))


def _prob_greater_by_quadrature(a1: int, b1: int, a2: int, b2: int) -> float:
    """P(X2 > X1), for parameters too large to sum: ∫ f1(x) P(X2 > x) dx over the narrower
    variable's support, so the other's distribution function is smooth across the nodes."""
    if _beta_std(a1, b1) <= _beta_std(a2, b2):
        x, w = _quadrature(a1, b1)
        return float(np.dot(w, special.betaincc(a2, b2, x)))
    y, w = _quadrature(a2, b2)
    return float(np.dot(w, special.betainc(a1, b1, y)))


def _quadrature(a: float, b: float) -> tuple[np.ndarray, np.ndarray]:
    """Gauss–Legendre nodes over where Beta(a, b) has its mass (beyond its 1e-12 quantiles
    nothing visible remains), and weights that include its density."""
    lo, hi = stats.beta.ppf(1e-12, a, b), stats.beta.isf(1e-12, a, b)
    nodes, weights = _legendre_rule()
    y = (hi - lo) / 2 * nodes + (hi + lo) / 2
    return y, (hi - lo) / 2 * weights * stats.beta.pdf(y, a, b)


def beta_binomial_test(
    control: RateVariant, treatment: RateVariant, alpha: float
) -> BetaBinomialResult:
    a_a, b_a = posterior(control)
    a_b, b_b = posterior(treatment)
    mean_a, mean_b = a_a / (a_a + b_a), a_b / (a_b + b_b)
    chance = prob_greater(a_a, b_a, a_b, b_b)
    # E[max(pA − pB, 0)] = E[pA·1{pA>pB}] − E[pB·1{pA>pB}], each a shifted-parameter probability.
    loss_b = mean_a * prob_greater(a_b, b_b, a_a + 1, b_a) - mean_b * (
        1 - prob_greater(a_a, b_a, a_b + 1, b_b)
    )
    loss_a = mean_b * prob_greater(a_a, b_a, a_b + 1, b_b) - mean_a * (
        1 - prob_greater(a_b, b_b, a_a + 1, b_a)
    )
    low, high = _difference_interval(a_a, b_a, a_b, b_b, alpha)
    return BetaBinomialResult(
        chance_to_beat_control=chance,
        expected_loss=max(0.0, loss_b),
        expected_loss_control=max(0.0, loss_a),
        low=low,
        high=high,
        estimate=mean_b - mean_a,
    )


def _difference_interval(
    a_a: int, b_a: int, a_b: int, b_b: int, alpha: float
) -> tuple[float, float]:
    """Quantiles of p_B − p_A, whose distribution function is
    P(pB − pA ≤ d) = ∫ f_B(y) · P(pA ≥ y − d) dy, integrated by Gauss–Legendre where B's
    density lives (its 1e-12 tails contribute nothing visible) — or over A when A is the
    narrower — so the other factor is smooth across the nodes and a fixed rule of a few hundred
    nodes is accurate to far below the interval's precision."""
    if _beta_std(a_b, b_b) <= _beta_std(a_a, b_a):
        y, w = _quadrature(a_b, b_b)

        def cdf(d: float) -> float:
            return float(np.dot(w, special.betaincc(a_a, b_a, np.clip(y - d, 0.0, 1.0))))
    else:
        # The same probability integrated over A: ∫ f_A(x) · P(pB ≤ x + d) dx.
        x, w = _quadrature(a_a, b_a)

        def cdf(d: float) -> float:
            return float(np.dot(w, special.betainc(a_b, b_b, np.clip(x + d, 0.0, 1.0))))

    spread = 12 * (_beta_std(a_a, b_a) + _beta_std(a_b, b_b))
    centre = a_b / (a_b + b_b) - a_a / (a_a + b_a)
    bounds = (max(-1.0, centre - spread), min(1.0, centre + spread))

    def quantile(q: float) -> float:
        return float(optimize.brentq(lambda d: cdf(d) - q, *bounds, xtol=1e-13))

    return quantile(alpha / 2), quantile(1 - alpha / 2)


def _beta_std(a: float, b: float) -> float:
    # In closed form: scipy's beta.std loses every digit to cancellation at millions of units.
    return math.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))


@functools.cache
def _legendre_rule() -> tuple[np.ndarray, np.ndarray]:
    return np.polynomial.legendre.leggauss(_NODES)


_NODES = 200
