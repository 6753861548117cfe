"""Holm and Benjamini–Hochberg adjusted p-values (gbstats 0.8 has neither, so they are checked
against a published example and against the procedures' own rejection rules)."""

from __future__ import annotations

import numpy as np
import pytest

from affiliate.stats.corrections import adjust, benjamini_hochberg, holm

# Benjamini & Hochberg (1995), section 4.1: fifteen p-values from a clinical trial; at 0.05 BH
# rejects the four smallest, Holm's step-down only the three smallest.
BH_1995 = [
    0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
    0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0000,
]  # fmt: skip


def test_published_example():
    assert sum(p < 0.05 for p in benjamini_hochberg(BH_1995)) == 4
    assert sum(p < 0.05 for p in holm(BH_1995)) == 3
    # Hand-computed: Holm multiplies the k-th smallest by (15 − k + 1) and keeps it monotone.
    assert holm(BH_1995)[:4] == pytest.approx([0.0015, 0.0056, 0.0247, 0.114])
    # BH: the k-th smallest × 15 / k, then the running minimum from the top.
    assert benjamini_hochberg(BH_1995)[:4] == pytest.approx([0.0015, 0.003, 0.0095, 0.035625])


def holm_rejections(p, alpha):
    """Holm's step-down procedure as stated: reject while p_(k) ≤ α / (m − k + 1)."""
    order = np.argsort(p, kind="stable")
    rejected = set()
    for k, i in enumerate(order):
        if p[i] > alpha / (len(p) - k):
            break
        rejected.add(int(i))
    return rejected


def bh_rejections(p, alpha):
    """BH's step-up procedure as stated: find the largest k with p_(k) ≤ kα/m, reject 1..k."""
    order = np.argsort(p, kind="stable")
    m = len(p)
    passing = [k for k in range(1, m + 1) if p[order[k - 1]] <= k * alpha / m]
    return {int(i) for i in order[: max(passing, default=0)]}


def test_adjusted_p_values_reproduce_the_procedures_at_every_alpha():
    rng = np.random.default_rng(11)
    for _ in range(400):
        m = int(rng.integers(1, 12))
        # A mixture of nulls and strong signals, as in a real family of variants.
        p = np.where(rng.random(m) < 0.4, rng.random(m) ** 6, rng.random(m)).tolist()
        for alpha in (0.01, 0.05, 0.1, 0.2):
            assert {i for i, q in enumerate(holm(p)) if q <= alpha} == holm_rejections(p, alpha)
            assert {i for i, q in enumerate(benjamini_hochberg(p)) if q <= alpha} == bh_rejections(
                p, alpha
            )
        for adjusted in (holm(p), benjamini_hochberg(p)):
            assert all(a >= b - 1e-15 and a <= 1 for a, b in zip(adjusted, p, strict=True))
        # BH is never stricter than Holm.
        assert all(b <= h + 1e-15 for b, h in zip(benjamini_hochberg(p), holm(p), strict=True))


def test_adjust_dispatch():
    p = [0.01, 0.04, 0.03]
    assert adjust(p, None) == p
    assert adjust(p, "holm") == holm(p)
    assert adjust(p, "bh") == benjamini_hochberg(p)
    with pytest.raises(ValueError, match="unknown correction"):
        adjust(p, "bonferroni")
