"""creatives in every format

A creative is one piece of copy in one format of the prompt library (a Meta ad variation, a
Google responsive search ad, a video script, an email sequence, a landing page, an SEO
outline). `format` says which, `variation` numbers a format's variations (Meta's 1–5), and
`content` keeps the format's whole validated output as JSON; headline, body and call to
action stay the summary an ad platform or a list shows. The unique key gains format and
variation, so one generation per product and format is stored once however often it runs.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 22:40:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "creatives",
        sa.Column(
            "format",
            sa.Text,
            nullable=False,
            server_default="meta_ad",
            comment="meta_ad, google_rsa, video_script, email_sequence, landing_page, …",
        ),
        schema="app",
    )
    op.add_column(
        "creatives",
        sa.Column("variation", sa.Integer, nullable=False, server_default="0"),
        schema="app",
    )
    op.add_column(
        "creatives",
        sa.Column("content", postgresql.JSONB, comment="the format's validated output"),
        schema="app",
    )
    op.drop_constraint("creatives_product_template_key", "creatives", schema="app")
    op.create_unique_constraint(
        "creatives_product_format_key",
        "creatives",
        ["product_id", "channel", "format", "template_id", "variation"],
        schema="app",
    )


def downgrade() -> None:
    op.drop_constraint("creatives_product_format_key", "creatives", schema="app")
    op.execute("delete from app.creatives where variation > 0")
    op.create_unique_constraint(
        "creatives_product_template_key",
        "creatives",
        ["product_id", "channel", "template_id"],
        schema="app",
    )
    op.drop_column("creatives", "content", schema="app")
    op.drop_column("creatives", "variation", schema="app")
    op.drop_column("creatives", "format", schema="app")
