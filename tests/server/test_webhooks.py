"""POST /api/webhooks/hotmart and GET /api/health against the real test database."""

import json
from urllib.parse import urlencode

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from affiliate.config import Settings
from affiliate.server.app import create_app
from tests.hotmart_payloads import envelope

TOKEN = "test-hottok"


@pytest.fixture
def client(clean_db, db_url):
    settings = Settings(hotmart_hottok=TOKEN, postback_secrets={"maxbounty": "s3cret"})
    with TestClient(create_app(db_url, settings)) as c:
        yield c


def inbox(engine) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.text("select * from app.webhook_inbox order by id")).all()


def post(client, payload: bytes, token: str | None = TOKEN):
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["X-HOTMART-HOTTOK"] = token
    return client.post("/api/webhooks/hotmart", content=payload, headers=headers)


def test_wrong_or_missing_token_is_refused_and_not_stored(client, clean_db):
    payload = json.dumps(envelope()).encode()
    assert post(client, payload, token="nope").status_code == 401
    assert post(client, payload, token=None).status_code == 401
    assert inbox(clean_db) == []


def test_delivery_is_stored_before_the_answer(client, clean_db):
    event = envelope(event_id="evt-1")
    answer = post(client, json.dumps(event).encode())
    assert answer.status_code == 200
    rows = inbox(clean_db)
    assert [(r.network, r.event_id, r.event_type, r.status) for r in rows] == [
        ("hotmart", "evt-1", "PURCHASE_APPROVED", "pending")
    ]
    assert json.loads(bytes(rows[0].body)) == event
    assert "x-hotmart-hottok" not in rows[0].headers  # secrets are never stored


def test_redelivery_of_the_same_id_is_stored_once(client, clean_db):
    payload = json.dumps(envelope(event_id="evt-2")).encode()
    first, second = post(client, payload), post(client, payload)
    assert (first.status_code, second.status_code) == (200, 200)
    assert first.json() == second.json() == {"received": True}
    rows = inbox(clean_db)
    assert len(rows) == 1 and rows[0].deliveries == 2


def test_bad_json_gets_400_and_is_kept_for_inspection(client, clean_db):
    answer = post(client, b'{"id": "evt-3", "event": ')
    assert answer.status_code == 400
    assert "not valid JSON" in answer.json()["error"]
    rows = inbox(clean_db)
    assert len(rows) == 1 and rows[0].status == "rejected"


def test_envelope_without_id_gets_400(client):
    answer = post(client, b'{"event": "PURCHASE_APPROVED"}')
    assert answer.status_code == 400 and "'id'" in answer.json()["error"]


def test_oversized_body_gets_413_and_is_not_stored(client, clean_db):
    answer = post(client, b'{"id": "big", "x": "' + b"a" * 300_000 + b'"}')
    assert answer.status_code == 413
    assert inbox(clean_db) == []


def test_wrong_method_and_unknown_network(client):
    assert client.get("/api/webhooks/hotmart").status_code == 405
    assert client.post("/api/webhooks/nonesuch", content=b"{}").status_code == 404


def test_with_the_database_down_a_delivery_gets_503(tmp_path):
    app = create_app(
        f"postgresql+psycopg2://postgres@/nowhere?host={tmp_path}", Settings(hotmart_hottok=TOKEN)
    )
    with TestClient(app) as c:
        answer = post(c, json.dumps(envelope(event_id="evt-down")).encode())
    assert answer.status_code == 503 and answer.headers["retry-after"]


def test_health_reports_the_database(client):
    answer = client.get("/api/health")
    assert answer.status_code == 200 and answer.json()["database"] == "ok"


def test_health_is_503_when_the_database_is_unreachable(tmp_path):
    app = create_app(f"postgresql+psycopg2://postgres@/nowhere?host={tmp_path}", Settings())
    with TestClient(app) as c:
        answer = c.get("/api/health")
    assert answer.status_code == 503 and "unreachable" in answer.json()["database"]


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_postback_secret_is_never_stored(client, clean_db, method):
    fields = {"txid": f"PB-{method}", "payout": "4.20", "status": "approved", "secret": "s3cret"}
    url = "/api/postback/maxbounty"
    if method == "GET":
        answer = client.get(url, params=fields)
    else:
        form = {"content-type": "application/x-www-form-urlencoded"}
        answer = client.post(url, content=urlencode(fields), headers=form)
    assert answer.status_code == 200
    (row,) = inbox(clean_db)
    assert "secret" not in row.query and b"s3cret" not in bytes(row.body)
    assert row.query.get("txid", "") == ("PB-GET" if method == "GET" else "")


def test_a_postback_with_the_wrong_secret_is_refused(client, clean_db):
    answer = client.get("/api/postback/maxbounty", params={"txid": "X", "secret": "guess"})
    assert answer.status_code == 401 and inbox(clean_db) == []
