"""The policy corpus as rows of app.policy_chunks: written from the policy files, embedded.

Each rule becomes two chunks — what the rule says (with its fix) and its example texts — so an
ad matches a rule both by the rule's vocabulary and by resembling its examples. The index is
rebuilt whenever the corpus version changes (retrieval checks on every search; it is one
query), so no one has to remember to reindex after editing a policy file.

With an embedder (see embeddings.py) and a server that has pgvector (migration 0010), every
chunk also carries its embedding and the model that made it; chunks are re-embedded when the
corpus or the model changes. Searching them is retrieval.py's part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from affiliate.compliance.corpus import Corpus, Rule, load_corpus
from affiliate.content.writers.base import LLMError

if TYPE_CHECKING:  # the embedder brings the LLM SDKs; full-text search needs none of them
    from affiliate.compliance.embeddings import MeteredEmbedder

# Any fixed number: it only has to be the same for every process that (re)builds the index.
_INDEX_LOCK = 0x00C0_3B11
NO_VECTOR_COLUMN = (
    "the database has no vector column on app.policy_chunks (its server lacked pgvector at "
    "migration 0010)"
)

_INSERT_SQL = sa.text(
    "insert into app.policy_chunks"
    " (corpus_version, rule_id, chunk_no, source, family, severity, platforms, niches,"
    "  content, url, document)"
    " values (:corpus_version, :rule_id, :chunk_no, :source, :family, :severity, :platforms,"
    "  :niches, :content, :url,"
    "  setweight(to_tsvector('english', :heading), 'A')"
    "  || setweight(to_tsvector('english', :content), 'B'))"
)


@dataclass(frozen=True)
class IndexReport:
    chunks: int  # chunks (re)written for full-text search; 0 when it was current
    vectors: int  # chunks (re)embedded; 0 when current or not embedded
    vectors_total: int  # chunks carrying the embedder's vectors afterwards
    model: str | None  # the embedder's label, when one was given
    note: str | None  # why there are no vectors for it

    def describe(self, corpus_version: str, no_embedder_reason: str | None = None) -> str:
        """Lines for a person: what was indexed, and whether vectors were built or why not."""
        lines = [
            f"{self.chunks} chunks indexed (corpus {corpus_version})."
            if self.chunks
            else f"Index current ({corpus_version})."
        ]
        if self.model is None:
            why = no_embedder_reason or self.note
            lines.append(f"Vectors: none ({why}); retrieval is full-text only.")
        elif self.note:
            lines.append(
                f"Vectors: none for {self.model} ({self.note}); retrieval is full-text only."
            )
        elif self.vectors:
            lines.append(f"Vectors: {self.vectors} chunks embedded with {self.model}.")
        else:
            lines.append(f"Vectors current: {self.vectors_total} chunks, {self.model}.")
        return "\n".join(lines)


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


def vectors_current(conn: sa.Connection, corpus: Corpus, model: str) -> bool:
    """Whether every chunk is of this corpus and carries a vector from `model` (ask only when
    the vector column exists)."""
    total, stale = conn.execute(
        sa.text(
            "select count(*), count(*) filter (where corpus_version <> :v"
            " or embedding is null or embedding_model is distinct from :m) from app.policy_chunks"
        ),
        {"v": corpus.version, "m": model},
    ).one()
    return total > 0 and stale == 0


def has_vector_column(conn: sa.Connection) -> bool:
    """Whether migration 0010 could add the pgvector columns on this server."""
    return bool(
        conn.scalar(
            sa.text(
                "select exists(select 1 from information_schema.columns where table_schema ="
                " 'app' and table_name = 'policy_chunks' and column_name = 'embedding')"
            )
        )
    )


def index_corpus(
    conn: sa.Connection,
    corpus: Corpus | None = None,
    force: bool = False,
    embedder: MeteredEmbedder | None = None,
) -> int:
    """(Re)build the index from the policy files when stale; the number of chunks written."""
    return build_index(conn, corpus, force, embedder).chunks


def build_index(
    conn: sa.Connection,
    corpus: Corpus | None = None,
    force: bool = False,
    embedder: MeteredEmbedder | None = None,
) -> IndexReport:
    """Rewrite the chunks when the corpus changed (or `force`), then embed every chunk that
    has no vector from `embedder`'s model. A failed embedding leaves the full-text index
    built and says why in the report.

    Holds a transaction-level advisory lock so two processes checking at once build it once.
    """
    corpus = corpus or load_corpus()
    conn.execute(sa.text("select pg_advisory_xact_lock(:k)"), {"k": _INDEX_LOCK})
    written = 0
    if force or not index_is_current(conn, corpus):
        written = _write_chunks(conn, corpus)
    if embedder is None:
        return IndexReport(written, 0, 0, None, "no embedding model configured")
    if not has_vector_column(conn):
        return IndexReport(written, 0, 0, embedder.label, NO_VECTOR_COLUMN)
    try:
        embedded = _embed_missing(conn, embedder)
    except LLMError as exc:
        return IndexReport(written, 0, 0, embedder.label, f"embedding failed: {exc}")
    total = conn.scalar(
        sa.text("select count(*) from app.policy_chunks where embedding_model = :m"),
        {"m": embedder.model},
    )
    return IndexReport(written, embedded, total, embedder.label, None)


def _write_chunks(conn: sa.Connection, corpus: Corpus) -> int:
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


def _embed_missing(conn: sa.Connection, embedder: MeteredEmbedder) -> int:
    """Embed the chunks without a vector from this model; all are written or none."""
    rows = conn.execute(
        sa.text(
            "select id, source, family, content from app.policy_chunks"
            " where embedding is null or embedding_model is distinct from :m order by id"
        ),
        {"m": embedder.model},
    ).all()
    if not rows:
        return 0
    texts = [f"{r.source}, {r.family.replace('_', ' ')}: {r.content}" for r in rows]
    vectors = embedder.embed(texts, task="policy_index")
    conn.execute(
        sa.text(
            "update app.policy_chunks set embedding = cast(:v as vector), embedding_model = :m"
            " where id = :id"
        ),
        [
            {"id": r.id, "v": vector_literal(v), "m": embedder.model}
            for r, v in zip(rows, vectors, strict=True)
        ],
    )
    return len(rows)


def vector_literal(vector: list[float]) -> str:
    """pgvector's text form, '[0.1,0.2,…]'; repr keeps every float's digits."""
    return "[" + ",".join(repr(float(x)) for x in vector) + "]"
