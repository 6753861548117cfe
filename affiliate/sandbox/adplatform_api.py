"""The sandbox ad platform's HTTP API (`/adplatform/v1`), Graph-API-like JSON over bearer auth."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Response
from pydantic import BaseModel, Field, field_validator
from starlette.concurrency import run_in_threadpool

from affiliate.sandbox.adplatform_store import Ad, AdPlatformStore, AdSet, Campaign
from affiliate.sandbox.clock import SandboxClock
from affiliate.sandbox.insights import daily_insight, insights_between
from affiliate.sandbox.traffic import send_clicks


def require_bearer(authorization: Annotated[str | None, Header()] = None) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(
            401,
            "Send 'Authorization: Bearer <token>' (any non-empty token works in the sandbox).",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return token


# A client-chosen key: the same key on the same endpoint returns the first result (200).
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key")]


class CampaignIn(BaseModel):
    name: str = Field(min_length=1)
    objective: Literal["TRAFFIC", "CONVERSIONS", "AWARENESS"] = "TRAFFIC"
    status: Literal["ACTIVE", "PAUSED"] = "ACTIVE"
    start_date: dt.date | None = None


class AdSetIn(BaseModel):
    campaign_id: str
    name: str = Field(min_length=1)
    daily_budget: str
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    targeting: dict[str, Any] = Field(default_factory=dict)

    @field_validator("daily_budget")
    @classmethod
    def positive_money(cls, value: str) -> str:
        try:
            amount = Decimal(value)
        except InvalidOperation:
            raise ValueError("daily_budget must be a decimal string such as '40.00'") from None
        if not amount.is_finite() or amount <= 0 or amount != amount.quantize(Decimal("0.01")):
            raise ValueError("daily_budget must be positive with at most 2 decimals")
        return value


class AdIn(BaseModel):
    adset_id: str
    name: str = Field(min_length=1)
    headline: str
    body: str
    link_url: str = Field(pattern=r"^https?://")


class DeliverIn(BaseModel):
    date: dt.date | None = None


def adplatform_router(store: AdPlatformStore, clock: SandboxClock, seed: int) -> APIRouter:
    router = APIRouter(prefix="/adplatform/v1", dependencies=[Depends(require_bearer)])

    def created(entity: Campaign | AdSet | Ad, new: bool, response: Response) -> dict[str, Any]:
        response.status_code = 201 if new else 200  # a replayed key answers 200
        return entity.to_json()

    @router.post("/campaigns", status_code=201)
    def create_campaign(
        body: CampaignIn, response: Response, key: IdempotencyKey = None
    ) -> dict[str, Any]:
        entity, new = store.create(
            "cmp",
            key,
            lambda id_: Campaign(
                id_, body.name, body.objective, body.status, body.start_date, clock.now()
            ),
        )
        return created(entity, new, response)

    @router.post("/adsets", status_code=201)
    def create_adset(
        body: AdSetIn, response: Response, key: IdempotencyKey = None
    ) -> dict[str, Any]:
        if body.campaign_id not in store.campaigns:
            raise HTTPException(404, f"Campaign {body.campaign_id!r} not found; create it first.")
        budget = Decimal(body.daily_budget)
        entity, new = store.create(
            "as",
            key,
            lambda id_: AdSet(
                id_, body.campaign_id, body.name, budget, body.currency, body.targeting, clock.now()
            ),
        )
        return created(entity, new, response)

    @router.post("/ads", status_code=201)
    def create_ad(body: AdIn, response: Response, key: IdempotencyKey = None) -> dict[str, Any]:
        adset = store.adsets.get(body.adset_id)
        if adset is None:
            raise HTTPException(404, f"Ad set {body.adset_id!r} not found; create it first.")
        entity, new = store.create(
            "ad",
            key,
            lambda id_: Ad(
                id_,
                adset.id,
                adset.campaign_id,
                body.name,
                body.headline,
                body.body,
                body.link_url,
                clock.now(),
            ),
        )
        return created(entity, new, response)

    @router.get("/ads")
    def list_ads() -> dict[str, Any]:
        return {"data": [ad.to_json() for ad in store.all_ads()]}

    @router.get("/ads/{ad_id}/insights")
    def ad_insights(
        ad_id: str, since: dt.date | None = None, until: dt.date | None = None
    ) -> dict[str, Any]:
        ad = store.ads.get(ad_id)
        if ad is None:
            raise HTTPException(404, f"Ad {ad_id!r} not found.")
        budget = store.adsets[ad.adset_id].daily_budget
        rows = insights_between(
            seed, ad.id, ad.created_at.date(), budget, since, until, clock.today()
        )
        return {"data": [row.to_json() for row in rows]}

    @router.post("/sandbox/deliver")
    async def deliver(body: DeliverIn | None = None) -> dict[str, Any]:
        day = (body.date if body else None) or clock.today()
        work: list[tuple[str, int]] = []
        skipped = 0
        for ad in store.all_ads():
            if not ad.created_at.date() <= day <= clock.today():
                continue  # no insight row that day, so no traffic either
            if not store.mark_delivered(ad.id, day):
                skipped += 1
                continue
            budget = store.adsets[ad.adset_id].daily_budget
            work.append((ad.link_url, daily_insight(seed, ad.id, day, budget).clicks))
        # The clicks may come back to this very server (the landing page), so they must not
        # run on its event loop.
        counts = await run_in_threadpool(send_clicks, work)
        return {
            "date": day.isoformat(),
            "ads": len(work),
            "skipped": skipped,
            "clicks_sent": counts.clicks_sent,
            "redirected": counts.redirected,
            "landed": counts.landed,
            "errors": counts.errors,
        }

    return router
