"""The HS256 key that signs login tokens: JWT_SECRET, or one kept in AFFILIATE_HOME.

Unset, a random 256-bit secret is generated once into `<AFFILIATE_HOME>/jwt_secret` (mode
0600), so restarts keep tokens valid on one machine. Several API servers behind a load
balancer must all set the same JWT_SECRET: each would otherwise make its own and reject the
others' tokens. Changing the secret logs everyone out, which is also how to revoke all tokens.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from pydantic import SecretStr

from affiliate.config import Settings
from affiliate.secret_files import SecretFileError, read_or_create

SECRET_FILE_NAME = "jwt_secret"
# RFC 7518 §3.2: an HS256 key must be at least as long as the hash output, 256 bits.
MIN_SECRET_BYTES = 32
MAKE_SECRET_HINT = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'


class JwtSecretError(RuntimeError):
    """The configured or stored secret is unusable; the message says how to fix it."""


def jwt_secret(settings: Settings) -> SecretStr:
    """JWT_SECRET when set, else the persisted one (created on first use); at least 32 bytes."""
    if settings.jwt_secret is not None:
        return _checked(settings.jwt_secret.get_secret_value(), "JWT_SECRET")
    return load_or_create_secret_file(settings.affiliate_home / SECRET_FILE_NAME)


def load_or_create_secret_file(path: Path) -> SecretStr:
    """Read `path`, or create it once (0600) with `secrets.token_urlsafe(32)`: 256 random bits."""
    try:
        text = read_or_create(
            path,
            lambda: secrets.token_urlsafe(32),
            "with more than one API server set JWT_SECRET instead",
        )
    except SecretFileError as exc:
        raise JwtSecretError(str(exc)) from None
    return _checked(text, str(path))


def _checked(value: str, source: str) -> SecretStr:
    if len(value.encode()) < MIN_SECRET_BYTES:
        raise JwtSecretError(
            f"{source} is too short: an HS256 secret needs at least {MIN_SECRET_BYTES} bytes; "
            f"make one with: {MAKE_SECRET_HINT}"
        )
    return SecretStr(value)
