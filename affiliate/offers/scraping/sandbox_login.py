"""Logging in to the sandbox marketplace in a real browser, as a user would: form, then TOTP.

For tests, the benchmark and the demo: they need a genuine captured session (cookies and
localStorage, as Local Connect would store it) without a person typing. Uses Playwright's
sync API, so call it from synchronous code.
"""

from __future__ import annotations

import pyotp

from affiliate.offers.scraping.browser import launch_chromium
from affiliate.sandbox.config import SandboxConfig

# What the logging-in browser looked like; the scraper replays it with the session.
SANDBOX_FINGERPRINT = {
    "userAgent": (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0 Safari/537.36"
    ),
    "locale": "pt-BR",
    "timezone": "America/Sao_Paulo",
    "viewport": {"width": 1280, "height": 800},
}


def fill_login(page, config: SandboxConfig) -> None:
    """On the login page: password form, then the TOTP code, until the market shows."""
    page.fill("#email", config.market_email)
    page.fill("#password", config.market_password)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/login/2fa")
    page.fill("#code", pyotp.TOTP(config.market_totp_secret).now())
    page.click("#totp-form button[type=submit]")
    page.wait_for_url("**/market**")


def login_storage_state(sandbox_url: str, config: SandboxConfig) -> dict:
    """The browser storage_state after logging in to `sandbox_url`'s marketplace."""
    from playwright.sync_api import sync_playwright

    base = sandbox_url.rstrip("/") + "/hotmart"
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(locale="pt-BR")
            page = context.new_page()
            page.goto(f"{base}/login")
            fill_login(page, config)
            return context.storage_state()
        finally:
            browser.close()
