"""Users: create one, check a login, look one up — over `app.users`.

Emails are stored normalised (trimmed, lower-case), so the unique index also catches
"Ann@X.com" against "ann@x.com".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert

from affiliate.auth.passwords import (
    burn_verification_time,
    check_password_policy,
    hash_password,
    needs_rehash,
    verify_password,
)
from affiliate.db.tables import users

MAX_EMAIL_LENGTH = 255  # the column's width
# Deliberately loose: one @, no spaces, a dot in the domain. Only a sent mail proves more.
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]+\.[^@\s.]+")


@dataclass(frozen=True)
class AuthUser:
    id: int
    email: str
    name: str | None

    def public(self) -> dict:
        """The user as the API shows it."""
        return {"id": self.id, "email": self.email, "name": self.name}


class InvalidAccountInput(ValueError):
    """Email, name or password is not acceptable; the message says what is expected."""


class EmailTaken(Exception):
    """The email already belongs to an account."""


def normalise_email(raw: str) -> str:
    """`raw` trimmed and lower-cased, or InvalidAccountInput when it is not an address."""
    email = raw.strip().lower()
    if len(email) > MAX_EMAIL_LENGTH or not _EMAIL.fullmatch(email):
        raise InvalidAccountInput("email must be a valid address such as ann@example.com")
    return email


def create_user(
    conn: sa.Connection, email: str, password: str, name: str | None = None
) -> AuthUser:
    """Insert a user with an argon2id hash; EmailTaken when the address is registered."""
    email = normalise_email(email)
    check_password_policy(password)
    name = (name or "").strip() or None
    if name is not None and len(name) > 255:
        raise InvalidAccountInput("name must be at most 255 characters long")
    # ON CONFLICT rather than a prior SELECT: two registrations racing still yield one row.
    user_id = conn.scalar(
        insert(users)
        .values(email=email, password_hash=hash_password(password), name=name)
        .on_conflict_do_nothing(index_elements=[users.c.email])
        .returning(users.c.id)
    )
    if user_id is None:
        raise EmailTaken("this email is already registered")
    return AuthUser(user_id, email, name)


def authenticate(conn: sa.Connection, email: str, password: str) -> AuthUser | None:
    """The user when email and password match, else None — equally slow either way."""
    try:
        email = normalise_email(email)
    except InvalidAccountInput:
        email = ""  # no row matches; still pay for a verification below
    row = conn.execute(sa.select(users).where(users.c.email == email)).first()
    if row is None:
        burn_verification_time(password)
        return None
    if not verify_password(row.password_hash, password):
        return None
    if needs_rehash(row.password_hash):
        conn.execute(
            sa.update(users)
            .where(users.c.id == row.id)
            .values(password_hash=hash_password(password), updated_at=sa.func.now())
        )
    return AuthUser(row.id, row.email, row.name)


def get_user(conn: sa.Connection, user_id: int) -> AuthUser | None:
    row = conn.execute(
        sa.select(users.c.id, users.c.email, users.c.name).where(users.c.id == user_id)
    ).first()
    return AuthUser(row.id, row.email, row.name) if row else None
