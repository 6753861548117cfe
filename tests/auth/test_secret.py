"""The JWT secret kept in AFFILIATE_HOME when JWT_SECRET is unset."""

import stat

import pytest
from fastapi.testclient import TestClient

from affiliate.auth.secret import JwtSecretError, jwt_secret
from affiliate.config import Settings
from affiliate.server.app import create_app
from tests.auth.conftest import bearer, register


def test_secret_file_is_created_0600_and_reused_across_restarts(clean_db, db_url, tmp_path):
    settings = Settings(jwt_secret=None, affiliate_home=tmp_path / "home")
    with TestClient(create_app(db_url, settings)) as first:
        token = register(first).json()["token"]
    path = tmp_path / "home" / "jwt_secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(path.read_text().strip().encode()) >= 32
    with TestClient(create_app(db_url, settings)) as restarted:
        assert restarted.get("/api/auth/me", headers=bearer(token)).status_code == 200
    assert jwt_secret(settings).get_secret_value() == path.read_text().strip()
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".jwt_secret")]


def test_a_configured_secret_wins_and_writes_no_file(tmp_path):
    settings = Settings(jwt_secret="x" * 32, affiliate_home=tmp_path)
    assert jwt_secret(settings).get_secret_value() == "x" * 32
    assert list(tmp_path.iterdir()) == []


def test_a_readable_or_short_secret_file_is_refused(tmp_path):
    settings = Settings(jwt_secret=None, affiliate_home=tmp_path)
    path = tmp_path / "jwt_secret"
    path.write_text("s" * 40)
    path.chmod(0o644)
    with pytest.raises(JwtSecretError, match="chmod 600"):
        jwt_secret(settings)
    path.chmod(0o600)
    path.write_text("short\n")
    with pytest.raises(JwtSecretError, match="too short"):
        jwt_secret(settings)
