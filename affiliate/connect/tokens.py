"""Connect tokens: what lets `affiliate connect` upload a session without the user's password.

Random (256 bits), single-use, bound to a user and a platform, ten minutes long, and stored
only as a SHA-256 hash, so a database dump holds nothing that can be replayed.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa

from affiliate.db.tables import connect_tokens

TOKEN_TTL = timedelta(minutes=10)


class ConnectTokenError(ValueError):
    """The token cannot be used; the message tells the user what to do."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(conn: sa.Connection, user_id: int, platform: str) -> str:
    token = secrets.token_urlsafe(32)
    conn.execute(
        sa.insert(connect_tokens).values(
            user_id=user_id,
            platform=platform,
            token_hash=_hash(token),
            expires_at=sa.func.now() + TOKEN_TTL,
        )
    )
    return token


def redeem(conn: sa.Connection, token: str, platform: str) -> int:
    """Mark the token used and return its user id; raise ConnectTokenError if it can't be.

    Call inside the transaction that stores the session: if that fails, the token is not
    spent, and a refused token changes nothing.
    """
    t = connect_tokens.c
    row = conn.execute(
        sa.select(t.id, t.user_id, t.platform, t.used_at, t.expires_at <= sa.func.now())
        .where(t.token_hash == _hash(token or ""))
        .with_for_update()
    ).one_or_none()
    again = f"run `affiliate connect {platform}` again"
    if row is None:
        raise ConnectTokenError(f"unknown connect token; {again}")
    if row.platform != platform:
        raise ConnectTokenError(f"this token was issued for {row.platform}, not {platform}")
    if row.used_at is not None:
        raise ConnectTokenError(f"this connect token was already used; {again}")
    if row[4]:
        raise ConnectTokenError(f"this connect token expired (they last 10 minutes); {again}")
    conn.execute(sa.update(connect_tokens).where(t.id == row.id).values(used_at=sa.func.now()))
    return row.user_id
