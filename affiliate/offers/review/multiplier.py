"""How five 0–1 review scores become one bounded score multiplier.

multiplier = 0.8 + 0.4 × Σ weight·score, so a page that does nothing right costs a product a
fifth of its score and a flawless one adds a fifth: enough to reorder close neighbours,
never enough to outweigh what V1 and momentum measure (money per visitor, demand).

Weights: clarity of the offer 0.30, social proof 0.25, call to action 0.20, guarantee 0.20,
urgency 0.05. Urgency is present in the rubric because it does lift conversion, but it has the
lowest weight on purpose: fake scarcity ("only 3 left", an evergreen countdown) is a consumer-
protection risk (FTC, Brazil's CDC) that ads policies punish, so a page must never climb the
ranking mainly by pressuring buyers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from affiliate.offers.combined_score import MULTIPLIER_PLACES

WEIGHTS: dict[str, float] = {
    "clarity": 0.30,
    "social_proof": 0.25,
    "call_to_action": 0.20,
    "guarantee": 0.20,
    "urgency": 0.05,
}
DIMENSIONS = tuple(WEIGHTS)
FLOOR, SPAN = 0.8, 0.4
NEUTRAL = 1.0  # what a product gets when its page could not be reviewed


def weighted_score(scores: Mapping[str, float]) -> float:
    """Σ weight·score over the five dimensions; a missing or non-finite score counts as 0."""
    total = 0.0
    for name, weight in WEIGHTS.items():
        value = float(scores.get(name, 0.0))
        total += weight * (min(max(value, 0.0), 1.0) if math.isfinite(value) else 0.0)
    return total


def review_multiplier(scores: Mapping[str, float]) -> float:
    """0.8–1.2, rounded as combined_score stores multipliers (so the product reproduces)."""
    return round(FLOOR + SPAN * weighted_score(scores), MULTIPLIER_PLACES)
