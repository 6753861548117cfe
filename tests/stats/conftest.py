"""Fixtures of the A/B engine's tests."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from tests.stats.marts_tables import SCHEMA, create_marts


@pytest.fixture
def marts(engine: sa.Engine):
    def build(perf_rows, sales):
        with engine.begin() as conn:
            create_marts(conn, perf_rows, sales)
        return engine

    yield build
    with engine.begin() as conn:
        conn.execute(sa.text(f"drop schema if exists {SCHEMA} cascade"))
