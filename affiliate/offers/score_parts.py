"""What is stored for one combined score: exact Decimals, the parts (JSON) and the words.

compute_scores ranks in floats; here each product's V1 is recomputed in Decimal by the V1
code itself from the exact money text, and combined = V1 × the rounded multipliers, so
anyone can redo the sum from `parts` and get the stored number to the last digit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import polars as pl

from affiliate.offers.combined_score import FORMULA_VERSION
from affiliate.offers.momentum import WINDOWS
from affiliate.offers.scoring import SCORE_PLACES, ScoreInputs, explain_score, v1_score

CENTS = Decimal("0.01")
MOMENTUM_PARTS = (
    *(f"{stat}_{w}" for w in WINDOWS for stat in ("points", "mean", "slope", "accel")),
    "accelerating",
    "trend_term",
    "accel_bonus",
    "momentum_multiplier",
    "review_multiplier",
)


@dataclass(frozen=True)
class ExactScore:
    v1: Decimal | None
    combined: Decimal | None
    explanation: str


def exact_score(row: Mapping[str, Any], temperature_name: str = "temperature") -> ExactScore:
    """Decimal V1 × the row's rounded multipliers, rounded half-up, with its explanation."""
    inputs = ScoreInputs(
        commission=_decimal(row["commission"]),
        temperature=_plain(_decimal(row["popularity"])),
        price=_decimal(row["price"]),
        currency=row["currency"],
        temperature_name=temperature_name,
    )
    v1 = v1_score(inputs)
    if v1 is None:
        return ExactScore(None, None, explain_score(inputs))
    momentum = Decimal(str(row["momentum_multiplier"]))
    review = Decimal(str(row["review_multiplier"]))
    combined = (v1 * momentum * review).quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)
    # V1's own words for its formula, so both versions explain V1 identically.
    v1_words = explain_score(inputs).rsplit(" = ", 1)[0]
    explanation = (
        f"v1 {_two(v1)} ({v1_words}) × momentum {_two(momentum)}"
        f" ({_trend_words(row, temperature_name)}) × review {_two(review)} = {_two(combined)}"
    )
    return ExactScore(v1, combined, explanation)


def parts_json(
    scores: pl.DataFrame, exact: Sequence[ExactScore], temperature_names: Sequence[str]
) -> pl.Series:
    """Every input and intermediate per row of `scores`, as JSON text (built by Polars, since
    json.dumps took longer than the whole scoring at 100,000 products)."""
    return scores.select(
        pl.struct(
            formula_version=pl.lit(FORMULA_VERSION),
            inputs_date=pl.col("inputs_date").cast(pl.String),
            currency="currency",
            commission="commission",
            temperature_name=pl.Series(temperature_names, dtype=pl.String),
            temperature="popularity",
            price="price",
            v1=pl.Series([_text(e.v1) for e in exact], dtype=pl.String),
            **{name: name for name in MOMENTUM_PARTS},
            combined=pl.Series([_text(e.combined) for e in exact], dtype=pl.String),
        ).struct.json_encode()
    ).to_series()


def _trend_words(row: Mapping[str, Any], temperature_name: str) -> str:
    if row["slope_28d"] is None:
        days, minimum = WINDOWS["28d"]
        return f"no trend yet: {row['points_28d'] or 0} of {days} days, {minimum} needed"
    words = f"{temperature_name} {row['slope_28d']:+.1f}/day over 28 d"
    return words + (", accelerating" if row["accelerating"] else "")


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def _plain(value: Decimal | None) -> Decimal | None:
    """120.5000 → 120.5 for the explanation, without turning 100.0000 into 1E+2."""
    if value is None:
        return None
    normal = value.normalize()
    return normal if normal.as_tuple().exponent <= 0 else value.quantize(Decimal(1))


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _two(value: Decimal) -> str:
    return str(value.quantize(CENTS, rounding=ROUND_HALF_UP))
