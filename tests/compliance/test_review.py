"""Verdicts per creative and the review queue: only passed or approved creatives may run."""

from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa

from affiliate.compliance.checker import check
from affiliate.compliance.review import (
    ReviewError,
    approve,
    may_run,
    record_verdict,
    reject,
    review_queue,
    runnable_creative_ids,
)
from affiliate.db.tables import compliance_verdicts, creatives, products

CLEAN = "Planners for busy weeks, printed on recycled paper."
MEDIUM = "Regular price $49, now $29."
HIGH = "Make $500 a day from your phone."


@pytest.fixture
def creative(clean_db):
    """Makes a creative and returns its id."""
    with clean_db.begin() as conn:
        product = conn.scalar(
            sa.insert(products)
            .values(name="Planner", network="clickbank", network_id="PLAN")
            .returning(products.c.id)
        )

    def make(headline: str = "Planner") -> int:
        with clean_db.begin() as conn:
            return conn.scalar(
                sa.insert(creatives)
                .values(
                    product_id=product,
                    provider="template",
                    template_id=f"t-{headline}",
                    headline=headline,
                    body="body",
                )
                .returning(creatives.c.id)
            )

    return make


def _record(engine, creative_id, text):
    with engine.begin() as conn:
        return record_verdict(conn, creative_id, check(text, "meta"))


def test_status_follows_risk_and_only_passed_runs(clean_db, creative):
    ids = {text: creative(text) for text in (CLEAN, MEDIUM, HIGH)}
    for text, creative_id in ids.items():
        _record(clean_db, creative_id, text)
    unchecked = creative("never checked")
    with clean_db.connect() as conn:
        statuses = dict(
            conn.execute(sa.select(compliance_verdicts.c.risk, compliance_verdicts.c.status)).all()
        )
        assert statuses == {"low": "passed", "medium": "pending", "high": "blocked"}
        assert runnable_creative_ids(conn) == {ids[CLEAN]}
        assert not may_run(conn, unchecked)
        assert [item.creative_id for item in review_queue(conn)] == [ids[MEDIUM]]


def test_recording_the_same_words_again_keeps_the_decision(clean_db, creative):
    creative_id = creative()
    verdict_id = _record(clean_db, creative_id, MEDIUM)
    with clean_db.begin() as conn:
        approve(conn, verdict_id, "ana", "price checked with the vendor")
    assert _record(clean_db, creative_id, MEDIUM) == verdict_id
    with clean_db.connect() as conn:
        assert may_run(conn, creative_id)
        row = conn.execute(sa.select(compliance_verdicts)).one()
    assert (row.status, row.reviewed_by, row.review_note, row.override) == (
        "approved",
        "ana",
        "price checked with the vendor",
        False,
    )
    assert row.reviewed_at is not None


def test_new_words_need_a_new_decision(clean_db, creative):
    creative_id = creative()
    first = _record(clean_db, creative_id, MEDIUM)
    with clean_db.begin() as conn:
        approve(conn, first, "ana")
    second = _record(clean_db, creative_id, "Regular price $59, now $29.")
    with clean_db.begin() as conn:
        assert not may_run(conn, creative_id)
        with pytest.raises(ReviewError, match="superseded"):
            reject(conn, first, "ana")
    with clean_db.begin() as conn:
        reject(conn, second, "ben", "no proof of the $59")
        assert not may_run(conn, creative_id)


def test_the_verdict_of_the_checker_configured_now_decides_again(clean_db, creative):
    """The rules judge some words, then the LLM judge (its verdict newer), then the rules
    again (the LLM switched off) for the same words: the rules' stored verdict decides again,
    with the person's decision on it — and back again when the LLM is switched on."""
    creative_id = creative()
    rules = check(MEDIUM, "meta")
    judged = dataclasses.replace(rules, checker="rules+llm:openai/gpt-4o-mini", risk="high")
    with clean_db.begin() as conn:
        first = record_verdict(conn, creative_id, rules)
        approve(conn, first, "ana", "price checked with the vendor")
        by_judge = record_verdict(conn, creative_id, judged)
        assert not may_run(conn, creative_id)

        again = record_verdict(conn, creative_id, rules)

        assert again > by_judge and may_run(conn, creative_id)
        rows = conn.execute(sa.select(compliance_verdicts).order_by(compliance_verdicts.c.id))
        assert [(r.id, r.checker, r.status, r.reviewed_by) for r in rows] == [
            (by_judge, judged.checker, "blocked", None),
            (again, "rules", "approved", "ana"),
        ]  # stored once each: moved, not copied
        assert record_verdict(conn, creative_id, rules) == again  # already decides: stays

        back = record_verdict(conn, creative_id, judged)
        assert back > again and not may_run(conn, creative_id)
        assert [item.verdict_id for item in review_queue(conn, ("blocked",))] == [back]


def test_high_risk_needs_an_explicit_recorded_override(clean_db, creative):
    creative_id = creative()
    verdict_id = _record(clean_db, creative_id, HIGH)
    with clean_db.begin() as conn, pytest.raises(ReviewError, match="override"):
        approve(conn, verdict_id, "ana", "looks fine")
    with clean_db.begin() as conn, pytest.raises(ReviewError, match="note"):
        approve(conn, verdict_id, "ana", override_high_risk=True)
    with clean_db.begin() as conn:
        assert review_queue(conn, ("blocked",))[0].verdict_id == verdict_id
        approve(conn, verdict_id, "ana", "legal approved the income disclaimer", True)
    with clean_db.connect() as conn:
        assert may_run(conn, creative_id)
        row = conn.execute(sa.select(compliance_verdicts)).one()
    assert (row.status, row.override, row.reviewed_by) == ("approved", True, "ana")


def test_decisions_that_make_no_sense_are_refused(clean_db, creative):
    passed = _record(clean_db, creative("a"), CLEAN)
    with clean_db.begin() as conn:
        with pytest.raises(ReviewError, match="only pending"):
            approve(conn, passed, "ana")
        with pytest.raises(ReviewError, match="no verdict 999"):
            approve(conn, 999, "ana")
        with pytest.raises(ReviewError, match="who reviews"):
            reject(conn, passed, " ")
        reject(conn, passed, "ana", "off-brand")  # a person can veto even a passed creative
        with pytest.raises(ReviewError, match="already rejected"):
            reject(conn, passed, "ana")
