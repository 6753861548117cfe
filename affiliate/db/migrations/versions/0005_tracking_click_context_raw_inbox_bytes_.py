"""tracking: click context, raw inbox bytes, conversion history, fx rates

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 18:28:14.229210
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fx_rates",
        sa.Column("rate_date", sa.Date(), nullable=False),
        sa.Column("base_currency", sa.String(length=3), nullable=False),
        sa.Column("quote_currency", sa.String(length=3), nullable=False),
        sa.Column(
            "rate",
            sa.Numeric(precision=20, scale=10),
            nullable=False,
            comment="1 base_currency = rate quote_currency on rate_date",
        ),
        sa.Column("source", sa.String(length=100), server_default="csv", nullable=False),
        sa.Column(
            "loaded_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False
        ),
        sa.CheckConstraint("rate > 0", name="fx_rates_rate_positive"),
        sa.PrimaryKeyConstraint("rate_date", "base_currency", "quote_currency"),
        schema="app",
    )
    op.create_table(
        "conversion_events",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("conversion_id", sa.Integer(), nullable=False),
        sa.Column("inbox_id", sa.BigInteger(), nullable=False),
        sa.Column(
            "event_type", sa.String(length=100), nullable=False, comment="the network's own name"
        ),
        sa.Column(
            "event_status",
            sa.String(length=50),
            nullable=True,
            comment="what the event asks for; NULL: no change",
        ),
        sa.Column(
            "occurred_at",
            sa.DateTime(timezone=True),
            nullable=False,
            comment="the event's own time",
        ),
        sa.Column("sale_amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("commission_amount", sa.Numeric(precision=14, scale=2), nullable=False),
        sa.Column("currency", sa.String(length=10), nullable=False),
        sa.Column("status_before", sa.String(length=50), nullable=True),
        sa.Column("status_after", sa.String(length=50), nullable=False),
        sa.Column(
            "applied",
            sa.Boolean(),
            nullable=False,
            comment="false when the status machine refused the change (e.g. approved after refund)",
        ),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["conversion_id"], ["app.conversions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["inbox_id"],
            ["app.webhook_inbox.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("inbox_id", "event_type", name="conversion_events_inbox_event_key"),
        schema="app",
    )
    op.create_index(
        "conversion_events_conversion_idx",
        "conversion_events",
        ["conversion_id", "occurred_at", "inbox_id"],
        unique=False,
        schema="app",
    )
    op.add_column(
        "clicks", sa.Column("link_code", sa.String(length=32), nullable=True), schema="app"
    )
    op.add_column("clicks", sa.Column("campaign_id", sa.Integer(), nullable=True), schema="app")
    op.add_column("clicks", sa.Column("ad_set_id", sa.Integer(), nullable=True), schema="app")
    op.add_column("clicks", sa.Column("landing_page_id", sa.Integer(), nullable=True), schema="app")
    op.add_column("clicks", sa.Column("sub1", sa.String(length=255), nullable=True), schema="app")
    op.add_column("clicks", sa.Column("sub2", sa.String(length=255), nullable=True), schema="app")
    op.add_column("clicks", sa.Column("sub3", sa.String(length=255), nullable=True), schema="app")
    op.add_column("clicks", sa.Column("sub4", sa.String(length=255), nullable=True), schema="app")
    op.add_column("clicks", sa.Column("sub5", sa.String(length=255), nullable=True), schema="app")
    op.add_column(
        "clicks",
        sa.Column(
            "bot_reason",
            sa.String(length=100),
            nullable=True,
            comment="why the click is not counted",
        ),
        schema="app",
    )
    op.create_index("clicks_clicked_at_idx", "clicks", ["clicked_at"], unique=False, schema="app")
    op.add_column(
        "conversions", sa.Column("landing_page_id", sa.Integer(), nullable=True), schema="app"
    )
    op.add_column(
        "conversions",
        sa.Column("clicked_at", sa.DateTime(timezone=True), nullable=True),
        schema="app",
    )
    op.add_column(
        "conversions",
        sa.Column(
            "attribution",
            sa.String(length=20),
            server_default="unattributed",
            nullable=False,
            comment="'click' when linked to a counted click, else 'unattributed'",
        ),
        schema="app",
    )
    op.add_column(
        "conversions", sa.Column("unattributed_reason", sa.Text(), nullable=True), schema="app"
    )
    op.add_column(
        "conversions",
        sa.Column("account_currency", sa.String(length=3), server_default="USD", nullable=False),
        schema="app",
    )
    op.add_column(
        "conversions",
        sa.Column(
            "fx_rate",
            sa.Numeric(precision=20, scale=10),
            server_default="1",
            nullable=False,
            comment="currency → account_currency on the sale's day (fx_rates)",
        ),
        schema="app",
    )
    op.add_column(
        "conversions",
        sa.Column(
            "sale_amount_account",
            sa.Numeric(precision=14, scale=2),
            server_default="0",
            nullable=False,
        ),
        schema="app",
    )
    op.add_column(
        "conversions",
        sa.Column(
            "commission_amount_account",
            sa.Numeric(precision=14, scale=2),
            server_default="0",
            nullable=False,
        ),
        schema="app",
    )
    op.create_foreign_key(
        "conversions_landing_page_id_fkey",
        "conversions",
        "landing_pages",
        ["landing_page_id"],
        ["id"],
        source_schema="app",
        referent_schema="app",
    )
    # Rows from before account currencies were all in USD, the only currency then.
    op.execute(
        "update app.conversions set sale_amount_account = sale_amount,"
        " commission_amount_account = commission_amount, account_currency = upper(currency)"
    )
    op.add_column(
        "webhook_inbox",
        sa.Column("method", sa.String(length=10), server_default="POST", nullable=False),
        schema="app",
    )
    op.add_column(
        "webhook_inbox",
        sa.Column(
            "query",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
        schema="app",
    )
    op.add_column(
        "webhook_inbox",
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        schema="app",
    )
    op.alter_column(
        "webhook_inbox",
        "event_id",
        existing_type=sa.VARCHAR(length=255),
        comment="the delivery's dedupe key: the network's id, or one derived from its content",
        existing_comment="the network's delivery id",
        existing_nullable=False,
        schema="app",
    )
    op.alter_column(
        "webhook_inbox",
        "body",
        existing_type=sa.TEXT(),
        type_=sa.LargeBinary(),
        comment="raw body, byte for byte",
        postgresql_using="convert_to(body, 'UTF8')",
        existing_comment="raw body as received",
        existing_nullable=False,
        schema="app",
    )
    op.alter_column(
        "webhook_inbox",
        "status",
        existing_type=sa.VARCHAR(length=20),
        comment="pending, processed, ignored, test, rejected (kept for inspection) or error",
        existing_nullable=False,
        existing_server_default=sa.text("'pending'::character varying"),
        schema="app",
    )
    op.create_index(
        "webhook_inbox_pending_idx",
        "webhook_inbox",
        ["id"],
        unique=False,
        schema="app",
        postgresql_where=sa.text("status = 'pending'"),
    )


def downgrade() -> None:
    op.drop_index(
        "webhook_inbox_pending_idx",
        table_name="webhook_inbox",
        schema="app",
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.alter_column(
        "webhook_inbox",
        "status",
        existing_type=sa.VARCHAR(length=20),
        comment=None,
        existing_comment=(
            "pending, processed, ignored, test, rejected (kept for inspection) or error"
        ),
        existing_nullable=False,
        existing_server_default=sa.text("'pending'::character varying"),
        schema="app",
    )
    op.alter_column(
        "webhook_inbox",
        "body",
        existing_type=sa.LargeBinary(),
        type_=sa.TEXT(),
        comment="raw body as received",
        postgresql_using="convert_from(body, 'UTF8')",
        existing_comment="raw body, byte for byte",
        existing_nullable=False,
        schema="app",
    )
    op.alter_column(
        "webhook_inbox",
        "event_id",
        existing_type=sa.VARCHAR(length=255),
        comment="the network's delivery id",
        existing_comment=(
            "the delivery's dedupe key: the network's id, or one derived from its content"
        ),
        existing_nullable=False,
        schema="app",
    )
    op.drop_column("webhook_inbox", "attempts", schema="app")
    op.drop_column("webhook_inbox", "query", schema="app")
    op.drop_column("webhook_inbox", "method", schema="app")
    op.drop_constraint(
        "conversions_landing_page_id_fkey", "conversions", schema="app", type_="foreignkey"
    )
    op.drop_column("conversions", "commission_amount_account", schema="app")
    op.drop_column("conversions", "sale_amount_account", schema="app")
    op.drop_column("conversions", "fx_rate", schema="app")
    op.drop_column("conversions", "account_currency", schema="app")
    op.drop_column("conversions", "unattributed_reason", schema="app")
    op.drop_column("conversions", "attribution", schema="app")
    op.drop_column("conversions", "clicked_at", schema="app")
    op.drop_column("conversions", "landing_page_id", schema="app")
    op.drop_index("clicks_clicked_at_idx", table_name="clicks", schema="app")
    op.drop_column("clicks", "bot_reason", schema="app")
    op.drop_column("clicks", "sub5", schema="app")
    op.drop_column("clicks", "sub4", schema="app")
    op.drop_column("clicks", "sub3", schema="app")
    op.drop_column("clicks", "sub2", schema="app")
    op.drop_column("clicks", "sub1", schema="app")
    op.drop_column("clicks", "landing_page_id", schema="app")
    op.drop_column("clicks", "ad_set_id", schema="app")
    op.drop_column("clicks", "campaign_id", schema="app")
    op.drop_column("clicks", "link_code", schema="app")
    op.drop_index("conversion_events_conversion_idx", table_name="conversion_events", schema="app")
    op.drop_table("conversion_events", schema="app")
    op.drop_table("fx_rates", schema="app")
