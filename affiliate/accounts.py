"""The account that owns what the pipeline creates until users sign in (issue: accounts)."""

from __future__ import annotations

import sqlalchemy as sa

from affiliate.db.tables import users

OWNER_EMAIL = "owner@affiliate.local"


def owner_id(conn: sa.Connection) -> int:
    """The first account's id, creating a local owner (who cannot log in) when there is none."""
    existing = conn.scalar(sa.select(users.c.id).order_by(users.c.id).limit(1))
    if existing is not None:
        return existing
    # "!" is not a valid hash of any password, so this account cannot be logged into.
    return conn.scalar(
        sa.insert(users)
        .values(email=OWNER_EMAIL, password_hash="!", name="Local owner")
        .returning(users.c.id)
    )
