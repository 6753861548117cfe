"""session_expiry_sensor: sessions expired or expiring within a day become needs_reconnect,
once, and the sensor says how many."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import dagster as dg
import pytest
import sqlalchemy as sa

from affiliate.db.tables import integration_sessions, users
from resources.database import DatabaseResource
from sensors.session_expiry import session_expiry_sensor

UNREACHABLE_DB = "postgresql+psycopg2://nobody@127.0.0.1:1/nowhere?connect_timeout=1"


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def evaluate(url: str) -> tuple[dg.SensorExecutionData, list[str]]:
    context = dg.build_sensor_context(resources={"database": DatabaseResource(url=url)})
    # The sensor's logger is a standalone logger (no propagation): listen on it directly.
    records = Records()
    context.log.addHandler(records)
    return session_expiry_sensor.evaluate_tick(context), records.messages


@pytest.fixture
def sessions(clean_db: sa.Engine) -> dict[str, int]:
    """A user with four sessions, one per platform, and their ids by name."""
    now = datetime.now(UTC)
    cases = {
        "expired": ("hotmart", now - timedelta(days=1), "active"),
        "soon": ("clickbank", now + timedelta(hours=3), "active"),
        "later": ("meta", now + timedelta(days=3), "active"),
        "flagged": ("google", now - timedelta(days=2), "needs_reconnect"),
    }
    with clean_db.begin() as conn:
        user_id = conn.execute(
            sa.insert(users)
            .values(email="ana@example.com", password_hash="x", name="Ana")
            .returning(users.c.id)
        ).scalar_one()
        ids = {
            name: conn.execute(
                sa.insert(integration_sessions)
                .values(
                    user_id=user_id,
                    platform=platform,
                    encrypted_session="not-really-encrypted",
                    status=status,
                    expires_at=expires_at,
                )
                .returning(integration_sessions.c.id)
            ).scalar_one()
            for name, (platform, expires_at, status) in cases.items()
        }
    return ids


def statuses(engine: sa.Engine, ids: dict[str, int]) -> dict[str, str]:
    with engine.connect() as conn:
        by_id = dict(
            conn.execute(sa.select(integration_sessions.c.id, integration_sessions.c.status)).all()
        )
    return {name: by_id[i] for name, i in ids.items()}


def updated_at(engine: sa.Engine, session_id: int) -> datetime:
    with engine.connect() as conn:
        return conn.execute(
            sa.select(integration_sessions.c.updated_at).where(
                integration_sessions.c.id == session_id
            )
        ).scalar_one()


def test_expired_and_soon_expiring_sessions_are_flagged(db_url, clean_db, sessions):
    flagged_before = updated_at(clean_db, sessions["flagged"])

    result, logs = evaluate(db_url)

    assert statuses(clean_db, sessions) == {
        "expired": "needs_reconnect",
        "soon": "needs_reconnect",
        "later": "active",
        "flagged": "needs_reconnect",
    }
    # The one already flagged is not touched again.
    assert updated_at(clean_db, sessions["flagged"]) == flagged_before
    assert result.run_requests == []
    assert result.skip_message == "2 session(s) marked needs_reconnect"
    assert len(logs) == 2
    assert {line.split()[0] for line in logs} == {"hotmart", "clickbank"}
    assert all("affiliate connect" in line for line in logs)
    assert not any("meta" in line or "google" in line for line in logs)


def test_a_second_evaluation_flags_nothing_new(db_url, clean_db, sessions):
    evaluate(db_url)
    after_first = statuses(clean_db, sessions)

    result, logs = evaluate(db_url)

    assert result.skip_message == "0 session(s) marked needs_reconnect"
    assert logs == []
    assert statuses(clean_db, sessions) == after_first
    assert after_first["later"] == "active"


def test_sessions_without_an_expiry_are_left_alone(db_url, clean_db):
    with clean_db.begin() as conn:
        user_id = conn.execute(
            sa.insert(users).values(email="bo@example.com", password_hash="x").returning(users.c.id)
        ).scalar_one()
        conn.execute(
            sa.insert(integration_sessions).values(
                user_id=user_id, platform="hotmart", encrypted_session="x", expires_at=None
            )
        )
    result, _ = evaluate(db_url)
    assert result.skip_message == "0 session(s) marked needs_reconnect"
    with clean_db.connect() as conn:
        assert conn.execute(sa.select(integration_sessions.c.status)).scalar_one() == "active"


def test_an_unreachable_database_is_a_skip_not_an_error():
    result, _ = evaluate(UNREACHABLE_DB)
    assert result.run_requests == []
    assert result.skip_message and "database unreachable" in result.skip_message
