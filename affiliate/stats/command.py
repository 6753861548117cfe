"""`affiliate ab-test`: JSON text in, JSON text out, every input problem as one error type."""

from __future__ import annotations

import json
import math

from affiliate.stats.analysis import analyze
from affiliate.stats.design import parse_experiment
from affiliate.stats.report import result_as_dict
from affiliate.stats.variants import ExperimentInputError


def ab_test_json(text: str) -> str:
    """Analyse the experiment described by `text`; raises ExperimentInputError on bad input."""
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise ExperimentInputError(
            f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    result = result_as_dict(analyze(parse_experiment(data)))
    return json.dumps(_finite(result), indent=2, ensure_ascii=False)


def _refuse_constant(name: str) -> float:
    raise ExperimentInputError(f"{name} is not a number an experiment can contain")


def _finite(value):
    """Strict JSON has no NaN or infinity; should one ever arise, it is written as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value
