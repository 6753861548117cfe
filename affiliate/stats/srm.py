"""Sample-ratio mismatch: is the observed traffic split compatible with the planned one?

A mismatch means assignment or tracking is broken (a redirect dropping one arm, bots hitting
one creative), and then no lift estimate can be trusted, however significant.
"""

from __future__ import annotations

from collections.abc import Sequence

from scipy import stats

# GrowthBook flags a sample-ratio mismatch below this p-value (its default "SRM threshold");
# strict because the check runs on every look at every experiment.
SRM_THRESHOLD = 0.001


def srm_p_value(units: Sequence[int], expected_split: Sequence[float]) -> float:
    """Pearson chi-square goodness-of-fit p-value of the units per variant against the split."""
    total = sum(units)
    if total == 0:
        return 1.0
    weight_total = sum(expected_split)
    chi2 = 0.0
    for observed, weight in zip(units, expected_split, strict=True):
        expected = total * weight / weight_total
        chi2 += (observed - expected) ** 2 / expected
    return float(stats.chi2.sf(chi2, len(units) - 1))
