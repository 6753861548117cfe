"""An analysed experiment as plain JSON-ready data (the `affiliate ab-test` output)."""

from __future__ import annotations

from affiliate.stats.analysis import ExperimentResult, VariantResult
from affiliate.stats.srm import SRM_THRESHOLD
from affiliate.stats.variants import RateVariant, Variant


def result_as_dict(result: ExperimentResult) -> dict:
    e = result.experiment
    return {
        "name": e.name,
        "metric": e.metric,
        "alpha": e.alpha,
        "correction": result.correction,
        "decision": e.decision,
        "control": _variant(result.control),
        "variants": [_treatment(r) for r in result.treatments],
        "srm": {
            "p_value": result.srm_p_value,
            "threshold": SRM_THRESHOLD,
            "ok": result.srm_ok,
            "expected_split": list(e.expected_split),
        },
        "verdict": {"status": result.status, "winner": result.winner, "reason": result.reason},
    }


def _variant(v: Variant) -> dict:
    data = {"name": v.name, "n": v.n, "mean": v.mean}
    if isinstance(v, RateVariant):
        data["conversions"] = v.conversions
    else:
        data |= {"sum": v.sum, "sum_squares": v.sum_squares, "std": v.variance**0.5}
    return data


def _treatment(r: VariantResult) -> dict:
    data = _variant(r.variant)
    if r.error:
        return data | {"error": r.error}
    bayesian = (
        r.beta_binomial.as_dict()
        if r.beta_binomial
        else {
            "model": "gaussian (flat prior)",
            "scale": "relative",
            **r.relative.gaussian.as_dict(),
        }
    )
    return data | {
        "absolute": r.absolute.as_dict(),
        "relative": r.relative.as_dict(),
        "chance_to_beat_control": r.chance_to_beat_control,
        "expected_loss": r.expected_loss,
        "bayesian": bayesian,
        "error": None,
    }
