"""router_requiring_auth + owned_or_404: another user's row is a 404, like a missing one."""

import pytest
import sqlalchemy as sa
from fastapi import Request

from affiliate.db.tables import integration_sessions
from affiliate.server.deps import CurrentUser, owned_or_404, router_requiring_auth
from tests.auth.conftest import bearer, register


@pytest.fixture
def scoped_client(app, client):
    router = router_requiring_auth("/api/test-sessions")

    @router.get("/{session_id}")
    def show(session_id: int, request: Request, user: CurrentUser) -> dict:
        with request.app.state.engine.connect() as conn:
            row = owned_or_404(conn, integration_sessions, session_id, user, "session")
        return {"id": row.id, "platform": row.platform}

    app.include_router(router)
    return client


def add_session(engine, user_id: int, platform: str) -> int:
    with engine.begin() as conn:
        return conn.scalar(
            sa.insert(integration_sessions)
            .values(user_id=user_id, platform=platform, encrypted_session="sealed")
            .returning(integration_sessions.c.id)
        )


def test_rows_are_scoped_to_their_owner(scoped_client, clean_db):
    ann = register(scoped_client).json()
    bob = register(scoped_client, email="bob@example.com").json()
    anns = add_session(clean_db, ann["user"]["id"], "hotmart")

    own = scoped_client.get(f"/api/test-sessions/{anns}", headers=bearer(ann["token"]))
    assert own.status_code == 200 and own.json() == {"id": anns, "platform": "hotmart"}

    foreign = scoped_client.get(f"/api/test-sessions/{anns}", headers=bearer(bob["token"]))
    missing = scoped_client.get("/api/test-sessions/999999", headers=bearer(bob["token"]))
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == {"error": f"session {anns} not found"}

    anonymous = scoped_client.get(f"/api/test-sessions/{anns}")
    assert anonymous.status_code == 401 and "error" in anonymous.json()
