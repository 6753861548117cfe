"""Meta-prompting: the first call writes the bespoke prompt, the second the copy; both logged."""

from __future__ import annotations

import json

import sqlalchemy as sa

from affiliate.connect.vault import Vault
from affiliate.content.generation import generate
from affiliate.content.providers import add_provider
from affiliate.db.tables import ai_generation_history
from tests.content.conftest import BRIEF, make_settings
from tests.content.test_vendor_wire import expected_cost, valid_meta_ad

BESPOKE = (
    "Write for first-time vegetable gardeners with a small backyard. Lead with planning, "
    "avoid any yield promises, keep the headline under 40 characters."
)


def test_meta_prompting_makes_two_logged_calls(clean_db, product_id, anthropic_vendor):
    settings = make_settings(llm_meta_prompting=True)
    add_provider(
        clean_db, Vault.from_settings(settings), kind="anthropic", name="claude",
        api_key="sk-ant-000000000000", base_url=anthropic_vendor.url, model="claude-haiku-4-5",
    )  # fmt: skip
    anthropic_vendor.reply(json.dumps({"prompt": BESPOKE}), input_tokens=600, output_tokens=90)
    anthropic_vendor.reply(valid_meta_ad(), input_tokens=1100, output_tokens=280)

    result = generate(
        clean_db, BRIEF, "meta_ad", settings=settings, product_id=product_id,
        audience="first-time gardeners", tone="encouraging",
    )  # fmt: skip

    first, second = (r.json for r in anthropic_vendor.requests)
    assert "first-time gardeners" in json.dumps(first) and "Facebook/Instagram" in json.dumps(first)
    sent = second["messages"][0]["content"]
    assert sent.startswith(BESPOKE)
    # The data block and schema come from us, after the bespoke prompt, not from the model.
    assert "<product_data>" in sent and "JSON Schema" in sent
    assert "data supplied by a third-party vendor" in " ".join(second["system"].split())

    with clean_db.connect() as conn:
        rows = conn.execute(
            sa.select(ai_generation_history).order_by(ai_generation_history.c.id)
        ).all()
    assert [(r.prompt_template, r.template_version, r.outcome) for r in rows] == [
        ("meta_prompt", "1", "ok"),
        ("meta_ad", "1+meta1", "ok"),
    ]
    assert all(r.task == "meta_ad" and r.product_id == product_id for r in rows)
    costs = [expected_cost("anthropic", 600, 90), expected_cost("anthropic", 1100, 280)]
    assert [r.cost for r in rows] == costs
    assert result.cost == sum(costs) and result.template_version == "1+meta1"
