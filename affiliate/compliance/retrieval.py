"""Searching the policy corpus: full-text search always, pgvector similarity when configured.

The chunks searched are policy_index.py's; a search first makes the index current (one query
when it is). With an embedder (see embeddings.py) and a server that has pgvector (migration
0010), a search fuses two rankings of the rules by reciprocal-rank
fusion (Cormack, Clarke & Büttcher, 2009): score = 1/(k + full-text rank) + 1/(k + similarity
rank), k = 60. Ranks, not scores, are combined because ts_rank and cosine similarity are on
scales that differ from model to model; the full-text rank is today's ranking (text, then the
niche, platform and severity boosts) and the similarity rank orders rules by their nearest
chunk. The scan is exact: a few dozen chunks need no ivfflat/hnsw index.

Without an embedder, or without the vector column, the ranking is the full-text one alone.
An embedding failure during a search is logged and the search answers from full-text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from affiliate.compliance.corpus import PLATFORMS, Corpus, Rule, load_corpus
from affiliate.compliance.policy_index import (
    NO_VECTOR_COLUMN,
    build_index,
    has_vector_column,
    index_is_current,
    vector_literal,
    vectors_current,
)
from affiliate.content.writers.base import LLMError

if TYPE_CHECKING:  # the embedder brings the LLM SDKs; full-text search needs none of them
    from affiliate.compliance.embeddings import MeteredEmbedder

log = logging.getLogger(__name__)

RRF_K = 60  # the constant of the RRF paper; large against ~40 rules, so neither list dominates
FULL_TEXT = "full-text"
FUSED = "full-text + similarity"

# Text relevance first; then the rules written for this niche and platform, then severity.
_FTS_SCORE = (
    " max(ts_rank(document, to_tsquery('english', :query)))"
    "  + case when bool_or(:niche = any(niches)) then 0.2 else 0 end"
    "  + case when bool_or(:platform = any(platforms)) then 0.1 else 0 end"
    "  + case max(severity) when 'high' then 0.05 when 'medium' then 0.02 else 0 end"
)
_APPLICABLE = (
    " from app.policy_chunks"
    " where platforms && array[:platform, 'all']::text[]"
    "  and (cast(:niche as text) is null or niches && array[:niche, 'all']::text[])"
    " group by rule_id"
)
_RANK_SQL = sa.text(
    f"select rule_id, {_FTS_SCORE} as score {_APPLICABLE} order by score desc, rule_id limit :limit"
)
# Only chunks embedded by the query's model, at its dimension, are compared (`<=>` is cosine
# distance); rules without one rank last by similarity. Ties share a rank (rank()).
_FUSED_SQL = sa.text(
    "with scored as ("
    f" select rule_id, {_FTS_SCORE} as fts_score,"
    "  min(case when embedding_model = :model and vector_dims(embedding) = :dims"
    "   then embedding <=> cast(:query_vector as vector) end) as distance"
    f" {_APPLICABLE}"
    "), ranked as ("
    " select rule_id, fts_score,"
    "  rank() over (order by fts_score desc) as fts_rank,"
    "  rank() over (order by distance asc nulls last) as similarity_rank"
    " from scored"
    ")"
    " select rule_id, 1.0 / (:k + fts_rank) + 1.0 / (:k + similarity_rank) as score"
    " from ranked"
    " order by score desc, fts_score desc, rule_id"
    " limit :limit"
)


@dataclass(frozen=True)
class RuleMatch:
    rule: Rule
    score: float  # the full-text score, or the fused one (see RuleSearch.ranking)


@dataclass(frozen=True)
class RuleSearch:
    matches: list[RuleMatch]
    ranking: str  # FULL_TEXT or FUSED
    model: str | None = None  # the embedder ("openai text-embedding-3-small"), when used
    note: str | None = None  # why similarity was not used, when an embedder was given

    def describe(self, no_embedder_reason: str | None = None) -> str:
        """One line for a person: which ranking, and why not similarity when it was not."""
        if self.ranking == FUSED:
            return f"ranking: {FUSED} ({self.model}, reciprocal-rank fusion)"
        why = self.note or no_embedder_reason
        return f"ranking: {FULL_TEXT}" + (f" ({why})" if why else "")


def search_rules(
    conn: sa.Connection,
    platform: str,
    niche: str | None,
    text: str = "",
    limit: int = 5,
    embedder: MeteredEmbedder | None = None,
) -> RuleSearch:
    """The rules that apply to `platform` and `niche`, most relevant to `text` first, and
    which ranking found them. Never raises for an embedding problem: it answers full-text."""
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r}: use one of {', '.join(PLATFORMS)}")
    corpus = load_corpus()
    params = {"query": _or_query(text), "platform": platform, "niche": niche, "limit": limit}
    query_vector, note = None, None
    if embedder is None:
        if not index_is_current(conn, corpus):
            build_index(conn, corpus)
    else:
        query_vector, note = _query_vector(conn, corpus, embedder, text)
    rows = None
    if query_vector is not None:
        rows, note = _fused_rows(conn, params, embedder.model, query_vector)
    if rows is None:
        rows = conn.execute(_RANK_SQL, params).all()
    by_id = {rule.id: rule for rule in corpus.rules}
    matches = [
        RuleMatch(by_id[row.rule_id], float(row.score)) for row in rows if row.rule_id in by_id
    ]
    if note is None and query_vector is not None:
        return RuleSearch(matches, FUSED, embedder.label)
    return RuleSearch(matches, FULL_TEXT, None, note)


def relevant_rules(
    conn: sa.Connection,
    platform: str,
    niche: str | None,
    text: str = "",
    limit: int = 5,
    embedder: MeteredEmbedder | None = None,
) -> list[RuleMatch]:
    """The rules that apply to `platform` and `niche`, most relevant to `text` first."""
    return search_rules(conn, platform, niche, text, limit, embedder).matches


def _query_vector(
    conn: sa.Connection, corpus: Corpus, embedder: MeteredEmbedder, text: str
) -> tuple[list[float] | None, str | None]:
    """The text's embedding with the index current for its model, or None and why not."""
    if not has_vector_column(conn):
        _warn_once(f"policy retrieval is full-text only: {NO_VECTOR_COLUMN}")
        if not index_is_current(conn, corpus):
            build_index(conn, corpus)
        return None, NO_VECTOR_COLUMN
    # Checked first so that a search takes the index's lock only when there is work to do:
    # the text's embedding below is an HTTP call, and no search should wait behind another's.
    if not vectors_current(conn, corpus, embedder.model):
        report = build_index(conn, corpus, embedder=embedder)
        if report.note:
            log.warning("policy retrieval fell back to full-text: %s", report.note)
            return None, report.note
    if not text.strip():
        return None, "no text to compare by similarity"
    try:
        [vector] = embedder.embed([text], task="policy_search")
    except LLMError as exc:
        log.warning("policy retrieval fell back to full-text: embedding the text failed: %s", exc)
        return None, f"embedding the text failed: {exc}"
    return vector, None


def _fused_rows(conn: sa.Connection, params: dict, model: str, vector: list[float]):
    """The fused ranking's rows, or None and why when the database refused the query (the
    savepoint keeps the caller's transaction usable for the full-text answer)."""
    fused = params | {"model": model, "dims": len(vector), "k": RRF_K}
    fused["query_vector"] = vector_literal(vector)
    try:
        with conn.begin_nested():
            return conn.execute(_FUSED_SQL, fused).all(), None
    except sa.exc.DBAPIError as exc:
        reason = f"the similarity query failed: {str(exc.orig).strip()}"
        log.warning("policy retrieval fell back to full-text: %s", reason)
        return None, reason


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    """A configuration that will not change while the process runs is said once, not per ad."""
    if message not in _warned:
        _warned.add(message)
        log.warning(message)


def _or_query(text: str) -> str:
    """A tsquery matching any word of the text; only letters and digits reach the parser.
    No words is the empty query, which matches nothing (the quoted '' it once was is a syntax
    error for to_tsquery when bound as a value)."""
    words = sorted(set(re.findall(r"[a-z0-9]+", text.lower())))[:64]
    return " | ".join(words)
