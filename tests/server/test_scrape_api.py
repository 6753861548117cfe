"""POST /api/hotmart-autonomous/scrape launches a real Dagster run through a real webserver."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from affiliate.config import PROJECT_ROOT, Settings
from affiliate.db.dbt_profile import dbt_env
from affiliate.server.app import create_app
from affiliate.server.thread import free_port
from tests.auth.conftest import SECRET, bearer, register

RUN_QUERY = """query($id: ID!) { runOrError(runId: $id) {
  ... on Run { runId jobName tags { key value } } } }"""


@pytest.fixture(scope="module")
def dagster_url(db_url, tmp_path_factory):
    home = tmp_path_factory.mktemp("dagster_home")  # default (SQLite) instance storage
    port = free_port()
    env = {**os.environ, **dbt_env(db_url), "DATABASE_URL": db_url, "DAGSTER_HOME": str(home)}
    webserver = Path(sys.executable).parent / "dagster-webserver"
    proc = subprocess.Popen(
        [str(webserver), "-m", "pipelines.definitions", "-h", "127.0.0.1", "-p", str(port)],
        cwd=PROJECT_ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/server_info", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    else:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("dagster-webserver did not start")
    yield url
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)


def client_for(db_url, tmp_path, dagster_url):
    settings = Settings(jwt_secret=SECRET, affiliate_home=tmp_path, dagster_url=dagster_url)
    return TestClient(create_app(db_url, settings))


def test_scrape_starts_a_dagster_run_of_todays_hotmart_partition(
    clean_db, db_url, tmp_path, dagster_url
):
    with client_for(db_url, tmp_path, dagster_url) as client:
        user = register(client).json()
        answer = client.post("/api/hotmart-autonomous/scrape", headers=bearer(user["token"]))
    assert answer.status_code == 202, answer.text
    body = answer.json()
    assert body["success"] is True and body["message"] == "Scraping job started."
    run = httpx.post(
        f"{dagster_url}/graphql", json={"query": RUN_QUERY, "variables": {"id": body["jobId"]}}
    ).json()["data"]["runOrError"]
    assert run["runId"] == body["jobId"] and run["jobName"] == "daily_offers_job"
    tags = {t["key"]: t["value"] for t in run["tags"]}
    assert tags["dagster/partition"].endswith("|hotmart")
    assert tags["affiliate/user_id"] == str(user["user"]["id"])


def test_scrape_needs_a_login(clean_db, db_url, tmp_path, dagster_url):
    with client_for(db_url, tmp_path, dagster_url) as client:
        assert client.post("/api/hotmart-autonomous/scrape").status_code == 401


def test_scrape_without_dagster_is_a_clear_503(clean_db, db_url, tmp_path):
    with client_for(db_url, tmp_path, f"http://127.0.0.1:{free_port()}") as client:
        user = register(client).json()
        answer = client.post("/api/hotmart-autonomous/scrape", headers=bearer(user["token"]))
    assert answer.status_code == 503 and "affiliate run" in answer.json()["error"]
