"""The corpus in Postgres full-text search: indexed once per corpus version, searched by text."""

from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa

from affiliate.compliance.corpus import load_corpus
from affiliate.compliance.policy_index import index_corpus, index_is_current
from affiliate.compliance.retrieval import FULL_TEXT, relevant_rules, search_rules


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


# The ranking before similarity search existed, verbatim: without an embedder (or without
# the vector column) search must answer exactly this.
_TODAYS_RANK_SQL = sa.text(
    "select rule_id,"
    " max(ts_rank(document, to_tsquery('english', :query)))"
    "  + case when bool_or(:niche = any(niches)) then 0.2 else 0 end"
    "  + case when bool_or(:platform = any(platforms)) then 0.1 else 0 end"
    "  + case max(severity) when 'high' then 0.05 when 'medium' then 0.02 else 0 end as score"
    " from app.policy_chunks"
    " where platforms && array[:platform, 'all']::text[]"
    "  and (cast(:niche as text) is null or niches && array[:niche, 'all']::text[])"
    " group by rule_id"
    " order by score desc, rule_id"
    " limit :limit"
)


@pytest.mark.parametrize(
    ("platform", "niche", "text", "query"),
    [
        ("meta", "weight_loss", "Lose 20 pounds fast, melt belly fat", "20 | belly | fast | fat | "
         "lose | melt | pounds"),
        ("google", "software", "Best Tool Ever!!!", "best | ever | tool"),
        ("tiktok", None, "", ""),
        ("meta", "make_money", "earn $500 a day from home", "500 | a | day | earn | from | home"),
    ],
)  # fmt: skip
def test_without_an_embedder_the_ranking_is_the_full_text_one_as_before(
    clean_db, platform, niche, text, query
):
    with clean_db.begin() as conn:
        result = search_rules(conn, platform, niche, text, limit=50)
        before = conn.execute(
            _TODAYS_RANK_SQL,
            {"query": query, "platform": platform, "niche": niche, "limit": 50},
        ).all()
    assert result.ranking == FULL_TEXT and result.note is None
    assert [(m.rule.id, m.score) for m in result.matches] == [
        (row.rule_id, float(row.score)) for row in before
    ]
    assert result.describe("no embedding model configured") == (
        "ranking: full-text (no embedding model configured)"
    )
    with clean_db.begin() as conn:
        assert relevant_rules(conn, platform, niche, text, 50) == result.matches
