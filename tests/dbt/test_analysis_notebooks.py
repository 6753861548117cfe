"""The notebooks run top to bottom over marts built from the known data set."""

from datetime import timedelta
from decimal import Decimal

import nbformat
import pytest
import sqlalchemy as sa
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from affiliate.config import PROJECT_ROOT
from affiliate.stats.marts import experiments_from_marts
from tests.dbt.dataset import CAMPAIGNS, expected_pnl


def execute(notebook, db_url: str, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)  # the kernel inherits this process's env
    NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(PROJECT_ROOT)}},
    ).execute()
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    text = "\n".join(o.get("text", "") for o in outputs)
    images = sum("image/png" in o.get("data", {}) for o in outputs)
    return text, images


def read(name: str):
    return nbformat.read(PROJECT_ROOT / "notebooks" / name, as_version=4)


def test_performance_notebook_shows_the_funnel_and_roas(built, db_url, monkeypatch):
    text, images = execute(read("performance.ipynb"), db_url, monkeypatch)
    assert f"funnel of {len(CAMPAIGNS)} campaigns" in text
    assert all(c["name"][:36] in text for c in CAMPAIGNS)
    assert images == 3  # the funnel, ROAS by campaign, ROAS by day


def test_pnl_notebook_checks_the_identities_and_says_why_there_is_no_forecast(
    built, db_url, monkeypatch
):
    text, images = execute(read("pnl.ipynb"), db_url, monkeypatch)
    expected = expected_pnl()
    profit = sum((d.profit for d in expected.values()), Decimal("0.00"))
    assert f"{len(expected)} days in the P&L" in text
    assert f"identities hold on all {len(expected)} days; total profit {profit} USD" in text
    # The data set has a few days: far too few for a forecast, and the notebook says so.
    assert f"No forecast: fct_pnl_daily has {len(expected)} days of history" in text
    assert images == 1


@pytest.fixture
def stored_forecast(built):
    last = max(expected_pnl())
    rows = [
        {"day": last + timedelta(days=i), "yhat": Decimal(10 * i), "lo": Decimal(i), "hi": 20 * i}
        for i in range(1, 31)
    ]
    with built.begin() as conn:
        conn.execute(
            sa.text(
                "insert into app.pnl_forecasts (as_of, metric, date_day, yhat, yhat_lower,"
                " yhat_upper, interval_width, currency_code)"
                " values (:as_of, 'profit', :day, :yhat, :lo, :hi, 0.80, 'USD')"
            ),
            [{"as_of": last, **r} for r in rows],
        )
    yield last, rows
    with built.begin() as conn:
        conn.execute(sa.text("delete from app.pnl_forecasts"))


def test_pnl_notebook_plots_the_stored_forecast_with_its_interval(
    stored_forecast, db_url, monkeypatch
):
    as_of, rows = stored_forecast
    text, images = execute(read("pnl.ipynb"), db_url, monkeypatch)
    assert images == 2  # the P&L, and the forecast
    last = rows[-1]
    assert (
        f"profit forecast as of {as_of}, last day {last['day']}: {last['yhat']:.2f} "
        f"(80 % interval {last['lo']:.2f} to {last['hi']:.2f}) USD"
    ) in text


def test_a_failing_cell_fails_the_run(built, db_url, monkeypatch):
    """The P&L notebook's own assertion is live: broken identities stop the run."""
    notebook = read("pnl.ipynb")
    notebook.cells.insert(
        2,
        nbformat.v4.new_code_cell(
            "days = [d.__class__(**{**d.__dict__, 'profit': d.profit + 1}) for d in days]"
        ),
    )
    with pytest.raises(CellExecutionError, match="identities broken"):
        execute(notebook, db_url, monkeypatch)


def test_ab_tests_notebook_reads_the_marts_and_blocks_a_broken_split(built, db_url, monkeypatch):
    with built.connect() as conn:
        ad_sets = len(experiments_from_marts(conn))
    text, images = execute(read("ab_tests.ipynb"), db_url, monkeypatch)
    assert f"{ad_sets} ad sets with two or more ads running side by side" in text
    assert "B wins: +25 % conversion rate" in text  # 5.0 % against 4.0 %
    assert "status blocked" in text and "Blocked: sample ratio mismatch" in text
    assert images == 1
