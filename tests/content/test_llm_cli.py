"""`affiliate llm add|list|remove`: keys read hidden, stored sealed, shown masked."""

from __future__ import annotations

import sqlalchemy as sa
from typer.testing import CliRunner

from affiliate.cli import app
from affiliate.connect.vault import Vault, new_key_text, provider_key_aad
from affiliate.db.tables import ai_providers
from tests.content.conftest import make_settings

KEY = "sk-proj-SECRETSECRET-1234abcd"


def invoke(*args: str, input: str | None = None):
    result = CliRunner().invoke(app, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def env(monkeypatch, db_url) -> str:
    key = new_key_text()
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("SESSION_ENCRYPTION_KEY", key)
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "LLM_BASE_URL", "LLM_MODEL"):
        monkeypatch.delenv(name, raising=False)
    return key


def test_add_from_stdin_stores_the_key_sealed_and_lists_it_masked(clean_db, db_url, monkeypatch):
    vault_key = env(monkeypatch, db_url)
    added = invoke("llm", "add", "openai", "--name", "work", "--model", "gpt-4o-mini",
                   "--api-key-stdin", input=KEY + "\n")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert KEY not in added.output and "sk-…abcd" in added.output

    with clean_db.connect() as conn:
        row = conn.execute(sa.select(ai_providers)).one()
    assert (row.provider, row.name, row.default_model, row.is_active) == (
        "openai", "work", "gpt-4o-mini", True,
    )  # fmt: skip
    assert KEY not in row.encrypted_api_key and "1234abcd" not in row.encrypted_api_key
    vault = Vault.from_settings(make_settings(session_encryption_key=vault_key))
    assert vault.decrypt(row.encrypted_api_key, provider_key_aad(row.user_id, "work")) == (
        KEY.encode()
    )

    listed = invoke("llm", "list")
    assert listed.exit_code == 0
    assert "work" in listed.output and "sk-…abcd" in listed.output
    assert KEY not in listed.output and "SECRET" not in listed.output


def test_add_from_a_hidden_prompt_never_echoes_the_key(clean_db, db_url, monkeypatch):
    env(monkeypatch, db_url)
    added = invoke("llm", "add", "anthropic", input=KEY + "\n")
    assert added.exit_code == 0, added.output
    assert KEY not in added.output
    assert "Stored anthropic provider 'anthropic'" in added.output


def test_environment_keys_are_listed_masked(clean_db, db_url, monkeypatch):
    env(monkeypatch, db_url)
    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY)
    listed = invoke("llm", "list")
    assert "env:anthropic" in listed.output and "from ANTHROPIC_API_KEY" in listed.output
    assert KEY not in listed.output and "sk-…abcd" in listed.output


def test_compatible_needs_base_url_and_model_and_no_key(clean_db, db_url, monkeypatch):
    env(monkeypatch, db_url)
    refused = invoke("llm", "add", "compatible", "--name", "local")
    assert refused.exit_code == 2 and "--base-url and --model" in refused.output
    added = invoke("llm", "add", "compatible", "--name", "local", "--model", "llama3.1:8b",
                   "--base-url", "http://127.0.0.1:11434/v1")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "local" in invoke("llm", "list").output


def test_nothing_configured_says_the_template_writer_writes(clean_db, db_url, monkeypatch):
    env(monkeypatch, db_url)
    assert "template writer" in invoke("llm", "list").output


def test_remove(clean_db, db_url, monkeypatch):
    env(monkeypatch, db_url)
    invoke("llm", "add", "openai", "--api-key-stdin", input=KEY + "\n")
    assert invoke("llm", "remove", "openai").exit_code == 0
    assert invoke("llm", "remove", "openai").exit_code == 1
    with clean_db.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(ai_providers)) == 0
