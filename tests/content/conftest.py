"""Fixtures for the writers: local vendor servers, settings with a vault key, a product."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa
from pydantic import SecretStr

from affiliate.config import Settings
from affiliate.connect.vault import new_key_text
from affiliate.content.model import ProductBrief
from affiliate.db.tables import products
from affiliate.server.thread import ServerThread
from tests.content.vendors import FakeAnthropic, FakeOpenAI


@pytest.fixture(scope="session")
def openai_server():
    vendor = FakeOpenAI()
    with ServerThread(vendor.app).start() as server:
        vendor.url = server.url
        yield vendor


@pytest.fixture(scope="session")
def anthropic_server():
    vendor = FakeAnthropic()
    with ServerThread(vendor.app).start() as server:
        vendor.url = server.url
        yield vendor


@pytest.fixture
def openai_vendor(openai_server):
    openai_server.reset()
    return openai_server


@pytest.fixture
def anthropic_vendor(anthropic_server):
    anthropic_server.reset()
    return anthropic_server


def make_settings(**overrides) -> Settings:
    """Settings independent of the machine's environment and .env: no keys unless given."""
    values = dict(
        session_encryption_key=SecretStr(new_key_text()),
        openai_api_key=None,
        anthropic_api_key=None,
        llm_base_url=None,
        llm_model=None,
        llm_provider=None,
        llm_task_providers={},
        llm_run_budget=None,
        llm_meta_prompting=False,
        llm_timeout_seconds=5.0,
        llm_max_attempts=3,
    )
    values.update(overrides)
    return Settings(_env_file=None, **values)


BRIEF = ProductBrief(
    name="Backyard Harvest",
    description="A step-by-step plan for a small vegetable garden.",
    category="Home & Garden > Gardening & Horticulture",
    price=Decimal("37.00"),
    commission_rate=Decimal("60"),
    network_id="BYHARVEST",
)


@pytest.fixture
def product_id(clean_db: sa.Engine) -> int:
    with clean_db.begin() as conn:
        return conn.scalar(
            sa.insert(products)
            .values(
                name=BRIEF.name,
                description=BRIEF.description,
                category=BRIEF.category,
                price=BRIEF.price,
                commission_rate=BRIEF.commission_rate,
                network="clickbank",
                network_id=BRIEF.network_id,
            )
            .returning(products.c.id)
        )
