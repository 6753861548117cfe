"""What an A/B test is given: per variant the units (`n`) and the outcome's sufficient statistics.

A conversion rate needs `conversions`; a mean (revenue per visitor) needs `sum` and
`sum_squares` of the per-unit values. Everything is checked here, once, so the tests downstream
can assume sane numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Metric = Literal["conversion_rate", "revenue_per_visitor"]
METRICS: tuple[str, ...] = ("conversion_rate", "revenue_per_visitor")


class ExperimentInputError(ValueError):
    """The experiment's description cannot be analysed; the message says what to fix."""


@dataclass(frozen=True)
class RateVariant:
    """A variant of a binary outcome: `conversions` of `n` units converted."""

    name: str
    n: int
    conversions: int

    def __post_init__(self) -> None:
        _check_n(self.name, self.n)
        if isinstance(self.conversions, bool) or not isinstance(self.conversions, int):
            raise ExperimentInputError(f"variant {self.name!r}: conversions must be an integer")
        if self.conversions < 0:
            raise ExperimentInputError(f"variant {self.name!r}: conversions must not be negative")
        if self.conversions > self.n:
            raise ExperimentInputError(
                f"variant {self.name!r}: conversions ({self.conversions}) > n ({self.n})"
            )

    @property
    def mean(self) -> float:
        return self.conversions / self.n

    @property
    def variance(self) -> float:
        # Bernoulli variance p(1-p), not n-1 corrected: the convention of the two-proportion test
        # (and of gbstats' ProportionStatistic), so the numbers match the reference.
        return self.mean * (1 - self.mean)


@dataclass(frozen=True)
class MeanVariant:
    """A variant of a continuous outcome per unit: its sum and sum of squares over `n` units."""

    name: str
    n: int
    sum: float
    sum_squares: float

    def __post_init__(self) -> None:
        _check_n(self.name, self.n)
        for field in ("sum", "sum_squares"):
            value = getattr(self, field)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ExperimentInputError(f"variant {self.name!r}: {field} must be a number")
            if not math.isfinite(value):
                raise ExperimentInputError(f"variant {self.name!r}: {field} must be finite")
        if self.sum_squares < 0:
            raise ExperimentInputError(f"variant {self.name!r}: sum_squares must not be negative")
        # A small negative value is floating-point noise of a zero variance; a clearly negative
        # one means sum and sum_squares do not belong together.
        excess = self.sum_squares - self.sum**2 / self.n
        if excess < -1e-9 * max(1.0, self.sum_squares):
            raise ExperimentInputError(
                f"variant {self.name!r}: negative variance (sum_squares {self.sum_squares} < "
                f"sum²/n {self.sum**2 / self.n:.6g}); check that sum_squares is the sum of "
                "squared per-unit values"
            )

    @property
    def mean(self) -> float:
        return self.sum / self.n

    @property
    def variance(self) -> float:
        """Sample variance (n-1 in the denominator), never below zero."""
        return max(0.0, (self.sum_squares - self.sum**2 / self.n) / (self.n - 1))


Variant = RateVariant | MeanVariant


def _check_n(name: str, n: object) -> None:
    if not isinstance(name, str) or not name:
        raise ExperimentInputError("every variant needs a non-empty name")
    if isinstance(n, bool) or not isinstance(n, int):
        raise ExperimentInputError(f"variant {name!r}: n must be an integer")
    if n < 2:
        raise ExperimentInputError(f"variant {name!r}: n must be at least 2 (got {n})")
