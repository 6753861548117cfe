"""In-memory state of the sandbox ad platform: campaigns, ad sets, ads, idempotency keys.

Ids are counters (`cmp_000001`, …): unique within one sandbox, and the same sequence of
creations gives the same ids, so insights keyed on ad ids are reproducible across runs.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    objective: str
    status: str
    start_date: dt.date | None
    created_at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "objective": self.objective,
            "status": self.status,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True)
class AdSet:
    id: str
    campaign_id: str
    name: str
    daily_budget: Decimal
    currency: str
    targeting: dict[str, Any]
    created_at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "campaign_id": self.campaign_id,
            "name": self.name,
            "daily_budget": f"{self.daily_budget:.2f}",
            "currency": self.currency,
            "targeting": self.targeting,
            "status": "ACTIVE",
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True)
class Ad:
    id: str
    adset_id: str
    campaign_id: str
    name: str
    headline: str
    body: str
    link_url: str
    created_at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "adset_id": self.adset_id,
            "campaign_id": self.campaign_id,
            "name": self.name,
            "headline": self.headline,
            "body": self.body,
            "link_url": self.link_url,
            "status": "ACTIVE",
            "created_at": self.created_at.isoformat(),
        }


Entity = Campaign | AdSet | Ad


@dataclass
class AdPlatformStore:
    """Thread-safe: the API handlers and the traffic-delivery thread both read it."""

    campaigns: dict[str, Campaign] = field(default_factory=dict)
    adsets: dict[str, AdSet] = field(default_factory=dict)
    ads: dict[str, Ad] = field(default_factory=dict)
    delivered: set[tuple[str, dt.date]] = field(default_factory=set)
    _counters: dict[str, int] = field(default_factory=dict)
    _idempotent: dict[tuple[str, str], Entity] = field(default_factory=dict)
    _lock: threading.RLock = field(default_factory=threading.RLock)

    def create(
        self, prefix: str, idempotency_key: str | None, build: Callable[[str], Entity]
    ) -> tuple[Entity, bool]:
        """Create via `build(new_id)` unless the key was seen; returns (entity, created)."""
        with self._lock:
            scoped = (prefix, idempotency_key) if idempotency_key else None
            if scoped and scoped in self._idempotent:
                return self._idempotent[scoped], False
            self._counters[prefix] = self._counters.get(prefix, 0) + 1
            entity = build(f"{prefix}_{self._counters[prefix]:06d}")
            table = {"cmp": self.campaigns, "as": self.adsets, "ad": self.ads}[prefix]
            table[entity.id] = entity
            if scoped:
                self._idempotent[scoped] = entity
            return entity, True

    def all_ads(self) -> list[Ad]:
        with self._lock:
            return list(self.ads.values())

    def mark_delivered(self, ad_id: str, day: dt.date) -> bool:
        """Remember a delivered (ad, day); False if it had been delivered already."""
        with self._lock:
            if (ad_id, day) in self.delivered:
                return False
            self.delivered.add((ad_id, day))
            return True
