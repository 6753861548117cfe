"""Which products get their sales page reviewed: the best by the score without the review.

Reviewing costs one HTTP fetch per product, so only the head of the ranking is reviewed.
REVIEWED_CANDIDATES = 30 covers every offer the creatives and the demo report pick from (the
top few to ten) with margin: the review moves a score by at most ×1.2/×0.8 = 1.5, so only a
product already near the top can be lifted into it.
"""

from __future__ import annotations

import polars as pl
import sqlalchemy as sa

from affiliate.offers.combined_score import compute_scores
from affiliate.offers.ranking import load_snapshots

REVIEWED_CANDIDATES = 30


def review_candidates(engine: sa.Engine, limit: int = REVIEWED_CANDIDATES) -> list[int]:
    """The `limit` best-scored product ids (V1 × momentum) on the latest snapshot day."""
    with engine.connect() as conn:
        latest = conn.scalar(sa.text("select max(snapshot_date) from app.offer_snapshots"))
        if latest is None:
            return []
        snapshots = load_snapshots(conn, latest)
    scores = compute_scores(snapshots, latest)
    return scores.filter(pl.col("combined").is_not_null()).head(limit)["product_id"].to_list()
