"""Login tokens: HS256 JWTs carrying the user id, valid for one hour.

The algorithm is pinned on both sides: decoding accepts HS256 only, so a token claiming
`alg: none` or an RS256/HS256 confusion is refused before any key is used.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import jwt
from pydantic import SecretStr

ALGORITHM = "HS256"
ISSUER = "affiliate-os"
TOKEN_TTL_SECONDS = 3600
_REQUIRED_CLAIMS = ["sub", "iat", "exp", "iss", "jti"]


class TokenError(ValueError):
    """The token cannot be used; the message is safe to show and says what to do."""


def issue_token(user_id: int, secret: SecretStr, now: datetime | None = None) -> str:
    """A signed token for `user_id`, expiring TOKEN_TTL_SECONDS after `now`."""
    issued = now or datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "iat": issued,
        "exp": issued + timedelta(seconds=TOKEN_TTL_SECONDS),
        "iss": ISSUER,
        # A unique id per token: room for a deny-list without changing the token format.
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, secret.get_secret_value(), algorithm=ALGORITHM)


def user_id_from_token(token: str, secret: SecretStr) -> int:
    """The user id a valid token was issued for; TokenError when expired, forged or malformed."""
    try:
        claims = jwt.decode(
            token,
            secret.get_secret_value(),
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            options={"require": _REQUIRED_CLAIMS},
        )
    except jwt.ExpiredSignatureError:
        raise TokenError("token expired, log in again") from None
    except jwt.InvalidTokenError:
        # One message for bad signature, wrong algorithm, wrong issuer or garbage: the
        # difference helps an attacker more than a user, who must log in again either way.
        raise TokenError("invalid token, log in again") from None
    try:
        return int(claims["sub"])
    except (TypeError, ValueError):
        raise TokenError("invalid token, log in again") from None
