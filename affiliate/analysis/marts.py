"""The one way notebooks reach the marts: find the database, read a query into a DataFrame.

The database is `DATABASE_URL` when set, else the embedded server (which must be running:
`affiliate db up`, or `make demo` which also builds the marts). Money columns arrive as
`Decimal` (psycopg2 maps numeric so) and stay `Decimal` in the frame; convert to float only
to plot.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa

from affiliate.db.engine import database_url, get_engine, redacted


class MartsMissing(RuntimeError):
    """The database is reachable but the dbt marts are not built yet."""


def marts_engine() -> sa.Engine:
    """An engine on the database holding the marts, checked: a clear error, not a traceback
    from deep inside pandas, when the database is down or the marts were never built."""
    url = database_url(start=False)
    engine = get_engine(url)
    with engine.connect() as conn:
        built = conn.scalar(sa.text("select to_regclass('analytics.fct_pnl_daily') is not null"))
    if not built:
        raise MartsMissing(
            f"No dbt marts in {redacted(url)}: run `make demo`, or materialise the marts "
            "in the Dagster UI, first."
        )
    return engine


def frame(sql: str, engine: sa.Engine | None = None, **params: Any) -> pd.DataFrame:
    """A query's rows as a DataFrame (columns as the query names them)."""
    with (engine or marts_engine()).connect() as conn:
        result = conn.execute(sa.text(sql), params)
        return pd.DataFrame(result.all(), columns=list(result.keys()))
