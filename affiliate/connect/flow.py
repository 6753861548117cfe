"""`affiliate connect`: token, browser login, capture, upload — in that order."""

from __future__ import annotations

import threading
from collections.abc import Callable

from affiliate.config import Settings
from affiliate.connect.capture import capture_session
from affiliate.connect.client import ConnectClient, ConnectClientError
from affiliate.connect.platforms import get_platform


def run_connect(
    client: ConnectClient,
    platform_name: str,
    settings: Settings,
    *,
    headless: bool = False,
    login: Callable | None = None,
    enter_pressed: threading.Event | None = None,
    say: Callable[[str], None] = print,
) -> dict:
    """Connect one platform for the client's user; returns the upload's answer."""
    platform = get_platform(platform_name, settings)
    # Asked before the browser opens: a wrong password or platform fails at once.
    token = client.connect_token(platform_name)
    say(
        f"Opening {platform.login_url} — log in; the browser closes by itself once you are in"
        + ("" if headless else " (or press Enter when you are).")
    )
    captured = capture_session(
        platform, headless=headless, login=login, enter_pressed=enter_pressed
    )
    try:
        return client.upload(platform_name, token, captured.storage_state, captured.fingerprint)
    except ConnectClientError as exc:
        if "expired" not in str(exc):
            raise
        # A login that took longer than the token's ten minutes: the session is still good.
        token = client.connect_token(platform_name)
        return client.upload(platform_name, token, captured.storage_state, captured.fingerprint)
