"""The whole graph against the sandbox, checked against numbers computed without the marts.

Three independent sources must agree with analytics.fct_pnl_daily: the sandbox network's own
account of what it paid and refunded, the sandbox ad platform's insights, and plain SQL over
the app tables.
"""

from datetime import UTC, date, datetime
from decimal import Decimal

import dagster as dg
import httpx
import pytest
import sqlalchemy as sa

from affiliate.config import Settings
from affiliate.sandbox import SandboxConfig, start_sandbox
from affiliate.sandbox.control import deliver_clicks, post_sales
from affiliate.server.app import create_app
from affiliate.server.thread import ServerThread
from assets.offers import offer_partition
from pipelines.definitions import build_definitions
from pipelines.lifecycle import materialise

SECRET_KEY = "E2ESECRETKEY0001"  # not the sandbox default: both ends must agree


@pytest.fixture
def world(clean_db, db_url, tmp_path, monkeypatch):
    """Sandbox and API server on free ports; settings pointed at them."""
    # Our tracker draws click ids at random and the network converts by click id, so at the
    # products' own 3-8 % a day's ~100 clicks sometimes made no sale (it did, once, in CI).
    # At 20 % the chance of no sale in 100 clicks is about 1e-10.
    config = SandboxConfig(port=0, state_path=tmp_path / "sandbox.json", conversion_rate=0.2)
    sandbox = start_sandbox(config)
    settings = Settings(clickbank_secret_key=SECRET_KEY)
    api = ServerThread(create_app(db_url, settings), port=0).start()
    for key, value in {
        "SANDBOX_PORT": str(sandbox.port),
        "PUBLIC_BASE_URL": api.url,
        "TOP_OFFERS": "2",
        "AFFILIATE_HOME": str(tmp_path),
        "CLICKBANK_SECRET_KEY": SECRET_KEY,
    }.items():
        monkeypatch.setenv(key, value)
    yield sandbox, api
    api.stop()
    sandbox.stop()


def scalar(engine, sql: str):
    with engine.connect() as conn:
        return conn.scalar(sa.text(sql))


def test_offer_to_profit(world, clean_db, db_url):
    sandbox, api = world
    today = datetime.now(UTC).date()
    defs = build_definitions(db_url)
    with dg.DagsterInstance.ephemeral() as instance:
        materialise(defs, instance, partition_key=offer_partition(today, "clickbank"))
        assert scalar(clean_db, "select count(*) from app.offer_snapshots") > 100
        assert scalar(clean_db, "select count(*) from app.campaigns where status = 'active'") == 2

        delivered = deliver_clicks(sandbox.url, today)
        paid = post_sales(sandbox.url, f"{api.url}/api/webhooks/clickbank", SECRET_KEY)
        downstream = dg.AssetSelection.assets("campaigns").downstream()
        materialise(defs, instance, downstream)

        # Every click the platform sent went through our redirect and was recorded once.
        assert delivered["clicks_sent"] > 0 and delivered["errors"] == 0
        assert scalar(clean_db, "select count(*) from app.clicks") == delivered["clicks_sent"]
        assert paid["approved"] > 0 and paid["failed"] == 0

        mart = pnl_totals(clean_db)
        network_net = Decimal(paid["approved_commission"]) - Decimal(paid["refunded_commission"])
        assert mart["net_revenue"] == network_net
        assert mart["refunds"] == Decimal(paid["refunded_commission"])
        assert mart["ad_spend"] == platform_spend(sandbox.url, clean_db, today)
        assert mart == app_table_totals(clean_db)
        assert mart["profit"] == mart["net_revenue"] - mart["ad_spend"] - mart["ai_cost"]

        # The redelivered webhook is stored once; every sale is attributed to its campaign.
        assert scalar(clean_db, "select count(*) from app.webhook_inbox where deliveries = 2") == 1
        assert (
            scalar(clean_db, "select count(*) from app.conversions where campaign_id is null") == 0
        )

        # Running the downstream graph again changes nothing: launches and conversions are
        # idempotent, and the marts rebuild to the same totals.
        materialise(defs, instance, downstream)
        assert scalar(clean_db, "select count(*) from app.campaigns") == 2
        assert scalar(clean_db, "select count(*) from app.conversions") == paid["approved"]
        assert pnl_totals(clean_db) == mart


def pnl_totals(engine) -> dict:
    with engine.connect() as conn:
        row = conn.execute(
            sa.text("""
            select sum(gross_revenue) as gross_revenue, sum(refunds) as refunds,
                   sum(net_revenue) as net_revenue, sum(ad_spend) as ad_spend,
                   sum(ai_cost) as ai_cost, sum(profit) as profit
            from analytics.fct_pnl_daily
        """)
        ).one()
    return dict(row._mapping)


def app_table_totals(engine) -> dict:
    """The same totals from the app tables, without dbt."""
    with engine.connect() as conn:
        sales = conn.execute(sa.text("select commission_amount, status from app.conversions")).all()
        spend = conn.scalar(sa.text("select sum(spend) from app.ad_spend_daily"))
        ai = conn.scalar(sa.text("select coalesce(sum(cost), 0) from app.ai_generation_history"))
    gross = sum(s.commission_amount for s in sales)
    refunds = sum(s.commission_amount for s in sales if s.status == "refunded")
    ai = Decimal(ai).quantize(Decimal("0.01"))
    return {
        "gross_revenue": gross,
        "refunds": refunds,
        "net_revenue": gross - refunds,
        "ad_spend": spend,
        "ai_cost": ai,
        "profit": gross - refunds - spend - ai,
    }


def platform_spend(sandbox_url: str, engine, day: date) -> Decimal:
    """What the sandbox ad platform says the ads cost, asked directly."""
    with engine.connect() as conn:
        ad_ids = conn.scalars(sa.text("select external_id from app.ads")).all()
    total = Decimal("0")
    for ad_id in ad_ids:
        answer = httpx.get(
            f"{sandbox_url}/adplatform/v1/ads/{ad_id}/insights",
            params={"since": day.isoformat(), "until": day.isoformat()},
            headers={"Authorization": "Bearer t"},
        )
        total += sum(Decimal(r["spend"]) for r in answer.json()["data"])
    return total
