"""Bearer tokens on /api/auth/me: which ones are refused, and how."""

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest
import sqlalchemy as sa
from pydantic import SecretStr

from affiliate.auth.secret import JwtSecretError
from affiliate.auth.tokens import issue_token
from affiliate.config import Settings
from affiliate.db.tables import users
from affiliate.server.app import create_app
from tests.auth.conftest import SECRET, bearer, register


@pytest.fixture
def user_id(client) -> int:
    return register(client).json()["user"]["id"]


def me(client, token: str):
    return client.get("/api/auth/me", headers=bearer(token))


def claims(user_id: int, **overrides) -> dict:
    now = datetime.now(UTC)
    base = {
        "sub": str(user_id),
        "iat": now,
        "exp": now + timedelta(hours=1),
        "iss": "affiliate-os",
        "jti": "test",
    }
    return base | overrides


def b64(obj: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()


def assert_refused(answer, message: str) -> None:
    assert answer.status_code == 401
    assert answer.json() == {"error": message}
    assert answer.headers["www-authenticate"] == "Bearer"


def test_a_token_from_the_same_secret_is_accepted(client, user_id):
    token = jwt.encode(claims(user_id), SECRET, algorithm="HS256")
    assert me(client, token).json()["user"]["id"] == user_id


def test_missing_or_non_bearer_header_is_401(client, user_id):
    for headers in ({}, {"Authorization": "Basic YW5uOnB3"}, {"Authorization": "Bearer "}):
        answer = client.get("/api/auth/me", headers=headers)
        assert_refused(answer, "missing Authorization: Bearer <token> header; log in first")


def test_expired_token_is_401(client, user_id):
    past = datetime.now(UTC) - timedelta(hours=2)
    token = issue_token(user_id, SecretStr(SECRET), now=past)
    assert_refused(me(client, token), "token expired, log in again")


def test_token_signed_with_another_secret_is_401(client, user_id):
    token = jwt.encode(claims(user_id), "another-secret-of-at-least-32-bytes!!", algorithm="HS256")
    assert_refused(me(client, token), "invalid token, log in again")


def test_alg_none_token_is_401(client, user_id):
    unsigned = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(claims(user_id, iat=1, exp=2**40))}."
    assert_refused(me(client, unsigned), "invalid token, log in again")


@pytest.mark.filterwarnings("ignore::jwt.InsecureKeyLengthWarning")  # HS512 wants 64 bytes
def test_other_hmac_algorithm_with_the_right_secret_is_401(client, user_id):
    token = jwt.encode(claims(user_id), SECRET, algorithm="HS512")
    assert_refused(me(client, token), "invalid token, log in again")


def test_wrong_issuer_or_missing_claims_are_401(client, user_id):
    foreign = jwt.encode(claims(user_id, iss="someone-else"), SECRET, algorithm="HS256")
    no_exp = claims(user_id)
    del no_exp["exp"]
    for token in (foreign, jwt.encode(no_exp, SECRET, algorithm="HS256"), "not.a.token"):
        assert_refused(me(client, token), "invalid token, log in again")


def test_token_of_a_deleted_user_is_401(client, clean_db, user_id):
    token = issue_token(user_id, SecretStr(SECRET))
    assert me(client, token).status_code == 200
    with clean_db.begin() as conn:
        conn.execute(sa.delete(users).where(users.c.id == user_id))
    assert_refused(me(client, token), "this account no longer exists")


def test_a_short_jwt_secret_stops_the_app_at_startup(db_url, tmp_path):
    with pytest.raises(JwtSecretError, match="at least 32 bytes"):
        create_app(db_url, Settings(jwt_secret="too-short", affiliate_home=tmp_path))
