"""The migrated database and affiliate/db/tables.py must describe the same schema."""

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from affiliate.db.tables import include_object, metadata


def test_migrations_match_table_definitions(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn,
            opts={"include_schemas": True, "include_object": include_object, "compare_type": True},
        )
        assert compare_metadata(ctx, metadata) == []


def test_seed_unique_keys_hold(clean_db: sa.Engine) -> None:
    with clean_db.begin() as conn:
        conn.execute(
            sa.text(
                "insert into app.products (name, network, network_id) values ('a','clickbank','X')"
            )
        )
    with pytest.raises(sa.exc.IntegrityError), clean_db.begin() as conn:
        conn.execute(
            sa.text(
                "insert into app.products (name, network, network_id) values ('b','clickbank','X')"
            )
        )
