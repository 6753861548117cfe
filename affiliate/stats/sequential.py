"""Always-valid intervals and p-values, so an experiment can be read every day without
inflating the false-positive rate.

The method is the asymptotic confidence sequence of Waudby-Smith, Arbour, Sinha, Kennedy and
Ramdas, "Time-uniform central limit theory and asymptotic confidence sequences" (2023,
arXiv:2103.06476): a normal mixture martingale over the running sum of the lift, whose mixing
precision ρ² is tuned so the sequence is tightest at a chosen total sample size. It is what
GrowthBook calls "sequential testing" (same tuning parameter, default 5 000 units).

With N units in total, σ² the per-unit variance of the lift (its sampling variance × N) and
z² = lift² / sampling variance:
    half width = σ · sqrt( 2 (Nρ² + 1) · ln( sqrt(Nρ² + 1) / α ) / (N² ρ²) )
    e-value    = exp( ρ² N z² / (2 (Nρ² + 1)) ) / sqrt(Nρ² + 1),   p = min(1, 1 / e-value)
and p < α exactly when the interval excludes zero.
"""

from __future__ import annotations

import math

from affiliate.stats.frequentist import Interval
from affiliate.stats.lift import Lift


def mixing_precision(alpha: float, tuning: float) -> float:
    """ρ² that makes the confidence sequence tightest at `tuning` units (paper, eq. 161)."""
    log_alpha = -2 * math.log(alpha)
    return (log_alpha + math.log(log_alpha + 1)) / tuning


def sequential_test(lift: Lift, total_units: int, alpha: float, tuning: float) -> Interval:
    rho2 = mixing_precision(alpha, tuning)
    spread = total_units * rho2 + 1
    per_unit_variance = lift.variance * total_units
    half_width = math.sqrt(
        per_unit_variance
        * 2
        * spread
        * math.log(math.sqrt(spread) / alpha)
        / (total_units**2 * rho2)
    )
    z2 = lift.estimate**2 / lift.variance
    log_e_value = rho2 * total_units * z2 / (2 * spread) - 0.5 * math.log(spread)
    # exp(-log e) overflows nowhere: log e ≥ −½ ln(spread) keeps it finite, and min() caps it.
    p_value = min(1.0, math.exp(-log_e_value))
    return Interval(lift.estimate, lift.estimate - half_width, lift.estimate + half_width, p_value)
