"""Stored browser sessions (Local Connect): find the ones that expire, ask for a reconnect."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from affiliate.connect.platforms import Platform
from affiliate.connect.vault import Vault, session_aad
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


@dataclass(frozen=True)
class StoredSession:
    platform: str
    cookie_count: int
    expires_at: datetime | None


def login_expiry(cookies: list[dict], is_login_cookie) -> datetime | None:
    """The earliest expiry among the login cookies (all persistent cookies if none match).

    Playwright reports a session cookie's `expires` as -1: it dies with the browser and
    says nothing about how long the login lasts, so it is ignored.
    """
    persistent = [c for c in cookies if float(c.get("expires", -1)) > 0]
    chosen = [c for c in persistent if is_login_cookie(c.get("name", ""))] or persistent
    if not chosen:
        return None
    return datetime.fromtimestamp(min(float(c["expires"]) for c in chosen), tz=UTC)


def save_session(
    conn: sa.Connection,
    vault: Vault,
    *,
    user_id: int,
    platform: Platform,
    storage_state: dict,
    fingerprint: dict,
) -> StoredSession:
    """Encrypt and upsert the user's session for the platform; it becomes `active`."""
    cookies = storage_state.get("cookies") or []
    expires_at = login_expiry(cookies, platform.is_login_cookie)
    sealed = vault.encrypt_json(storage_state, session_aad(user_id, platform.name))
    values = {
        "encrypted_session": sealed,
        "fingerprint": fingerprint,
        "status": "active",
        "cookie_count": len(cookies),
        "expires_at": expires_at,
        "updated_at": sa.func.now(),
        "meta": {"origins": [o.get("origin") for o in storage_state.get("origins") or []]},
    }
    stmt = insert(integration_sessions).values(user_id=user_id, platform=platform.name, **values)
    conn.execute(
        stmt.on_conflict_do_update(constraint="integration_sessions_user_platform_key", set_=values)
    )
    return StoredSession(platform.name, len(cookies), expires_at)


def session_status(conn: sa.Connection, user_id: int, platform: str) -> dict:
    t = integration_sessions.c
    row = conn.execute(
        sa.select(t.status, t.cookie_count, t.expires_at, t.last_used_at).where(
            t.user_id == user_id, t.platform == platform
        )
    ).one_or_none()
    if row is None:
        return {
            "connected": False,
            "status": "not_connected",
            "needsReconnect": True,
            "cookieCount": 0,
            "expiresAt": None,
            "lastUsedAt": None,
        }
    return {
        "connected": row.status == "active",
        "status": row.status,
        "needsReconnect": row.status != "active",
        "cookieCount": row.cookie_count,
        "expiresAt": _iso(row.expires_at),
        "lastUsedAt": _iso(row.last_used_at),
    }


def load_session(conn: sa.Connection, vault: Vault, user_id: int, platform: str):
    """(storage_state, fingerprint, status) of the user's session, or None if never connected."""
    t = integration_sessions.c
    row = conn.execute(
        sa.select(t.encrypted_session, t.fingerprint, t.status).where(
            t.user_id == user_id, t.platform == platform
        )
    ).one_or_none()
    if row is None:
        return None
    state = vault.decrypt_json(row.encrypted_session, session_aad(user_id, platform))
    return state, row.fingerprint or {}, row.status


def mark_needs_reconnect(engine: sa.Engine, user_id: int, platform: str, reason: str) -> None:
    t = integration_sessions.c
    with engine.begin() as conn:
        conn.execute(
            sa.update(integration_sessions)
            .where(t.user_id == user_id, t.platform == platform)
            .values(
                status="needs_reconnect",
                updated_at=sa.func.now(),
                meta=t.meta.op("||")(sa.func.jsonb_build_object("reason", reason)),
            )
        )


def touch_session(engine: sa.Engine, user_id: int, platform: str) -> None:
    t = integration_sessions.c
    with engine.begin() as conn:
        conn.execute(
            sa.update(integration_sessions)
            .where(t.user_id == user_id, t.platform == platform)
            .values(last_used_at=sa.func.now())
        )


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
