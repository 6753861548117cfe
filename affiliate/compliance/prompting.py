"""The rules a writer must follow, worded for a generation prompt (compliance before writing).

Works from the policy files alone, so writers can call it without a database; the ranking
favours rules written for this niche and platform, then the severe ones.
"""

from __future__ import annotations

from affiliate.compliance.corpus import PLATFORMS, RISK_WEIGHT, Corpus, Rule, load_corpus
from affiliate.compliance.disclosure import TRUNCATION


def top_rules(platform: str, niche: str | None, limit: int = 6, corpus: Corpus | None = None):
    """The `limit` rules that matter most for this platform and niche, one per family first."""
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r}: use one of {', '.join(PLATFORMS)}")
    corpus = corpus or load_corpus()
    applicable = [r for r in corpus.rules if r.applies_to(platform) and r.fits_niche(niche)]
    applicable.sort(key=lambda r: (-_priority(r, platform, niche), r.id))
    chosen, families = [], set()
    for rule in applicable:  # one rule per family before any family gets a second
        if rule.family not in families:
            chosen.append(rule)
            families.add(rule.family)
    chosen += [r for r in applicable if r not in chosen]
    return chosen[:limit]


def rules_for_prompt(platform: str, niche: str | None, limit: int = 6) -> str:
    """A block of plain instructions to put in a generation prompt before the copy is written."""
    rules = top_rules(platform, niche, limit)
    lines = [
        f"Advertising rules for this {platform} ad"
        + (f" in the {niche.replace('_', ' ')} niche" if niche else "")
        + ". The copy must follow every one; copy that breaks them is blocked:",
    ]
    for number, rule in enumerate(rules, 1):
        lines.append(f"{number}. [{rule.id}] {_first_sentences(rule.description)} {rule.fix}")
    lines.append(
        f'Any affiliate disclosure ("#ad", "Sponsored", "I earn a commission") goes in the '
        f"first {TRUNCATION[platform]} characters."
    )
    return "\n".join(lines)


def _priority(rule: Rule, platform: str, niche: str | None) -> int:
    return (
        (2 if niche and niche in rule.niches else 0)
        + (1 if platform in rule.platforms else 0)
        + RISK_WEIGHT[rule.severity]
    )


def _first_sentences(text: str, count: int = 2) -> str:
    sentences = text.split(". ")
    shown = ". ".join(sentences[:count])
    return shown if shown.endswith(".") else shown + "."
