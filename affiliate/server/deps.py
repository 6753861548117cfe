"""What every authenticated route shares: `current_user`, JSON errors, per-user scoping.

Protect a whole router (every /api route except health, webhooks and the Local Connect upload):

    router = router_requiring_auth("/api/campaigns")        # or, by hand:
    router = APIRouter(prefix="/api/campaigns", dependencies=[Depends(current_user)])

and take the user where the route needs it:

    @router.get("/{campaign_id}")
    def show(campaign_id: int, request: Request, user: CurrentUser):
        with request.app.state.engine.connect() as conn:
            row = owned_or_404(conn, campaigns, campaign_id, user, "campaign")

Every query filters on `user_id == user.id` (`affiliate.auth.scoping.owned_by`); a row of
another user answers 404 like a missing one, never 403, so others' ids are not revealed.
Errors are `{"error": "message"}`: raise `ApiError` (or `NotFound`, `Unauthorized`), which
`auth_routes.install` renders; `JsonErrorRoute` does the same for request validation.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from affiliate.auth.scoping import fetch_owned
from affiliate.auth.tokens import TokenError, user_id_from_token
from affiliate.auth.users import AuthUser, get_user

__all__ = [
    "ApiError",
    "AuthUser",
    "CurrentUser",
    "JsonErrorRoute",
    "NotFound",
    "Unauthorized",
    "api_error_response",
    "current_user",
    "owned_or_404",
    "router_requiring_auth",
]


class ApiError(HTTPException):
    """An error answered as `{"error": detail}` with its status code."""


class Unauthorized(ApiError):
    def __init__(self, message: str) -> None:
        # RFC 6750: a 401 for a bearer-protected resource names the scheme.
        super().__init__(401, message, headers={"WWW-Authenticate": "Bearer"})


class NotFound(ApiError):
    def __init__(self, message: str) -> None:
        super().__init__(404, message)


def api_error_response(request: Request, exc: HTTPException) -> JSONResponse:
    """The exception handler `auth_routes.install` registers for ApiError."""
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)


def current_user(request: Request) -> AuthUser:
    """The user whose `Authorization: Bearer <jwt>` came with the request, or a 401."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("missing Authorization: Bearer <token> header; log in first")
    try:
        user_id = user_id_from_token(token.strip(), request.app.state.jwt_secret)
    except TokenError as exc:
        raise Unauthorized(str(exc)) from None
    with request.app.state.engine.connect() as conn:
        user = get_user(conn, user_id)
    if user is None:
        raise Unauthorized("this account no longer exists")
    return user


# `user: CurrentUser` in a route signature: the typed, lint-clean spelling of Depends(current_user).
CurrentUser = Annotated[AuthUser, Depends(current_user)]


def owned_or_404(
    conn: sa.Connection, table: sa.Table, row_id: int, user: AuthUser, what: str = "item"
) -> sa.Row:
    """The row if it is `user`'s; NotFound for missing and foreign rows alike."""
    row = fetch_owned(conn, table, row_id, user.id)
    if row is None:
        raise NotFound(f"{what} {row_id} not found")
    return row


class JsonErrorRoute(APIRoute):
    """Answers a malformed request body with `{"error": ...}` (422) instead of FastAPI's list."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                return JSONResponse({"error": _describe(exc)}, status_code=422)

        return handle


def router_requiring_auth(prefix: str, **kwargs: Any) -> APIRouter:
    """An APIRouter whose every route needs a logged-in user and answers errors as JSON."""
    dependencies = [Depends(current_user), *kwargs.pop("dependencies", [])]
    return APIRouter(prefix=prefix, dependencies=dependencies, route_class=JsonErrorRoute, **kwargs)


def _describe(exc: RequestValidationError) -> str:
    # "body.email: Field required" — the field and pydantic's reason, never the input value,
    # which may be a password.
    parts = []
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            return "request body is not valid JSON"
        where = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", ""))
    return "; ".join(parts) or "invalid request"
