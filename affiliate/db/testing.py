"""A throw-away database for tests: its own embedded server (or TEST_DATABASE_URL's server)."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa

from affiliate.db import embedded, migrate
from affiliate.db.engine import normalise_url

TEST_DATABASE = "affiliate_test"


def fresh_test_database(affiliate_home: Path) -> str:
    """Drop and re-create the test database, migrate it, and return its URL.

    With TEST_DATABASE_URL set, that server is used and its database is recreated; it must
    be a database you can throw away. Otherwise an embedded server under
    `<affiliate_home>/test-pgdata` is started, kept apart from the demo's data.
    """
    if os.environ.get("TEST_DATABASE_URL"):
        url = normalise_url(os.environ["TEST_DATABASE_URL"])
        name = sa.make_url(url).database
        admin_url = sa.make_url(url).set(database="postgres").render_as_string(hide_password=False)
    else:
        embedded.start(affiliate_home / "test-pgdata", database="postgres")
        socket = embedded.status(affiliate_home / "test-pgdata").socket_dir
        name = TEST_DATABASE
        admin_url = embedded.url_for(socket, "postgres")
        url = embedded.url_for(socket, name)
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(f'drop database if exists "{name}" with (force)'))
            conn.execute(sa.text(f'create database "{name}"'))
    finally:
        engine.dispose()
    migrate.upgrade(url)
    return url


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
