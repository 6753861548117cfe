"""conversion events keep approved_at

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 18:37:21.737713
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "conversion_events",
        sa.Column(
            "approved_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="when the network approved the sale, if the event says (the conversion date)",
        ),
        schema="app",
    )


def downgrade() -> None:
    op.drop_column("conversion_events", "approved_at", schema="app")
