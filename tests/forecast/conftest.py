"""analytics.fct_pnl_daily as a plain table the tests fill with generated days.

Why not a dbt build: the forecast depends on the mart's column contract (date_day,
currency_code, net_revenue, ad_spend, profit), not on how dbt derives it — tests/dbt prove
that. Filling the contract directly lets a test choose exactly which days exist (gaps, ten
days, two currencies) and months of history, without generating clicks, spend and webhooks
for each day, and it keeps these tests independent of the dbt models another change may be
editing. The table is dropped afterwards; dbt's tests rebuild the analytics schema themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pandas as pd
import pytest
import sqlalchemy as sa

CREATE_MART = """
create table analytics.fct_pnl_daily (
    date_day date not null,
    currency_code char(3) not null,
    net_revenue numeric(14,2) not null,
    ad_spend numeric(14,2) not null,
    profit numeric(14,2) not null,
    unique (date_day, currency_code)
)
"""


@pytest.fixture
def pnl_mart(clean_db: sa.Engine) -> Iterator[Callable[[pd.DataFrame], None]]:
    """A function that replaces the mart's rows with a frame's rows (see tests.forecast.series)."""
    with clean_db.begin() as conn:
        conn.execute(sa.text("create schema if not exists analytics"))
        conn.execute(sa.text("drop table if exists analytics.fct_pnl_daily cascade"))
        conn.execute(sa.text(CREATE_MART))

    def fill(frame: pd.DataFrame) -> None:
        with clean_db.begin() as conn:
            conn.execute(sa.text("truncate analytics.fct_pnl_daily"))
            conn.execute(
                sa.text(
                    "insert into analytics.fct_pnl_daily"
                    " values (:date_day, :currency_code, :net_revenue, :ad_spend, :profit)"
                ),
                frame.to_dict("records"),
            )

    yield fill
    with clean_db.begin() as conn:
        conn.execute(sa.text("drop table if exists analytics.fct_pnl_daily cascade"))
