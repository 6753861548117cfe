"""sales page reviews

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 17:15:59.165566
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "sales_page_reviews",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column(
            "reviewer",
            sa.String(length=50),
            nullable=False,
            comment="offline-rubric or the LLM provider",
        ),
        sa.Column(
            "scores",
            postgresql.JSONB(astext_type=sa.Text()),
            nullable=False,
            comment="clarity, social proof, call to action, guarantee, urgency: 0-1 each",
        ),
        sa.Column("multiplier", sa.Float(), nullable=False),
        sa.Column(
            "evidence",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
            comment="the phrases each score rests on",
        ),
        sa.Column(
            "outcome",
            sa.String(length=20),
            server_default="ok",
            nullable=False,
            comment="ok or the fetch error",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["product_id"], ["app.products.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "product_id", "reviewed_on", "reviewer", name="sales_page_reviews_product_day_key"
        ),
        schema="app",
    )


def downgrade() -> None:

    op.drop_table("sales_page_reviews", schema="app")
