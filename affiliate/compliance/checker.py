"""The offline compliance check: detectors' hits cited under the policy corpus's rules.

`check` needs no database and no network. It reads the text only as data: nothing in the
text can change how it is judged (an LLM judge, added later, must keep that property by
passing the text as delimited data and never lowering this checker's risk).
"""

from __future__ import annotations

from affiliate.compliance.corpus import PLATFORMS, Corpus, load_corpus
from affiliate.compliance.detectors import find_hits
from affiliate.compliance.verdict import Finding, Verdict, risk_of, text_digest


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
