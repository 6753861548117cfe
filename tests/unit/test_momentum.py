"""Momentum: slopes and accelerations on series whose answers are known in advance."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

import polars as pl
import pytest

from affiliate.offers.momentum import ACCEL_THRESHOLD, momentum_features

DAY = date(2026, 3, 31)


def series(**products: Iterable[tuple[int, float]]) -> pl.DataFrame:
    """Snapshot rows from {name: [(day offset ≤ 0, popularity), …]}; product ids 1, 2, …"""
    rows = [
        (pid, DAY + timedelta(days=t), y)
        for pid, points in enumerate(products.values(), start=1)
        for t, y in points
    ]
    return pl.DataFrame(
        rows, schema=["product_id", "snapshot_date", "popularity"], orient="row"
    ).with_columns(pl.col("popularity").cast(pl.Float64))


def curve(f: Callable[[int], float], days: Iterable[int] = range(-27, 1)) -> list:
    return [(t, f(t)) for t in days]


def features(frame: pl.DataFrame) -> dict[int, dict]:
    out = momentum_features(frame, DAY).collect()
    return {row["product_id"]: row for row in out.iter_rows(named=True)}


def test_a_line_has_its_slope_and_no_acceleration() -> None:
    got = features(series(line=curve(lambda t: 100 + 2 * t)))[1]
    assert got["slope_7d"] == pytest.approx(2.0)
    assert got["slope_28d"] == pytest.approx(2.0)
    assert got["accel_7d"] == pytest.approx(0.0, abs=1e-9)
    assert got["accel_28d"] == pytest.approx(0.0, abs=1e-9)
    assert (got["points_7d"], got["points_28d"]) == (7, 28)


def test_a_parabola_has_acceleration_2a_and_the_slope_at_the_window_centre() -> None:
    a = 0.3
    got = features(series(p=curve(lambda t: 50 + a * (t + 30) ** 2)))[1]
    assert got["accel_7d"] == pytest.approx(2 * a)
    assert got["accel_28d"] == pytest.approx(2 * a)
    # Least squares on symmetric x gives the derivative at the centre: t = -3 and t = -13.5.
    assert got["slope_7d"] == pytest.approx(2 * a * 27)
    assert got["slope_28d"] == pytest.approx(2 * a * 16.5)


def test_missing_days_use_the_real_day_offsets() -> None:
    days = [-27, -20, -13, -6, -5, -1, 0]
    got = features(series(gappy=curve(lambda t: 40 + 1.5 * t, days)))[1]
    # Row numbers as x would give 40.5 ÷ 6 = 6.75 per "day"; actual offsets give 1.5.
    assert got["slope_28d"] == pytest.approx(1.5)
    assert got["slope_7d"] == pytest.approx(1.5)
    assert got["points_7d"] == 4


@pytest.mark.parametrize("where", [0, -3, -6])
def test_one_spike_does_not_flip_a_falling_trend(where: int) -> None:
    falling = curve(lambda t: 100 - 1.0 * t + (900 if t == where else 0))
    got = features(series(falling=falling))[1]
    assert got["slope_7d"] < 0
    assert got["slope_28d"] == pytest.approx(-1.0, abs=0.05)
    assert got["slope_7d"] == pytest.approx(-1.0, abs=0.3)


@pytest.mark.parametrize("where", [0, -3, -20])
def test_one_spike_on_a_noisy_falling_trend_is_clipped(where: int) -> None:
    wobble = [0.0, 1.5, -0.8, 0.3, -1.2, 0.9, -0.4]
    falling = curve(lambda t: 100 - 1.0 * t + wobble[t % 7] + (400 if t == where else 0))
    got = features(series(falling=falling))[1]
    assert got["slope_7d"] < 0
    assert got["slope_28d"] == pytest.approx(-1.0, abs=0.1)


def test_one_dip_does_not_flip_a_rising_trend_or_fake_acceleration() -> None:
    rising = curve(lambda t: 100 + 0.5 * t - (90 if t == -1 else 0))
    got = features(series(rising=rising))[1]
    assert got["slope_7d"] > 0 and got["slope_28d"] == pytest.approx(0.5, abs=0.05)
    assert not got["accelerating"]


def test_noisy_flat_series_has_a_small_slope() -> None:
    wobble = [0.0, 1.5, -0.8, 0.3, -1.2, 0.9, -0.4]
    got = features(series(flat=curve(lambda t: 80 + wobble[t % 7])))[1]
    assert abs(got["slope_28d"]) < 0.1
    assert not got["accelerating"]


def test_too_few_points_give_nulls() -> None:
    got = features(
        series(
            two=[(-1, 10.0), (0, 12.0)],
            four=[(-20, 10.0), (-5, 11.0), (-3, 12.0), (0, 14.0)],
        )
    )
    assert got[1]["points_28d"] == 2
    assert [got[1][k] for k in ("slope_7d", "accel_7d", "slope_28d", "accel_28d")] == [None] * 4
    assert not got[1]["accelerating"]
    # 3 points in 7 days are enough there; 4 in 28 are not (5 needed).
    assert got[2]["slope_7d"] is not None and got[2]["slope_28d"] is None


def test_rows_after_the_score_date_or_before_the_window_are_ignored() -> None:
    base = curve(lambda t: 100 + 2 * t)
    noisy = base + [(1, 9999.0), (5, -500.0), (-28, 9999.0), (-60, -9999.0)]
    assert features(series(p=noisy))[1] == features(series(p=base))[1]


def test_accelerating_needs_rising_convex_and_large_relative_to_the_level() -> None:
    got = features(
        series(
            convex_rising=curve(lambda t: 10 + 0.2 * (t + 12) ** 2),  # accel 0.4 ÷ ~27
            linear_rising=curve(lambda t: 100 + 3 * t),
            convex_falling=curve(lambda t: 100 + 0.5 * t**2),  # accel 1, slope < 0
            convex_but_huge=curve(lambda t: 100_000 + 0.5 * (t + 40) ** 2),
            too_gentle=curve(lambda t: 100 + 0.001 * (t + 40) ** 2),
        )
    )
    assert got[1]["accel_7d"] / got[1]["mean_7d"] > ACCEL_THRESHOLD
    assert [got[i]["accelerating"] for i in range(1, 6)] == [True, False, False, False, False]
