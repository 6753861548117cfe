"""Logging in to the marketplace: password, then a TOTP code, then a session cookie.

The flow and cookies are what a browser automation captures and replays: `hm_session`
(HttpOnly, SameSite=Lax, Path=/hotmart, Max-Age and Expires = the session TTL, so the
browser's storage_state records when it lapses) and `hm_locale`, a script-visible cookie.
The TOTP is checked against real time, not the sandbox clock: the code comes from
`pyotp.TOTP(secret).now()` on the caller's wall clock, whatever date the sandbox pretends.
"""

from __future__ import annotations

import hmac
from urllib.parse import parse_qs

import pyotp
from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from affiliate.sandbox.config import SandboxConfig
from affiliate.sandbox.hotmart_market.layout import LOGIN_PATH, TOTP_PATH, login_page, totp_page
from affiliate.sandbox.hotmart_market.sessions import PRE_AUTH_TTL, Session, SessionStore

ACCOUNT_NAME = "Sandbox Affiliate"
SESSION_COOKIE = "hm_session"
PRE_AUTH_COOKIE = "hm_preauth"
LOCALE_COOKIE = "hm_locale"
MARKET_PATH = "/hotmart/market"
_LOCALE_MAX_AGE = 365 * 24 * 3600  # a preference outlives any session


def current_session(request: Request, sessions: SessionStore) -> Session | None:
    return sessions.session(request.cookies.get(SESSION_COOKIE))


def to_login() -> RedirectResponse:
    """How every logged-in page answers without a valid session: a scraper detects it."""
    return RedirectResponse(LOGIN_PATH, status_code=303)


def auth_router(config: SandboxConfig, sessions: SessionStore) -> APIRouter:
    router = APIRouter(prefix="/hotmart")
    totp = pyotp.TOTP(config.market_totp_secret)
    ttl = config.market_session_ttl_seconds

    @router.get("/login", response_class=HTMLResponse, response_model=None)
    def login_form(request: Request) -> Response:
        if current_session(request, sessions) is not None:
            return RedirectResponse(MARKET_PATH, status_code=303)
        return HTMLResponse(login_page())

    @router.post("/login", response_model=None)
    async def login(request: Request) -> Response:
        form = await _form(request)
        email, password = form.get("email", "").strip(), form.get("password", "")
        right = email.lower() == config.market_email.lower() and hmac.compare_digest(
            password.encode(), config.market_password.encode()
        )
        if not right:
            return HTMLResponse(login_page("E-mail ou senha incorretos.", email), 401)
        redirect = RedirectResponse(TOTP_PATH, status_code=303)
        redirect.set_cookie(
            PRE_AUTH_COOKIE, sessions.start_pre_auth(config.market_email),
            max_age=int(PRE_AUTH_TTL.total_seconds()), path=LOGIN_PATH, httponly=True,
            samesite="lax",
        )  # fmt: skip
        return redirect

    @router.get("/login/2fa", response_class=HTMLResponse, response_model=None)
    def totp_form(request: Request) -> Response:
        if sessions.pre_auth(request.cookies.get(PRE_AUTH_COOKIE)) is None:
            return to_login()
        return HTMLResponse(totp_page())

    @router.post("/login/2fa", response_model=None)
    async def verify_totp(request: Request) -> Response:
        ticket = request.cookies.get(PRE_AUTH_COOKIE, "")
        if sessions.pre_auth(ticket) is None:
            return to_login()
        code = (await _form(request)).get("code", "").strip()
        # valid_window=1 accepts the previous and next 30-second step: clock drift, slow typing.
        if not totp.verify(code, valid_window=1):
            return HTMLResponse(totp_page("Código inválido. Tente novamente."), 401)
        session = sessions.open_session(ticket)
        if session is None:
            return to_login()
        redirect = RedirectResponse(MARKET_PATH, status_code=303)
        redirect.set_cookie(
            SESSION_COOKIE, session.token, max_age=ttl, expires=ttl, path="/hotmart",
            httponly=True, samesite="lax",
        )  # fmt: skip
        redirect.set_cookie(
            LOCALE_COOKIE, "pt-BR", max_age=_LOCALE_MAX_AGE, expires=_LOCALE_MAX_AGE,
            path="/hotmart", samesite="lax",
        )  # fmt: skip
        redirect.delete_cookie(PRE_AUTH_COOKIE, path=LOGIN_PATH)
        return redirect

    @router.post("/logout", response_model=None)
    def logout(request: Request) -> Response:
        sessions.close(request.cookies.get(SESSION_COOKIE))
        redirect = to_login()
        redirect.delete_cookie(SESSION_COOKIE, path="/hotmart")
        return redirect

    @router.post("/sandbox/expire-sessions")
    def expire_sessions() -> dict[str, int]:
        """Test control: the site logs everyone out now (cookies stay, sessions are gone)."""
        return {"expired": sessions.expire_all()}

    return router


async def _form(request: Request) -> dict[str, str]:
    # URL-encoded forms only (what the login pages post); avoids needing python-multipart.
    fields = parse_qs((await request.body()).decode(), keep_blank_values=True)
    return {name: values[0] for name, values in fields.items()}
