"""Register, log in, /me: the account flow and what it must not reveal."""

import statistics
import time

import sqlalchemy as sa
from argon2 import PasswordHasher

from affiliate.accounts import OWNER_EMAIL, owner_id
from affiliate.auth.passwords import verify_password
from affiliate.db.tables import users
from tests.auth.conftest import PASSWORD, bearer, login, register


def user_rows(engine) -> list:
    with engine.connect() as conn:
        return conn.execute(sa.select(users).order_by(users.c.id)).all()


def test_register_then_login_then_me(client, clean_db):
    created = register(client, email="  Ann@Example.COM ")
    assert created.status_code == 201
    body = created.json()
    user = body["user"]
    assert user == {"id": user["id"], "email": "ann@example.com", "name": "Ann"}
    assert client.get("/api/auth/me", headers=bearer(body["token"])).json() == {"user": user}

    logged_in = login(client, email="ANN@example.com")
    assert logged_in.status_code == 200
    assert logged_in.json()["expiresIn"] == 3600 and logged_in.json()["user"] == user
    me = client.get("/api/auth/me", headers=bearer(logged_in.json()["token"]))
    assert me.status_code == 200 and me.json() == {"user": user}

    stored = user_rows(clean_db)[0]
    assert stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash


def test_duplicate_email_is_409_whatever_the_case(client, clean_db):
    assert register(client).status_code == 201
    again = register(client, email="ANN@example.com ", password="another long password")
    assert again.status_code == 409
    assert again.json() == {"error": "this email is already registered"}
    assert len(user_rows(clean_db)) == 1


def test_short_password_is_422_and_creates_nothing(client, clean_db):
    answer = register(client, password="123456789")
    assert answer.status_code == 422
    assert answer.json() == {"error": "password must be at least 10 characters long"}
    assert user_rows(clean_db) == []


def test_bad_email_and_missing_fields_are_422_in_the_error_style(client):
    bad = register(client, email="not-an-address")
    assert bad.status_code == 422 and "valid address" in bad.json()["error"]
    missing = client.post("/api/auth/register", json={"email": "ann@example.com"})
    assert missing.status_code == 422
    assert missing.json() == {"error": "body.password: Field required"}
    garbage = client.post(
        "/api/auth/login", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert garbage.status_code == 422
    assert garbage.json() == {"error": "request body is not valid JSON"}


def test_wrong_password_and_unknown_email_answer_alike(client):
    register(client)
    wrong_password = login(client, password="wrong password!")
    unknown_email = login(client, email="bob@example.com")
    assert wrong_password.status_code == unknown_email.status_code == 401
    assert wrong_password.json() == unknown_email.json() == {"error": "wrong email or password"}
    assert wrong_password.headers["www-authenticate"] == unknown_email.headers["www-authenticate"]


def test_unknown_email_costs_a_password_verification(client):
    register(client)

    def seconds(email: str) -> float:
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            login(client, email=email, password="wrong password!")
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    # Without the dummy verification an unknown email answers many times faster.
    assert seconds("nobody@example.com") > 0.5 * seconds("ann@example.com")


def test_the_local_owner_cannot_log_in(client, clean_db):
    with clean_db.begin() as conn:
        owner_id(conn)
    for password in ("!", "", "0123456789", "password123"):
        answer = login(client, email=OWNER_EMAIL, password=password)
        assert answer.status_code == 401 and answer.json() == {"error": "wrong email or password"}
    assert register(client, email=OWNER_EMAIL).status_code == 409
    assert verify_password("!", "!") is False


def test_login_rehashes_an_outdated_hash(client, clean_db):
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with clean_db.begin() as conn:
        conn.execute(sa.insert(users).values(email="old@example.com", password_hash=weak))
    assert login(client, email="old@example.com").status_code == 200
    fresh = user_rows(clean_db)[0].password_hash
    assert fresh != weak and not PasswordHasher().check_needs_rehash(fresh)
    assert login(client, email="old@example.com").status_code == 200
