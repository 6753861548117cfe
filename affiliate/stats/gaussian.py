"""Bayesian test on the lift with a Gaussian model: posterior ∝ N(lift; estimate, variance) × prior.

The likelihood is the normal approximation of the lift (lift.py); the prior is Gaussian on the
effect, or flat (improper) by default so the posterior is the likelihood itself. This is the model
of gbstats 0.8's EffectBayesianABTest (prior on the relative effect unless told otherwise,
rescaled by |control mean| for an absolute lift), so its chance to win, risk and credible interval
are the reference for ours. Used for means; for rates the beta-binomial (beta_binomial.py) is
reported beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from scipy import stats

from affiliate.stats.lift import Lift


@dataclass(frozen=True)
class GaussianPrior:
    mean: float = 0.0
    variance: float = 1.0
    proper: bool = False
    scale: Literal["relative", "absolute"] = "relative"

    def on(self, relative: bool, control_mean: float) -> tuple[float, float]:
        """Prior mean and variance on the scale of the lift being tested."""
        if relative and self.scale == "absolute":
            return self.mean / abs(control_mean), self.variance / control_mean**2
        if not relative and self.scale == "relative":
            return self.mean * abs(control_mean), self.variance * control_mean**2
        return self.mean, self.variance


@dataclass(frozen=True)
class Posterior:
    mean: float
    std: float
    chance_to_beat_control: float
    # Expected loss: what is given up on average by shipping the treatment (if it is worse),
    # and by keeping the control (if the treatment is better), on the lift's scale.
    expected_loss: float
    expected_loss_control: float
    low: float
    high: float

    def as_dict(self) -> dict:
        return {
            "estimate": self.mean,
            "ci": [self.low, self.high],
            "chance_to_beat_control": self.chance_to_beat_control,
            "expected_loss": self.expected_loss,
        }


def gaussian_posterior(
    lift: Lift,
    control_mean: float,
    relative: bool,
    alpha: float,
    prior: GaussianPrior = GaussianPrior(),
) -> Posterior:
    if prior.proper:
        prior_mean, prior_variance = prior.on(relative, control_mean)
        precision = 1 / lift.variance + 1 / prior_variance
        mean = (lift.estimate / lift.variance + prior_mean / prior_variance) / precision
        std = math.sqrt(1 / precision)
    else:
        mean, std = lift.estimate, lift.std_error
    z = mean / std
    # E[max(−D, 0)] and E[max(D, 0)] for D ~ N(mean, std²), in closed form.
    loss_treatment = std * stats.norm.pdf(z) - mean * stats.norm.cdf(-z)
    loss_control = std * stats.norm.pdf(z) + mean * stats.norm.cdf(z)
    q = stats.norm.ppf(1 - alpha / 2)
    return Posterior(
        mean=mean,
        std=std,
        chance_to_beat_control=float(stats.norm.cdf(z)),
        expected_loss=float(loss_treatment),
        expected_loss_control=float(loss_control),
        low=mean - q * std,
        high=mean + q * std,
    )
