"""Capture a logged-in browser session with Playwright: cookies, localStorage, fingerprint.

Headed by default: the user logs in by hand (2FA, CAPTCHA and all) and we only watch for
the platform's logged-in marker. Tests pass `headless=True` and a `login` callback that
fills the forms.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from affiliate.connect.platforms import Platform

FINGERPRINT_JS = """() => ({
    userAgent: navigator.userAgent,
    locale: navigator.language,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    viewport: {width: window.innerWidth, height: window.innerHeight},
})"""


class CaptureError(RuntimeError):
    pass


@dataclass(frozen=True)
class CapturedSession:
    storage_state: dict
    fingerprint: dict


def capture_session(
    platform: Platform,
    *,
    headless: bool = False,
    login: Callable | None = None,
    enter_pressed: threading.Event | None = None,
    timeout_s: float = 600,
) -> CapturedSession:
    """Open the login page, wait for the logged-in marker (or Enter), capture, close."""
    from playwright.sync_api import sync_playwright

    from affiliate.offers.scraping.browser import launch_chromium

    with sync_playwright() as pw:
        browser = launch_chromium(pw, headless=headless)
        try:
            context = browser.new_context()
            page = context.new_page()
            page.goto(platform.login_url)
            if login is not None:
                login(page)
            _wait_until_logged_in(page, platform, enter_pressed, timeout_s)
            return CapturedSession(context.storage_state(), page.evaluate(FINGERPRINT_JS))
        finally:
            browser.close()


def _wait_until_logged_in(page, platform: Platform, enter_pressed, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if page.query_selector(platform.logged_in_marker) is not None:
            return
        if enter_pressed is not None and enter_pressed.is_set():
            return  # the user says they are in, e.g. on a page without the marker
        page.wait_for_timeout(500)
    raise CaptureError(
        f"not logged in to {platform.name} after {timeout_s:.0f} s "
        f"(no element matching {platform.logged_in_marker!r} appeared)"
    )
