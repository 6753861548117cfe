"""The sandbox ad platform: auth, creation, idempotency and insights."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from affiliate.sandbox import SandboxConfig, create_sandbox_app
from affiliate.sandbox.insights import daily_insight

API = "/adplatform/v1"


def create_ad(client: TestClient, budget: str = "40.00") -> dict:
    campaign = client.post(f"{API}/campaigns", json={"name": "C", "objective": "TRAFFIC"})
    assert campaign.status_code == 201, campaign.text
    adset = client.post(
        f"{API}/adsets",
        json={
            "campaign_id": campaign.json()["id"],
            "name": "S",
            "daily_budget": budget,
            "currency": "USD",
            "targeting": {"countries": ["US"]},
        },
    )
    assert adset.status_code == 201, adset.text
    ad = client.post(
        f"{API}/ads",
        json={
            "adset_id": adset.json()["id"],
            "name": "A",
            "headline": "H",
            "body": "B",
            "link_url": "http://127.0.0.1:9/r/abc",
        },
    )
    assert ad.status_code == 201, ad.text
    return ad.json()


@pytest.mark.parametrize("header", [None, "", "Bearer ", "Bearer   ", "Basic abc", "token"])
def test_every_endpoint_requires_a_bearer_token(header: str | None) -> None:
    with TestClient(create_sandbox_app(SandboxConfig())) as anonymous:
        headers = {} if header is None else {"Authorization": header}
        assert anonymous.get(f"{API}/ads", headers=headers).status_code == 401
        response = anonymous.post(f"{API}/campaigns", json={"name": "C"}, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"


def test_create_campaign_adset_and_ad(sandbox_client: TestClient) -> None:
    ad = create_ad(sandbox_client)
    assert ad["id"] == "ad_000001" and ad["adset_id"] == "as_000001"
    assert ad["campaign_id"] == "cmp_000001"
    assert ad["created_at"].startswith("2026-03-01")
    listed = sandbox_client.get(f"{API}/ads").json()["data"]
    assert [a["id"] for a in listed] == ["ad_000001"]


def test_unknown_parents_are_404(sandbox_client: TestClient) -> None:
    adset = {"campaign_id": "cmp_nope", "name": "S", "daily_budget": "40.00"}
    assert sandbox_client.post(f"{API}/adsets", json=adset).status_code == 404
    ad = {"adset_id": "as_nope", "name": "A", "headline": "H", "body": "B", "link_url": "http://x"}
    assert sandbox_client.post(f"{API}/ads", json=ad).status_code == 404
    assert sandbox_client.get(f"{API}/ads/ad_nope/insights").status_code == 404


@pytest.mark.parametrize("budget", ["abc", "0", "-5.00", "0.00", "1.001", "NaN", "Infinity", 40])
def test_budget_must_be_a_positive_decimal_string(sandbox_client: TestClient, budget) -> None:
    campaign = sandbox_client.post(f"{API}/campaigns", json={"name": "C"}).json()
    body = {"campaign_id": campaign["id"], "name": "S", "daily_budget": budget}
    assert sandbox_client.post(f"{API}/adsets", json=body).status_code == 422


def test_idempotency_key_replays_the_same_object_without_creating(
    sandbox_client: TestClient,
) -> None:
    key = {"Idempotency-Key": "launch-1"}
    first = sandbox_client.post(f"{API}/campaigns", json={"name": "C"}, headers=key)
    again = sandbox_client.post(f"{API}/campaigns", json={"name": "C"}, headers=key)
    other = sandbox_client.post(
        f"{API}/campaigns", json={"name": "C"}, headers={"Idempotency-Key": "x"}
    )
    assert (first.status_code, again.status_code, other.status_code) == (201, 200, 201)
    assert again.json() == first.json()
    assert other.json()["id"] != first.json()["id"]

    body = {"campaign_id": first.json()["id"], "name": "S", "daily_budget": "40.00"}
    adsets = [sandbox_client.post(f"{API}/adsets", json=body, headers=key) for _ in range(3)]
    assert [r.status_code for r in adsets] == [201, 200, 200]
    assert len({r.json()["id"] for r in adsets}) == 1
    ad = {"adset_id": adsets[0].json()["id"], "name": "A", "headline": "H", "body": "B",
          "link_url": "http://x"}  # fmt: skip
    ads = [sandbox_client.post(f"{API}/ads", json=ad, headers=key) for _ in range(2)]
    assert [r.status_code for r in ads] == [201, 200]
    assert len(sandbox_client.get(f"{API}/ads").json()["data"]) == 1


def test_same_creations_give_same_ids_and_same_insights(sandbox_today: dt.date) -> None:
    results = []
    for _ in range(2):
        app = create_sandbox_app(SandboxConfig(today=sandbox_today))
        with TestClient(app, headers={"Authorization": "Bearer t"}) as client:
            ad = create_ad(client)
            app.state.clock.set_today(sandbox_today + dt.timedelta(days=10))
            results.append((ad["id"], client.get(f"{API}/ads/{ad['id']}/insights").json()))
    assert results[0] == results[1]
    assert len(results[0][1]["data"]) == 11


def test_insights_start_on_creation_day_and_stop_today(
    sandbox_client: TestClient, sandbox_today: dt.date
) -> None:
    ad = create_ad(sandbox_client)
    sandbox_client.app.state.clock.set_today(sandbox_today + dt.timedelta(days=4))
    url = f"{API}/ads/{ad['id']}/insights"
    rows = sandbox_client.get(url, params={"since": "2026-01-01", "until": "2026-12-31"}).json()
    dates = [row["date"] for row in rows["data"]]
    assert dates == [(sandbox_today + dt.timedelta(days=i)).isoformat() for i in range(5)]
    window = sandbox_client.get(url, params={"since": "2026-03-02", "until": "2026-03-03"}).json()
    assert [row["date"] for row in window["data"]] == ["2026-03-02", "2026-03-03"]
    before = sandbox_client.get(url, params={"since": "2026-02-01", "until": "2026-02-28"}).json()
    assert before["data"] == []


def test_insight_rows_are_plausible_and_within_budget(
    sandbox_client: TestClient, sandbox_today: dt.date
) -> None:
    ad = create_ad(sandbox_client, budget="25.00")
    sandbox_client.app.state.clock.set_today(sandbox_today + dt.timedelta(days=59))
    rows = sandbox_client.get(f"{API}/ads/{ad['id']}/insights").json()["data"]
    assert len(rows) == 60
    for row in rows:
        spend = Decimal(row["spend"])
        assert row["spend"] == f"{spend:.2f}" and row["currency"] == "USD"
        assert Decimal(0) < spend <= Decimal("25.00")
        assert row["clicks"] > 0 and row["impressions"] > row["clicks"]
        assert Decimal("0.50") <= spend / row["clicks"] <= Decimal("1.50")
        assert 0 <= row["conversions"] <= row["clicks"]


@pytest.mark.parametrize("budget", ["1.00", "5.00", "40.00", "500.00"])
def test_spend_is_clicks_times_cpc_and_never_above_budget(budget: str) -> None:
    limit = Decimal(budget)
    for offset in range(120):
        row = daily_insight(7, "ad_000001", dt.date(2026, 1, 1) + dt.timedelta(days=offset), limit)
        assert row.spend == row.cpc * row.clicks
        assert row.spend <= limit
        assert row == daily_insight(7, "ad_000001", row.date, limit)
