"""A throw-away database for tests: its own embedded server (or TEST_DATABASE_URL's server)."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa

from affiliate.db import embedded, migrate
from affiliate.db.engine import normalise_url


def fresh_test_database(affiliate_home: Path) -> str:
    """Create a migrated database for this test session and return its URL.

    With TEST_DATABASE_URL set, that server is used and its database is recreated; it must
    be a database you can throw away. Otherwise an embedded server under
    `<affiliate_home>/test-pgdata` holds a database named after this process, so two test
    sessions in one checkout never drop each other's data.
    """
    if os.environ.get("TEST_DATABASE_URL"):
        url = normalise_url(os.environ["TEST_DATABASE_URL"])
    else:
        embedded.start(affiliate_home / "test-pgdata", database="postgres")
        socket = embedded.status(affiliate_home / "test-pgdata").socket_dir
        url = embedded.url_for(socket, f"affiliate_test_{os.getpid()}")
    _admin(url, "drop database if exists {name} with (force)", "create database {name}")
    migrate.upgrade(url)
    return url


def drop_test_database(url: str) -> None:
    _admin(url, "drop database if exists {name} with (force)")


def _admin(url: str, *statements: str) -> None:
    """Run database-level statements from the server's `postgres` database."""
    parsed = sa.make_url(url)
    name = f'"{parsed.database}"'
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            for statement in statements:
                conn.execute(sa.text(statement.format(name=name)))
    finally:
        admin.dispose()


def truncate_app_tables(engine: sa.Engine) -> None:
    """Empty every app table (not the migration version), restarting identities."""
    with engine.begin() as conn:
        names = conn.scalars(
            sa.text(
                "select quote_ident(tablename) from pg_tables"
                " where schemaname = 'app' and tablename <> 'alembic_version'"
            )
        ).all()
        conn.execute(
            sa.text(f"truncate {', '.join('app.' + n for n in names)} restart identity cascade")
        )
