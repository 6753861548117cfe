"""Rotation against the real database: every secret moves to the new key, nothing is lost."""

from __future__ import annotations

import base64
import threading
import time

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from affiliate.cli import app
from affiliate.connect.vault import Vault, key_id, provider_key_aad, session_aad, token_key_id
from affiliate.connect.vault_rotation import rotate_sessions
from affiliate.db.tables import ai_providers, integration_sessions, users

KEY_A = bytes(range(32))
KEY_B = bytes(range(100, 132))
KEY_C = bytes(range(200, 232))


def add_user(conn, n: int) -> int:
    return conn.execute(
        sa.insert(users).values(email=f"u{n}@example.com", password_hash="x").returning(users.c.id)
    ).scalar_one()


def add_session(conn, user_id: int, platform: str, token: str) -> int:
    return conn.execute(
        sa.insert(integration_sessions)
        .values(user_id=user_id, platform=platform, encrypted_session=token)
        .returning(integration_sessions.c.id)
    ).scalar_one()


def add_provider(conn, user_id: int, name: str, token: str | None) -> int:
    return conn.execute(
        sa.insert(ai_providers)
        .values(user_id=user_id, provider="openai", name=name, encrypted_api_key=token)
        .returning(ai_providers.c.id)
    ).scalar_one()


def stored(engine) -> dict[tuple[str, int], str | None]:
    with engine.connect() as conn:
        sessions = conn.execute(
            sa.select(integration_sessions.c.id, integration_sessions.c.encrypted_session)
        )
        providers = conn.execute(sa.select(ai_providers.c.id, ai_providers.c.encrypted_api_key))
        return {("integration_sessions", i): t for i, t in sessions} | {
            ("ai_providers", i): t for i, t in providers
        }


@pytest.fixture
def secrets(clean_db):
    """Two sessions and an API key under key A (plus a provider without a key)."""
    old = Vault(KEY_A)
    with clean_db.begin() as conn:
        u1, u2 = add_user(conn, 1), add_user(conn, 2)
        s1 = add_session(
            conn,
            u1,
            "hotmart",
            old.encrypt_json({"sessid": "cookie-1"}, session_aad(u1, "hotmart")),
        )
        s2 = add_session(
            conn,
            u2,
            "clickbank",
            old.encrypt_json({"sessid": "cookie-2"}, session_aad(u2, "clickbank")),
        )
        p1 = add_provider(
            conn, u1, "main", old.encrypt(b"sk-live-123", provider_key_aad(u1, "main"))
        )
        add_provider(conn, u2, "keyless", None)
    return {
        ("integration_sessions", s1): (session_aad(u1, "hotmart"), {"sessid": "cookie-1"}),
        ("integration_sessions", s2): (session_aad(u2, "clickbank"), {"sessid": "cookie-2"}),
        ("ai_providers", p1): (provider_key_aad(u1, "main"), "sk-live-123"),
    }


def assert_under_b_with_plaintext(engine, expected) -> None:
    only_b, rows = Vault(KEY_B), stored(engine)
    for where, (aad, plaintext) in expected.items():
        token = rows[where]
        assert token_key_id(token) == key_id(KEY_B)
        opened = only_b.decrypt(token, aad)
        assert (
            opened.decode() if isinstance(plaintext, str) else only_b.decrypt_json(token, aad)
        ) == plaintext


def test_rotation_moves_every_secret_to_the_new_key(clean_db, secrets):
    before = stored(clean_db)
    report = rotate_sessions(clean_db, Vault(KEY_B, [KEY_A]))
    assert (report.rotated, report.already_current, report.failed) == (3, 0, [])
    after = stored(clean_db)
    assert all(after[w] != before[w] for w in secrets)
    assert_under_b_with_plaintext(clean_db, secrets)
    assert [t for t in after.values() if t is None] == [None]  # the keyless provider stays keyless


def test_second_rotation_rotates_nothing(clean_db, secrets):
    vault = Vault(KEY_B, [KEY_A])
    rotate_sessions(clean_db, vault)
    before = stored(clean_db)
    report = rotate_sessions(clean_db, vault)
    assert (report.rotated, report.already_current, report.failed) == (0, 3, [])
    assert stored(clean_db) == before


def test_rows_that_do_not_open_are_reported_and_untouched(clean_db, secrets):
    with clean_db.begin() as conn:
        u3 = add_user(conn, 3)
        good = Vault(KEY_A).encrypt(b"x", session_aad(u3, "hotmart"))
        prefix, sealed = good.rsplit(".", 1)
        tampered = f"{prefix}.{'B' if sealed[0] != 'B' else 'C'}{sealed[1:]}"
        # A user 1 session copied onto user 3: it must not open as user 3's.
        user1_token = conn.execute(
            sa.select(integration_sessions.c.encrypted_session).where(
                integration_sessions.c.platform == "hotmart"
            )
        ).scalar_one()
        bad = {
            add_session(conn, u3, "hotmart", tampered): "tampered",
            add_session(conn, u3, "digistore", "not-really-encrypted"): "malformed",
            add_session(conn, u3, "clickbank", user1_token): "another user/platform",
            add_session(
                conn, u3, "jvzoo", Vault(KEY_C).encrypt(b"x", session_aad(u3, "jvzoo"))
            ): "SESSION_ENCRYPTION_OLD_KEYS",
        }
    before = stored(clean_db)

    report = rotate_sessions(clean_db, Vault(KEY_B, [KEY_A]))

    assert report.rotated == 3 and not report.ok
    assert {(f.table, f.row_id) for f in report.failed} == {
        ("integration_sessions", i) for i in bad
    }
    for failure in report.failed:
        assert bad[failure.row_id] in failure.reason
    after = stored(clean_db)
    assert all(
        after[("integration_sessions", i)] == before[("integration_sessions", i)] for i in bad
    )
    assert_under_b_with_plaintext(clean_db, secrets)


def test_a_row_resealed_while_locked_is_not_overwritten(clean_db, secrets):
    """The rotation re-reads each row under FOR UPDATE, so a concurrent writer's secret wins."""
    (where, (aad, _)) = next(iter(secrets.items()))
    row_id = where[1]
    fresh = Vault(KEY_B).encrypt_json({"sessid": "reconnected"}, aad)
    reports = []
    with clean_db.connect() as writer:
        writer.begin()
        writer.execute(
            sa.select(integration_sessions.c.id)
            .where(integration_sessions.c.id == row_id)
            .with_for_update()
        )
        rotation = threading.Thread(
            target=lambda: reports.append(rotate_sessions(clean_db, Vault(KEY_B, [KEY_A])))
        )
        rotation.start()
        deadline = time.monotonic() + 10
        while not _someone_waits_on_a_lock(clean_db):
            assert time.monotonic() < deadline and rotation.is_alive(), "rotation never blocked"
            time.sleep(0.05)
        writer.execute(
            sa.update(integration_sessions)
            .where(integration_sessions.c.id == row_id)
            .values(encrypted_session=fresh)
        )
        writer.commit()
    rotation.join(10)
    assert reports and (reports[0].rotated, reports[0].already_current) == (2, 1)
    assert stored(clean_db)[where] == fresh


def _someone_waits_on_a_lock(engine) -> bool:
    with engine.connect() as conn:
        return bool(
            conn.scalar(
                sa.text(
                    "select count(*) from pg_stat_activity"
                    " where datname = current_database() and wait_event_type = 'Lock'"
                )
            )
        )


@pytest.fixture
def cli_env(monkeypatch, tmp_path, db_url):
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("AFFILIATE_HOME", str(tmp_path))
    monkeypatch.setenv("SESSION_ENCRYPTION_KEY", base64.b64encode(KEY_B).decode())
    monkeypatch.setenv("SESSION_ENCRYPTION_OLD_KEYS", base64.b64encode(KEY_A).decode())
    return monkeypatch


def test_cli_rotate(cli_env, clean_db, secrets):
    result = CliRunner().invoke(app, ["vault", "rotate"])
    assert result.exit_code == 0, result.output
    assert f"current key {key_id(KEY_B)}: rotated 3, already current 0, failed 0" in result.output
    assert_under_b_with_plaintext(clean_db, secrets)
    again = CliRunner().invoke(app, ["vault", "rotate"])
    assert "rotated 0, already current 3, failed 0" in again.output and again.exit_code == 0


def test_cli_rotate_exits_non_zero_when_a_row_fails(cli_env, clean_db, secrets):
    with clean_db.begin() as conn:
        bad = add_session(conn, add_user(conn, 3), "hotmart", "not-really-encrypted")
    result = CliRunner().invoke(app, ["vault", "rotate"])
    assert result.exit_code == 1, result.output
    assert (
        "rotated 3" in result.output
        and f"integration_sessions id {bad}: malformed" in result.output
    )


def test_cli_rotate_without_old_keys_warns_and_reports(cli_env, clean_db, secrets):
    cli_env.delenv("SESSION_ENCRYPTION_OLD_KEYS")
    result = CliRunner().invoke(app, ["vault", "rotate"])
    assert result.exit_code == 1
    assert "SESSION_ENCRYPTION_OLD_KEYS is empty" in result.output and "failed 3" in result.output


def test_cli_rotate_refuses_a_bad_key(cli_env):
    cli_env.setenv("SESSION_ENCRYPTION_KEY", base64.b64encode(b"sixteen byte key").decode())
    result = CliRunner().invoke(app, ["vault", "rotate"])
    assert result.exit_code == 2
    assert "SESSION_ENCRYPTION_KEY must be base64 of exactly 32 bytes" in result.output


def test_cli_new_key_prints_a_fresh_usable_key(tmp_path):
    first = CliRunner().invoke(app, ["vault", "new-key"]).output.strip()
    second = CliRunner().invoke(app, ["vault", "new-key"]).output.strip()
    assert first != second and len(base64.b64decode(first, validate=True)) == 32
