"""`affiliate connect` as a user runs it: clear refusals, exit codes."""

import httpx
from typer.testing import CliRunner

from affiliate.cli import app
from tests.auth.conftest import PASSWORD


def test_a_wrong_password_is_refused_before_any_browser_opens(world, monkeypatch):
    sandbox, api, settings = world
    httpx.post(
        f"{api.url}/api/auth/register", json={"email": "cy@example.com", "password": PASSWORD}
    ).raise_for_status()
    monkeypatch.setenv("AFFILIATE_PASSWORD", "not the password")
    result = CliRunner().invoke(
        app, ["connect", "hotmart", "--api", api.url, "--email", "cy@example.com", "--headless"]
    )
    assert result.exit_code == 1
    assert "Not connected" in result.output and "wrong email or password" in result.output


def test_an_unknown_platform_is_refused(world, monkeypatch):
    sandbox, api, settings = world
    httpx.post(
        f"{api.url}/api/auth/register", json={"email": "di@example.com", "password": PASSWORD}
    ).raise_for_status()
    monkeypatch.setenv("AFFILIATE_PASSWORD", PASSWORD)
    result = CliRunner().invoke(
        app, ["connect", "myspace", "--api", api.url, "--email", "di@example.com", "--headless"]
    )
    assert result.exit_code == 1 and "unknown platform" in result.output


def test_an_unreachable_api_is_explained(monkeypatch):
    monkeypatch.setenv("AFFILIATE_API_TOKEN", "whatever")
    result = CliRunner().invoke(
        app, ["connect", "hotmart", "--api", "http://127.0.0.1:9", "--headless"]
    )
    assert result.exit_code == 1 and "cannot reach the API" in result.output
