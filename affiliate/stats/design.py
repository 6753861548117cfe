"""An experiment as described by its owner (JSON-like dict in, checked dataclass out)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from affiliate.stats.variants import (
    METRICS,
    ExperimentInputError,
    MeanVariant,
    Metric,
    RateVariant,
    Variant,
)

CORRECTIONS = ("holm", "bh")


@dataclass(frozen=True)
class Experiment:
    """Variants of one metric, the control first."""

    metric: Metric
    variants: tuple[Variant, ...]
    expected_split: tuple[float, ...] = ()
    alpha: float = 0.05
    correction: str | None = None
    name: str = "experiment"
    # gbstats' default tuning for the sequential intervals: the total sample size at which
    # they are tightest (see sequential.py).
    sequential_tuning: float = 5000.0
    decision: str = "sequential"

    def __post_init__(self) -> None:
        if self.metric not in METRICS:
            raise ExperimentInputError(f"metric must be one of {', '.join(METRICS)}")
        if len(self.variants) < 2:
            raise ExperimentInputError("an experiment needs at least two variants (control first)")
        kind = RateVariant if self.metric == "conversion_rate" else MeanVariant
        for v in self.variants:
            if not isinstance(v, kind):
                raise ExperimentInputError(
                    f"variant {v.name!r} is not a {self.metric} variant "
                    f"({'n, conversions' if kind is RateVariant else 'n, sum, sum_squares'})"
                )
        names = [v.name for v in self.variants]
        if len(set(names)) != len(names):
            raise ExperimentInputError("variant names must be unique")
        if isinstance(self.alpha, bool) or not (
            isinstance(self.alpha, (int, float)) and 0 < self.alpha < 1
        ):
            raise ExperimentInputError("alpha must be a number between 0 and 1")
        if self.correction not in (None, *CORRECTIONS):
            raise ExperimentInputError('correction must be "holm", "bh" or null')
        if self.decision not in ("sequential", "fixed"):
            raise ExperimentInputError('decision must be "sequential" or "fixed"')
        if (
            isinstance(self.sequential_tuning, bool)
            or not isinstance(self.sequential_tuning, (int, float))
            or not self.sequential_tuning > 0
        ):
            raise ExperimentInputError("sequential_tuning must be positive")
        split = self.expected_split or tuple(1.0 for _ in self.variants)
        if len(split) != len(self.variants):
            raise ExperimentInputError(
                f"expected_split has {len(split)} weights for {len(self.variants)} variants"
            )
        if any(
            isinstance(w, bool) or not isinstance(w, (int, float)) or not math.isfinite(w) or w <= 0
            for w in split
        ):
            raise ExperimentInputError("expected_split weights must be positive numbers")
        total = float(sum(split))
        object.__setattr__(self, "expected_split", tuple(w / total for w in split))

    @property
    def control(self) -> Variant:
        return self.variants[0]

    @property
    def treatments(self) -> tuple[Variant, ...]:
        return self.variants[1:]


def parse_experiment(data: Any) -> Experiment:
    """Build an Experiment from its JSON form; the metric is inferred from the fields if absent."""
    if not isinstance(data, dict):
        raise ExperimentInputError("the experiment must be a JSON object")
    raw_variants = data.get("variants")
    if not isinstance(raw_variants, list) or not all(isinstance(v, dict) for v in raw_variants):
        raise ExperimentInputError('"variants" must be a list of objects, the control first')
    metric = data["metric"] if data.get("metric") is not None else _infer_metric(raw_variants)
    if metric not in METRICS:
        raise ExperimentInputError(f"metric must be one of {', '.join(METRICS)}")
    variants = tuple(_variant(v, metric, i) for i, v in enumerate(raw_variants))
    split = data.get("expected_split")
    if split is not None and not isinstance(split, list):
        raise ExperimentInputError('"expected_split" must be a list of weights')
    known = {
        "metric",
        "variants",
        "expected_split",
        "alpha",
        "correction",
        "name",
        "sequential_tuning",
        "decision",
    }
    unknown = sorted(set(data) - known)
    if unknown:
        raise ExperimentInputError(f"unknown field(s): {', '.join(unknown)}")
    return Experiment(
        metric=metric,
        variants=variants,
        expected_split=tuple(split or ()),
        alpha=data.get("alpha", 0.05),
        correction=data.get("correction"),
        name=str(data.get("name", "experiment")),
        sequential_tuning=data.get("sequential_tuning", 5000.0),
        decision=data.get("decision", "sequential"),
    )


def _infer_metric(variants: list[dict]) -> str:
    if variants and all("conversions" in v for v in variants):
        return "conversion_rate"
    if variants and all("sum" in v and "sum_squares" in v for v in variants):
        return "revenue_per_visitor"
    raise ExperimentInputError(
        'cannot infer the metric: give "metric", or every variant either "conversions" '
        'or "sum" and "sum_squares"'
    )


def _variant(raw: dict, metric: str, index: int) -> Variant:
    name = raw.get("name", chr(ord("A") + index) if index < 26 else f"V{index}")
    required = ("n", "conversions") if metric == "conversion_rate" else ("n", "sum", "sum_squares")
    missing = [f for f in required if f not in raw]
    if missing:
        raise ExperimentInputError(f"variant {name!r}: missing {', '.join(missing)}")
    n = _integer(raw["n"], name, "n")
    if metric == "conversion_rate":
        return RateVariant(str(name), n, _integer(raw["conversions"], name, "conversions"))
    return MeanVariant(str(name), n, raw["sum"], raw["sum_squares"])


def _integer(value: Any, name: str, field_name: str) -> int:
    # JSON writers often emit 1000.0 for a count; accept integral floats, refuse 10.5.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ExperimentInputError(f"variant {name!r}: {field_name} must be an integer")
    return value
