"""compliance: policy index and verdicts

The Compliance Guardian's two tables: the policy corpus chunked for full-text search (loaded
from affiliate/compliance/policies, refreshed when the corpus version changes), and every
verdict given on a creative with the review a person gave it, so a creative runs only when
its latest verdict passed or was approved.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 22:00:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "policy_chunks",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("corpus_version", sa.Text, nullable=False),
        sa.Column("rule_id", sa.Text, nullable=False),
        sa.Column("chunk_no", sa.Integer, nullable=False, server_default="0"),
        sa.Column("source", sa.Text, nullable=False, comment="FTC, Meta, Google Ads, …"),
        sa.Column("family", sa.Text, nullable=False),
        sa.Column("severity", sa.Text, nullable=False),
        sa.Column("platforms", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("niches", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("document", postgresql.TSVECTOR, nullable=False),
        sa.Column(
            "indexed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("rule_id", "chunk_no"),
        schema="app",
    )
    op.create_index(
        "policy_chunks_document_idx",
        "policy_chunks",
        ["document"],
        postgresql_using="gin",
        schema="app",
    )
    op.create_table(
        "compliance_verdicts",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column(
            "creative_id",
            sa.Integer,
            sa.ForeignKey("app.creatives.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("niche", sa.Text),
        sa.Column("checker", sa.Text, nullable=False, comment="rules; later rules+llm"),
        sa.Column("corpus_version", sa.Text, nullable=False),
        sa.Column("text_sha256", sa.CHAR(64), nullable=False, comment="what was checked"),
        sa.Column("risk", sa.Text, nullable=False, comment="low, medium or high"),
        sa.Column(
            "findings", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")
        ),
        sa.Column(
            "status",
            sa.Text,
            nullable=False,
            comment="passed, pending, blocked, approved, rejected",
        ),
        sa.Column("reviewed_by", sa.Text),
        sa.Column("reviewed_at", sa.DateTime(timezone=True)),
        sa.Column("review_note", sa.Text),
        sa.Column(
            "override",
            sa.Boolean,
            nullable=False,
            server_default=sa.false(),
            comment="a high-risk verdict approved on purpose",
        ),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("creative_id", "platform", "checker", "corpus_version", "text_sha256"),
        sa.CheckConstraint(
            "status in ('passed', 'pending', 'blocked', 'approved', 'rejected')",
            name="compliance_verdicts_status_check",
        ),
        sa.CheckConstraint(
            "risk in ('low', 'medium', 'high')", name="compliance_verdicts_risk_check"
        ),
        schema="app",
    )
    op.create_index(
        "compliance_verdicts_status_idx", "compliance_verdicts", ["status"], schema="app"
    )


def downgrade() -> None:
    op.drop_table("compliance_verdicts", schema="app")
    op.drop_table("policy_chunks", schema="app")
