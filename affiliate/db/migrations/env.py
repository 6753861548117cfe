"""Alembic environment: migrates schema `app`; the URL comes from affiliate.db.engine."""

from alembic import context

from affiliate.db.engine import database_url
from affiliate.db.tables import SCHEMA, include_object, metadata


def run_migrations() -> None:
    import sqlalchemy as sa

    url = context.config.attributes.get("url") or database_url()
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        conn.execute(sa.text(f'create schema if not exists "{SCHEMA}"'))
        conn.commit()
        context.configure(
            connection=conn,
            target_metadata=metadata,
            version_table_schema=SCHEMA,
            include_schemas=True,
            include_object=include_object,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()
