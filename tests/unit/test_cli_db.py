"""`affiliate db up|status|down` and `migrate` against an embedded server of their own."""

import pytest
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

    assert "stopped" in invoke("db", "down").output.lower()
    assert "stopped" in invoke("db", "status").output
    assert "was not running" in invoke("db", "down").output


def test_a_database_url_server_is_never_stopped(home, monkeypatch, db_url):
    monkeypatch.setenv("DATABASE_URL", db_url)
    assert "not ours to stop" in invoke("db", "down").output
    status = invoke("db", "status").output
    assert "external (DATABASE_URL)" in status and f"schema revision: {head_revision()}" in status
