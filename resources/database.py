"""The database as a Dagster resource."""

from __future__ import annotations

import sqlalchemy as sa
from dagster import ConfigurableResource

from affiliate.db.engine import database_url, get_engine


class DatabaseResource(ConfigurableResource):
    """The app database. `url` unset: DATABASE_URL, else the embedded server (started if needed)."""

    url: str | None = None

    def resolved_url(self) -> str:
        return self.url or database_url()

    def engine(self) -> sa.Engine:
        return get_engine(self.resolved_url())
