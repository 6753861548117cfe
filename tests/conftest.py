"""Session-wide test database: an embedded PostgreSQL started once, migrated, emptied per test."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from affiliate.config import PROJECT_ROOT
from affiliate.db.testing import drop_test_database, fresh_test_database, truncate_app_tables


@pytest.fixture(scope="session")
def db_url() -> str:
    url = fresh_test_database(PROJECT_ROOT / ".affiliate")
    yield url
    drop_test_database(url)


@pytest.fixture(scope="session")
def engine(db_url: str) -> sa.Engine:
    eng = sa.create_engine(db_url, future=True)
    yield eng
    eng.dispose()


@pytest.fixture
def clean_db(engine: sa.Engine) -> sa.Engine:
    """The test database with every app table empty."""
    truncate_app_tables(engine)
    return engine
