"""The offline compliance check: detectors' hits cited under the policy corpus's rules.

`check` needs no database and no network. It reads the text only as data: nothing in the
text can change how it is judged (the LLM judge, judge.py, keeps that property by passing the
text as delimited data and never lowering this checker's risk).

`check_parts` judges a creative a reader meets in several pieces (a sequence of emails): each
piece is read on its own, so each must meet the rules on its own — a disclosure in email 1
does not disclose email 3.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from affiliate.compliance.corpus import PLATFORMS, Corpus, load_corpus
from affiliate.compliance.detectors import find_hits
from affiliate.compliance.verdict import Finding, Verdict, parts_digest, risk_of, text_digest


class CheckInputError(ValueError):
    """The check was asked something it cannot answer (unknown platform, no text)."""


def check(
    text: str,
    platform: str,
    niche: str | None = None,
    *,
    headline: str | None = None,
    corpus: Corpus | None = None,
) -> Verdict:
    """Judge one ad text (and its headline, when it has one) for `platform` and `niche`."""
    if platform not in PLATFORMS:
        raise CheckInputError(f"unknown platform {platform!r}: use one of {', '.join(PLATFORMS)}")
    if not isinstance(text, str) or not text.strip():
        raise CheckInputError("the ad text is empty")
    corpus = corpus or load_corpus()
    findings: list[Finding] = []
    seen: set[tuple[str, str, int, int]] = set()
    for hit in sorted(find_hits(text, platform, headline), key=lambda h: (h.field, h.start)):
        rule = corpus.rule_for_check(hit.check, platform)
        if rule is None:
            continue  # this kind of problem has no rule on this platform
        key = (rule.id, hit.field, hit.start, hit.end)
        if key in seen or _overlaps(findings, rule.id, hit.field, hit.start, hit.end):
            continue
        seen.add(key)
        source = headline if hit.field == "headline" else text
        findings.append(
            Finding(
                rule_id=rule.id,
                family=rule.family,
                severity=rule.severity_for(niche),
                check=hit.check,
                quote=source[hit.start : hit.end],
                start=hit.start,
                end=hit.end,
                fix=rule.fix,
                field=hit.field,
                source=rule.url,
            )
        )
    ordered = tuple(sorted(findings, key=lambda f: (f.field != "headline", f.start, f.rule_id)))
    return Verdict(
        platform=platform,
        niche=niche,
        risk=risk_of(ordered),
        findings=ordered,
        corpus_version=corpus.version,
        text_sha256=text_digest(text, headline),
    )


def _overlaps(findings: list[Finding], rule_id: str, field: str, start: int, end: int) -> bool:
    """One finding per rule per stretch of text: overlapping hits of a rule say the same thing."""
    return any(
        f.rule_id == rule_id and f.field == field and f.start < end and start < f.end
        for f in findings
    )


@dataclass(frozen=True)
class CopyPart:
    """Words a reader sees together: a whole ad, or one email of a sequence.

    ``name`` is empty for a creative read as one piece; otherwise it says which piece
    ("email 3") and prefixes its findings' ``field`` ("email 3", "email 3 subject")."""

    text: str
    headline: str | None = None
    name: str = ""
    headline_is: str = "headline"  # what the piece calls its headline ("subject" for emails)

    def field_label(self, field: str) -> str:
        """Where a finding's quote is, said in the creative's terms."""
        if not self.name:
            return field
        return self.name if field == "text" else f"{self.name} {self.headline_is}"


def check_parts(
    parts: Sequence[CopyPart],
    platform: str,
    niche: str | None = None,
    *,
    corpus: Corpus | None = None,
) -> Verdict:
    """Judge each part on its own; the creative's risk is the highest of its parts'."""
    if not parts:
        raise CheckInputError("the creative has no copy to check")
    corpus = corpus or load_corpus()
    if len(parts) == 1 and not parts[0].name:
        only = parts[0]
        return check(only.text, platform, niche, headline=only.headline, corpus=corpus)
    findings: list[Finding] = []
    for part in parts:
        verdict = check(part.text, platform, niche, headline=part.headline, corpus=corpus)
        findings += [replace(f, field=part.field_label(f.field)) for f in verdict.findings]
    return Verdict(
        platform=platform,
        niche=niche,
        risk=risk_of(findings),
        findings=tuple(findings),
        corpus_version=corpus.version,
        text_sha256=parts_digest([(p.name, p.text, p.headline) for p in parts]),
    )
