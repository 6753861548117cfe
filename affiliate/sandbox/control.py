"""A client for the sandbox's control endpoints: make today's traffic and sales happen."""

from __future__ import annotations

from datetime import date

import httpx

from affiliate.sandbox.postback_formats import FORMATS

AUTH = {"Authorization": "Bearer sandbox-token"}


def deliver_clicks(sandbox_url: str, day: date) -> dict:
    """The ad platform sends `day`'s clicks of every ad to the ads' links (once per day)."""
    return _post(f"{sandbox_url}/adplatform/v1/sandbox/deliver", {"date": day.isoformat()})


def post_sales(
    sandbox_url: str, webhook_url: str, secret: str, notification_format: str = "clickbank"
) -> dict:
    """The network posts its pending sales, some refunds and one redelivery to `webhook_url`.

    `notification_format` "clickbank" (Instant Notifications; `secret` is the secret key) or
    "hotmart" (2.0.0 webhooks; `secret` is the hottok).
    """
    secret_field = FORMATS[notification_format].secret_field
    body = {"webhook_url": webhook_url, "format": notification_format, secret_field: secret}
    return _post(f"{sandbox_url}/network/sandbox/postback", body)


def _post(url: str, body: dict) -> dict:
    answer = httpx.post(url, json=body, headers=AUTH, timeout=600)
    answer.raise_for_status()
    return answer.json()
