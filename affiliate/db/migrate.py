"""Run Alembic migrations from code (the CLI, the demo and the tests all call this)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

# Schemas other owners write into; created here so that dbt and Dagster find them.
OTHER_SCHEMAS = ("analytics", "dagster")


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["url"] = url
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            for schema in OTHER_SCHEMAS:
                conn.execute(sa.text(f'create schema if not exists "{schema}"'))
        if current_revision(url) != head_revision():
            drop_dbt_views(engine)
    finally:
        engine.dispose()
    command.upgrade(alembic_config(url), revision)


def drop_dbt_views(engine: sa.Engine) -> int:
    """Drop dbt's views before a migration changes the tables under them.

    PostgreSQL refuses to alter a column a view reads ("cannot alter type of a column used by
    a view"), so a database whose marts were built before an upgrade could not be migrated.
    The views are dbt's staging and intermediate layers, rebuilt by its next run; the marts
    are tables and stay (they read the views only while dbt builds them).
    """
    with engine.begin() as conn:
        views = conn.scalars(
            sa.text(
                "select quote_ident(table_name) from information_schema.views"
                " where table_schema = 'analytics'"
            )
        ).all()
        for view in views:
            conn.execute(sa.text(f"drop view if exists analytics.{view} cascade"))
    return len(views)


def current_revision(url: str) -> str | None:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.scalar(
                sa.text(
                    "select version_num from app.alembic_version"
                    " where to_regclass('app.alembic_version') is not null"
                )
            )
    except sa.exc.ProgrammingError:
        return None
    finally:
        engine.dispose()


def head_revision() -> str:
    """The newest migration in the code (what `upgrade` brings a database to)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("")).get_current_head()
