"""connect tokens in their own table

A token is issued before any session exists for the platform (the first connect), so it
cannot live on integration_sessions, whose encrypted_session is required; and it is stored
only as a hash, single-use, with its own expiry.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 16:32:55.042824
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "connect_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=50), nullable=False),
        sa.Column(
            "token_hash",
            sa.String(length=64),
            nullable=False,
            comment="sha256 of the token; the token itself is never stored",
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["user_id"], ["app.users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
        schema="app",
    )
    op.drop_constraint(
        op.f("integration_sessions_connect_token_key"),
        "integration_sessions",
        schema="app",
        type_="unique",
    )
    op.drop_column("integration_sessions", "connect_token", schema="app")
    op.drop_column("integration_sessions", "connect_token_expires_at", schema="app")


def downgrade() -> None:
    op.add_column(
        "integration_sessions",
        sa.Column(
            "connect_token_expires_at",
            postgresql.TIMESTAMP(timezone=True),
            autoincrement=False,
            nullable=True,
        ),
        schema="app",
    )
    op.add_column(
        "integration_sessions",
        sa.Column("connect_token", sa.VARCHAR(length=128), autoincrement=False, nullable=True),
        schema="app",
    )
    op.create_unique_constraint(
        op.f("integration_sessions_connect_token_key"),
        "integration_sessions",
        ["connect_token"],
        schema="app",
        postgresql_nulls_not_distinct=False,
    )
    op.drop_table("connect_tokens", schema="app")
