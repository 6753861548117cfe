"""Adjusted p-values for a family of tests (several variants, several metrics).

Holm (1979) controls the family-wise error rate: the chance of any false winner. Benjamini and
Hochberg (1995) control the false discovery rate: the expected share of false winners among the
declared ones — less strict, more power when many variants are compared. An adjusted p-value is
the smallest α at which the procedure would reject that hypothesis, so each is compared with the
experiment's α as it is.
"""

from __future__ import annotations

from collections.abc import Sequence


def holm(p_values: Sequence[float]) -> list[float]:
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        # Step-down: the k-th smallest is multiplied by (m − k + 1), kept monotone upwards.
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i], reverse=True)
    adjusted = [0.0] * m
    running = 1.0
    for position, i in enumerate(order):
        rank = m - position  # 1-based rank in ascending order
        # Step-up: p × m / rank, kept monotone downwards from the largest.
        running = min(running, p_values[i] * m / rank)
        adjusted[i] = running
    return adjusted


def adjust(p_values: Sequence[float], method: str | None) -> list[float]:
    """Adjusted p-values; `method` is "holm", "bh" or None (unchanged)."""
    if method is None:
        return list(p_values)
    if method == "holm":
        return holm(p_values)
    if method == "bh":
        return benjamini_hochberg(p_values)
    raise ValueError(f'unknown correction {method!r}: use "holm", "bh" or none')
