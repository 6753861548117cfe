"""Launching Chromium the way this project's machines allow, and replaying a stored session.

Playwright cannot download its own browser here, so the executable comes from
PLAYWRIGHT_CHROMIUM_PATH, else the system's /usr/bin/chromium, else Playwright's own.
A replayed session must look like the browser that logged in — same user agent, locale,
time zone and window — or the site may treat it as a new device and ask to log in again.

Both functions work with Playwright's sync and async APIs alike: they return what
`launch` / `new_context` return (a Browser / BrowserContext, or an awaitable of one).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
)
SYSTEM_CHROMIUM = Path("/usr/bin/chromium")


def chromium_executable() -> str | None:
    """PLAYWRIGHT_CHROMIUM_PATH, else /usr/bin/chromium, else None (Playwright's own)."""
    configured = os.environ.get("PLAYWRIGHT_CHROMIUM_PATH")
    if configured:
        return configured
    return str(SYSTEM_CHROMIUM) if SYSTEM_CHROMIUM.exists() else None


def launch_chromium(playwright: Any, headless: bool = True) -> Any:
    """`playwright.chromium.launch(...)` with this machine's executable and flags."""
    return playwright.chromium.launch(
        executable_path=chromium_executable(), headless=headless, args=list(CHROMIUM_ARGS)
    )


def context_options(storage_state: dict | None, fingerprint: dict | None) -> dict[str, Any]:
    """`new_context` keyword arguments replaying a session and the browser that made it."""
    fingerprint = fingerprint or {}
    options: dict[str, Any] = {"storage_state": storage_state} if storage_state else {}
    if fingerprint.get("userAgent"):
        options["user_agent"] = fingerprint["userAgent"]
    if fingerprint.get("locale"):
        options["locale"] = fingerprint["locale"]
    if fingerprint.get("timezone"):
        options["timezone_id"] = fingerprint["timezone"]
    viewport = fingerprint.get("viewport") or {}
    if viewport.get("width") and viewport.get("height"):
        options["viewport"] = {"width": int(viewport["width"]), "height": int(viewport["height"])}
    return options


def new_context_from_session(browser: Any, storage_state: dict | None, fingerprint: dict | None):
    """A browser context carrying the stored cookies/localStorage and the login's fingerprint."""
    return browser.new_context(**context_options(storage_state, fingerprint))
