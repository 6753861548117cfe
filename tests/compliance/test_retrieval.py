"""The corpus in Postgres full-text search: indexed once per corpus version, searched by text."""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa

from affiliate.compliance.corpus import load_corpus
from affiliate.compliance.retrieval import index_corpus, index_is_current, relevant_rules


def _chunk_count(conn) -> int:
    return conn.scalar(sa.text("select count(*) from app.policy_chunks"))


def test_index_is_built_once_per_corpus_version(clean_db):
    corpus = load_corpus()
    with clean_db.begin() as conn:
        assert not index_is_current(conn, corpus)
        written = index_corpus(conn, corpus)
        assert written == _chunk_count(conn) >= len(corpus.rules)
        assert index_corpus(conn, corpus) == 0  # current: nothing rewritten
        edited = dataclasses.replace(corpus, version=corpus.version + "-edited")
        assert not index_is_current(conn, edited)
        assert index_corpus(conn, edited) == written
        versions = conn.scalars(sa.text("select distinct corpus_version from app.policy_chunks"))
        assert versions.all() == [edited.version]


def test_search_builds_a_missing_index_and_ranks_by_the_text(clean_db):
    with clean_db.begin() as conn:
        matches = relevant_rules(
            conn, "meta", "weight_loss", "Lose 20 pounds fast, melt belly fat", limit=3
        )
        assert index_is_current(conn)
    assert matches[0].rule.id == "meta.health.weight_loss"
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_search_keeps_to_the_platform_and_niche(clean_db):
    with clean_db.begin() as conn:
        google = relevant_rules(conn, "google", "software", "Best Tool Ever!!!", limit=50)
        money = relevant_rules(conn, "tiktok", "make_money", "earn $500 a day", limit=3)
    assert google and all(m.rule.applies_to("google") for m in google)
    assert all(m.rule.fits_niche("software") for m in google)
    assert "meta.personal_attributes" not in {m.rule.id for m in google}
    assert money[0].rule.family == "income_claims"


def test_text_with_query_syntax_is_just_words(clean_db):
    with clean_db.begin() as conn:
        matches = relevant_rules(conn, "meta", None, "'); drop table x; -- & | ! :*", limit=2)
    assert len(matches) == 2
