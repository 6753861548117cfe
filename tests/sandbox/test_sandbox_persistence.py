"""With `state_path`, a restarted sandbox keeps its ads, idempotency keys and sales."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from affiliate.sandbox import SandboxConfig, catalog, create_sandbox_app

API = "/adplatform/v1"
TODAY = dt.date(2026, 3, 1)


def client_for(path: Path, seed: int = 7) -> TestClient:
    app = create_sandbox_app(SandboxConfig(seed=seed, today=TODAY, state_path=path))
    return TestClient(app, headers={"Authorization": "Bearer t"})


def test_restart_keeps_creations_keys_counters_and_sales(tmp_path: Path) -> None:
    path = tmp_path / "sandbox-state.json"
    key = {"Idempotency-Key": "k1"}
    with client_for(path) as first:
        campaign = first.post(f"{API}/campaigns", json={"name": "C"}, headers=key).json()
        adset = first.post(
            f"{API}/adsets",
            json={"campaign_id": campaign["id"], "name": "S", "daily_budget": "40.00"},
        ).json()
        ad = {"adset_id": adset["id"], "name": "A", "headline": "H", "body": "B",
              "link_url": "http://127.0.0.1:9/r/x"}  # fmt: skip
        first.post(f"{API}/ads", json=ad)
        product = catalog(7, 300)[0]
        for n in range(200):
            first.get(f"/network/go/{product.id}", params={"sck": f"clk{n}"})
        sales = first.get("/network/sandbox/sales").json()["data"]
        insights = first.get(f"{API}/ads/ad_000001/insights").json()
    assert sales and path.exists()

    with client_for(path) as second:
        assert second.get("/network/sandbox/sales").json()["data"] == sales
        assert second.get(f"{API}/ads/ad_000001/insights").json() == insights
        replay = second.post(f"{API}/campaigns", json={"name": "C"}, headers=key)
        assert (replay.status_code, replay.json()) == (200, campaign)
        fresh = second.post(f"{API}/campaigns", json={"name": "C2"})
        assert fresh.json()["id"] == "cmp_000002"
        again = second.get(f"/network/go/{product.id}", params={"sck": sales[0]["click_id"]})
        assert again.status_code == 200
        assert len(second.get("/network/sandbox/sales").json()["data"]) == len(sales)


def test_state_from_another_seed_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sandbox-state.json"
    with client_for(path) as first:
        first.post(f"{API}/campaigns", json={"name": "C"})
    with pytest.raises(ValueError, match="seed 7"):
        client_for(path, seed=8)
