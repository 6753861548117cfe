"""The lift of a treatment over the control, and its sampling variance.

Absolute lift is mean_B − mean_A with variance var_B/n_B + var_A/n_A. Relative lift is
mean_B/mean_A − 1, its variance from the delta method (first-order Taylor expansion of the
ratio, treating the two arms as independent) — the same estimator gbstats uses, so the intervals
can be compared with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from affiliate.stats.variants import Variant


class NotTestableError(ValueError):
    """The data are valid but carry no information for this comparison (e.g. zero variance)."""


@dataclass(frozen=True)
class Lift:
    estimate: float
    variance: float
    dof: float  # Welch–Satterthwaite degrees of freedom of the absolute difference

    @property
    def std_error(self) -> float:
        return self.variance**0.5


def lift(control: Variant, treatment: Variant, relative: bool) -> Lift:
    """Point estimate and variance of the lift; raises NotTestableError when it is undefined."""
    if control.variance <= 0 or treatment.variance <= 0:
        empty = control if control.variance <= 0 else treatment
        raise NotTestableError(
            f"variant {empty.name!r} has no variation (every unit has the same value); "
            "wait for more data"
        )
    mean_a, mean_b = control.mean, treatment.mean
    # Squared standard errors of each arm's mean.
    se2_a = control.variance / control.n
    se2_b = treatment.variance / treatment.n
    if relative:
        if mean_a == 0:
            raise NotTestableError(
                f"control {control.name!r} has a mean of zero; a relative lift is undefined"
            )
        estimate = mean_b / mean_a - 1
        # d(m_B/m_A)/d m_B = 1/m_A ; d(m_B/m_A)/d m_A = −m_B/m_A²
        variance = se2_b / mean_a**2 + se2_a * mean_b**2 / mean_a**4
    else:
        estimate = mean_b - mean_a
        variance = se2_a + se2_b
    dof = (se2_a + se2_b) ** 2 / (se2_a**2 / (control.n - 1) + se2_b**2 / (treatment.n - 1))
    return Lift(estimate, variance, dof)
