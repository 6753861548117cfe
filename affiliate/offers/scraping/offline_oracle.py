"""The offline repair oracle: no LLM, just the intent's cues and the last good fingerprint.

Every element in the scope (the page, or the first product card) is scored on four kinds
of evidence, then turned into the selectors that would reach it:
  fit       its text (or href) is a value of the intent's kind — a price parses as money;
  cues      its text or attributes contain the intent's words ("%", "comiss", "próxima");
  hints     a class name or attribute abbreviates the intent ("amt", "cms", "fwd", "avatar");
  likeness  it resembles the last good element: tag, classes, link pattern, and above all
            it shows values seen last time (the same product names, the same categories).
Selectors built on stable handles (ids, test ids, classes, data-* names) rank above
positional ones. The healer validates each proposal on the page, best first.
"""

from __future__ import annotations

import re

from affiliate.offers.scraping.fingerprints import similarity
from affiliate.offers.scraping.intents import Intent
from affiliate.offers.scraping.oracle import Candidate, RepairContext
from affiliate.offers.scraping.values import fold, parse_money, parse_percent, parses_as

_IDENT = re.compile(r"-?[_a-zA-Z][_a-zA-Z0-9-]*")
_HANDLE_ATTRS = ("data-testid", "data-test", "data-qa", "role", "rel", "aria-label")
MAX_CANDIDATES = 15


class OfflineOracle:
    name = "offline"

    def propose(self, context: RepairContext) -> list[Candidate]:
        best: dict[str, Candidate] = {}
        for element in context.elements:
            evidence = _element_score(context.intent, element, context.last_good)
            if evidence is None:
                continue
            score, reasons = evidence
            for selector, quality, how in _selectors_for(element):
                total = round(score + quality, 3)
                if selector not in best or best[selector].score < total:
                    best[selector] = Candidate(selector, f"{'; '.join(reasons)}; {how}", total)
        ranked = sorted(best.values(), key=lambda c: (-c.score, len(c.selector)))
        return ranked[:MAX_CANDIDATES]


def _element_score(
    intent: Intent, element: dict, last_good: dict | None
) -> tuple[float, list[str]] | None:
    """Evidence that `element` is where `intent` now lives, or None if it cannot be."""
    fit = _fit(intent, element)
    if fit is None:
        return None
    score, reasons = fit, [f"fits {intent.kind}"]
    text = fold(element.get("text", ""))
    attr_text = fold(" ".join(v for k, v in element.get("attrs", {}).items() if k != "href"))
    if any(cue in text for cue in intent.cues):
        score, reasons = score + 3, [*reasons, "text has a cue"]
    elif any(cue in attr_text for cue in intent.cues):
        score, reasons = score + 2, [*reasons, "attribute has a cue"]
    if _hinted(intent, _handle_tokens(element)):
        score, reasons = score + 2, [*reasons, "named like the intent"]
    elif _hinted(intent, element.get("parent_classes", [])):
        score, reasons = score + 1, [*reasons, "parent named like the intent"]
    alike = similarity(element, last_good)
    if alike:
        score, reasons = score + alike, [*reasons, f"like the last good match ({alike:.1f})"]
    return score, reasons


def _fit(intent: Intent, element: dict) -> float | None:
    text, attrs = element.get("text", ""), element.get("attrs", {})
    if intent.repeated:  # the card: one of many alike siblings, each showing a price
        if element.get("repeats", 1) < 2 or parse_money(text) is None:
            return None
        return 2 + min(element["repeats"], 24) / 12 + (element.get("links", 0) > 0)
    if intent.kind == "element":  # a single marker such as the account menu
        return None if element.get("repeats", 1) > 2 or len(text) > 80 else 1.0
    if intent.kind == "url":
        return (3.0 + (element.get("tag") == "a")) if parses_as("url", attrs.get("href")) else None
    if intent.kind == "text":
        if not text or len(text) > 150 or parse_money(text) or parse_percent(text):
            return None
        return 1.0 + (element.get("children", 0) == 0)
    if intent.kind == "int" and (parse_percent(text) or parse_money(text)):
        return None  # "50%" holds one integer, but it is a percentage
    return 3.0 if parses_as(intent.kind, text) else None


def _handle_tokens(element: dict) -> list[str]:
    attrs = element.get("attrs", {})
    values = [*element.get("classes", []), attrs.get("id", "")]
    values += [v for k, v in attrs.items() if k.startswith("data-") or k in _HANDLE_ATTRS]
    return values


def _hinted(intent: Intent, values: list[str]) -> bool:
    tokens = {t for v in values for t in re.split(r"[-_\s:]+", fold(v)) if len(t) >= 2}
    return any(_abbreviates(t, h) for t in tokens for h in intent.hints)


def _abbreviates(token: str, word: str) -> bool:
    """'cms' → 'commission', 'amt' → 'amount', 'av' → 'avatar', 'price' → 'price'."""
    if token == word or word.startswith(token) or (len(word) >= 4 and word in token):
        return True
    if token[0] != word[0]:
        return False
    rest = iter(word)
    return all(char in rest for char in token)  # a subsequence: letters kept in order


def _selectors_for(element: dict) -> list[tuple[str, float, str]]:
    """(selector, quality, how) for each way to reach the element; stable handles first."""
    tag, attrs = element["tag"], element.get("attrs", {})
    out: list[tuple[str, float, str]] = []
    if _IDENT.fullmatch(attrs.get("id", "")) and not re.search(r"\d", attrs["id"]):
        out.append((f"#{attrs['id']}", 1.0, "by id"))
    for name, value in attrs.items():
        generic = not re.search(r"\d", value) and len(value) <= 60 and '"' not in value
        if name in _HANDLE_ATTRS and generic:
            quality = 1.0 if name.startswith("data-") else 0.4
            out.append((f'{tag}[{name}="{value}"]', quality, f"by {name}"))
        elif name.startswith("data-") and _IDENT.fullmatch(name):
            if generic:
                out.append((f'{tag}[{name}="{value}"]', 0.7, f"by {name}"))
            out.append((f"{tag}[{name}]", 0.5, f"by having {name}"))
    for cls in element.get("classes", []):
        if _IDENT.fullmatch(cls):
            out.append((f"{tag}.{cls}", 0.6, "by class"))
    parent_tag = element.get("parent_tag")
    parent_classes = [c for c in element.get("parent_classes", []) if _IDENT.fullmatch(c)]
    if parent_tag and parent_classes:
        bare = not element.get("classes")
        out.append((f"{parent_tag}.{parent_classes[0]} > {tag}", 0.6 if bare else 0.2, "by parent"))
    out.append((tag, -1.5, "by tag alone"))
    return out
