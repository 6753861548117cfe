"""The policy corpus is well formed, covers what the issue lists, and its examples hold."""

from __future__ import annotations

import pytest

from affiliate.compliance.checker import check
from affiliate.compliance.corpus import PLATFORMS, CorpusError, load_corpus
from affiliate.compliance.detectors import PATTERNS, find_hits

CORPUS = load_corpus()
DETECTOR_CHECKS = set(PATTERNS) | {
    "guaranteed_result",
    "urgency_pressure",
    "personal_attribute",
    "neutral_reviewer",
    "repeated_punctuation",
    "gimmicky_caps",
    "exclamation_headline",
    "disclosure_missing",
    "disclosure_hidden",
}


def test_every_source_the_issue_names_has_rules():
    sources = {rule.id.split(".")[0] for rule in CORPUS.rules}
    assert sources == {"ftc", "meta", "google", "tiktok", "clickbank"}
    assert len(CORPUS.families) >= 6


@pytest.mark.parametrize("rule", CORPUS.rules, ids=lambda r: r.id)
def test_rule_is_complete(rule):
    assert rule.url.startswith("https://")
    assert rule.violating and rule.compliant and rule.fix and rule.description
    assert rule.checks and set(rule.checks) <= DETECTOR_CHECKS


def test_every_detector_cites_a_rule_on_some_platform():
    for check_name in DETECTOR_CHECKS:
        assert any(CORPUS.rule_for_check(check_name, p) for p in PLATFORMS), check_name


def _platforms(rule):
    return [p for p in PLATFORMS if rule.applies_to(p)]


def _niche(rule):
    return None if "all" in rule.niches else rule.niches[0]


@pytest.mark.parametrize("rule", CORPUS.rules, ids=lambda r: r.id)
def test_violating_examples_are_caught_under_the_rules_family(rule):
    for platform in _platforms(rule):
        for text in rule.violating:
            if "exclamation_headline" in rule.checks:  # a headline rule: judge it as one
                verdict = check("Shop the range.", platform, headline=text)
            else:
                verdict = check(text, platform, _niche(rule))
            assert not verdict.passed, (platform, text)
            assert rule.family in verdict.families, (platform, text, verdict.rule_ids)


@pytest.mark.parametrize("rule", CORPUS.rules, ids=lambda r: r.id)
def test_compliant_examples_pass(rule):
    for platform in _platforms(rule):
        for text in rule.compliant:
            verdict = check(text, platform, _niche(rule))
            assert verdict.passed, (platform, text, verdict.rule_ids)


def test_a_malformed_policy_file_is_named(tmp_path):
    (tmp_path / "broken.yaml").write_text(
        "version: 1\nrules:\n  - id: x.y\n    family: f\n    platforms: [meta]\n", "utf-8"
    )
    with pytest.raises(CorpusError, match="broken.yaml: rule x.y lacks"):
        load_corpus(tmp_path)


def test_hits_name_checks_the_corpus_knows():
    hits = find_hits("GUARANTEED!!! Only 3 spots left, regular price $99.", "google", "Wow!")
    assert {h.check for h in hits} <= DETECTOR_CHECKS
    assert {"guaranteed_result", "false_scarcity", "reference_price"} <= {h.check for h in hits}
