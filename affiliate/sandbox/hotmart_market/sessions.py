"""Server-side login state of the marketplace: pre-auth tickets and sessions.

Both expire by the sandbox clock (`SandboxClock.now()`), so a test moves the sandbox date to
watch a session lapse, exactly as a long-lived scraper would meet it. Kept in memory only:
a restarted sandbox logs everyone out, which is one more way to reach "needs reconnect".
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from dataclasses import dataclass

from affiliate.sandbox.clock import SandboxClock

# Long enough to type a TOTP code, short enough that a stolen ticket is soon useless.
PRE_AUTH_TTL = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class Session:
    token: str
    email: str
    expires_at: dt.datetime


class SessionStore:
    """Issues and checks opaque tokens; thread-safe (routes run in a thread pool)."""

    def __init__(self, clock: SandboxClock, ttl: dt.timedelta) -> None:
        self._clock = clock
        self._ttl = ttl
        self._lock = threading.Lock()
        self._pre_auth: dict[str, Session] = {}
        self._sessions: dict[str, Session] = {}

    def start_pre_auth(self, email: str) -> str:
        """A ticket proving the password was right; the second factor exchanges it."""
        return self._issue(self._pre_auth, email, PRE_AUTH_TTL).token

    def pre_auth(self, token: str | None) -> Session | None:
        return self._valid(self._pre_auth, token)

    def open_session(self, pre_auth_token: str) -> Session | None:
        """Consume a valid pre-auth ticket (one use) and open a session for its user."""
        ticket = self._valid(self._pre_auth, pre_auth_token)
        with self._lock:
            if ticket is None or self._pre_auth.pop(pre_auth_token, None) is None:
                return None  # expired, or a concurrent request used it first
        return self._issue(self._sessions, ticket.email, self._ttl)

    def session(self, token: str | None) -> Session | None:
        return self._valid(self._sessions, token)

    def close(self, token: str | None) -> None:
        with self._lock:
            self._sessions.pop(token or "", None)

    def expire_all(self) -> int:
        """Drop every session (a test's "the site logged us out"); returns how many."""
        with self._lock:
            count = len(self._sessions)
            self._sessions.clear()
            self._pre_auth.clear()
        return count

    def _issue(self, table: dict[str, Session], email: str, ttl: dt.timedelta) -> Session:
        issued = Session(secrets.token_urlsafe(32), email, self._clock.now() + ttl)
        with self._lock:
            table[issued.token] = issued
        return issued

    def _valid(self, table: dict[str, Session], token: str | None) -> Session | None:
        if not token:
            return None
        now = self._clock.now()
        with self._lock:
            found = table.get(token)
            if found is not None and found.expires_at <= now:
                del table[token]
                return None
        return found
