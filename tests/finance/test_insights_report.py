"""`affiliate insights` reads back what the daily finance assets stored."""

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from typer.testing import CliRunner

from affiliate.cli import app
from affiliate.finance.insights_report import HOW_TO_RUN, insights_lines

TODAY = date(2026, 11, 25)


def test_nothing_stored_yet_says_how_to_get_it(clean_db):
    with clean_db.connect() as conn:
        lines = insights_lines(conn, TODAY)
    assert lines == [
        "CFO summary",
        f"  none yet: {HOW_TO_RUN}",
        f"Anomalies since {TODAY - timedelta(days=7)}",
        "  none flagged",
        "Forecast",
        f"  none stored: {HOW_TO_RUN}",
    ]


def test_the_summary_recent_anomalies_and_the_forecast(clean_db):
    with clean_db.begin() as conn:
        conn.execute(
            sa.text("""
            insert into app.users (id, email, password_hash) values (1, 'a@example.com', 'x');
            insert into app.products (id, name, network, network_id)
                values (1, 'P', 'clickbank', 'P');
            insert into app.campaigns (id, user_id, product_id, name, platform, idempotency_key)
                values (7, 1, 1, 'Keto - Search', 'meta', 'k');
            insert into app.daily_summaries (date_day, text, figures)
                values ('2026-11-24', 'Profit on 2026-11-24 was $520.00.', '{}');
            insert into app.performance_anomalies
                (date_day, campaign_id, metric, value, expected, score, sentence)
            values ('2026-11-23', 7, 'roas', 1.2, 2.5, -5, 'ROAS fell 52 %: CPC rose 95 %.'),
                   ('2026-11-01', 7, 'roas', 1.0, 2.5, -6, 'too old to show');
            """)
        )
        conn.execute(
            sa.text(
                "insert into app.pnl_forecasts (as_of, metric, date_day, yhat, yhat_lower,"
                " yhat_upper, interval_width, currency_code)"
                " values ('2026-11-24', :m, :d, :y, :y - 10, :y + 10, 0.80, 'USD')"
            ),
            [
                {"m": m, "d": TODAY + timedelta(days=i), "y": 100 * (k + 1) + i}
                for k, m in enumerate(("net_revenue", "ad_spend", "profit"))
                for i in range(10)
            ],
        )
    with clean_db.connect() as conn:
        lines = insights_lines(conn, TODAY, days=7)
    assert lines[1] == "  2026-11-24: Profit on 2026-11-24 was $520.00."
    assert lines[3] == "  2026-11-23 Keto - Search (roas): ROAS fell 52 %: CPC rose 95 %."
    assert lines[4] == "Forecast as of 2026-11-24 (USD, 80% intervals)"
    table = lines[6:]
    assert len(table) == 7  # a week ahead, not the ten days stored
    assert table[0].split() == [
        "2026-11-25", "100.00", "[90.00,", "110.00]", "200.00", "[190.00,", "210.00]",
        "300.00", "[290.00,", "310.00]",
    ]  # fmt: skip


def test_the_command_prints_them(clean_db, db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    result = CliRunner().invoke(app, ["insights", "--days", "3"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "CFO summary",
        f"  none yet: {HOW_TO_RUN}",
        f"Anomalies since {datetime.now(UTC).date() - timedelta(days=3)}",  # REPORT_TIMEZONE: UTC
        "  none flagged",
        "Forecast",
        f"  none stored: {HOW_TO_RUN}",
    ]
