"""Local Connect v2: a browser session captured on the user's computer, uploaded here.

The seed's answer to logins with 2FA or CAPTCHA: the user logs in by hand in a real
browser; `affiliate connect` uploads the resulting cookies with a one-time token.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from affiliate.connect import tokens
from affiliate.connect.platforms import Platform, UnknownPlatform, get_platform
from affiliate.connect.sessions import save_session, session_status
from affiliate.server.deps import ApiError, CurrentUser, JsonErrorRoute, NotFound, current_user

PREFIX = "/api/local-connect-v2"
authenticated = APIRouter(prefix=PREFIX, tags=["local-connect"], route_class=JsonErrorRoute)
# The upload carries its own single-use token instead of a login (ARCHITECTURE: the
# user's computer may hold no API password at all).
by_token = APIRouter(prefix=PREFIX, tags=["local-connect"], route_class=JsonErrorRoute)


class UploadRequest(BaseModel):
    connectToken: str = Field(min_length=1)  # noqa: N815 — the seed's wire names
    storageState: dict[str, Any]  # noqa: N815
    fingerprint: dict[str, Any] = Field(default_factory=dict)


def _platform(request: Request, name: str) -> Platform:
    try:
        return get_platform(name, request.app.state.settings)
    except UnknownPlatform as exc:
        raise NotFound(str(exc)) from None


@authenticated.post("/{platform}/token")
def create_token(platform: str, request: Request, user: CurrentUser) -> dict:
    _platform(request, platform)
    with request.app.state.engine.begin() as conn:
        token = tokens.issue(conn, user.id, platform)
    return {
        "success": True,
        "connectToken": token,
        "expiresIn": int(tokens.TOKEN_TTL.total_seconds()),
    }


@authenticated.get("/{platform}/status")
def status(platform: str, request: Request, user: CurrentUser) -> dict:
    _platform(request, platform)
    with request.app.state.engine.connect() as conn:
        return session_status(conn, user.id, platform)


@by_token.post("/{platform}/upload")
def upload(platform: str, body: UploadRequest, request: Request) -> JSONResponse:
    target = _platform(request, platform)
    cookies = body.storageState.get("cookies")
    if not isinstance(cookies, list) or not cookies:
        raise ApiError(400, "storageState has no cookies: log in in the browser, then upload")
    with request.app.state.engine.begin() as conn:
        try:
            user_id = tokens.redeem(conn, body.connectToken, platform)
        except tokens.ConnectTokenError as exc:
            raise ApiError(401, str(exc)) from None
        if request.headers.get("Authorization") and current_user(request).id != user_id:
            # Someone logged in as A uploading with B's token: refuse, spend nothing.
            raise ApiError(403, "this connect token belongs to another account")
        stored = save_session(
            conn,
            request.app.state.vault,
            user_id=user_id,
            platform=target,
            storage_state=body.storageState,
            fingerprint=body.fingerprint,
        )
    return JSONResponse(
        {
            "success": True,
            "platform": platform,
            "cookieCount": stored.cookie_count,
            "expiresAt": stored.expires_at.isoformat() if stored.expires_at else None,
        }
    )
