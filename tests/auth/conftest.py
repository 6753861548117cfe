"""An API client on the real test database, signing tokens with a known secret."""

import pytest
from fastapi.testclient import TestClient

from affiliate.config import Settings
from affiliate.server.app import create_app

SECRET = "test-jwt-secret-that-is-long-enough-0123456789"
PASSWORD = "correct horse battery"


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(jwt_secret=SECRET, affiliate_home=tmp_path)


@pytest.fixture
def app(clean_db, db_url, settings):
    return create_app(db_url, settings)


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


def register(client, email="ann@example.com", password=PASSWORD, name="Ann"):
    return client.post(
        "/api/auth/register", json={"email": email, "password": password, "name": name}
    )


def login(client, email="ann@example.com", password=PASSWORD):
    return client.post("/api/auth/login", json={"email": email, "password": password})


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}
