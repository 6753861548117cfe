"""The policy corpus in Postgres full-text search: index it, then find the rules for an ad.

Each rule becomes two chunks — what the rule says (with its fix) and its example texts — so an
ad matches a rule both by the rule's vocabulary and by resembling its examples. The index is
rebuilt whenever the corpus version changes (checked on every search; it is one query), so no
one has to remember to reindex after editing a policy file.

Seam for similarity search: `relevant_rules` ranks by `ts_rank`; an embedding-based ranker
(pgvector `embedding` column on policy_chunks) can be blended into `_RANK_SQL`'s score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from affiliate.compliance.corpus import PLATFORMS, Corpus, Rule, load_corpus

# Any fixed number: it only has to be the same for every process that (re)builds the index.
_INDEX_LOCK = 0x00C0_3B11

_INSERT_SQL = sa.text(
    "insert into app.policy_chunks"
    " (corpus_version, rule_id, chunk_no, source, family, severity, platforms, niches,"
    "  content, url, document)"
    " values (:corpus_version, :rule_id, :chunk_no, :source, :family, :severity, :platforms,"
    "  :niches, :content, :url,"
    "  setweight(to_tsvector('english', :heading), 'A')"
    "  || setweight(to_tsvector('english', :content), 'B'))"
)

# Text relevance first; then the rules written for this niche and platform, then severity.
_RANK_SQL = sa.text(
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


@dataclass(frozen=True)
class RuleMatch:
    rule: Rule
    score: float


def chunks(rule: Rule) -> list[tuple[int, str]]:
    """The rule as (chunk number, text): its statement and fix, then its examples."""
    statement = f"{rule.description} How to fix: {rule.fix}"
    examples = " ".join(
        [f"Violates: {text}" for text in rule.violating]
        + [f"Complies: {text}" for text in rule.compliant]
    )
    return [(0, statement)] + ([(1, examples)] if examples else [])


def index_is_current(conn: sa.Connection, corpus: Corpus | None = None) -> bool:
    corpus = corpus or load_corpus()
    total, stale = conn.execute(
        sa.text(
            "select count(*), count(*) filter (where corpus_version <> :v) from app.policy_chunks"
        ),
        {"v": corpus.version},
    ).one()
    return total > 0 and stale == 0


def index_corpus(conn: sa.Connection, corpus: Corpus | None = None, force: bool = False) -> int:
    """(Re)build the index from the policy files when stale; the number of chunks written.

    Holds a transaction-level advisory lock so two processes checking at once build it once.
    """
    corpus = corpus or load_corpus()
    conn.execute(sa.text("select pg_advisory_xact_lock(:k)"), {"k": _INDEX_LOCK})
    if not force and index_is_current(conn, corpus):
        return 0
    conn.execute(sa.text("delete from app.policy_chunks"))
    rows = [
        {
            "corpus_version": corpus.version,
            "rule_id": rule.id,
            "chunk_no": number,
            "source": rule.source,
            "family": rule.family,
            "severity": rule.severity,
            "platforms": list(rule.platforms),
            "niches": list(rule.niches),
            "heading": f"{rule.source} {rule.family.replace('_', ' ')} {rule.id}",
            "content": content,
            "url": rule.url,
        }
        for rule in corpus.rules
        for number, content in chunks(rule)
    ]
    conn.execute(_INSERT_SQL, rows)
    return len(rows)


def relevant_rules(
    conn: sa.Connection, platform: str, niche: str | None, text: str = "", limit: int = 5
) -> list[RuleMatch]:
    """The rules that apply to `platform` and `niche`, most relevant to `text` first."""
    if platform not in PLATFORMS:
        raise ValueError(f"unknown platform {platform!r}: use one of {', '.join(PLATFORMS)}")
    corpus = load_corpus()
    if not index_is_current(conn, corpus):
        index_corpus(conn, corpus)
    rows = conn.execute(
        _RANK_SQL,
        {"query": _or_query(text), "platform": platform, "niche": niche, "limit": limit},
    ).all()
    by_id = {rule.id: rule for rule in corpus.rules}
    return [RuleMatch(by_id[row.rule_id], float(row.score)) for row in rows if row.rule_id in by_id]


def _or_query(text: str) -> str:
    """A tsquery matching any word of the text; only letters and digits reach the parser."""
    words = sorted(set(re.findall(r"[a-z0-9]+", text.lower())))[:64]
    return " | ".join(words) if words else "''"
