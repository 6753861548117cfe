"""forecasts, anomalies and daily summaries

What the Financial Command Center computes from the marts each day, kept so notebooks, the
CLI and the API can show it without recomputing it (the marts themselves stay dbt's).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 21:30:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

MONEY = sa.Numeric(14, 2)


def upgrade() -> None:
    op.create_table(
        "pnl_forecasts",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("as_of", sa.Date, nullable=False, comment="last day of history the model saw"),
        sa.Column("metric", sa.Text, nullable=False, comment="net_revenue, ad_spend or profit"),
        sa.Column("date_day", sa.Date, nullable=False, comment="the forecast day"),
        sa.Column("yhat", MONEY, nullable=False),
        sa.Column("yhat_lower", MONEY, nullable=False),
        sa.Column("yhat_upper", MONEY, nullable=False),
        sa.Column("interval_width", sa.Numeric(3, 2), nullable=False),
        sa.Column("currency_code", sa.CHAR(3), nullable=False),
        sa.Column(
            "made_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("as_of", "metric", "date_day"),
        schema="app",
    )
    op.create_table(
        "performance_anomalies",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("date_day", sa.Date, nullable=False),
        sa.Column(
            "campaign_id",
            sa.Integer,
            sa.ForeignKey("app.campaigns.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("metric", sa.Text, nullable=False, comment="roas or profit"),
        sa.Column("value", sa.Numeric(18, 6), nullable=False),
        sa.Column("expected", sa.Numeric(18, 6), nullable=False),
        sa.Column("score", sa.Numeric(12, 4), nullable=False, comment="robust z-score"),
        sa.Column(
            "drivers", postgresql.JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")
        ),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column(
            "detected_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("date_day", "campaign_id", "metric"),
        schema="app",
    )
    op.create_table(
        "daily_summaries",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("date_day", sa.Date, nullable=False),
        sa.Column("kind", sa.Text, nullable=False, server_default="cfo"),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column(
            "figures", postgresql.JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")
        ),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("date_day", "kind"),
        schema="app",
    )


def downgrade() -> None:
    for table in ("daily_summaries", "performance_anomalies", "pnl_forecasts"):
        op.drop_table(table, schema="app")
