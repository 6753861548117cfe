"""Stored browser sessions (Local Connect): find the ones that expire, ask for a reconnect."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from affiliate.db.tables import integration_sessions


@dataclass(frozen=True)
class ExpiringSession:
    id: int
    user_id: int
    platform: str
    expires_at: datetime


def flag_expiring_sessions(
    engine: sa.Engine, within: timedelta = timedelta(hours=24)
) -> list[ExpiringSession]:
    """Mark active sessions past or within `within` of expiry as needs_reconnect; return them.

    A scrape with a session about to die fails half-way, so the user is asked a day early.
    """
    t = integration_sessions.c
    stmt = (
        sa.update(integration_sessions)
        .where(
            t.status == "active", t.expires_at.is_not(None), t.expires_at <= sa.func.now() + within
        )
        .values(status="needs_reconnect", updated_at=sa.func.now())
        .returning(t.id, t.user_id, t.platform, t.expires_at)
    )
    with engine.begin() as conn:
        return [ExpiringSession(**r._mapping) for r in conn.execute(stmt)]
