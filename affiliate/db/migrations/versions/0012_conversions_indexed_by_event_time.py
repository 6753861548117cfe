"""conversions indexed by their event times

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 01:10:00

The daily incremental build of the marts reads only the conversions of its look-back window:
approved (conversion_date), reversed (refunded_at) or changed (updated_at) in the last few
days. Without these indexes each of those reads, and each of the daily build's tests on recent
conversions, scanned every sale ever made (a million rows: ~0.6 s a read). refunded_at is
indexed only where set: most sales are never reversed.
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "conversions_conversion_date_idx", "conversions", ["conversion_date"], schema="app"
    )
    op.create_index("conversions_updated_at_idx", "conversions", ["updated_at"], schema="app")
    op.create_index(
        "conversions_refunded_at_idx",
        "conversions",
        ["refunded_at"],
        schema="app",
        postgresql_where=sa.text("refunded_at is not null"),
    )


def downgrade() -> None:
    for name in (
        "conversions_refunded_at_idx",
        "conversions_updated_at_idx",
        "conversions_conversion_date_idx",
    ):
        op.drop_index(name, table_name="conversions", schema="app")
