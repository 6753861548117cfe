"""The policy corpus: the rule files in `policies/`, loaded into typed rules.

The corpus version names what the checker and the search index were built from: the
declared version of each file plus a hash of their bytes, so editing any rule makes the
index stale without anyone remembering to bump a number.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

POLICY_DIR = Path(__file__).with_name("policies")
PLATFORMS = ("meta", "google", "tiktok")
SEVERITIES = ("low", "medium", "high")
RISK_WEIGHT = {severity: rank for rank, severity in enumerate(SEVERITIES)}


class CorpusError(ValueError):
    """A policy file is malformed; the message names the file and the rule."""


@dataclass(frozen=True)
class Rule:
    id: str
    source: str
    family: str
    platforms: tuple[str, ...]
    niches: tuple[str, ...]
    severity: str
    checks: tuple[str, ...]
    description: str
    fix: str
    violating: tuple[str, ...]
    compliant: tuple[str, ...]
    url: str
    outside_niches_severity: str | None = None

    def applies_to(self, platform: str) -> bool:
        return "all" in self.platforms or platform in self.platforms

    def fits_niche(self, niche: str | None) -> bool:
        return niche is None or "all" in self.niches or niche in self.niches

    def severity_for(self, niche: str | None) -> str:
        """The rule's severity, lowered for a niche it was not written for when it says so."""
        if self.outside_niches_severity and not self.fits_niche(niche):
            return self.outside_niches_severity
        return self.severity


@dataclass(frozen=True)
class Corpus:
    version: str
    rules: tuple[Rule, ...]

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def rule_for_check(self, check: str, platform: str) -> Rule | None:
        """The rule a detector's hit is cited under: the platform's own before a general one."""
        candidates = [r for r in self.rules if check in r.checks and r.applies_to(platform)]
        candidates.sort(key=lambda r: 0 if platform in r.platforms else 1)
        return candidates[0] if candidates else None

    @property
    def families(self) -> tuple[str, ...]:
        return tuple(sorted({r.family for r in self.rules}))


@lru_cache(maxsize=4)
def load_corpus(policy_dir: Path = POLICY_DIR) -> Corpus:
    """Every rule of every `*.yaml` file in `policy_dir` (cached: the files ship with the code)."""
    files = sorted(policy_dir.glob("*.yaml"))
    if not files:
        raise CorpusError(f"no policy files in {policy_dir}")
    digest = hashlib.sha256()
    declared, rules, seen = [], [], set()
    for path in files:
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw)
        document = yaml.safe_load(raw)
        declared.append(f"{path.stem}{document.get('version', 0)}")
        for entry in document.get("rules", []):
            rule = _rule(entry, document.get("source", path.stem), path.name)
            if rule.id in seen:
                raise CorpusError(f"{path.name}: rule id {rule.id} appears twice")
            seen.add(rule.id)
            rules.append(rule)
    return Corpus(version=f"{'.'.join(declared)}+{digest.hexdigest()[:12]}", rules=tuple(rules))


def _rule(entry: dict, source: str, filename: str) -> Rule:
    try:
        rule = Rule(
            id=entry["id"],
            source=source,
            family=entry["family"],
            platforms=tuple(entry["platforms"]),
            niches=tuple(entry["niches"]),
            severity=entry["severity"],
            checks=tuple(entry.get("checks", ())),
            description=" ".join(entry["description"].split()),
            fix=entry["fix"],
            violating=tuple(entry.get("violating", ())),
            compliant=tuple(entry.get("compliant", ())),
            url=entry["source"],
            outside_niches_severity=entry.get("outside_niches_severity"),
        )
    except (KeyError, TypeError) as exc:
        raise CorpusError(f"{filename}: rule {entry.get('id', '?')} lacks {exc}") from None
    for severity in (rule.severity, rule.outside_niches_severity):
        if severity is not None and severity not in SEVERITIES:
            raise CorpusError(f"{filename}: rule {rule.id} has unknown severity {severity!r}")
    unknown = set(rule.platforms) - set(PLATFORMS) - {"all"}
    if unknown:
        raise CorpusError(f"{filename}: rule {rule.id} names unknown platforms {sorted(unknown)}")
    return rule
