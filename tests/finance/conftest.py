"""Generated marts in the test database: six weeks of three campaigns, a CPC spike on the last
day of campaign 1, and a partial 'today' that no report may treat as complete."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from tests.finance.generated import CAMPAIGNS, Plant, history, pnl_of
from tests.finance.marts import add_campaigns, create_marts, load_performance, load_pnl

FIRST = date(2024, 3, 4)
LAST = FIRST + timedelta(days=42)  # the latest complete day: the spike
TODAY = LAST + timedelta(days=1)  # in the marts already, but not over
UNATTRIBUTED_AI = Decimal("2.40")


@pytest.fixture
def generated_rows():
    rows = history(FIRST, 44, seed=0, plants=(Plant(1, LAST, cpc=2.0),))
    return rows


@pytest.fixture
def marts(clean_db: sa.Engine, generated_rows) -> Iterator[sa.Engine]:
    with clean_db.begin() as conn:
        create_marts(conn)
        add_campaigns(conn, CAMPAIGNS)
        load_performance(conn, generated_rows)
        load_pnl(conn, pnl_of(generated_rows), UNATTRIBUTED_AI)
    yield clean_db
    with clean_db.begin() as conn:
        conn.exec_driver_sql("drop schema if exists analytics cascade")
