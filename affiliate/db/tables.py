"""The `app` schema as SQLAlchemy Core tables: the seed's tables plus what the lifecycle needs.

Alembic migrations are the source of truth for the database; a test checks that these
definitions and the migrated schema agree. Money is NUMERIC with its currency beside it;
every time is timestamptz.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR

SCHEMA = "app"
metadata = sa.MetaData(schema=SCHEMA)

MONEY = sa.Numeric(14, 2)
TS = sa.DateTime(timezone=True)


def _created() -> sa.Column:
    return sa.Column("created_at", TS, nullable=False, server_default=sa.func.now())


def _updated() -> sa.Column:
    return sa.Column("updated_at", TS, nullable=False, server_default=sa.func.now())


users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("email", sa.String(255), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("name", sa.String(255)),
    _created(),
    _updated(),
)

products = sa.Table(
    "products",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("description", sa.Text),
    sa.Column("category", sa.Text),
    sa.Column("price", MONEY),
    sa.Column("currency", sa.String(10), nullable=False, server_default="USD"),
    sa.Column("commission_rate", sa.Numeric(7, 2), comment="percent of the sale"),
    sa.Column("commission_amount", MONEY, comment="expected commission per sale"),
    sa.Column("commission_type", sa.String(50)),
    sa.Column("network", sa.String(50), nullable=False),
    sa.Column("network_id", sa.String(255), nullable=False),
    sa.Column("product_url", sa.Text, comment="affiliate link the tracking redirect sends to"),
    sa.Column("image_url", sa.Text),
    sa.Column("metadata", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
    sa.Column("ai_score", sa.Numeric(14, 4)),
    sa.Column("scored_at", TS),
    _created(),
    _updated(),
    sa.UniqueConstraint("network", "network_id", name="products_network_network_id_key"),
)

offer_snapshots = sa.Table(
    "offer_snapshots",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("network", sa.String(50), nullable=False),
    sa.Column("network_id", sa.String(255), nullable=False),
    sa.Column("product_id", sa.Integer, sa.ForeignKey("products.id", ondelete="CASCADE")),
    sa.Column("snapshot_date", sa.Date, nullable=False),
    sa.Column("price", MONEY),
    sa.Column("currency", sa.String(10), nullable=False, server_default="USD"),
    sa.Column("commission_rate", sa.Numeric(7, 2)),
    sa.Column("commission_amount", MONEY),
    sa.Column("popularity", sa.Numeric(14, 4), comment="gravity on ClickBank"),
    sa.Column("popularity_rank", sa.Integer),
    sa.Column("raw", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
    sa.Column("fetched_at", TS, nullable=False, server_default=sa.func.now()),
    sa.UniqueConstraint(
        "network", "network_id", "snapshot_date", name="offer_snapshots_network_product_day_key"
    ),
)

offer_scores = sa.Table(
    "offer_scores",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column(
        "product_id", sa.Integer, sa.ForeignKey("products.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("score_date", sa.Date, nullable=False),
    sa.Column("formula_version", sa.String(20), nullable=False),
    sa.Column("v1_score", sa.Numeric(14, 4), comment="commission × temperature ÷ price"),
    sa.Column("momentum_multiplier", sa.Float, nullable=False, server_default="1"),
    sa.Column("review_multiplier", sa.Float, nullable=False, server_default="1"),
    sa.Column("combined_score", sa.Numeric(14, 4)),
    sa.Column("slope_7d", sa.Float, comment="popularity change per day, last 7 days"),
    sa.Column("accel_7d", sa.Float, comment="change of the slope per day, last 7 days"),
    sa.Column("slope_28d", sa.Float),
    sa.Column("accel_28d", sa.Float),
    sa.Column("accelerating", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column(
        "parts",
        JSONB,
        nullable=False,
        server_default=sa.text("'{}'::jsonb"),
        comment="every input and intermediate, so the score can be explained",
    ),
    sa.Column("explanation", sa.Text),
    _created(),
    sa.UniqueConstraint(
        "product_id", "score_date", "formula_version", name="offer_scores_product_day_version_key"
    ),
)

sales_page_reviews = sa.Table(
    "sales_page_reviews",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column(
        "product_id", sa.Integer, sa.ForeignKey("products.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("reviewed_on", sa.Date, nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column(
        "reviewer", sa.String(50), nullable=False, comment="offline-rubric or the LLM provider"
    ),
    sa.Column(
        "scores",
        JSONB,
        nullable=False,
        comment="clarity, social proof, call to action, guarantee, urgency: 0-1 each",
    ),
    sa.Column("multiplier", sa.Float, nullable=False),
    sa.Column(
        "evidence",
        JSONB,
        nullable=False,
        server_default=sa.text("'{}'::jsonb"),
        comment="the phrases each score rests on",
    ),
    sa.Column(
        "outcome",
        sa.String(20),
        nullable=False,
        server_default="ok",
        comment="ok or the fetch error",
    ),
    _created(),
    sa.UniqueConstraint(
        "product_id", "reviewed_on", "reviewer", name="sales_page_reviews_product_day_key"
    ),
)

selector_repairs = sa.Table(
    "selector_repairs",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("platform", sa.String(50), nullable=False),
    sa.Column("intent", sa.String(100), nullable=False, comment="what the selector is for"),
    sa.Column("page_url", sa.Text),
    sa.Column("old_selector", sa.Text),
    sa.Column("new_selector", sa.Text),
    sa.Column("oracle", sa.String(50), nullable=False, comment="offline or the LLM provider"),
    sa.Column("outcome", sa.String(20), nullable=False, comment="repaired or failed"),
    sa.Column(
        "context",
        JSONB,
        nullable=False,
        server_default=sa.text("'{}'::jsonb"),
        comment="trimmed DOM, screenshot path, candidates tried",
    ),
    _created(),
)

integration_sessions = sa.Table(
    "integration_sessions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("platform", sa.String(50), nullable=False),
    sa.Column("encrypted_session", sa.Text, nullable=False),
    sa.Column("fingerprint", JSONB),
    sa.Column("status", sa.String(20), nullable=False, server_default="active"),
    sa.Column("cookie_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("expires_at", TS),
    sa.Column("last_used_at", TS),
    sa.Column("meta", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
    _created(),
    _updated(),
    sa.UniqueConstraint("user_id", "platform", name="integration_sessions_user_platform_key"),
)

connect_tokens = sa.Table(
    "connect_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("platform", sa.String(50), nullable=False),
    sa.Column(
        "token_hash",
        sa.String(64),
        nullable=False,
        unique=True,
        comment="sha256 of the token; the token itself is never stored",
    ),
    sa.Column("expires_at", TS, nullable=False),
    sa.Column("used_at", TS),
    _created(),
)

creatives = sa.Table(
    "creatives",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "product_id", sa.Integer, sa.ForeignKey("products.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("channel", sa.String(50), nullable=False, server_default="sandbox"),
    sa.Column(
        "provider", sa.String(50), nullable=False, comment="who wrote it: template, openai, …"
    ),
    sa.Column("model", sa.String(100)),
    sa.Column("template_id", sa.String(100), nullable=False),
    sa.Column("template_version", sa.String(20), nullable=False, server_default="1"),
    sa.Column("headline", sa.Text, nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("call_to_action", sa.String(100)),
    sa.Column("status", sa.String(30), nullable=False, server_default="draft"),
    _created(),
    sa.Column(
        "format",
        sa.Text,
        nullable=False,
        server_default="meta_ad",
        comment="meta_ad, google_rsa, video_script, email_sequence, landing_page, …",
    ),
    sa.Column("variation", sa.Integer, nullable=False, server_default="0"),
    sa.Column("content", JSONB, comment="the format's validated output"),
    sa.UniqueConstraint(
        "product_id",
        "channel",
        "format",
        "template_id",
        "variation",
        name="creatives_product_format_key",
    ),
)

campaigns = sa.Table(
    "campaigns",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("product_id", sa.Integer, sa.ForeignKey("products.id")),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("type", sa.String(50), nullable=False, server_default="paid_ads"),
    sa.Column("platform", sa.String(50), nullable=False),
    sa.Column("account_id", sa.String(100)),
    sa.Column("external_id", sa.String(100)),
    sa.Column("idempotency_key", sa.String(200), nullable=False, unique=True),
    sa.Column("status", sa.String(50), nullable=False, server_default="draft"),
    sa.Column("budget", MONEY),
    sa.Column("daily_budget", MONEY),
    sa.Column("spent", MONEY, nullable=False, server_default="0"),
    sa.Column("currency", sa.String(10), nullable=False, server_default="USD"),
    sa.Column("start_date", TS),
    sa.Column("end_date", TS),
    _created(),
    _updated(),
)

ad_sets = sa.Table(
    "ad_sets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "campaign_id", sa.Integer, sa.ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("external_id", sa.String(100)),
    sa.Column("daily_budget", MONEY),
    sa.Column("currency", sa.String(10), nullable=False, server_default="USD"),
    sa.Column("targeting", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
    sa.Column("status", sa.String(50), nullable=False, server_default="active"),
    _created(),
)

landing_pages = sa.Table(
    "landing_pages",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("product_id", sa.Integer, sa.ForeignKey("products.id")),
    sa.Column("slug", sa.String(200), nullable=False, unique=True),
    sa.Column("title", sa.String(255), nullable=False),
    sa.Column("html", sa.Text),
    sa.Column("status", sa.String(30), nullable=False, server_default="draft"),
    _created(),
    _updated(),
)

ads = sa.Table(
    "ads",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "ad_set_id", sa.Integer, sa.ForeignKey("ad_sets.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column(
        "campaign_id", sa.Integer, sa.ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("creative_id", sa.Integer, sa.ForeignKey("creatives.id")),
    sa.Column("landing_page_id", sa.Integer, sa.ForeignKey("landing_pages.id")),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("external_id", sa.String(100)),
    sa.Column("link_code", sa.String(32), nullable=False, unique=True, comment="/r/{link_code}"),
    sa.Column("status", sa.String(50), nullable=False, server_default="active"),
    _created(),
)

ad_spend_daily = sa.Table(
    "ad_spend_daily",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("ad_id", sa.Integer, sa.ForeignKey("ads.id", ondelete="CASCADE"), nullable=False),
    sa.Column("platform", sa.String(50), nullable=False),
    sa.Column("date_day", sa.Date, nullable=False, comment="the platform account's day"),
    sa.Column("impressions", sa.Integer, nullable=False, server_default="0"),
    sa.Column("clicks", sa.Integer, nullable=False, server_default="0"),
    sa.Column("spend", MONEY, nullable=False, server_default="0"),
    sa.Column("currency", sa.String(10), nullable=False, server_default="USD"),
    sa.Column(
        "platform_conversions",
        sa.Integer,
        nullable=False,
        server_default="0",
        comment="what the ad platform claims; never added to network-confirmed conversions",
    ),
    sa.Column("fetched_at", TS, nullable=False, server_default=sa.func.now()),
    sa.UniqueConstraint("ad_id", "date_day", name="ad_spend_daily_ad_day_key"),
)

clicks = sa.Table(
    "clicks",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("click_id", sa.String(64), nullable=False, unique=True),
    # Denormalised from the link at click time, without foreign keys (this is the hottest
    # insert we have; migration 0011 says what the key on ad_id cost), so a click keeps its
    # ad and campaign even if the ad is later moved.
    sa.Column("ad_id", sa.Integer),
    sa.Column("link_code", sa.String(32)),
    sa.Column("campaign_id", sa.Integer),
    sa.Column("ad_set_id", sa.Integer),
    sa.Column("landing_page_id", sa.Integer),
    sa.Column("clicked_at", TS, nullable=False, server_default=sa.func.now()),
    sa.Column("ip_hash", sa.String(64), comment="salted hash; the raw IP is never stored"),
    sa.Column("user_agent", sa.Text),
    sa.Column("referrer", sa.Text),
    *(sa.Column(f"sub{i}", sa.String(255)) for i in range(1, 6)),
    sa.Column("params", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
    sa.Column("is_bot", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("bot_reason", sa.String(100), comment="why the click is not counted"),
    sa.Index("clicks_clicked_at_idx", "clicked_at"),
)

webhook_inbox = sa.Table(
    "webhook_inbox",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("network", sa.String(50), nullable=False),
    sa.Column(
        "event_id",
        sa.String(255),
        nullable=False,
        comment="the delivery's dedupe key: the network's id, or one derived from its content",
    ),
    sa.Column("event_type", sa.String(100)),
    sa.Column("method", sa.String(10), nullable=False, server_default="POST"),
    sa.Column("headers", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
    sa.Column("query", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
    sa.Column("body", sa.LargeBinary, nullable=False, comment="raw body, byte for byte"),
    sa.Column("received_at", TS, nullable=False, server_default=sa.func.now()),
    sa.Column("deliveries", sa.Integer, nullable=False, server_default="1"),
    sa.Column(
        "status",
        sa.String(20),
        nullable=False,
        server_default="pending",
        comment="pending, processed, ignored, test, rejected (kept for inspection) or error",
    ),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("processed_at", TS),
    sa.Column("error", sa.Text),
    sa.UniqueConstraint("network", "event_id", name="webhook_inbox_network_event_key"),
    sa.Index("webhook_inbox_pending_idx", "id", postgresql_where=sa.text("status = 'pending'")),
)

fx_rates = sa.Table(
    "fx_rates",
    metadata,
    sa.Column("rate_date", sa.Date, primary_key=True),
    sa.Column("base_currency", sa.String(3), primary_key=True),
    sa.Column("quote_currency", sa.String(3), primary_key=True),
    sa.Column(
        "rate",
        sa.Numeric(20, 10),
        nullable=False,
        comment="1 base_currency = rate quote_currency on rate_date",
    ),
    sa.Column("source", sa.String(100), nullable=False, server_default="csv"),
    sa.Column("loaded_at", TS, nullable=False, server_default=sa.func.now()),
    sa.CheckConstraint("rate > 0", name="fx_rates_rate_positive"),
)

conversions = sa.Table(
    "conversions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    # Nullable: a sale whose click is unknown has no owner until accounts map webhooks to users.
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE")),
    sa.Column("product_id", sa.Integer, sa.ForeignKey("products.id")),
    sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id")),
    sa.Column("ad_set_id", sa.Integer, sa.ForeignKey("ad_sets.id")),
    sa.Column("ad_id", sa.Integer, sa.ForeignKey("ads.id")),
    sa.Column("landing_page_id", sa.Integer, sa.ForeignKey("landing_pages.id")),
    sa.Column("click_id", sa.String(64)),
    sa.Column("clicked_at", TS),
    sa.Column(
        "attribution",
        sa.String(20),
        nullable=False,
        server_default="unattributed",
        comment="'click' when linked to a counted click, else 'unattributed'",
    ),
    sa.Column("unattributed_reason", sa.Text),
    sa.Column("network", sa.String(50), nullable=False),
    sa.Column("transaction_id", sa.String(255), nullable=False),
    sa.Column("network_product_id", sa.String(255)),
    sa.Column("status", sa.String(50), nullable=False, server_default="pending"),
    sa.Column("sale_amount", MONEY, nullable=False),
    sa.Column("commission_amount", MONEY, nullable=False, server_default="0"),
    sa.Column("currency", sa.String(10), nullable=False, server_default="USD"),
    sa.Column("account_currency", sa.String(3), nullable=False, server_default="USD"),
    sa.Column(
        "fx_rate",
        sa.Numeric(20, 10),
        nullable=False,
        server_default="1",
        comment="currency → account_currency on the sale's day (fx_rates)",
    ),
    sa.Column("sale_amount_account", MONEY, nullable=False, server_default="0"),
    sa.Column("commission_amount_account", MONEY, nullable=False, server_default="0"),
    sa.Column("conversion_date", TS, nullable=False, comment="when the sale was approved"),
    sa.Column("refunded_at", TS, comment="when a refund or chargeback reversed it"),
    sa.Column("last_event_id", sa.BigInteger, sa.ForeignKey("webhook_inbox.id")),
    _created(),
    _updated(),
    sa.UniqueConstraint("network", "transaction_id", name="conversions_network_transaction_id_key"),
    # The daily build of the marts reads the conversions of its look-back window (migration 0012).
    sa.Index("conversions_conversion_date_idx", "conversion_date"),
    sa.Index("conversions_updated_at_idx", "updated_at"),
    sa.Index(
        "conversions_refunded_at_idx",
        "refunded_at",
        postgresql_where=sa.text("refunded_at is not null"),
    ),
)

conversion_events = sa.Table(
    "conversion_events",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column(
        "conversion_id",
        sa.Integer,
        sa.ForeignKey("conversions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("inbox_id", sa.BigInteger, sa.ForeignKey("webhook_inbox.id"), nullable=False),
    sa.Column("event_type", sa.String(100), nullable=False, comment="the network's own name"),
    sa.Column("event_status", sa.String(50), comment="what the event asks for; NULL: no change"),
    sa.Column("occurred_at", TS, nullable=False, comment="the event's own time"),
    sa.Column(
        "approved_at",
        TS,
        comment="when the network approved the sale, if the event says (the conversion date)",
    ),
    sa.Column("sale_amount", MONEY, nullable=False),
    sa.Column("commission_amount", MONEY, nullable=False),
    sa.Column("currency", sa.String(10), nullable=False),
    sa.Column("status_before", sa.String(50)),
    sa.Column("status_after", sa.String(50), nullable=False),
    sa.Column(
        "applied",
        sa.Boolean,
        nullable=False,
        comment="false when the status machine refused the change (e.g. approved after refund)",
    ),
    sa.Column("recorded_at", TS, nullable=False, server_default=sa.func.now()),
    sa.UniqueConstraint("inbox_id", "event_type", name="conversion_events_inbox_event_key"),
    sa.Index("conversion_events_conversion_idx", "conversion_id", "occurred_at", "inbox_id"),
)

ai_providers = sa.Table(
    "ai_providers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("provider", sa.String(50), nullable=False),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("encrypted_api_key", sa.Text),
    sa.Column("base_url", sa.Text),
    sa.Column("default_model", sa.String(100)),
    sa.Column("is_active", sa.Boolean, nullable=False, server_default=sa.true()),
    _created(),
    _updated(),
    sa.UniqueConstraint("user_id", "name", name="ai_providers_user_name_key"),
)

ai_generation_history = sa.Table(
    "ai_generation_history",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL")),
    sa.Column("product_id", sa.Integer, sa.ForeignKey("products.id", ondelete="SET NULL")),
    sa.Column("creative_id", sa.Integer, sa.ForeignKey("creatives.id", ondelete="SET NULL")),
    sa.Column("task", sa.String(50), nullable=False),
    sa.Column("provider", sa.String(50), nullable=False),
    sa.Column("model", sa.String(100)),
    sa.Column("prompt_template", sa.String(100)),
    sa.Column("template_version", sa.String(20)),
    sa.Column("input_tokens", sa.Integer, nullable=False, server_default="0"),
    sa.Column("output_tokens", sa.Integer, nullable=False, server_default="0"),
    # Ten places (migration 0010): a one-token call costs fractions of a micro-dollar.
    sa.Column("cost", sa.Numeric(18, 10), nullable=False, server_default="0"),
    sa.Column("currency", sa.String(10), nullable=False, server_default="USD"),
    sa.Column("latency_ms", sa.Integer),
    sa.Column("outcome", sa.String(30), nullable=False, server_default="ok"),
    _created(),
)

subscribers = sa.Table(
    "subscribers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("email", sa.String(255), nullable=False),
    sa.Column("name", sa.String(255)),
    sa.Column("status", sa.String(30), nullable=False, server_default="subscribed"),
    sa.Column("source", sa.String(100)),
    _created(),
    sa.UniqueConstraint("user_id", "email", name="subscribers_user_email_key"),
)

email_campaigns = sa.Table(
    "email_campaigns",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("subject", sa.String(255)),
    sa.Column("body", sa.Text),
    sa.Column("status", sa.String(30), nullable=False, server_default="draft"),
    sa.Column("sent_at", TS),
    _created(),
)


# What the Financial Command Center computes from the marts each day (migration 0007).
pnl_forecasts = sa.Table(
    "pnl_forecasts",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("as_of", sa.Date, nullable=False, comment="last day of history the model saw"),
    sa.Column("metric", sa.Text, nullable=False, comment="net_revenue, ad_spend or profit"),
    sa.Column("date_day", sa.Date, nullable=False, comment="the forecast day"),
    sa.Column("yhat", MONEY, nullable=False),
    sa.Column("yhat_lower", MONEY, nullable=False),
    sa.Column("yhat_upper", MONEY, nullable=False),
    sa.Column("interval_width", sa.Numeric(3, 2), nullable=False),
    sa.Column("currency_code", sa.CHAR(3), nullable=False),
    sa.Column("made_at", TS, nullable=False, server_default=sa.func.now()),
    sa.UniqueConstraint("as_of", "metric", "date_day"),
)

performance_anomalies = sa.Table(
    "performance_anomalies",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("date_day", sa.Date, nullable=False),
    sa.Column(
        "campaign_id",
        sa.Integer,
        sa.ForeignKey("campaigns.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("metric", sa.Text, nullable=False, comment="roas or profit"),
    sa.Column("value", sa.Numeric(18, 6), nullable=False),
    sa.Column("expected", sa.Numeric(18, 6), nullable=False),
    sa.Column("score", sa.Numeric(12, 4), nullable=False, comment="robust z-score"),
    sa.Column("drivers", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("detected_at", TS, nullable=False, server_default=sa.func.now()),
    sa.UniqueConstraint("date_day", "campaign_id", "metric"),
)

daily_summaries = sa.Table(
    "daily_summaries",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("date_day", sa.Date, nullable=False),
    sa.Column("kind", sa.Text, nullable=False, server_default="cfo"),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("figures", JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
    _created(),
    sa.UniqueConstraint("date_day", "kind"),
)


# The Compliance Guardian (migration 0008): the policy corpus indexed for full-text search,
# and every verdict on a creative with the person's review.
#
# Where the server offers pgvector, migration 0010 also gives policy_chunks `embedding vector`
# and `embedding_model text`. They are left out of this Table on purpose: a server without
# pgvector has neither, and a column here would make every select through the Table fail
# there. affiliate/compliance/retrieval.py reaches them with text SQL after checking they exist.
SIMILARITY_COLUMNS = ("embedding", "embedding_model")
policy_chunks = sa.Table(
    "policy_chunks",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column("corpus_version", sa.Text, nullable=False),
    sa.Column("rule_id", sa.Text, nullable=False),
    sa.Column("chunk_no", sa.Integer, nullable=False, server_default="0"),
    sa.Column("source", sa.Text, nullable=False, comment="FTC, Meta, Google Ads, …"),
    sa.Column("family", sa.Text, nullable=False),
    sa.Column("severity", sa.Text, nullable=False),
    sa.Column("platforms", ARRAY(sa.Text), nullable=False),
    sa.Column("niches", ARRAY(sa.Text), nullable=False),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("document", TSVECTOR, nullable=False),
    sa.Column("indexed_at", TS, nullable=False, server_default=sa.func.now()),
    sa.UniqueConstraint("rule_id", "chunk_no"),
    sa.Index("policy_chunks_document_idx", "document", postgresql_using="gin"),
)

compliance_verdicts = sa.Table(
    "compliance_verdicts",
    metadata,
    sa.Column("id", sa.BigInteger, primary_key=True),
    sa.Column(
        "creative_id",
        sa.Integer,
        sa.ForeignKey("creatives.id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("platform", sa.String(20), nullable=False),
    sa.Column("niche", sa.Text),
    sa.Column("checker", sa.Text, nullable=False, comment="rules; later rules+llm"),
    sa.Column("corpus_version", sa.Text, nullable=False),
    sa.Column("text_sha256", sa.CHAR(64), nullable=False, comment="what was checked"),
    sa.Column("risk", sa.Text, nullable=False, comment="low, medium or high"),
    sa.Column("findings", JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
    sa.Column(
        "status", sa.Text, nullable=False, comment="passed, pending, blocked, approved, rejected"
    ),
    sa.Column("reviewed_by", sa.Text),
    sa.Column("reviewed_at", TS),
    sa.Column("review_note", sa.Text),
    sa.Column(
        "override",
        sa.Boolean,
        nullable=False,
        server_default=sa.false(),
        comment="a high-risk verdict approved on purpose",
    ),
    _created(),
    sa.UniqueConstraint("creative_id", "platform", "checker", "corpus_version", "text_sha256"),
    sa.CheckConstraint(
        "status in ('passed', 'pending', 'blocked', 'approved', 'rejected')",
        name="compliance_verdicts_status_check",
    ),
    sa.CheckConstraint("risk in ('low', 'medium', 'high')", name="compliance_verdicts_risk_check"),
    sa.Index("compliance_verdicts_status_idx", "status"),
)


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic filter: only our schema (dbt owns `analytics`, Dagster owns `dagster`), and not
    the pgvector columns that exist only on servers offering it (see SIMILARITY_COLUMNS)."""
    if type_ == "column":
        return not (reflected and obj.table.name == "policy_chunks" and name in SIMILARITY_COLUMNS)
    return type_ != "table" or (obj.schema == SCHEMA and name != "alembic_version")
