"""What every long command needs first: the database migrated, Dagster's home, dbt's profile."""

from __future__ import annotations

import os

from affiliate.config import Settings
from affiliate.dagster_home import prepare_dagster_home
from affiliate.db import migrate
from affiliate.db.dbt_profile import dbt_env
from affiliate.db.engine import database_url


def bootstrap(settings: Settings) -> str:
    """Start (if embedded) and migrate the database; export what Dagster and dbt read.

    Returns the database URL. Exporting DATABASE_URL lets child processes (Dagster's code
    server, run workers) find the same database without starting anything themselves.
    """
    url = database_url(settings, start=True)
    migrate.upgrade(url)
    prepare_dagster_home(settings.dagster_home, url)
    os.environ["DATABASE_URL"] = url
    os.environ.update(dbt_env(url))
    return url
