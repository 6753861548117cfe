"""The combined score: V1 × momentum × review, its bounds, its Decimals and its explanation."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import polars as pl
import pytest

from affiliate.offers.combined_score import FORMULA_VERSION, SNAPSHOT_COLUMNS, compute_scores
from affiliate.offers.score_parts import exact_score, parts_json

DAY = date(2026, 3, 31)


def snapshots(
    product_id: int,
    popularity: Callable[[int], float],
    days: range = range(-27, 1),
    commission: str = "36.75",
    price: str = "49.00",
) -> list[tuple]:
    return [
        (product_id, DAY + timedelta(days=t), f"{popularity(t):.4f}", commission, price, "USD")
        for t in days
    ]


def frame(*rows: list[tuple], reviews: dict[int, float] | None = None) -> pl.DataFrame:
    snapshots = pl.DataFrame(
        [r for group in rows for r in group], schema=list(SNAPSHOT_COLUMNS), orient="row"
    )
    return compute_scores(snapshots, DAY, reviews)


def scores(*rows: list[tuple], reviews: dict[int, float] | None = None) -> dict[int, dict]:
    return {row["product_id"]: row for row in frame(*rows, reviews=reviews).iter_rows(named=True)}


def test_too_little_history_leaves_v1_unchanged() -> None:
    got = scores(snapshots(1, lambda t: 120.5 + 10 * t, range(-1, 1)))[1]
    assert got["slope_28d"] is None and got["momentum_multiplier"] == 1.0
    assert got["v1"] == pytest.approx(36.75 * 120.5 / 49)
    assert got["combined"] == pytest.approx(got["v1"])
    exact = exact_score(got, "gravity")
    assert exact.v1 == exact.combined == Decimal("90.3750")
    assert "momentum 1.00 (no trend yet: 2 of 28 days, 5 needed)" in exact.explanation


def test_momentum_is_the_tanh_of_the_relative_28_day_slope() -> None:
    got = scores(snapshots(1, lambda t: 100 + 1.0 * t))[1]
    expected = 1 + 0.5 * math.tanh(50 * 1.0 / got["mean_28d"])
    assert not got["accelerating"]
    assert got["momentum_multiplier"] == round(expected, 4)
    assert got["combined"] == pytest.approx(got["v1"] * got["momentum_multiplier"])


def test_flat_is_neutral_and_falling_is_penalised() -> None:
    got = scores(snapshots(1, lambda t: 80.0), snapshots(2, lambda t: 80 - 0.5 * t))
    assert got[1]["momentum_multiplier"] == 1.0
    assert 0.5 < got[2]["momentum_multiplier"] < 1.0
    assert got[2]["combined"] < got[1]["combined"]


def test_accelerating_adds_the_bonus() -> None:
    got = scores(snapshots(1, lambda t: 20 * math.exp(0.1 * t)))[1]  # accel ÷ level = 0.01
    assert got["accelerating"] and got["accel_bonus"] == 0.25
    assert got["momentum_multiplier"] == round(1 + got["trend_term"] + 0.25, 4)


def test_the_multiplier_is_bounded() -> None:
    got = scores(
        snapshots(1, lambda t: 5 * math.exp(0.3 * (t + 27))),  # explodes and accelerates
        snapshots(2, lambda t: 5000 * math.exp(-0.3 * (t + 27))),  # collapses
    )
    assert got[1]["momentum_multiplier"] == pytest.approx(1.75, abs=1e-3)
    assert got[2]["momentum_multiplier"] == pytest.approx(0.5, abs=1e-3)


def test_review_multipliers_apply_and_must_be_positive() -> None:
    got = scores(snapshots(1, lambda t: 50.0), snapshots(2, lambda t: 50.0), reviews={2: 0.8})
    assert got[1]["review_multiplier"] == 1.0 and got[2]["review_multiplier"] == 0.8
    assert got[2]["combined"] == pytest.approx(0.8 * got[1]["combined"])
    for bad in (0, -1.0, float("nan"), float("inf"), "1.2", True):
        with pytest.raises(ValueError, match="review multiplier for product 1"):
            scores(snapshots(1, lambda t: 50.0), reviews={1: bad})


def test_v1_uses_the_latest_snapshot_and_unscorable_products_come_last() -> None:
    repriced = snapshots(1, lambda t: 10.0, range(-3, 0), price="10.00") + snapshots(
        1, lambda t: 10.0, range(0, 1), price="20.00"
    )
    free = snapshots(2, lambda t: 99.0, price="0.00")
    unknown = [(3, DAY, None, "1.00", "5.00", "USD")]
    later = snapshots(4, lambda t: 1.0, range(1, 2), price="1.00")  # after the score date
    out = scores(repriced, free, unknown, later)
    assert list(out) == [1, 2, 3]
    assert out[1]["price"] == "20.00" and out[1]["inputs_date"] == DAY
    assert out[2]["combined"] is None and out[3]["v1"] is None
    assert exact_score(out[2], "gravity").explanation.startswith("not scored: price 0.00 is not")
    assert exact_score(out[3], "gravity").combined is None


def test_exact_score_is_decimal_v1_times_the_rounded_multipliers() -> None:
    row = scores(snapshots(1, lambda t: 120.5, range(0, 1)))[1]
    row |= {"momentum_multiplier": 1.18, "slope_28d": 3.14, "accelerating": True}
    exact = exact_score(row, "gravity")
    assert exact.v1 == Decimal("90.3750")
    assert exact.combined == Decimal("106.6425")  # 90.3750 × 1.18 × 1, exactly
    assert exact.explanation == (
        "v1 90.38 (commission $36.75 × gravity 120.5 ÷ price $49.00) × momentum 1.18 "
        "(gravity +3.1/day over 28 d, accelerating) × review 1.00 = 106.64"
    )


def test_parts_hold_every_input_and_intermediate_as_json() -> None:
    out = frame(snapshots(1, lambda t: 100 + t), [(2, DAY, "5", "1.00", "0", "USD")])
    exact = [exact_score(row, "gravity") for row in out.iter_rows(named=True)]
    parts = [json.loads(text) for text in parts_json(out, exact, ["gravity", "gravity"])]
    assert parts[0]["formula_version"] == FORMULA_VERSION
    assert (parts[0]["commission"], parts[0]["price"], parts[0]["temperature"]) == (
        "36.75",
        "49.00",
        "100.0000",
    )
    assert parts[0]["v1"] == "75.0000" and parts[0]["combined"] == str(exact[0].combined)
    assert parts[0]["points_28d"] == 28 and parts[0]["accelerating"] is False
    assert parts[0]["momentum_multiplier"] == out["momentum_multiplier"][0]
    assert parts[0]["inputs_date"] == DAY.isoformat()
    expected = {"currency", "temperature_name", "combined", "review_multiplier"}
    expected |= {f"{s}_{w}" for s in ("points", "mean", "slope", "accel") for w in ("7d", "28d")}
    expected |= {"trend_term", "accel_bonus"}
    assert expected <= set(parts[0])
    assert parts[1]["v1"] is None and parts[1]["combined"] is None and parts[1]["price"] == "0"
