"""GET/PATCH /api/campaigns: a user's own campaigns with their spend; others' do not exist."""

from __future__ import annotations

import sqlalchemy as sa
from fastapi import Request
from pydantic import BaseModel, Field

from affiliate.auth.scoping import owned_by
from affiliate.db.tables import campaigns
from affiliate.server.deps import CurrentUser, owned_or_404, router_requiring_auth

router = router_requiring_auth("/api/campaigns", tags=["campaigns"])

COLUMNS = (
    campaigns.c.id,
    campaigns.c.name,
    campaigns.c.status,
    campaigns.c.platform,
    campaigns.c.product_id,
    campaigns.c.daily_budget,
    campaigns.c.spent,
    campaigns.c.currency,
    campaigns.c.created_at,
)


class CampaignChange(BaseModel):
    name: str = Field(min_length=1, max_length=255)


def _public(row) -> dict:
    return {
        "id": row.id,
        "name": row.name,
        "status": row.status,
        "platform": row.platform,
        "productId": row.product_id,
        "currency": row.currency,
        "dailyBudget": None if row.daily_budget is None else str(row.daily_budget),
        "spent": str(row.spent),
        "createdAt": row.created_at.isoformat(),
    }


@router.get("")
def list_campaigns(request: Request, user: CurrentUser) -> dict:
    with request.app.state.engine.connect() as conn:
        rows = conn.execute(
            sa.select(*COLUMNS).where(owned_by(campaigns, user.id)).order_by(campaigns.c.id)
        ).all()
    return {"campaigns": [_public(r) for r in rows]}


@router.get("/{campaign_id}")
def show_campaign(campaign_id: int, request: Request, user: CurrentUser) -> dict:
    with request.app.state.engine.connect() as conn:
        return {"campaign": _public(owned_or_404(conn, campaigns, campaign_id, user, "campaign"))}


@router.patch("/{campaign_id}")
def rename_campaign(
    campaign_id: int, change: CampaignChange, request: Request, user: CurrentUser
) -> dict:
    with request.app.state.engine.begin() as conn:
        owned_or_404(conn, campaigns, campaign_id, user, "campaign")
        row = conn.execute(
            sa.update(campaigns)
            .where(campaigns.c.id == campaign_id, owned_by(campaigns, user.id))
            .values(name=change.name, updated_at=sa.func.now())
            .returning(*COLUMNS)
        ).one()
    return {"campaign": _public(row)}
