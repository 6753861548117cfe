"""One experiment (or a family of them) analysed end to end: every test per treatment, the
multiple-comparison adjustment, the SRM check, and the verdict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from affiliate.stats.beta_binomial import BetaBinomialResult, beta_binomial_test
from affiliate.stats.corrections import adjust
from affiliate.stats.design import Experiment
from affiliate.stats.frequentist import Interval, welch_test
from affiliate.stats.gaussian import Posterior, gaussian_posterior
from affiliate.stats.lift import NotTestableError, lift
from affiliate.stats.sequential import sequential_test
from affiliate.stats.srm import SRM_THRESHOLD, srm_p_value
from affiliate.stats.variants import RateVariant, Variant


@dataclass(frozen=True)
class Comparison:
    """Treatment versus control on one scale (absolute or relative lift)."""

    fixed: Interval
    sequential: Interval
    gaussian: Posterior  # the Gaussian effect model (the one gbstats 0.8 implements)
    fixed_p_adjusted: float | None = None
    sequential_p_adjusted: float | None = None

    def as_dict(self) -> dict:
        return {
            **self.fixed.as_dict(),
            "p_value_adjusted": self.fixed_p_adjusted,
            "sequential": {
                "ci": [self.sequential.low, self.sequential.high],
                "p_value": self.sequential.p_value,
                "p_value_adjusted": self.sequential_p_adjusted,
            },
            "bayesian_gaussian": self.gaussian.as_dict(),
        }


@dataclass(frozen=True)
class VariantResult:
    variant: Variant
    absolute: Comparison | None = None
    relative: Comparison | None = None
    beta_binomial: BetaBinomialResult | None = None
    error: str | None = None

    @property
    def chance_to_beat_control(self) -> float | None:
        """Beta-binomial for rates, the Gaussian model on the relative lift for means."""
        if self.beta_binomial is not None:
            return self.beta_binomial.chance_to_beat_control
        return self.relative.gaussian.chance_to_beat_control if self.relative else None

    @property
    def expected_loss(self) -> float | None:
        """In the metric's own units (rate points, revenue per visitor) of shipping this variant."""
        if self.beta_binomial is not None:
            return self.beta_binomial.expected_loss
        return self.absolute.gaussian.expected_loss if self.absolute else None

    def decision_p(self, decision: str) -> float | None:
        if self.relative is None:
            return None
        if decision == "sequential":
            return self.relative.sequential_p_adjusted
        return self.relative.fixed_p_adjusted


@dataclass(frozen=True)
class ExperimentResult:
    experiment: Experiment
    control: Variant
    treatments: tuple[VariantResult, ...]
    srm_p_value: float
    status: str  # "winner", "control_wins", "no_winner", "blocked", "no_verdict"
    winner: str | None
    reason: str
    correction: str | None

    @property
    def srm_ok(self) -> bool:
        return self.srm_p_value >= SRM_THRESHOLD


def analyze(experiment: Experiment) -> ExperimentResult:
    """Analyse one experiment, adjusting across its variants with its own `correction`."""
    return analyze_family([experiment], experiment.correction)[0]


def analyze_family(
    experiments: Sequence[Experiment], correction: str | None
) -> list[ExperimentResult]:
    """Analyse several experiments (e.g. two metrics of one ad set) as one family: the p-values
    of every treatment of every experiment are adjusted together."""
    raw = [[_compare(e, t) for t in e.treatments] for e in experiments]
    testable = [(i, j) for i, rows in enumerate(raw) for j, r in enumerate(rows) if r.relative]
    for scale in ("absolute", "relative"):
        for kind in ("fixed", "sequential"):
            p = [getattr(getattr(raw[i][j], scale), kind).p_value for i, j in testable]
            for (i, j), p_adj in zip(testable, adjust(p, correction), strict=True):
                comparison = getattr(raw[i][j], scale)
                raw[i][j] = replace(
                    raw[i][j], **{scale: replace(comparison, **{f"{kind}_p_adjusted": p_adj})}
                )
    return [_conclude(e, tuple(rows), correction) for e, rows in zip(experiments, raw, strict=True)]


def _compare(experiment: Experiment, treatment: Variant) -> VariantResult:
    control, alpha = experiment.control, experiment.alpha
    total = control.n + treatment.n
    try:
        comparisons = {}
        for scale, relative in (("absolute", False), ("relative", True)):
            estimate = lift(control, treatment, relative)
            comparisons[scale] = Comparison(
                fixed=welch_test(estimate, alpha),
                sequential=sequential_test(estimate, total, alpha, experiment.sequential_tuning),
                gaussian=gaussian_posterior(estimate, control.mean, relative, alpha),
            )
    except NotTestableError as exc:
        return VariantResult(treatment, error=str(exc))
    beta = None
    if isinstance(control, RateVariant) and isinstance(treatment, RateVariant):
        beta = beta_binomial_test(control, treatment, alpha)
    return VariantResult(treatment, beta_binomial=beta, **comparisons)


def _conclude(
    experiment: Experiment, rows: tuple[VariantResult, ...], correction: str | None
) -> ExperimentResult:
    srm = srm_p_value([v.n for v in experiment.variants], experiment.expected_split)
    status, winner, reason = _verdict(experiment, rows, srm, correction)
    return ExperimentResult(
        experiment, experiment.control, rows, srm, status, winner, reason, correction
    )


def _verdict(
    experiment: Experiment, rows: tuple[VariantResult, ...], srm: float, correction: str | None
) -> tuple[str, str | None, str]:
    control = experiment.control.name
    if srm < SRM_THRESHOLD:
        observed = " / ".join(f"{v.name} {v.n}" for v in experiment.variants)
        planned = "/".join(f"{w * 100:.4g}" for w in experiment.expected_split)
        return (
            "blocked",
            None,
            f"Blocked: sample ratio mismatch (p = {srm:.2g} < {SRM_THRESHOLD}, GrowthBook's "
            f"threshold): observed {observed} against a planned {planned} split; fix assignment "
            "or tracking before reading the results",
        )
    testable = [r for r in rows if r.relative is not None]
    if not testable:
        return "no_verdict", None, f"No verdict: {rows[0].error}"
    alpha, decision = experiment.alpha, experiment.decision
    significant = [r for r in testable if r.decision_p(decision) < alpha]
    better = [r for r in significant if r.relative.fixed.estimate > 0]
    how = decision + (f", {correction}-adjusted" if correction else "")
    if better:
        best = max(better, key=lambda r: (r.chance_to_beat_control, r.relative.fixed.estimate))
        return (
            "winner",
            best.variant.name,
            (
                f"{best.variant.name} wins: {_lift_text(best, experiment)}, "
                f"{_percent(best.chance_to_beat_control)} chance to beat {control}, "
                f"p = {best.decision_p(decision):.2g} ({how}), SRM ok"
            ),
        )
    best = max(testable, key=lambda r: (r.chance_to_beat_control, r.relative.fixed.estimate))
    if len(significant) == len(rows):
        return (
            "control_wins",
            control,
            (
                f"{control} (control) wins: every variant is worse; the best, "
                f"{_lift_text(best, experiment)} for {best.variant.name}, "
                f"p = {best.decision_p(decision):.2g} ({how}), SRM ok"
            ),
        )
    return (
        "no_winner",
        None,
        (
            f"No winner yet: best so far {best.variant.name} {_lift_text(best, experiment)}, "
            f"{_percent(best.chance_to_beat_control)} chance to beat {control}, "
            f"p = {best.decision_p(decision):.2g} ({how}, needs < {alpha:g}), SRM ok"
        ),
    )


def _lift_text(row: VariantResult, experiment: Experiment) -> str:
    rel = row.relative.fixed.estimate * 100
    digits = 0 if abs(rel) >= 10 else 1
    label = experiment.metric.replace("_", " ")
    return f"{rel:+.{digits}f} % {label}"


def _percent(probability: float) -> str:
    if probability > 0.999:
        return "> 99.9 %"
    if probability < 0.001:
        return "< 0.1 %"
    digits = 0 if 0.01 <= probability <= 0.99 else 1
    return f"{probability * 100:.{digits}f} %"
