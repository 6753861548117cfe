"""The analysis notebooks run top to bottom over marts built from the known data set."""

import nbformat
from nbclient import NotebookClient

from affiliate.config import PROJECT_ROOT
from tests.dbt.dataset import CAMPAIGNS


def execute(name: str, db_url: str, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)  # the kernel inherits this process's env
    notebook = nbformat.read(PROJECT_ROOT / "notebooks" / name, as_version=4)
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


def test_performance_notebook_shows_the_funnel_and_roas(built, db_url, monkeypatch):
    text, images = execute("performance.ipynb", db_url, monkeypatch)
    assert f"funnel of {len(CAMPAIGNS)} campaigns" in text
    assert all(c["name"][:36] in text for c in CAMPAIGNS)
    assert images == 3  # the funnel, ROAS by campaign, ROAS by day
