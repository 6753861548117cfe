"""Exchange rates: the CSV loader, the look-up rules, and a sale waiting for its rate."""

import json
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from affiliate.cli import app
from affiliate.config import Settings
from affiliate.tracking.conversions import process_inbox
from affiliate.tracking.fx import FxFileError, MissingRate, load_rates_csv, rate_on, to_account
from tests.hotmart_payloads import envelope
from tests.inbox_rows import store_delivery

T = 1_764_000_000_000  # 2025-11-24 (a Monday) 16:00 UTC


def write(tmp_path, text: str):
    path = tmp_path / "rates.csv"
    path.write_text(text)
    return path


def rate(engine, day, base, quote):
    with engine.connect() as conn:
        return rate_on(conn, day, base, quote)


def test_load_and_look_up(clean_db, tmp_path):
    path = write(
        tmp_path,
        "date,base,quote,rate\n2025-11-21,BRL,USD,0.1875\n2025-11-24,brl,usd,0.18801234567\n"
        "2025-11-24,USD,EUR,0.9\n",
    )
    assert load_rates_csv(clean_db, path) == 3
    assert rate(clean_db, date(2025, 11, 24), "BRL", "USD") == Decimal("0.1880123457")
    # Saturday uses Friday's rate (rates are published on business days) …
    assert rate(clean_db, date(2025, 11, 22), "BRL", "USD") == Decimal("0.1875")
    # … for at most 7 days; then it is missing, with what to do about it.
    assert rate(clean_db, date(2025, 12, 1), "BRL", "USD") == Decimal("0.1880123457")
    with pytest.raises(MissingRate, match=r"no BRL→USD .* `affiliate fx load rates.csv`"):
        rate(clean_db, date(2025, 12, 2), "BRL", "USD")
    with pytest.raises(MissingRate):
        rate(clean_db, date(2025, 11, 20), "BRL", "USD")  # nothing earlier
    assert rate(clean_db, date(2025, 11, 24), "EUR", "USD") == Decimal("1.1111111111")  # inverse
    assert rate(clean_db, date(1999, 1, 1), "usd", "USD") == Decimal(1)


def test_a_reload_replaces_the_rate(clean_db, tmp_path):
    load_rates_csv(clean_db, write(tmp_path, "date,base,quote,rate\n2025-11-24,BRL,USD,0.2\n"))
    load_rates_csv(clean_db, write(tmp_path, "date,base,quote,rate\n2025-11-24,BRL,USD,0.19\n"))
    assert rate(clean_db, date(2025, 11, 24), "BRL", "USD") == Decimal("0.19")


def test_a_bad_file_loads_nothing_and_names_every_bad_line(clean_db, tmp_path):
    path = write(
        tmp_path,
        "date,base,quote,rate\n2025-11-24,BRL,USD,0.19\n24/11/2025,BRL,USD,0.19\n"
        "2025-11-25,BRL,USD,abc\n2025-11-26,BR,USD,1\n2025-11-27,BRL,USD,-1\n"
        "2025-11-24,BRL,USD,0.2\n",
    )
    with pytest.raises(FxFileError) as error:
        load_rates_csv(clean_db, path)
    message = str(error.value)
    for expected in (
        "line 3: date '24/11/2025' is not YYYY-MM-DD",
        "line 4: rate 'abc' is not a number",
        "line 5: currency 'BR' is not a 3-letter ISO code",
        "line 6: rate '-1' must be a positive number",
        "line 7: repeats the rate of line 2",
    ):
        assert expected in message
    with clean_db.connect() as conn:
        assert conn.scalar(sa.text("select count(*) from app.fx_rates")) == 0
    with pytest.raises(FxFileError, match="header date,base,quote,rate"):
        load_rates_csv(clean_db, write(tmp_path, "day,from,to,value\n"))


def test_amounts_are_rounded_half_up_to_cents():
    assert to_account(Decimal("10.00"), Decimal("0.1875")) == Decimal("1.88")
    assert to_account(Decimal("0.05"), Decimal("0.5")) == Decimal("0.03")


def test_a_sale_waits_for_its_rate_then_is_converted(clean_db, db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)  # the `affiliate fx` commands use it
    sale = envelope(transaction="HBRL1", price="497.00", affiliate="200.00", creation_ms=T)
    sale["data"]["purchase"]["price"]["currency_value"] = "BRL"
    with clean_db.begin() as conn:
        store_delivery(
            conn,
            network="hotmart",
            event_id=sale["id"],
            event_type=sale["event"],
            body=json.dumps(sale).encode(),
            headers={},
        )
    settings = Settings(account_currency="USD")

    assert process_inbox(clean_db, settings) == {"waiting_fx": 1}
    assert process_inbox(clean_db, settings) == {"waiting_fx": 1}  # retried, still missing
    with clean_db.connect() as conn:
        status, attempts, error = conn.execute(
            sa.text("select status, attempts, error from app.webhook_inbox")
        ).one()
        assert conn.scalar(sa.text("select count(*) from app.conversions")) == 0
    assert (status, attempts) == ("pending", 2)
    assert "no BRL→USD exchange rate for 2025-11-24" in error
    assert "affiliate fx load rates.csv" in error

    result = CliRunner().invoke(
        app, ["fx", "load", str(write(tmp_path, "date,base,quote,rate\n2025-11-21,BRL,USD,0.2\n"))]
    )
    assert result.exit_code == 0 and "1 rates loaded" in result.output
    assert process_inbox(clean_db, settings) == {"inserted": 1}
    with clean_db.connect() as conn:
        row = conn.execute(sa.text("select * from app.conversions")).one()
        inbox = conn.execute(sa.text("select status, error from app.webhook_inbox")).one()
    assert (row.currency, row.account_currency, row.fx_rate) == ("BRL", "USD", Decimal("0.2"))
    assert (row.sale_amount_account, row.commission_amount_account) == (
        Decimal("99.40"),
        Decimal("40.00"),
    )
    assert tuple(inbox) == ("processed", None)

    listed = CliRunner().invoke(app, ["fx", "list", "--base", "brl"])
    assert listed.exit_code == 0 and "2025-11-21  BRL→USD  0.2000000000" in listed.output
