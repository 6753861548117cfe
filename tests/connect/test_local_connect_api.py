"""Local Connect v2: tokens, uploads and status, with the refusals that must change nothing."""

import base64
import os
import time

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from affiliate.config import Settings
from affiliate.connect.vault import Vault, VaultError, session_aad
from affiliate.server.app import create_app
from tests.auth.conftest import SECRET, bearer, register

KEY = base64.b64encode(os.urandom(32)).decode()
BASE = "/api/local-connect-v2/hotmart"
NOW = int(time.time())
STATE = {
    "cookies": [
        {
            "name": "hm_session",
            "value": "s3cr3t-session-value",
            "domain": "127.0.0.1",
            "path": "/hotmart",
            "expires": NOW + 3600,
            "httpOnly": True,
        },
        {
            "name": "hm_locale",
            "value": "pt-BR",
            "domain": "127.0.0.1",
            "path": "/",
            "expires": NOW + 86400 * 365,
        },
        {"name": "tmp", "value": "x", "domain": "127.0.0.1", "path": "/", "expires": -1},
    ],
    "origins": [
        {
            "origin": "http://127.0.0.1",
            "localStorage": [{"name": "hm_user", "value": '{"name": "Ann"}'}],
        }
    ],
}
FINGERPRINT = {
    "userAgent": "Mozilla/5.0 test",
    "locale": "pt-BR",
    "timezone": "America/Sao_Paulo",
    "viewport": {"width": 1280, "height": 800},
}


@pytest.fixture
def client(clean_db, db_url, tmp_path):
    settings = Settings(jwt_secret=SECRET, affiliate_home=tmp_path, session_encryption_key=KEY)
    with TestClient(create_app(db_url, settings)) as c:
        yield c


@pytest.fixture
def ann(client):
    return register(client).json()


@pytest.fixture
def bob(client):
    return register(client, email="bob@example.com", name="Bob").json()


def token_for(client, user) -> str:
    answer = client.post(f"{BASE}/token", headers=bearer(user["token"]))
    assert answer.status_code == 200
    body = answer.json()
    assert body["success"] is True and body["expiresIn"] == 600
    assert len(body["connectToken"]) >= 22  # ≥ 128 bits, URL-safe
    return body["connectToken"]


def upload(client, token, state=STATE, headers=None):
    return client.post(
        f"{BASE}/upload",
        headers=headers or {},
        json={"connectToken": token, "storageState": state, "fingerprint": FINGERPRINT},
    )


def session_row(engine):
    with engine.connect() as conn:
        return conn.execute(sa.text("select * from app.integration_sessions")).one_or_none()


def test_upload_stores_the_session_encrypted(client, ann, clean_db):
    answer = upload(client, token_for(client, ann))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["success"] and body["platform"] == "hotmart" and body["cookieCount"] == 3
    # expires_at is the login cookie's expiry, not the year-long locale cookie's.
    assert body["expiresAt"].startswith(time.strftime("%Y-%m-%dT%H", time.gmtime(NOW + 3600)))

    row = session_row(clean_db)
    assert "s3cr3t-session-value" not in row.encrypted_session
    assert "hm_user" not in row.encrypted_session
    vault = Vault.from_settings(Settings(session_encryption_key=KEY))
    assert (
        vault.decrypt_json(row.encrypted_session, session_aad(ann["user"]["id"], "hotmart"))
        == STATE
    )
    assert row.fingerprint == FINGERPRINT and row.status == "active"

    status = client.get(f"{BASE}/status", headers=bearer(ann["token"])).json()
    assert status["connected"] is True and status["needsReconnect"] is False
    assert status["cookieCount"] == 3 and status["expiresAt"] is not None


def test_a_reused_token_is_refused_and_changes_nothing(client, ann, clean_db):
    token = token_for(client, ann)
    assert upload(client, token).status_code == 200
    before = session_row(clean_db)
    other = {**STATE, "cookies": STATE["cookies"][:1]}
    answer = upload(client, token, other)
    assert answer.status_code == 401 and "already used" in answer.json()["error"]
    assert session_row(clean_db) == before


def test_an_expired_token_is_refused(client, ann, clean_db):
    token = token_for(client, ann)
    with clean_db.begin() as conn:
        conn.execute(sa.text("update app.connect_tokens set expires_at = now() - interval '1 s'"))
    answer = upload(client, token)
    assert answer.status_code == 401 and "expired" in answer.json()["error"]
    assert session_row(clean_db) is None


def test_an_unknown_token_is_refused(client, ann, clean_db):
    answer = upload(client, "not-a-token")
    assert answer.status_code == 401 and "unknown connect token" in answer.json()["error"]
    assert session_row(clean_db) is None


def test_a_foreign_token_is_refused_and_stays_unspent(client, ann, bob, clean_db):
    token = token_for(client, ann)
    answer = upload(client, token, headers=bearer(bob["token"]))
    assert answer.status_code == 403 and "another account" in answer.json()["error"]
    assert session_row(clean_db) is None
    assert upload(client, token).status_code == 200  # Ann can still use her token


def test_tokens_and_sessions_are_per_user(client, ann, bob, clean_db):
    assert client.post(f"{BASE}/token").status_code == 401
    upload(client, token_for(client, ann))
    status = client.get(f"{BASE}/status", headers=bearer(bob["token"])).json()
    assert status == {
        "connected": False,
        "status": "not_connected",
        "needsReconnect": True,
        "cookieCount": 0,
        "expiresAt": None,
        "lastUsedAt": None,
    }


def test_the_stored_row_does_not_decrypt_as_another_user(client, ann, bob, clean_db):
    upload(client, token_for(client, ann))
    row = session_row(clean_db)
    vault = Vault.from_settings(Settings(session_encryption_key=KEY))
    with pytest.raises(VaultError):
        vault.decrypt_json(row.encrypted_session, session_aad(bob["user"]["id"], "hotmart"))


def test_bad_uploads_get_clear_errors(client, ann):
    token = token_for(client, ann)
    empty = upload(client, token, {"cookies": [], "origins": []})
    assert empty.status_code == 400 and "no cookies" in empty.json()["error"]
    unknown = client.post("/api/local-connect-v2/myspace/token", headers=bearer(ann["token"]))
    assert unknown.status_code == 404 and "unknown platform" in unknown.json()["error"]
    assert upload(client, token).status_code == 200  # the refused uploads spent nothing
