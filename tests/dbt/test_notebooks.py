"""The notebooks run top to bottom over marts built from a known data set."""

from decimal import Decimal

import nbformat
import pytest
from nbclient import NotebookClient

from affiliate.config import PROJECT_ROOT
from tests.dbt.dataset import CAMPAIGNS, expected_pnl

NOTEBOOK = PROJECT_ROOT / "notebooks" / "pnl_and_campaigns.ipynb"


def outputs(notebook) -> str:
    return "\n".join(
        o.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
    )


def test_pnl_notebook_reads_the_marts(built, db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)  # the kernel inherits this process's env
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(PROJECT_ROOT)}},
    ).execute()
    text = outputs(notebook)
    expected = expected_pnl()
    profit = sum((d.profit for d in expected.values()), Decimal("0.00"))
    assert f"{len(expected)} days in the P&L" in text
    assert f"identities hold on all {len(expected)} days; total profit {profit} USD" in text
    assert all(c["name"] in text for c in CAMPAIGNS)  # every campaign, with its ROAS


def test_a_failing_cell_fails_the_run(built, db_url, monkeypatch, tmp_path):
    """The notebook's own assertion is live: broken identities stop the run."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    notebook.cells.insert(
        2,
        nbformat.v4.new_code_cell(
            "days = [d.__class__(**{**d.__dict__, 'profit': d.profit + 1}) for d in days]"
        ),
    )
    from nbclient.exceptions import CellExecutionError

    with pytest.raises(CellExecutionError, match="identities broken"):
        NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
