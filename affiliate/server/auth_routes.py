"""/api/auth: register, log in, and who am I.

Routes are plain `def`: argon2 hashing is deliberately slow CPU work, and FastAPI runs sync
routes in its thread pool, so a login never stalls the event loop. Passwords and tokens are
never logged; validation messages name the field, never its value.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from affiliate.auth.passwords import PasswordPolicyError
from affiliate.auth.secret import jwt_secret
from affiliate.auth.tokens import TOKEN_TTL_SECONDS, issue_token
from affiliate.auth.users import (
    EmailTaken,
    InvalidAccountInput,
    authenticate,
    create_user,
)
from affiliate.server.deps import (
    ApiError,
    CurrentUser,
    JsonErrorRoute,
    Unauthorized,
    api_error_response,
)

router = APIRouter(prefix="/api/auth", tags=["auth"], route_class=JsonErrorRoute)

# One message for unknown email and wrong password, so the answer reveals no accounts.
LOGIN_FAILED = "wrong email or password"


class RegisterRequest(BaseModel):
    email: str
    password: str
    name: str | None = None


class LoginRequest(BaseModel):
    email: str
    password: str


def install(app: FastAPI) -> None:
    """Add the routes, render ApiError as `{"error": ...}`, and load the JWT secret now.

    Loading at startup means a JWT_SECRET shorter than 32 bytes stops the server with a
    clear message instead of failing at the first login.
    """
    app.state.jwt_secret = jwt_secret(app.state.settings)
    app.add_exception_handler(ApiError, api_error_response)
    app.include_router(router)


@router.post("/register", status_code=201)
def register(body: RegisterRequest, request: Request) -> JSONResponse:
    try:
        with request.app.state.engine.begin() as conn:
            user = create_user(conn, body.email, body.password, body.name)
    except (InvalidAccountInput, PasswordPolicyError) as exc:
        return JSONResponse({"error": str(exc)}, status_code=422)
    except EmailTaken:
        return JSONResponse({"error": "this email is already registered"}, status_code=409)
    token = issue_token(user.id, request.app.state.jwt_secret)
    return JSONResponse({"user": user.public(), "token": token}, status_code=201)


@router.post("/login")
def login(body: LoginRequest, request: Request) -> JSONResponse:
    # begin(), not connect(): a successful login may store a rehashed password.
    with request.app.state.engine.begin() as conn:
        user = authenticate(conn, body.email, body.password)
    if user is None:
        raise Unauthorized(LOGIN_FAILED)
    return JSONResponse(
        {
            "token": issue_token(user.id, request.app.state.jwt_secret),
            "expiresIn": TOKEN_TTL_SECONDS,
            "user": user.public(),
        }
    )


@router.get("/me")
def me(user: CurrentUser) -> JSONResponse:
    return JSONResponse({"user": user.public()})
