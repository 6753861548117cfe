"""policy embeddings and exact AI costs

Similarity search for the policy corpus: where the server offers pgvector, the extension is
created and app.policy_chunks gains `embedding vector` and `embedding_model`. The vector has
no fixed dimension because the model is the user's choice (1536 for OpenAI's
text-embedding-3-small, 768 for nomic-embed-text, …) and the model can change; an ivfflat or
hnsw index would need one fixed dimension, but the corpus is a few dozen chunks, so retrieval
scans them exactly and needs none. A server without pgvector migrates without the two columns
and retrieval stays full-text only.

The ledger's cost (app.ai_generation_history.cost, the only column holding a per-call AI
cost) widens from numeric(14,6) to numeric(18,10): one embedding token costs $0.00000002 and
a one-token chat call $0.00000015, which six places rounded to nothing.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25 23:50:00
"""

import logging

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

log = logging.getLogger("affiliate.db.migrations")

SIMILARITY_STATEMENTS = (
    "alter table app.policy_chunks add column if not exists embedding vector",
    "alter table app.policy_chunks add column if not exists embedding_model text",
    "comment on column app.policy_chunks.embedding is"
    " 'the chunk''s embedding by embedding_model; no fixed dimension, scanned exactly'",
)
# What to do later; the statements are idempotent, so running them by hand is safe.
ADD_LATER = (
    "To add similarity search later, install pgvector on the server and run, as a role "
    "allowed to: create extension if not exists vector; " + "; ".join(SIMILARITY_STATEMENTS[:2])
)


def similarity_statements(vector_ready: bool) -> tuple[str, ...]:
    """What adds similarity search: the two columns with pgvector, nothing without it."""
    return SIMILARITY_STATEMENTS if vector_ready else ()


def vector_available(conn: sa.Connection) -> bool:
    return bool(
        conn.scalar(
            sa.text("select exists(select 1 from pg_available_extensions where name = 'vector')")
        )
    )


def create_vector_extension(conn: sa.Connection) -> bool:
    """Create pgvector; False (logged) when the role may not, so the migration still runs.

    pgvector is not a trusted extension: on a managed server only privileged roles create it.
    The savepoint keeps the migration's transaction usable after a refusal.
    """
    try:
        with conn.begin_nested():
            conn.execute(sa.text("create extension if not exists vector"))
    except sa.exc.DBAPIError as exc:
        log.warning(
            "migration 0010: pgvector is offered but could not be created (%s); policy "
            "retrieval stays full-text only. %s",
            str(exc.orig).strip(),
            ADD_LATER,
        )
        return False
    return True


def apply(vector_ready: bool) -> None:
    """The upgrade, once it is known whether pgvector is installed (tests pass False)."""
    for statement in similarity_statements(vector_ready):
        op.execute(statement)
    op.alter_column(
        "ai_generation_history",
        "cost",
        type_=sa.Numeric(18, 10),
        existing_type=sa.Numeric(14, 6),
        existing_nullable=False,
        existing_server_default="0",
        schema="app",
    )


def upgrade() -> None:
    conn = op.get_bind()
    if not vector_available(conn):
        log.warning(
            "migration 0010: this PostgreSQL server does not offer pgvector ('vector' is not in "
            "pg_available_extensions); policy retrieval stays full-text only. %s",
            ADD_LATER,
        )
        apply(vector_ready=False)
        return
    apply(vector_ready=create_vector_extension(conn))


def downgrade() -> None:
    # Costs keep six places again (rounded); the extension stays, other objects may use it.
    op.alter_column(
        "ai_generation_history",
        "cost",
        type_=sa.Numeric(14, 6),
        existing_type=sa.Numeric(18, 10),
        existing_nullable=False,
        existing_server_default="0",
        schema="app",
    )
    op.execute("alter table app.policy_chunks drop column if exists embedding_model")
    op.execute("alter table app.policy_chunks drop column if exists embedding")
