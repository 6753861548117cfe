"""What a compliance check returns: findings that cite rules, and the risk they add up to."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, replace

from affiliate.compliance.corpus import RISK_WEIGHT

# high → blocked; medium → a person decides; low → passes (findings, if any, are advice).


@dataclass(frozen=True)
class Finding:
    rule_id: str
    family: str
    severity: str
    check: str
    quote: str
    start: int
    end: int
    fix: str
    # Where the quote is: the ad "text" or its "headline"; in a creative of several parts, the
    # part too ("email 3", "email 3 subject").
    field: str = "text"
    source: str = ""


@dataclass(frozen=True)
class Verdict:
    platform: str
    niche: str | None
    risk: str
    findings: tuple[Finding, ...]
    corpus_version: str
    checker: str = "rules"
    text_sha256: str = ""  # of what was checked, so a verdict is tied to the words it judged

    @property
    def blocked(self) -> bool:
        return self.risk == "high"

    @property
    def needs_review(self) -> bool:
        return self.risk == "medium"

    @property
    def passed(self) -> bool:
        return self.risk == "low"

    @property
    def families(self) -> set[str]:
        return {f.family for f in self.findings}

    @property
    def rule_ids(self) -> list[str]:
        return sorted({f.rule_id for f in self.findings})

    def to_dict(self) -> dict:
        return {
            "risk": self.risk,
            "blocked": self.blocked,
            "needs_review": self.needs_review,
            "platform": self.platform,
            "niche": self.niche,
            "rule_ids": self.rule_ids,
            "findings": [asdict(f) for f in self.findings],
            "corpus_version": self.corpus_version,
            "checker": self.checker,
        }


def with_findings(verdict: Verdict, added: list[Finding], checker: str) -> Verdict:
    """The verdict with more findings, judged by ``checker``: findings can only be added and
    the risk only rise — a second opinion never lowers the first one's risk. An added finding
    that says what one already there says (same rule, same place) is left out."""
    kept = list(verdict.findings)
    for finding in added:
        if not any(_same_place(finding, k) for k in kept):
            kept.append(finding)
    risk = max(verdict.risk, risk_of(kept), key=RISK_WEIGHT.__getitem__)
    return replace(verdict, findings=tuple(kept), risk=risk, checker=checker)


def _same_place(a: Finding, b: Finding) -> bool:
    if a.rule_id != b.rule_id or a.field != b.field:
        return False
    return (a.start < b.end and b.start < a.end) or (a.start, a.end) == (b.start, b.end)


def text_digest(text: str, headline: str | None = None) -> str:
    return hashlib.sha256(f"{headline or ''}\n{text}".encode()).hexdigest()


def parts_digest(parts: list[tuple[str, str, str | None]]) -> str:
    """One digest for a creative judged in named parts (name, text, headline): a change to
    any part, or to how the copy is split, is a change to what was judged."""
    if len(parts) == 1 and not parts[0][0]:
        return text_digest(parts[0][1], parts[0][2])
    digest = hashlib.sha256()
    for name, text, headline in parts:
        digest.update(f"{name}\0{text_digest(text, headline)}\0".encode())
    return digest.hexdigest()


def risk_of(findings: tuple[Finding, ...] | list[Finding]) -> str:
    if not findings:
        return "low"
    return max((f.severity for f in findings), key=RISK_WEIGHT.__getitem__)
