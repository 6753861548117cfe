"""Fixed-horizon tests: Welch's t-test on the lift (rates and means alike).

For a conversion rate this is the unpooled two-proportion test: the Bernoulli variances p(1−p)
are used per arm, and with the Welch–Satterthwaite degrees of freedom (thousands of them for any
real test) the t distribution is the normal one to many decimals. gbstats does exactly this,
which is why its numbers can be the reference.
"""

from __future__ import annotations

from dataclasses import dataclass

from scipy import stats

from affiliate.stats.lift import Lift


@dataclass(frozen=True)
class Interval:
    """A lift estimate with its two-sided interval and p-value (of the null "no lift")."""

    estimate: float
    low: float
    high: float
    p_value: float

    def as_dict(self) -> dict:
        return {"estimate": self.estimate, "ci": [self.low, self.high], "p_value": self.p_value}


def welch_test(lift: Lift, alpha: float) -> Interval:
    se = lift.std_error
    t_stat = lift.estimate / se
    # sf rather than 1 − cdf: keeps precision for tiny p-values.
    p_value = float(2 * stats.t.sf(abs(t_stat), lift.dof))
    half_width = float(stats.t.ppf(1 - alpha / 2, lift.dof)) * se
    return Interval(lift.estimate, lift.estimate - half_width, lift.estimate + half_width, p_value)
