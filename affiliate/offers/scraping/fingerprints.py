"""Fingerprints of the last element that was right for each intent, and how alike two are.

After a page is read successfully, the scraper notes for each intent what the matched
element looked like (tag, classes, attributes, depth, position, the shape of its text or
link) and a few sample values. When a redesign breaks a selector, the element most like
the fingerprint — often showing the very same values — is the likely new home.

Kept in `<AFFILIATE_HOME>/scraper/<platform>/fingerprints.json`: it is rewritten on every
good run (too often for the database), and losing it only makes repairs rely on cues.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from affiliate.offers.scraping.values import fold

MAX_SAMPLES = 24


def text_shape(text: str) -> str:
    """'R$ 1.297,00' → 'a$ 9.9,9': what kind of text it is (symbols, separators), not which."""
    shape = re.sub(r"\d+", "9", text or "")
    shape = re.sub(r"[^\W\d_]+", "a", shape)
    return re.sub(r"\s+", " ", shape).strip()[:40]


def href_shape(href: str | None) -> str:
    """'/hotmart/product/1234567/sales?x=1' → '/hotmart/product/9/sales': the link's pattern."""
    path = (href or "").split("?", 1)[0].split("#", 1)[0]
    return re.sub(r"\d+", "9", path)


def fingerprint(element: dict, samples: list[str]) -> dict:
    """What is kept of a good match: its description (text cut short) and sample values."""
    kept = {k: element.get(k) for k in ("tag", "classes", "attrs", "depth", "index", "siblings")}
    kept["text_shape"] = text_shape(element.get("text", ""))
    kept["href_shape"] = href_shape(element.get("attrs", {}).get("href"))
    return {"element": kept, "samples": [s for s in samples if s][:MAX_SAMPLES]}


def similarity(element: dict, last_good: dict | None) -> float:
    """0 (nothing alike) … ~8 (same element, same values) between a candidate and a print."""
    if not last_good:
        return 0.0
    was = last_good.get("element", {})
    score = 1.0 if element.get("tag") == was.get("tag") else 0.0
    classes, old_classes = set(element.get("classes", [])), set(was.get("classes") or [])
    if classes | old_classes:
        score += 1.5 * len(classes & old_classes) / len(classes | old_classes)
    attrs, old_attrs = element.get("attrs", {}), was.get("attrs") or {}
    score += 0.5 * len(set(attrs) & set(old_attrs) - {"href"})
    if text_shape(element.get("text", "")) == was.get("text_shape"):
        score += 1.0
    if attrs.get("href") and href_shape(attrs["href"]) == was.get("href_shape"):
        score += 2.5
    score += 0.25 * (element.get("depth") == was.get("depth"))
    score += 0.25 * (element.get("index") == was.get("index"))
    score += 2.5 * _shows_a_sample(element, last_good.get("samples") or [])
    return score


def _shows_a_sample(element: dict, samples: list[str]) -> bool:
    """Whether the element shows a value seen last time, as its text or in an attribute."""
    if not samples:
        return False
    folded = {fold(s) for s in samples}
    text = fold(element.get("text", ""))
    if text in folded:
        return True
    return any(
        any(s and s in fold(v) for s in folded if len(s) > 3)
        for k, v in element.get("attrs", {}).items()
        if k != "href"
    )


class FingerprintStore:
    """intent → fingerprint, one JSON file per platform, replaced atomically on save."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_platform(cls, home: Path, platform: str) -> FingerprintStore:
        return cls(home / "scraper" / platform / "fingerprints.json")

    def load(self) -> dict[str, Any]:
        try:
            return json.loads(self.path.read_text())
        except (FileNotFoundError, ValueError):
            return {}  # none yet, or a torn file from a crash: repairs fall back to cues

    def save(self, prints: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".fingerprints.")
        with os.fdopen(fd, "w") as f:
            json.dump(prints, f, ensure_ascii=False, indent=1)
        os.replace(tmp, self.path)
