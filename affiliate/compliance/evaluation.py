"""Precision and recall of the offline checker on a labelled set of ad texts.

A text counts as flagged when the checker does not let it pass (risk medium or high), and as
violating when its labels name at least one rule family. Per family, a text counts as flagged
for a family when a finding of that family keeps it from passing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from affiliate.compliance.checker import check
from affiliate.config import PROJECT_ROOT

DEFAULT_SET = PROJECT_ROOT / "tests" / "compliance" / "eval_set.jsonl"
# The order the set was written in (see tests/compliance/README.md).
SPLIT_ORDER = ("dev", "holdout", "late", "blind", "fresh_a", "fresh_b")


class EvalSetError(ValueError):
    """A line of the evaluation set is not a labelled example; the message names the line."""


@dataclass(frozen=True)
class Example:
    id: str
    split: str
    platform: str
    niche: str | None
    text: str
    headline: str | None
    labels: frozenset[str]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, truth: bool, flagged: bool) -> None:
        if truth and flagged:
            self.tp += 1
        elif flagged:
            self.fp += 1
        elif truth:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    name: str
    size: int = 0
    violating: int = 0
    overall: Score = field(default_factory=Score)
    families: dict[str, Score] = field(default_factory=dict)
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (id, kind, detail)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "texts": self.size,
            "violating": self.violating,
            "precision": round(self.overall.precision, 3),
            "recall": round(self.overall.recall, 3),
            "confusion": vars(self.overall),
            "families": {
                name: {
                    "precision": round(s.precision, 3),
                    "recall": round(s.recall, 3),
                    "support": s.tp + s.fn,
                }
                for name, s in sorted(self.families.items())
            },
        }


def load_examples(path: Path = DEFAULT_SET) -> list[Example]:
    examples = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            examples.append(
                Example(
                    id=str(raw.get("id", number)),
                    split=raw.get("split", "dev"),
                    platform=raw["platform"],
                    niche=raw.get("niche"),
                    text=raw["text"],
                    headline=raw.get("headline"),
                    labels=frozenset(raw.get("labels", [])),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise EvalSetError(f"{path}:{number}: not a labelled example ({exc})") from None
    return examples


def evaluate(examples: Iterable[Example], name: str = "all") -> Report:
    report = Report(name)
    for example in examples:
        verdict = check(example.text, example.platform, example.niche, headline=example.headline)
        blocking = {f.family for f in verdict.findings if f.severity != "low"}
        truth, flagged = bool(example.labels), not verdict.passed
        report.size += 1
        report.violating += truth
        report.overall.add(truth, flagged)
        for family in example.labels | blocking:
            report.families.setdefault(family, Score()).add(
                family in example.labels, family in blocking
            )
        if truth != flagged or example.labels != blocking:
            report.misses.append((example.id, _label(example.labels), _label(blocking)))
    return report


def evaluate_splits(path: Path = DEFAULT_SET) -> list[Report]:
    """Reports for each split in the file, then for all of it."""
    examples = load_examples(path)
    order = {name: rank for rank, name in enumerate(SPLIT_ORDER)}
    splits = sorted({e.split for e in examples}, key=lambda s: (order.get(s, len(order)), s))
    reports = [evaluate([e for e in examples if e.split == s], s) for s in splits]
    return reports + [evaluate(examples, "all")]


def _label(families: Iterable[str]) -> str:
    return ",".join(sorted(families)) or "compliant"
