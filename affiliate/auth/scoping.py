"""Per-user scoping: every query on a user's rows filters on `user_id == user.id`.

A row of another user is treated exactly like a missing one (404, never 403), so ids that
belong to others are not revealed. Domain code takes the user id and uses `owned_by`:

    conn.execute(sa.select(campaigns).where(owned_by(campaigns, user_id)))

Routes use `affiliate.server.deps.owned_or_404` for the one-row case.
"""

from __future__ import annotations

import sqlalchemy as sa


def owned_by(table: sa.Table, user_id: int) -> sa.ColumnElement[bool]:
    """The WHERE clause limiting `table` to `user_id`'s rows (the table needs a user_id column)."""
    if "user_id" not in table.c:
        raise ValueError(f"{table.fullname} has no user_id column: it cannot be scoped per user")
    return table.c.user_id == user_id


def fetch_owned(conn: sa.Connection, table: sa.Table, row_id: int, user_id: int) -> sa.Row | None:
    """The row with `row_id` if it belongs to `user_id`; None for missing and foreign alike."""
    return conn.execute(
        sa.select(table).where(table.c.id == row_id, owned_by(table, user_id))
    ).first()
