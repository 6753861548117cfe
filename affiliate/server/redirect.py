"""GET /r/{link_code}: record the click, then 302 to the offer with the click id attached."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse

from affiliate.tracking.clicks import (
    destination_for,
    hash_ip,
    new_click_id,
    record_click,
    with_click_id,
)

router = APIRouter()
KEPT_PARAMS = ("sub1", "sub2", "sub3", "sub4", "sub5")


@router.get("/r/{link_code}")
def redirect(link_code: str, request: Request):
    settings = request.app.state.settings
    with request.app.state.engine.begin() as conn:
        target = destination_for(conn, link_code)
        if target is None:
            return JSONResponse({"error": f"unknown link {link_code!r}"}, status_code=404)
        click_id = new_click_id()
        query = request.query_params
        record_click(
            conn,
            ad_id=target.ad_id,
            click_id=click_id,
            ip_hash=hash_ip(
                request.client.host if request.client else None,
                settings.tracking_salt.get_secret_value(),
            ),
            user_agent=request.headers.get("user-agent"),
            referrer=request.headers.get("referer"),
            params={k: v for k, v in query.items() if k in KEPT_PARAMS or k.startswith("utm_")},
        )
    return RedirectResponse(with_click_id(target.url, target.network, click_id), status_code=302)
