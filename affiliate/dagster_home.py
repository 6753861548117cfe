"""DAGSTER_HOME with a dagster.yaml that keeps Dagster's runs and events in our PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import yaml

# Runs that build the dbt marts carry this tag; the run queue lets one run at a time.
DBT_RUN_TAG = "affiliate/builds_marts"
# dbt selectors a run leaves out of its `dbt build` (space-separated).
DBT_EXCLUDE_TAG = "affiliate/dbt_exclude"


def dagster_storage_url(url: str) -> str:
    """Our URL with search_path set to schema `dagster`, so Dagster's tables live there.

    It must stay `postgresql+psycopg2://`: with psycopg 3, Dagster's NOTIFY fails.
    """
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote('-csearch_path=dagster')}"


def prepare_dagster_home(home: Path, url: str) -> Path:
    """Write dagster.yaml (every time: the database URL may have changed) and export the home."""
    home.mkdir(parents=True, exist_ok=True)
    config = {
        "storage": {"postgres": {"postgres_url": dagster_storage_url(url)}},
        "telemetry": {"enabled": False},
        "run_coordinator": {
            "module": "dagster._core.run_coordinator",
            "class": "QueuedRunCoordinator",
            # Two dbt builds at once would drop and swap the same relations under each other.
            "config": {
                "max_concurrent_runs": 2,
                # Checked every second, not 5: a sale should reach the marts within a minute.
                "dequeue_interval_seconds": 1,
                "tag_concurrency_limits": [{"key": DBT_RUN_TAG, "limit": 1}],
            },
        },
    }
    (home / "dagster.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    os.environ["DAGSTER_HOME"] = str(home)
    return home
