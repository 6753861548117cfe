"""Which products get their sales page reviewed: the best by the score without the review.

Reviewing costs one HTTP fetch per product, so only the head of the ranking is reviewed.
REVIEWED_CANDIDATES = 30 covers every offer the creatives and the demo report pick from (the
top few to ten) with margin: the review moves a score by at most ×1.2/×0.8 = 1.5, so only a
product already near the top can be lifted into it.
"""

from __future__ import annotations

import polars as pl

REVIEWED_CANDIDATES = 30


def head_of_ranking(scores: pl.DataFrame, limit: int = REVIEWED_CANDIDATES) -> list[int]:
    """The `limit` best product ids of a compute_scores frame (best first), scorable only."""
    return scores.filter(pl.col("combined").is_not_null()).head(limit)["product_id"].to_list()
