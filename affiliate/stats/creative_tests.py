"""Verdicts for every ad set's creative test, and the markdown table the asset shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from affiliate.stats.analysis import ExperimentResult, analyze_family
from affiliate.stats.marts import AdSetTest
from affiliate.stats.variants import ExperimentInputError


@dataclass(frozen=True)
class AdSetVerdict:
    test: AdSetTest
    results: tuple[ExperimentResult, ...] = ()  # conversion rate, revenue per visitor
    error: str | None = None

    @property
    def statuses(self) -> tuple[str, ...]:
        return tuple(r.status for r in self.results) or ("invalid",)


def creative_test_verdicts(
    tests: Sequence[AdSetTest], correction: str | None = "holm"
) -> list[AdSetVerdict]:
    """Analyse each ad set; its two metrics and all its ads form one family for `correction`
    (Holm by default: a daily report over many ads must not crown winners by chance)."""
    verdicts = []
    for test in tests:
        try:
            experiments = test.experiments()
        except ExperimentInputError as exc:
            verdicts.append(AdSetVerdict(test, error=f"Invalid data: {exc}"))
            continue
        verdicts.append(AdSetVerdict(test, tuple(analyze_family(experiments, correction))))
    return verdicts


def verdicts_markdown(verdicts: Sequence[AdSetVerdict]) -> str:
    if not verdicts:
        return "No ad set has two live ads yet: nothing to compare."
    head = (
        "| campaign / ad set | days | ads (control first) | visitors | conversion rate "
        "| revenue per visitor | SRM p |\n|---|---|---|---|---|---|---|\n"
    )
    lines = []
    for v in verdicts:
        t = v.test
        cells = [
            f"{t.campaign_name} / {t.ad_group_name}",
            f"{t.first_day} – {t.last_day}",
            ", ".join(a.label for a in t.arms),
            " / ".join(str(a.visitors) for a in t.arms),
        ]
        if v.error:
            cells += [v.error, "", ""]
        else:
            cells += [r.reason for r in v.results] + [f"{v.results[0].srm_p_value:.3g}"]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return head + "\n".join(lines)
