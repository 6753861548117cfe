"""The ad-platform interface, and its adapter for the sandbox ad platform's HTTP API.

Meta, Google and TikTok adapters implement the same protocol; the launcher and the spend
pull only ever see `AdPlatform`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol

import httpx


class AdPlatformError(RuntimeError):
    """The platform refused or failed a request; the message carries its answer."""


@dataclass(frozen=True)
class DailyInsight:
    date_day: date
    impressions: int
    clicks: int
    spend: Decimal
    currency: str
    platform_conversions: int


class AdPlatform(Protocol):
    name: str
    account_id: str

    def create_campaign(self, *, name: str, start_date: date, idempotency_key: str) -> str: ...

    def create_ad_set(
        self,
        *,
        campaign_id: str,
        name: str,
        daily_budget: Decimal,
        currency: str,
        targeting: dict,
        idempotency_key: str,
    ) -> str: ...

    def create_ad(
        self,
        *,
        ad_set_id: str,
        name: str,
        headline: str,
        body: str,
        link_url: str,
        idempotency_key: str,
    ) -> str: ...

    def daily_insights(self, ad_id: str, since: date, until: date) -> list[DailyInsight]: ...


class SandboxAdPlatform:
    """The built-in sandbox ad platform (affiliate/sandbox), spoken to over HTTP."""

    name = "sandbox"

    def __init__(self, base_url: str, token: str = "sandbox-token", account_id: str = "sandbox"):
        self.account_id = account_id
        self._http = httpx.Client(
            base_url=base_url.rstrip("/") + "/adplatform/v1",
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )

    def create_campaign(self, *, name: str, start_date: date, idempotency_key: str) -> str:
        body = {
            "name": name,
            "objective": "TRAFFIC",
            "status": "ACTIVE",
            "start_date": start_date.isoformat(),
        }
        return self._create("/campaigns", body, idempotency_key)

    def create_ad_set(
        self, *, campaign_id, name, daily_budget, currency, targeting, idempotency_key
    ) -> str:
        body = {
            "campaign_id": campaign_id,
            "name": name,
            "daily_budget": str(daily_budget),
            "currency": currency,
            "targeting": targeting,
        }
        return self._create("/adsets", body, idempotency_key)

    def create_ad(self, *, ad_set_id, name, headline, body, link_url, idempotency_key) -> str:
        payload = {
            "adset_id": ad_set_id,
            "name": name,
            "headline": headline,
            "body": body,
            "link_url": link_url,
        }
        return self._create("/ads", payload, idempotency_key)

    def daily_insights(self, ad_id: str, since: date, until: date) -> list[DailyInsight]:
        answer = self._http.get(
            f"/ads/{ad_id}/insights",
            params={"since": since.isoformat(), "until": until.isoformat()},
        )
        _raise_for(answer)
        return [
            DailyInsight(
                date_day=date.fromisoformat(row["date"]),
                impressions=int(row["impressions"]),
                clicks=int(row["clicks"]),
                spend=Decimal(str(row["spend"])),
                currency=row.get("currency", "USD"),
                platform_conversions=int(row.get("conversions", 0)),
            )
            for row in answer.json()["data"]
        ]

    def _create(self, path: str, body: dict, idempotency_key: str) -> str:
        answer = self._http.post(path, json=body, headers={"Idempotency-Key": idempotency_key})
        _raise_for(answer)
        return str(answer.json()["id"])


def _raise_for(answer: httpx.Response) -> None:
    if answer.status_code >= 400:
        request = answer.request
        raise AdPlatformError(
            f"{request.method} {request.url} → {answer.status_code}: {answer.text[:300]}"
        )
