"""Password hashing (argon2id) and the password policy.

argon2-cffi's defaults are argon2id with RFC 9106's low-memory profile; when a later release
raises them, `needs_rehash` says so and login stores a fresh hash.
"""

from __future__ import annotations

from contextlib import suppress
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_LENGTH = 10
# argon2 hashes only what it is given; a cap keeps a megabyte "password" from costing much.
MAX_PASSWORD_LENGTH = 1024


class PasswordPolicyError(ValueError):
    """The password is not acceptable; the message says what is required."""


def check_password_policy(password: str) -> None:
    """Raise PasswordPolicyError unless the password has 10 to 1024 characters."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise PasswordPolicyError(
            f"password must be at least {MIN_PASSWORD_LENGTH} characters long"
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise PasswordPolicyError(f"password must be at most {MAX_PASSWORD_LENGTH} characters long")


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when `password` matches; False for a wrong password or an unusable hash.

    An unusable hash (the local owner's "!") still costs one full verification against a dummy
    hash, so neither it nor an unknown email answers faster than a wrong password.
    """
    try:
        return _hasher().verify(password_hash, password)
    except VerificationError:
        return False
    except InvalidHashError:
        burn_verification_time(password)
        return False


def burn_verification_time(password: str) -> None:
    """Spend what one verification costs, for answers that must not be faster (unknown email)."""
    with suppress(VerificationError):
        _hasher().verify(_dummy_hash(), password)


def needs_rehash(password_hash: str) -> bool:
    try:
        return _hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return False


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Made on first use (not at import) with the live parameters, so it costs what a real one does.
    return _hasher().hash("not a password anyone has: timing equaliser")
