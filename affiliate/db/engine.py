"""Where the database is, and engines onto it."""

from __future__ import annotations

from functools import lru_cache

import sqlalchemy as sa

from affiliate.config import Settings, get_settings
from affiliate.db import embedded


def normalise_url(url: str) -> str:
    """Accept the URL forms people paste (postgres://, postgresql://) and pin psycopg2.

    SQLAlchemy 2.1 defaults to psycopg 3; Dagster's storage needs psycopg2 (ARCHITECTURE §7),
    and one driver for everything keeps behaviour identical across the app, Dagster and tests.
    """
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg://"):
        if url.startswith(prefix):
            return "postgresql+psycopg2://" + url[len(prefix) :]
    return url


def database_url(settings: Settings | None = None, *, start: bool = True) -> str:
    """DATABASE_URL when set; else the embedded server's URL, starting it when `start`."""
    settings = settings or get_settings()
    if settings.database_url:
        return normalise_url(settings.database_url)
    if start:
        return embedded.start(settings.pgdata)
    state = embedded.status(settings.pgdata)
    if not state.running:
        raise RuntimeError("The embedded database is not running: run `affiliate db up`.")
    return embedded.url_for(state.socket_dir, embedded.DEFAULT_DATABASE)


@lru_cache(maxsize=8)
def _engine_for(url: str) -> sa.Engine:
    return sa.create_engine(url, pool_pre_ping=True, future=True)


def get_engine(url: str | None = None) -> sa.Engine:
    """A pooled engine per URL, created on first use."""
    return _engine_for(url or database_url())


def redacted(url: str) -> str:
    """The URL with any password hidden, for printing."""
    parsed = sa.make_url(url)
    return parsed.render_as_string(hide_password=True) if parsed.password else url
