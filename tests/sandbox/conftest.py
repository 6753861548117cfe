"""Shared fixtures for the sandbox tests: a fixed sandbox date and an in-process client."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from affiliate.sandbox import SandboxConfig, create_sandbox_app


@pytest.fixture
def sandbox_today() -> dt.date:
    """The date the in-process sandbox's clock starts at."""
    return dt.date(2026, 3, 1)


@pytest.fixture
def sandbox_client(sandbox_today: dt.date) -> Iterator[TestClient]:
    """The sandbox app, served in-process, with its clock fixed at `sandbox_today`."""
    app = create_sandbox_app(SandboxConfig(today=sandbox_today))
    with TestClient(app, headers={"Authorization": "Bearer sandbox-test-token"}) as client:
        yield client
