"""`affiliate db up|status|down` and `migrate` against an embedded server of their own."""

import time

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from affiliate.cli import app
from affiliate.db import embedded
from affiliate.db.migrate import head_revision


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("AFFILIATE_HOME", str(tmp_path))
    yield tmp_path
    embedded.stop(tmp_path / "pgdata")


def server_setting(home, name: str) -> str:
    """As a new session sees it: ALTER SYSTEM and a reload set it for every new session."""
    socket_dir = embedded.status(home / "pgdata").socket_dir
    engine = sa.create_engine(embedded.url_for(socket_dir, "postgres"))
    try:
        for _ in range(50):  # the reload reaches the server's processes a moment later
            with engine.connect() as conn:
                value = conn.scalar(sa.text("select current_setting(:n)"), {"n": name})
            if value == embedded.SERVER_SETTINGS[name]:
                break
            time.sleep(0.1)
        return value
    finally:
        engine.dispose()


def invoke(*args: str):
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_up_status_down(home):
    assert "stopped" in invoke("db", "status").output

    up = invoke("db", "up")
    assert up.exit_code == 0
    assert f"host={home / 'pgdata'}" in up.output and "/affiliate" in up.output

    status = invoke("db", "status").output
    assert "embedded: running" in status and f"schema revision: {head_revision()}" in status
    for name, value in embedded.SERVER_SETTINGS.items():
        assert server_setting(home, name) == value

    assert "stopped" in invoke("db", "down").output.lower()
    assert "stopped" in invoke("db", "status").output
    assert "was not running" in invoke("db", "down").output


def test_a_database_url_server_is_never_stopped(home, monkeypatch, db_url):
    monkeypatch.setenv("DATABASE_URL", db_url)
    assert "not ours to stop" in invoke("db", "down").output
    status = invoke("db", "status").output
    assert "external (DATABASE_URL)" in status and f"schema revision: {head_revision()}" in status
