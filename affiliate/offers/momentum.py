"""Momentum of an offer's popularity (gravity, temperature): slope and acceleration per product.

For each product and each window (the last 7 and 28 days ending at the score date) the
popularity series is fitted by least squares, all products at once in Polars:

- x is the day offset from the score date (-6 … 0), not the row number, so a missing day
  leaves a gap instead of silently compressing time;
- outliers are winsorised first, around a robust trend line rather than the level: the line
  is the median of pairwise slopes (a cheap Theil–Sen, see _robust_slope); each day's residual
  from it is clipped to median ± 3 × 1.4826 × MAD of the window's residuals (≈ ±3σ for normal
  noise). A band around the plain median is too wide on a trending series (its spread is the
  trend), so an end-of-window spike clipped to it still flipped a gentle fall to a rise; a band
  around a least-squares fit is dragged by the very spike it must catch. When the residuals
  are nearly all equal (MAD 0, a clean line) the band is 1 % of the median level, so clean
  series are not bent and a lone spike is cut back to the line;
- slope is the linear least-squares slope (popularity per day); acceleration is 2 × the
  quadratic coefficient of a least-squares quadratic fit (change of the slope per day), the
  exact second derivative for a quadratic and zero for a line;
- fewer days in a window than its minimum (WINDOWS: 3 of 7, 5 of 28) gives nulls: 2 points
  make any line, and a 28-day trend from 4 points would be a 7-day trend in disguise.
"""

from __future__ import annotations

from datetime import date

import polars as pl

WINDOWS: dict[str, tuple[int, int]] = {"7d": (7, 3), "28d": (28, 5)}  # days, minimum points
MAD_TO_SIGMA = 1.4826
CLIP_SIGMAS = 3.0
MIN_BAND_FRACTION = 0.01
# Accelerating: 7-day acceleration ÷ level above 0.008 per day². On the sandbox's gravity
# model (random walk, slow waves) that ratio has a standard deviation of ≈ 0.004, so this is
# ≈ 2σ and flags ~1.5 % of noise-driven products (0.005 flagged 5 %); an exponential rise
# e^(g·t) has the ratio g², so ≥ 9 %/day growth is flagged for sure.
ACCEL_THRESHOLD = 0.008

_EPOCH = date(1970, 1, 1)


def momentum_features(snapshots: pl.LazyFrame | pl.DataFrame, score_date: date) -> pl.LazyFrame:
    """One row per product with at least one popularity value in the 28 days to `score_date`.

    `snapshots` needs product_id, snapshot_date (date) and popularity (a number or its exact
    text), at most one row per product and day. Columns out: product_id, then for each window
    w in 7d, 28d: points_w, mean_w (mean of the clipped values), slope_w, accel_w; and
    accelerating (bool, never null).
    """
    offset = (pl.col("snapshot_date").cast(pl.Int32) - (score_date - _EPOCH).days).alias("t")
    longest = max(days for days, _ in WINDOWS.values())
    points = (
        snapshots.lazy()
        .select("product_id", offset, pl.col("popularity").cast(pl.Float64).alias("y"))
        .filter(pl.col("t").is_between(-(longest - 1), 0), pl.col("y").is_not_null())
        .sort("product_id", "t")
        # Collected here because the optimiser drops a sort that only a later group-by sees,
        # and float sums then follow the input's order: re-runs would differ in the last bit.
        .collect(engine="in-memory")
        .lazy()
    )
    trends = [
        _window_trend(points, days, minimum, name) for name, (days, minimum) in WINDOWS.items()
    ]
    result = trends[0]
    for other in trends[1:]:
        result = result.join(other, on="product_id", how="full", coalesce=True)
    return result.with_columns(accelerating=_accelerating())


def _window_trend(points: pl.LazyFrame, days: int, minimum: int, name: str) -> pl.LazyFrame:
    # One simple step per with_columns: Polars evaluates `column.median().over()` on its fast
    # group-by path, but a nested `(y - y.median().over()).median().over()` group by group,
    # ten times slower at 100,000 products.
    by, t, y = "product_id", pl.col("t"), pl.col("y")
    window = points.filter(t > -days)
    clipped = (
        window.join(_robust_slope(window), on=by, how="left", maintain_order="left")
        .with_columns(line=pl.col("robust_slope").fill_null(0.0) * t)
        .with_columns(r=y - pl.col("line"))
        .with_columns(
            centre=pl.col("r").median().over(by),
            level=y.median().over(by),
            t_mean=t.mean().over(by),
        )
        .with_columns(deviation=(pl.col("r") - pl.col("centre")).abs())
        .with_columns(mad=pl.col("deviation").median().over(by))
        .with_columns(
            band=pl.max_horizontal(
                CLIP_SIGMAS * MAD_TO_SIGMA * pl.col("mad"),
                MIN_BAND_FRACTION * pl.col("level").abs(),
            )
        )
        .select(
            by,
            y.clip(
                pl.col("line") + pl.col("centre") - pl.col("band"),
                pl.col("line") + pl.col("centre") + pl.col("band"),
            ),
            # Centring x makes Σu = 0, which shrinks the normal equations and their rounding.
            u=t - pl.col("t_mean"),
        )
    )
    u = pl.col("u")
    sums = clipped.group_by(by).agg(
        n=pl.len(),
        mean=y.mean(),
        s2=(u**2).sum(),
        s3=(u**3).sum(),
        s4=(u**4).sum(),
        sy=y.sum(),
        suy=(u * y).sum(),
        su2y=(u**2 * y).sum(),
    )
    n, s2, s3, s4 = pl.col("n"), pl.col("s2"), pl.col("s3"), pl.col("s4")
    determinant = n * (s2 * s4 - s3**2) - s2**3
    # Cramer's rule on [[n, 0, s2], [0, s2, s3], [s2, s3, s4]] · c = [sy, suy, su2y].
    quadratic = (n * (s2 * pl.col("su2y") - s3 * pl.col("suy")) - s2**2 * pl.col("sy")) / (
        determinant
    )
    enough = (n >= minimum) & (determinant > 1e-9)
    return sums.select(
        by,
        pl.col("n").cast(pl.Int32).alias(f"points_{name}"),
        pl.col("mean").alias(f"mean_{name}"),
        pl.when(enough).then(pl.col("suy") / s2).alias(f"slope_{name}"),
        pl.when(enough).then(2 * quadratic).alias(f"accel_{name}"),
    )


def _robust_slope(window: pl.LazyFrame) -> pl.LazyFrame:
    """Median of the slopes between each day and the day half the window's points later.

    A subset of Theil–Sen's pairs: each point is in at most two pairs, so one spike spoils at
    most two of the ⌈n/2⌉ slopes and the median ignores it from 5 points on, at the cost of a
    1-to-1 join instead of Theil–Sen's n² pairs.
    """
    by, row = "product_id", pl.int_range(pl.len())
    # Rows come sorted by product and day, so a row's rank in its product is its distance from
    # the product's first row: flat shifts, faster than a per-group int_range.
    first = pl.col(by).shift(1).is_null() | (pl.col(by) != pl.col(by).shift(1))
    ranked = window.with_columns(
        i=row - pl.when(first).then(row).forward_fill(), n=pl.len().over(by)
    ).with_columns(j=pl.col("i") + pl.col("n") // 2)
    later = ranked.select(by, j="i", t1="t", y1="y")
    pairs = ranked.filter(pl.col("n") >= 2).join(later, on=[by, "j"], how="inner")
    slope = (pl.col("y1") - pl.col("y")) / (pl.col("t1") - pl.col("t"))
    return pairs.group_by(by).agg(robust_slope=slope.median())


def _accelerating() -> pl.Expr:
    """7-day acceleration positive, rising, and large relative to the product's level."""
    accel, slope = pl.col("accel_7d"), pl.col("slope_7d")
    level = pl.max_horizontal(pl.col("mean_7d"), pl.lit(1.0))
    return ((accel > 0) & (slope > 0) & (accel / level > ACCEL_THRESHOLD)).fill_null(False)
