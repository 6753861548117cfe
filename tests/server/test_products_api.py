"""GET /api/products: pages, sorting, the network filter, the score parts; login required."""

from datetime import date

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from affiliate.config import Settings
from affiliate.server.app import create_app
from tests.auth.conftest import SECRET, bearer, register


@pytest.fixture
def client(clean_db, db_url, tmp_path):
    with clean_db.begin() as conn:
        for i in range(1, 26):
            conn.execute(
                sa.text(
                    "insert into app.products (id, name, network, network_id, price, ai_score)"
                    " values (:i, :name, :net, :nid, :price, :score)"
                ),
                {
                    "i": i,
                    "name": f"Product {i:02d}",
                    "net": "clickbank" if i % 5 else "hotmart",
                    "nid": f"P{i}",
                    "price": f"{10 + i}.50",
                    "score": None if i == 25 else i * 1.5,
                },
            )
        conn.execute(
            sa.text(
                "insert into app.offer_scores (product_id, score_date, formula_version, v1_score,"
                " momentum_multiplier, combined_score, slope_7d, accelerating, explanation)"
                " values (24, :d, 'v2', 30.0, 1.2, 36.0, 2.5, true, 'v1 30 × momentum 1.2')"
            ),
            {"d": date(2026, 11, 25)},
        )
    settings = Settings(jwt_secret=SECRET, affiliate_home=tmp_path)
    with TestClient(create_app(db_url, settings)) as c:
        yield c


@pytest.fixture
def auth(client):
    return bearer(register(client).json()["token"])


def test_login_is_required(client):
    assert client.get("/api/products").status_code == 401


def test_best_score_first_with_its_parts(client, auth):
    body = client.get("/api/products?limit=10", headers=auth).json()
    assert body["currentPage"] == 1 and body["totalPages"] == 3
    assert [p["id"] for p in body["products"]][:3] == [24, 23, 22]
    top = body["products"][0]
    assert top["aiScore"] == "36.0000" and top["price"] == "34.50"  # money as exact strings
    assert top["score"]["accelerating"] is True and top["score"]["momentumMultiplier"] == 1.2
    assert top["score"]["explanation"] == "v1 30 × momentum 1.2"
    assert body["products"][1]["score"] is None


def test_pages_cover_every_product_once(client, auth):
    seen = []
    for page in (1, 2, 3):
        seen += [
            p["id"]
            for p in client.get(f"/api/products?limit=10&page={page}", headers=auth).json()[
                "products"
            ]
        ]
    assert sorted(seen) == list(range(1, 26))
    assert seen[-1] == 25  # unscored last


def test_sorting_and_network_filter(client, auth):
    by_name = client.get("/api/products?sortBy=name&order=asc&limit=3", headers=auth).json()
    assert [p["name"] for p in by_name["products"]] == ["Product 01", "Product 02", "Product 03"]
    hotmart = client.get("/api/products?network=hotmart", headers=auth).json()
    assert {p["network"] for p in hotmart["products"]} == {"hotmart"}
    assert len(hotmart["products"]) == 5 and hotmart["totalPages"] == 1


def test_bad_parameters_are_refused(client, auth):
    answer = client.get("/api/products?sortBy=password", headers=auth)
    assert answer.status_code == 422 and "sortBy" in answer.json()["error"]
    assert client.get("/api/products?limit=0", headers=auth).status_code == 422
