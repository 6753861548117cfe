"""Platforms a user can connect through Local Connect: where to log in, how to tell it worked.

The logged-in marker is a CSS selector list: any match means the login went through. The
login cookies are the ones whose expiry ends the session (the session's `expires_at`).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from affiliate.config import Settings


@dataclass(frozen=True)
class Platform:
    name: str
    base_url: str
    login_path: str
    logged_in_marker: str
    login_cookies: tuple[str, ...]  # glob patterns of the cookies that carry the login

    @property
    def login_url(self) -> str:
        return self.base_url.rstrip("/") + self.login_path

    def is_login_cookie(self, cookie_name: str) -> bool:
        return any(fnmatch.fnmatch(cookie_name, p) for p in self.login_cookies)


def platforms(settings: Settings) -> dict[str, Platform]:
    hotmart_base = settings.hotmart_base_url or f"{settings.sandbox_url}/hotmart"
    return {
        "hotmart": Platform(
            name="hotmart",
            base_url=hotmart_base,
            login_path="/login",
            # Both markups of the marketplace (v1, and v2 after a redesign).
            logged_in_marker="#user-menu, [data-testid=account-avatar]",
            login_cookies=("hm_session", "hmSession*", "*_session"),
        ),
    }


class UnknownPlatform(LookupError):
    pass


def get_platform(name: str, settings: Settings) -> Platform:
    known = platforms(settings)
    if name not in known:
        raise UnknownPlatform(f"unknown platform {name!r}; known: {', '.join(sorted(known))}")
    return known[name]
