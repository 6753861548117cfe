"""A database whose marts were built before an upgrade can still be migrated: dbt's views
over the app tables would otherwise stop PostgreSQL from altering the columns they read."""

import sqlalchemy as sa

from affiliate.db import migrate
from affiliate.db.testing import _admin


def test_a_migration_under_a_dbt_view_succeeds_and_leaves_the_marts(db_url):
    url = str(sa.make_url(db_url).set(database=sa.make_url(db_url).database + "_upgrade"))
    _admin(url, "drop database if exists {name} with (force)", "create database {name}")
    try:
        migrate.upgrade(url, "0004")
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            # Like dbt's staging view: 0005 changes the type of webhook_inbox.body under it.
            conn.execute(
                sa.text(
                    "create view analytics.stg_app__webhook_inbox as"
                    " select id, body from app.webhook_inbox;"
                    " create table analytics.fct_pnl_daily as select 1 as one;"
                )
            )
        migrate.upgrade(url)
        assert migrate.current_revision(url) == migrate.head_revision()
        with engine.connect() as conn:
            relations = conn.execute(
                sa.text(
                    "select table_name, table_type from information_schema.tables"
                    " where table_schema = 'analytics' order by 1"
                )
            ).all()
        assert [tuple(r) for r in relations] == [("fct_pnl_daily", "BASE TABLE")]
        engine.dispose()
    finally:
        _admin(url, "drop database if exists {name} with (force)")
