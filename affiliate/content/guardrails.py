"""Words and patterns ad platforms reject, checked on every piece of template copy.

This is the writer's own floor, not the compliance gate: the gate judges finished
creatives against the policy corpus; this keeps the offline writer from ever producing
the obvious violations (and from copying them out of a vendor's product title).
"""

from __future__ import annotations

import re

BANNED_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.IGNORECASE))
    for label, pattern in (
        ("guarantee", r"\bguarantee"),
        ("cure", r"\bcur(?:e|es|ed|ing)\b"),
        ("miracle", r"\bmiracle"),
        ("risk-free", r"\brisk[- ]?free\b"),
        ("proven", r"\b(?:clinically |scientifically )?proven\b"),
        ("100%", r"\b100\s?%"),
        ("money amount", r"[$€£]\s?\d"),
        ("income claim", r"\b(?:income|earn(?:ings?)?|get rich|make money|profits?|paycheck)\b"),
        ("per-day claim", r"(?:/|\bper |\ba )(?:day|week|month)\b"),
        ("weight claim", r"\blose \d|\bpounds? in\b|\bkg in\b"),
        ("fake urgency", r"\b(?:act now|hurry|limited time|last chance|today only|only today)\b"),
        ("fake urgency", r"\b(?:expires?|ends (?:soon|tonight)|before it'?s gone|don'?t miss)\b"),
        ("clickbait", r"\b(?:doctors hate|one weird trick|shocking|secret they)\b"),
        ("instant result", r"\b(?:instant(?:ly)?|overnight)\b"),
        ("personal attribute", r"\bare you (?:over|fat|sick|diabetic|depressed|in debt|broke)"),
        ("exclamation", r"!"),
    )
)


def find_banned(text: str) -> list[str]:
    """The labels of every banned pattern found in ``text`` (empty when it is clean)."""
    return [label for label, pattern in BANNED_PATTERNS if pattern.search(text)]
