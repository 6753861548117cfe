"""Webhook receivers. Each stores the raw delivery and commits before it answers 200."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from affiliate.tracking.events import WebhookError
from affiliate.tracking.inbox import body_fingerprint, store_delivery
from affiliate.tracking.networks import hotmart

router = APIRouter()


@router.post("/api/webhooks/hotmart")
async def hotmart_webhook(request: Request) -> JSONResponse:
    expected = request.app.state.settings.hotmart_hottok.get_secret_value()
    if not hotmart.hottok_matches(request.headers.get(hotmart.HOTTOK_HEADER), expected):
        # Not stored: anyone can reach this URL, only Hotmart knows the token.
        return JSONResponse(
            {"error": f"missing or wrong {hotmart.HOTTOK_HEADER} header"}, status_code=401
        )
    body = await request.body()
    try:
        envelope = hotmart.load_envelope(body)
    except WebhookError as exc:
        # Authenticated but unreadable: kept for inspection, refused so Hotmart shows the error.
        _store(request, body_fingerprint(body), None, body, status="rejected", error=str(exc))
        return JSONResponse({"error": str(exc)}, status_code=400)
    stored = _store(request, str(envelope["id"]), str(envelope.get("event") or ""), body)
    return JSONResponse({"received": True, "duplicate": stored.duplicate})


def _store(request: Request, event_id: str, event_type: str | None, body: bytes, **kw):
    # Sync database work inside an async route is fine at this scale: one short insert.
    with request.app.state.engine.begin() as conn:
        return store_delivery(
            conn,
            network=hotmart.NETWORK,
            event_id=event_id,
            event_type=event_type,
            body=body,
            headers=dict(request.headers),
            **kw,
        )
