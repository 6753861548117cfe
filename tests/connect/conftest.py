"""A sandbox marketplace and an API server on free ports, with settings pointing at both."""

import pytest

from affiliate.config import Settings
from affiliate.connect.vault import new_key_text
from affiliate.sandbox import start_sandbox
from affiliate.server.app import create_app
from affiliate.server.thread import ServerThread
from tests.auth.conftest import SECRET
from tests.connect.market import MARKET


@pytest.fixture
def world(clean_db, db_url, tmp_path, monkeypatch):
    with start_sandbox(MARKET) as sandbox:
        env = {
            "HOTMART_BASE_URL": f"{sandbox.url}/hotmart",
            "JWT_SECRET": SECRET,
            "SESSION_ENCRYPTION_KEY": new_key_text(),
            "AFFILIATE_HOME": str(tmp_path),
        }
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        settings = Settings()
        with ServerThread(create_app(db_url, settings), port=0) as api:
            api.start()
            yield sandbox, api, settings
