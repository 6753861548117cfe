"""The Hotmart-like marketplace's login: password, TOTP, session cookie, expiry."""

from __future__ import annotations

import base64
import datetime as dt
from http.cookies import SimpleCookie

import pyotp
from fastapi.testclient import TestClient

from affiliate.sandbox import SandboxConfig, create_sandbox_app

LOGIN, TOTP, MARKET = "/hotmart/login", "/hotmart/login/2fa", "/hotmart/market"


def log_in(client: TestClient) -> None:
    """Password, then the current TOTP code, as a browser would; fails the test if refused."""
    config: SandboxConfig = client.app.state.config
    password = {"email": config.market_email, "password": config.market_password}
    first = client.post(LOGIN, data=password, follow_redirects=False)
    assert (first.status_code, first.headers["location"]) == (303, TOTP)
    code = pyotp.TOTP(config.market_totp_secret).now()
    second = client.post(TOTP, data={"code": code}, follow_redirects=False)
    assert (second.status_code, second.headers["location"]) == (303, MARKET)


def set_cookie(response: object, name: str) -> SimpleCookie:
    headers = [h for h in response.headers.get_list("set-cookie") if h.startswith(f"{name}=")]
    assert len(headers) == 1, f"expected one Set-Cookie for {name}, got {headers}"
    return SimpleCookie(headers[0])


def wrong_code(secret: str) -> str:
    """A 6-digit code valid in no step near now (±2, in case a step ends mid-test)."""
    totp, now = pyotp.TOTP(secret), dt.datetime.now()
    valid = {totp.at(now, counter_offset=offset) for offset in range(-2, 3)}
    return next(c for c in (f"{n:06d}" for n in range(1_000_000)) if c not in valid)


def test_the_login_form_is_a_real_form_with_labelled_inputs(sandbox_client: TestClient) -> None:
    page = sandbox_client.get(LOGIN).text
    assert f'<form id="login-form" method="post" action="{LOGIN}">' in page
    for field in ("email", "password"):
        assert f'<label for="{field}">' in page and f'id="{field}" name="{field}"' in page
    assert '<button type="submit">' in page


def test_a_wrong_password_shows_the_form_again_with_401_and_an_error(
    sandbox_client: TestClient,
) -> None:
    config: SandboxConfig = sandbox_client.app.state.config
    answer = sandbox_client.post(
        LOGIN, data={"email": config.market_email, "password": "wrong"}, follow_redirects=False
    )
    assert answer.status_code == 401
    assert 'role="alert">E-mail ou senha incorretos.' in answer.text
    assert 'id="login-form"' in answer.text
    assert "hm_preauth" not in answer.headers.get("set-cookie", "")
    # Without the pre-auth ticket the 2FA step sends the browser back to the login form.
    skipped = sandbox_client.post(TOTP, data={"code": "123456"}, follow_redirects=False)
    assert (skipped.status_code, skipped.headers["location"]) == (303, LOGIN)


def test_a_wrong_totp_code_is_rejected_and_opens_no_session(sandbox_client: TestClient) -> None:
    config: SandboxConfig = sandbox_client.app.state.config
    password = {"email": config.market_email, "password": config.market_password}
    assert sandbox_client.post(LOGIN, data=password, follow_redirects=False).status_code == 303
    assert 'name="code"' in sandbox_client.get(TOTP).text

    answer = sandbox_client.post(
        TOTP, data={"code": wrong_code(config.market_totp_secret)}, follow_redirects=False
    )
    assert answer.status_code == 401 and "Código inválido" in answer.text
    assert "hm_session" not in answer.headers.get("set-cookie", "")
    assert sandbox_client.get(MARKET, follow_redirects=False).status_code == 303


def test_full_login_sets_an_httponly_session_cookie_lasting_the_ttl(
    sandbox_client: TestClient,
) -> None:
    config: SandboxConfig = sandbox_client.app.state.config
    password = {"email": config.market_email, "password": config.market_password}
    sandbox_client.post(LOGIN, data=password, follow_redirects=False)
    code = pyotp.TOTP(config.market_totp_secret).now()
    answer = sandbox_client.post(TOTP, data={"code": code}, follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, MARKET)

    session = set_cookie(answer, "hm_session")["hm_session"]
    assert session["max-age"] == str(config.market_session_ttl_seconds) == "3600"
    assert session["httponly"] and session["path"] == "/hotmart"
    assert session["samesite"].lower() == "lax" and session["expires"]
    locale = set_cookie(answer, "hm_locale")["hm_locale"]
    assert locale.value == "pt-BR" and not locale["httponly"]
    assert int(locale["max-age"]) > int(session["max-age"])

    page = sandbox_client.get(MARKET)
    assert page.status_code == 200 and 'id="user-menu"' in page.text
    assert "localStorage.setItem('hm_user'" in page.text and "Sandbox Affiliate" in page.text
    # Logged in, the login form sends the browser on to the market.
    assert sandbox_client.get(LOGIN, follow_redirects=False).headers["location"] == MARKET


def test_logged_in_pages_redirect_to_the_login_without_a_session(
    sandbox_client: TestClient,
) -> None:
    for path in (MARKET, f"{MARKET}?page=2&markup=v2", "/hotmart/product/1000000"):
        answer = sandbox_client.get(path, follow_redirects=False)
        assert (answer.status_code, answer.headers["location"]) == (303, LOGIN), path
    sandbox_client.cookies.set("hm_session", "forged", path="/hotmart")
    assert sandbox_client.get(MARKET, follow_redirects=False).status_code == 303


def test_sessions_expire_after_the_ttl_on_the_sandbox_clock() -> None:
    today = dt.date(2026, 3, 1)
    two_days = SandboxConfig(today=today, market_session_ttl_seconds=2 * 86400)
    with TestClient(create_sandbox_app(two_days)) as client:
        log_in(client)
        client.app.state.clock.set_today(today + dt.timedelta(days=1))
        assert client.get(MARKET, follow_redirects=False).status_code == 200
        client.app.state.clock.set_today(today + dt.timedelta(days=2))
        answer = client.get(MARKET, follow_redirects=False)
        assert (answer.status_code, answer.headers["location"]) == (303, LOGIN)
        log_in(client)  # reconnecting works and gives a fresh TTL
        assert client.get(MARKET, follow_redirects=False).status_code == 200


def test_the_expire_endpoint_logs_every_session_out(sandbox_client: TestClient) -> None:
    log_in(sandbox_client)
    assert sandbox_client.get(MARKET, follow_redirects=False).status_code == 200
    assert sandbox_client.post("/hotmart/sandbox/expire-sessions").json() == {"expired": 1}
    answer = sandbox_client.get(MARKET, follow_redirects=False)
    assert (answer.status_code, answer.headers["location"]) == (303, LOGIN)


def test_the_totp_secret_is_base32_derived_from_the_seed_unless_given() -> None:
    secret = SandboxConfig(seed=7).market_totp_secret
    assert len(base64.b32decode(secret)) == 20
    assert secret == SandboxConfig(seed=7).market_totp_secret
    assert secret != SandboxConfig(seed=8).market_totp_secret
    assert SandboxConfig(market_totp_secret="JBSWY3DPEHPK3PXP").market_totp_secret == (
        "JBSWY3DPEHPK3PXP"
    )
