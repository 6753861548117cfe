"""offer scores per day and selector repairs

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 16:34:18.115715
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "selector_repairs",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("platform", sa.String(length=50), nullable=False),
        sa.Column(
            "intent", sa.String(length=100), nullable=False, comment="what the selector is for"
        ),
        sa.Column("page_url", sa.Text(), nullable=True),
        sa.Column("old_selector", sa.Text(), nullable=True),
        sa.Column("new_selector", sa.Text(), nullable=True),
        sa.Column(
            "oracle", sa.String(length=50), nullable=False, comment="offline or the LLM provider"
        ),
        sa.Column("outcome", sa.String(length=20), nullable=False, comment="repaired or failed"),
        sa.Column(
            "context",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
            comment="trimmed DOM, screenshot path, candidates tried",
        ),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id"),
        schema="app",
    )
    op.create_table(
        "offer_scores",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("score_date", sa.Date(), nullable=False),
        sa.Column("formula_version", sa.String(length=20), nullable=False),
        sa.Column(
            "v1_score",
            sa.Numeric(precision=14, scale=4),
            nullable=True,
            comment="commission × temperature ÷ price",
        ),
        sa.Column("momentum_multiplier", sa.Float(), server_default="1", nullable=False),
        sa.Column("review_multiplier", sa.Float(), server_default="1", nullable=False),
        sa.Column("combined_score", sa.Numeric(precision=14, scale=4), nullable=True),
        sa.Column(
            "slope_7d", sa.Float(), nullable=True, comment="popularity change per day, last 7 days"
        ),
        sa.Column(
            "accel_7d",
            sa.Float(),
            nullable=True,
            comment="change of the slope per day, last 7 days",
        ),
        sa.Column("slope_28d", sa.Float(), nullable=True),
        sa.Column("accel_28d", sa.Float(), nullable=True),
        sa.Column("accelerating", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column(
            "parts",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
            comment="every input and intermediate, so the score can be explained",
        ),
        sa.Column("explanation", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["product_id"], ["app.products.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "product_id",
            "score_date",
            "formula_version",
            name="offer_scores_product_day_version_key",
        ),
        schema="app",
    )


def downgrade() -> None:

    op.drop_table("offer_scores", schema="app")
    op.drop_table("selector_repairs", schema="app")
