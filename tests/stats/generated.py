"""Seeded random experiments for the comparisons with gbstats: rates and means, two to four
variants, sample sizes from tens to hundreds of thousands, lifts from none to large."""

from __future__ import annotations

import numpy as np

from affiliate.stats.design import Experiment
from affiliate.stats.variants import MeanVariant, RateVariant


def rate_experiments(seed: int, count: int) -> list[Experiment]:
    rng = np.random.default_rng(seed)
    out = []
    while len(out) < count:
        base = float(rng.uniform(0.005, 0.5))
        variants = []
        for k in range(int(rng.integers(2, 5))):
            n = int(rng.integers(30, 200_000))
            p = min(0.95, base * (1 + (rng.normal(0, 0.2) if k else 0)))
            conversions = int(rng.binomial(n, max(p, 1e-4)))
            variants.append(RateVariant(chr(65 + k), n, conversions))
        if all(0 < v.conversions < v.n for v in variants):
            out.append(_experiment("conversion_rate", variants, rng))
    return out


def mean_experiments(seed: int, count: int) -> list[Experiment]:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(count):
        base, spread = float(rng.uniform(0.1, 50)), float(rng.uniform(0.5, 20))
        variants = []
        for k in range(int(rng.integers(2, 5))):
            n = int(rng.integers(10, 100_000))
            mean = base * (1 + (rng.normal(0, 0.2) if k else 0))
            sd = spread * float(rng.uniform(0.5, 1.5))
            total = mean * n + rng.normal(0, sd * np.sqrt(n))
            sum_squares = (n - 1) * sd**2 * float(rng.chisquare(n - 1)) / (n - 1) + total**2 / n
            variants.append(MeanVariant(chr(65 + k), n, float(total), float(sum_squares)))
        out.append(_experiment("revenue_per_visitor", variants, rng))
    return out


def _experiment(metric: str, variants: list, rng: np.random.Generator) -> Experiment:
    return Experiment(
        metric=metric,
        variants=tuple(variants),
        alpha=float(rng.choice([0.01, 0.05, 0.1])),
        sequential_tuning=float(rng.choice([1000.0, 5000.0, 20000.0])),
    )
