"""The combined score: V1 × momentum multiplier × review multiplier, for all products at once.

`compute_scores` is the pure core — a Polars frame of snapshots in, one row per product out,
best first — so it can be benchmarked and tested without a database. It computes in floats,
which is enough to rank; score_parts then turns each row into the stored Decimal values, the
parts and the explanation, using the V1 code itself so V1 stays exactly what it was.

momentum = clip(1 + 0.5·tanh(50 · slope_28d ÷ max(mean_28d, 1)) + 0.25·[accelerating], 0.5, 2)
- slope ÷ level is the relative daily growth, so a gravity-5 and a gravity-500 product rising
  at the same pace get the same boost; gain 50 puts +1 %/day (≈ +30 % a month) at ×1.23 and
  +2 %/day at ×1.38, and tanh keeps one freak month from dominating;
- accelerating (see momentum.py) adds 0.25: a rising product whose rise speeds up is early;
- without a 28-day trend (fewer than 5 days of data) the multiplier is exactly 1.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

import polars as pl

from affiliate.offers.momentum import momentum_features

FORMULA_VERSION = "v2-momentum-1"  # change it with any constant here or in momentum.py
TREND_WEIGHT = 0.5
TREND_GAIN = 50.0
ACCEL_BONUS = 0.25
MULTIPLIER_BOUNDS = (0.5, 2.0)
MULTIPLIER_PLACES = 4  # stored multipliers are rounded so combined = v1 × m × r reproduces

SNAPSHOT_COLUMNS = ("product_id", "snapshot_date", "popularity", "commission", "price", "currency")


def compute_scores(
    snapshots: pl.DataFrame | pl.LazyFrame,
    score_date: date,
    review_multipliers: Mapping[int, float] | None = None,
) -> pl.DataFrame:
    """Score every product with a snapshot on or before `score_date`, best first.

    `snapshots` has SNAPSHOT_COLUMNS, at most one row per product and day; popularity,
    commission and price may be numbers or exact decimal text (kept as text in the output).
    V1 uses each product's latest snapshot; momentum uses the 28 days ending at `score_date`.
    Unscorable products (see scoring.unscorable_reason) have null v1 and combined and sort last.
    """
    rows = (
        snapshots.lazy()
        .filter(pl.col("snapshot_date") <= score_date)
        .with_columns(pl.col("product_id").cast(pl.Int64))
    )
    number = {c: pl.col(c).cast(pl.Float64) for c in ("popularity", "commission", "price")}
    latest = rows.filter(
        pl.col("snapshot_date") == pl.col("snapshot_date").max().over("product_id")
    ).select(
        "product_id",
        "currency",
        pl.col("snapshot_date").alias("inputs_date"),
        *(pl.col(c).cast(pl.String) for c in number),
        v1=pl.when(number["price"] > 0).then(
            number["commission"] * number["popularity"] / number["price"]
        ),
    )
    scores = latest.join(momentum_features(rows, score_date), on="product_id", how="left")
    scores = scores.join(_reviews(review_multipliers), on="product_id", how="left").with_columns(
        pl.col("review_multiplier").fill_null(1.0),
        pl.col("accelerating").fill_null(False),
        *_momentum_terms(),
    )
    return (
        scores.with_columns(
            combined=pl.col("v1") * pl.col("momentum_multiplier") * pl.col("review_multiplier")
        )
        .sort(["combined", "product_id"], descending=[True, False], nulls_last=True)
        .collect(engine="in-memory")
    )


def _momentum_terms() -> list[pl.Expr]:
    level = pl.max_horizontal(pl.col("mean_28d"), pl.lit(1.0))
    trend = TREND_WEIGHT * (TREND_GAIN * pl.col("slope_28d") / level).tanh()
    bonus = pl.when(pl.col("accelerating")).then(ACCEL_BONUS).otherwise(0.0)
    low, high = MULTIPLIER_BOUNDS
    multiplier = (1.0 + trend + bonus).clip(low, high).round(MULTIPLIER_PLACES)
    known = pl.col("slope_28d").is_not_null()
    return [
        trend.alias("trend_term"),
        pl.when(known).then(bonus).alias("accel_bonus"),
        pl.when(known).then(multiplier).otherwise(1.0).alias("momentum_multiplier"),
    ]


def _reviews(review_multipliers: Mapping[int, float] | None) -> pl.LazyFrame:
    """The sales-page review's multipliers as a frame; each must be a positive finite number."""
    given = dict(review_multipliers or {})
    for product_id, value in given.items():
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not (number and math.isfinite(value) and value > 0):
            raise ValueError(
                f"review multiplier for product {product_id} is {value!r}; "
                "give a positive finite number (1.0 leaves the score unchanged)"
            )
    return pl.LazyFrame(
        {
            "product_id": list(given),
            "review_multiplier": [round(float(v), MULTIPLIER_PLACES) for v in given.values()],
        },
        schema={"product_id": pl.Int64, "review_multiplier": pl.Float64},
    )
