"""The real openai and anthropic SDKs against local servers speaking their wire formats:
success, 429 then success, 401, timeout, malformed output then repair — with the ledger's
rows and costs checked to the micro-dollar."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

import pytest
import sqlalchemy as sa

from affiliate.connect.vault import Vault
from affiliate.content.generation import generate
from affiliate.content.providers import add_provider
from affiliate.content.writers.base import InvalidOutput, LLMError, ProviderAuthError
from affiliate.db.tables import ai_generation_history
from tests.content.conftest import BRIEF, make_settings

# Prices written out here, not read from prices.yaml, so a wrong table fails the test.
VENDORS = {
    "openai": dict(model="gpt-4o-mini", input=Decimal("0.15"), output=Decimal("0.60")),
    "anthropic": dict(model="claude-haiku-4-5", input=Decimal("1.00"), output=Decimal("5.00")),
}
KEY = "sk-test-0123456789abcdef"


def valid_meta_ad(headline: str = "A Calmer Way to Plan a Garden") -> str:
    return json.dumps(
        {
            "variations": [
                {
                    "primary_text": "Planning a small vegetable garden? This plan walks you "
                    "through it step by step. See what is included.",
                    "headline": headline,
                    "description": "Gardening, step by step",
                    "call_to_action": "Learn More",
                }
            ]
        }
    )


def expected_cost(vendor: str, input_tokens: int, output_tokens: int) -> Decimal:
    p = VENDORS[vendor]
    exact = (input_tokens * p["input"] + output_tokens * p["output"]) / Decimal(1_000_000)
    return exact.quantize(Decimal("0.0000000001"), rounding=ROUND_HALF_UP)  # numeric(18,10)


@pytest.fixture(params=["openai", "anthropic"])
def vendor(request, openai_vendor, anthropic_vendor):
    return request.param, {"openai": openai_vendor, "anthropic": anthropic_vendor}[request.param]


def configure(engine, kind, server, **settings_overrides):
    settings = make_settings(**settings_overrides)
    base_url = f"{server.url}/v1" if kind == "openai" else server.url
    add_provider(
        engine,
        Vault.from_settings(settings),
        kind=kind,
        name=f"my-{kind}",
        api_key=KEY,
        base_url=base_url,
        model=VENDORS[kind]["model"],
    )
    return settings


def ledger(engine) -> list[sa.Row]:
    with engine.connect() as conn:
        return conn.execute(
            sa.select(ai_generation_history).order_by(ai_generation_history.c.id)
        ).all()


def test_success_returns_validated_copy_and_an_exact_ledger_row(clean_db, product_id, vendor):
    kind, server = vendor
    settings = configure(clean_db, kind, server)
    server.reply(valid_meta_ad(), input_tokens=1200, output_tokens=350)

    result = generate(clean_db, BRIEF, "meta_ad", settings=settings, product_id=product_id)

    assert result.provider == kind and result.model == VENDORS[kind]["model"]
    assert result.output.variations[0].headline == "A Calmer Way to Plan a Garden"
    [row] = ledger(clean_db)
    assert (row.task, row.provider, row.model) == ("meta_ad", kind, VENDORS[kind]["model"])
    assert (row.prompt_template, row.template_version) == ("meta_ad", "1")
    assert (row.input_tokens, row.output_tokens, row.outcome) == (1200, 350, "ok")
    assert row.product_id == product_id and row.currency == "USD"
    assert row.cost == expected_cost(kind, 1200, 350) == result.cost
    assert row.latency_ms is not None and row.user_id is not None
    # What the SDK sent: the key as auth, the product only as delimited data.
    [sent] = server.requests
    auth = sent.headers.get("authorization") or f"Bearer {sent.headers.get('x-api-key')}"
    assert auth == f"Bearer {KEY}"
    prompt = json.dumps(sent.json)
    assert "<product_data>" in prompt and "</product_data>" in prompt
    assert sent.json["model"] == VENDORS[kind]["model"]


def test_exact_cost_is_stored_without_rounding_when_it_fits(clean_db, vendor):
    kind, server = vendor
    settings = configure(clean_db, kind, server)
    server.reply(valid_meta_ad(), input_tokens=1000, output_tokens=200)
    generate(clean_db, BRIEF, "meta_ad", settings=settings)
    want = {"openai": Decimal("0.000270"), "anthropic": Decimal("0.002000")}[kind]
    assert ledger(clean_db)[0].cost == want == expected_cost(kind, 1000, 200)


@pytest.mark.parametrize("status", [429, 500])
def test_rate_limit_or_server_error_then_success_is_retried(clean_db, vendor, status):
    kind, server = vendor
    settings = configure(clean_db, kind, server)
    server.fail(status, "slow down", headers={"retry-after": "0"})
    server.reply(valid_meta_ad(), input_tokens=800, output_tokens=120)

    result = generate(clean_db, BRIEF, "meta_ad", settings=settings)

    assert len(server.requests) == 2
    [row] = ledger(clean_db)
    assert row.outcome == "retried"
    assert row.cost == expected_cost(kind, 800, 120) == result.cost


def test_rate_limited_on_every_attempt_gives_up(clean_db, vendor):
    kind, server = vendor
    settings = configure(clean_db, kind, server, llm_max_attempts=2)
    for _ in range(2):
        server.fail(429, "slow down", headers={"retry-after": "0"})
    with pytest.raises(LLMError, match="gave up after 2 attempts"):
        generate(clean_db, BRIEF, "meta_ad", settings=settings)
    [row] = ledger(clean_db)
    assert (row.outcome, row.cost, row.input_tokens) == ("rate_limited", 0, 0)


def test_wrong_key_is_a_clear_error_and_never_retried(clean_db, vendor):
    kind, server = vendor
    settings = configure(clean_db, kind, server)
    server.fail(401, "Incorrect API key provided")

    with pytest.raises(ProviderAuthError) as caught:
        generate(clean_db, BRIEF, "meta_ad", settings=settings)

    vendor_name = {"openai": "OpenAI", "anthropic": "Anthropic"}[kind]
    message = str(caught.value)
    assert message.startswith(f"{vendor_name} rejected the API key for provider 'my-{kind}' (401)")
    assert f"affiliate llm add {kind} --name my-{kind}" in message
    assert KEY not in message and KEY[-8:] not in message
    assert len(server.requests) == 1
    assert [r.outcome for r in ledger(clean_db)] == ["auth_error"]


def test_timeout_is_recorded(clean_db, vendor):
    kind, server = vendor
    settings = configure(clean_db, kind, server, llm_timeout_seconds=0.3, llm_max_attempts=1)
    server.hang(3)
    with pytest.raises(LLMError, match="timed out"):
        generate(clean_db, BRIEF, "meta_ad", settings=settings)
    [row] = ledger(clean_db)
    assert (row.outcome, row.cost) == ("timeout", 0)


def test_timeout_then_success_is_retried(clean_db, vendor):
    kind, server = vendor
    settings = configure(clean_db, kind, server, llm_timeout_seconds=0.3, llm_max_attempts=2)
    server.hang(3)
    server.reply(valid_meta_ad(), input_tokens=10, output_tokens=10)
    result = generate(clean_db, BRIEF, "meta_ad", settings=settings)
    assert result.output.variations
    assert [r.outcome for r in ledger(clean_db)] == ["retried"]


def test_malformed_output_is_repaired_with_the_errors(clean_db, vendor):
    kind, server = vendor
    settings = configure(clean_db, kind, server)
    too_long = "An Unusually Long Headline About Home Vegetable Gardens"
    server.reply(valid_meta_ad(headline=too_long), input_tokens=900, output_tokens=300)
    server.reply(valid_meta_ad(), input_tokens=1500, output_tokens=310)

    result = generate(clean_db, BRIEF, "meta_ad", settings=settings)

    assert result.output.variations[0].headline == "A Calmer Way to Plan a Garden"
    rows = ledger(clean_db)
    assert [r.outcome for r in rows] == ["invalid_output", "ok"]
    assert [r.cost for r in rows] == [expected_cost(kind, 900, 300), expected_cost(kind, 1500, 310)]
    assert result.cost == sum(r.cost for r in rows)
    # The repair request carries the bad answer and the validation error, in the vendor's format.
    repair = server.requests[1].json["messages"]
    assert repair[-2]["role"] == "assistant" and too_long in json.dumps(repair[-2])
    assert "variations.0.headline" in json.dumps(repair[-1]) and "at most 40" in json.dumps(
        repair[-1]
    )


def test_invalid_twice_is_rejected(clean_db, vendor):
    kind, server = vendor
    settings = configure(clean_db, kind, server)
    server.reply("Sure! Here is your ad: Buy now.", input_tokens=700, output_tokens=20)
    server.reply('{"variations": []}', input_tokens=800, output_tokens=10)

    with pytest.raises(InvalidOutput, match="invalid meta_ad output twice"):
        generate(clean_db, BRIEF, "meta_ad", settings=settings)

    rows = ledger(clean_db)
    assert [r.outcome for r in rows] == ["invalid_output", "invalid_output"]
    assert [r.cost for r in rows] == [expected_cost(kind, 700, 20), expected_cost(kind, 800, 10)]
