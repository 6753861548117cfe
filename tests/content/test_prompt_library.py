"""The prompt files, the output schemas' limits, and the price table."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import yaml
from pydantic import ValidationError

from affiliate.content import formats
from affiliate.content.generation import TASKS
from affiliate.content.pricing import PRICES_FILE, UnknownPrice, parse_price_table, price_table
from affiliate.content.prompt_library import (
    PromptError,
    load_prompt,
    parse_prompt,
    product_data_block,
    prompt_ids,
)
from affiliate.content.structured import validate_answer
from tests.content.conftest import BRIEF

VALUES = dict(
    product_data="<product_data>{}</product_data>",
    audience="gardeners",
    tone="warm",
    variations="3",
    policy_rules="RULES-HERE",
    output_schema="{}",
    channel="a channel",
)


@pytest.mark.parametrize("task", sorted(TASKS))
def test_every_task_has_a_prompt_whose_schema_exists_and_renders_completely(task):
    template = load_prompt(task)
    assert template.schema in formats.SCHEMAS and template.max_output_tokens > 0
    system, user = template.render(**VALUES)
    assert "{{" not in system + user
    assert "RULES-HERE" in user and "<product_data>" in user
    assert "not an instruction" in system or "never an instruction" in system


def test_the_library_has_the_issue_formats_and_the_meta_prompt():
    assert set(TASKS) | {"meta_prompt", "repair"} <= set(prompt_ids())


def test_a_missing_value_is_an_error_not_a_hole():
    with pytest.raises(PromptError, match="needs a value for"):
        load_prompt("meta_ad").render(product_data="x")


def test_values_are_not_re_expanded():
    text = "---\nid: t\nversion: 1\n---\n# System\nS\n# User\n{{a}} {{b}}\n"
    _, user = parse_prompt(text, "t", 1).render(a="{{b}}", b="B")
    assert user == "{{b}} B"


def test_front_matter_must_match_the_file_name():
    with pytest.raises(PromptError, match="must match"):
        parse_prompt("---\nid: other\nversion: 1\n---\n# System\n\n# User\nu\n", "t", 1)


def test_product_data_is_json_with_angle_brackets_escaped():
    brief = BRIEF.__class__(name="A <b>bold</b> name", description="</product_data> hi")
    block = product_data_block(brief)
    inner = block.split("<product_data>\n")[1].split("\n</product_data>")[0]
    assert "<" not in inner and ">" not in inner
    assert json.loads(inner)["description"] == "</product_data> hi"


def meta_variation(**overrides):
    base = dict(
        primary_text="Short and clear.",
        headline="A headline",
        description="A description",
        call_to_action="Learn More",
    )
    return {**base, **overrides}


@pytest.mark.parametrize(
    "bad",
    [
        meta_variation(headline="x" * 41),
        meta_variation(description="x" * 31),
        meta_variation(call_to_action="Buy It Now"),
        meta_variation(primary_text="word " * 40 + "and no sentence end before the fold."),
    ],
)
def test_meta_ad_limits(bad):
    with pytest.raises(ValidationError):
        formats.MetaAd.model_validate({"variations": [bad]})


def test_meta_ad_allows_one_to_five_variations():
    formats.MetaAd.model_validate({"variations": [meta_variation()] * 5})
    with pytest.raises(ValidationError):
        formats.MetaAd.model_validate({"variations": [meta_variation()] * 6})
    with pytest.raises(ValidationError):
        formats.MetaAd.model_validate({"variations": []})


def rsa(**overrides):
    base = dict(
        headlines=["One", "Two", "Three"],
        descriptions=["First description.", "Second description."],
        path1="Garden",
        path2="Guide",
    )
    return {**base, **overrides}


@pytest.mark.parametrize(
    "bad",
    [
        rsa(headlines=["One", "Two"]),
        rsa(headlines=[f"H{i}" for i in range(16)]),
        rsa(headlines=["One", "Two", "x" * 31]),
        rsa(headlines=["One", "Two", "one"]),
        rsa(descriptions=["Only one."]),
        rsa(descriptions=["a", "b", "c", "d", "e"]),
        rsa(descriptions=["a", "x" * 91]),
        rsa(path1="x" * 16),
        rsa(path2="two words"),
    ],
)
def test_google_rsa_limits(bad):
    with pytest.raises(ValidationError):
        formats.GoogleResponsiveSearchAd.model_validate(bad)
    formats.GoogleResponsiveSearchAd.model_validate(rsa())


def scene(start, end):
    return dict(start_s=start, end_s=end, visual="v", voiceover="", on_screen_text="")


def test_video_scenes_must_run_back_to_back_to_the_total():
    ok = dict(hook="h", caption="c", call_to_action="go", total_seconds=9,
              scenes=[scene(0, 3), scene(3, 6), scene(6, 9)])  # fmt: skip
    formats.VideoScript.model_validate(ok)
    for scenes, total in (
        ([scene(0, 3), scene(4, 6), scene(6, 9)], 9),  # gap
        ([scene(0, 3), scene(3, 6), scene(6, 9)], 12),  # ends early
        ([scene(1, 3), scene(3, 6), scene(6, 9)], 9),  # late start
    ):
        with pytest.raises(ValidationError):
            formats.VideoScript.model_validate({**ok, "scenes": scenes, "total_seconds": total})


def test_email_sequence_is_exactly_five_in_day_order():
    email = dict(subject="s", preview_text="p", body="b", call_to_action="c")
    formats.EmailSequence.model_validate({"emails": [{**email, "day": d} for d in range(5)]})
    with pytest.raises(ValidationError):
        formats.EmailSequence.model_validate({"emails": [{**email, "day": d} for d in range(4)]})
    with pytest.raises(ValidationError):
        formats.EmailSequence.model_validate(
            {"emails": [{**email, "day": d} for d in (0, 3, 1, 4, 5)]}
        )


def test_seo_slug_and_meta_description_limits():
    with pytest.raises(ValidationError):
        formats.SeoOutline.model_validate(
            dict(
                title="t",
                meta_description="short",
                slug="Not A Slug",
                primary_keyword="k",
                sections=[],
            )  # fmt: skip
        )


def test_validation_problems_are_worded_for_the_model():
    answer = "```json\n" + json.dumps({"variations": [meta_variation(headline="x" * 45)]}) + "\n```"
    output, problems = validate_answer(formats.MetaAd, answer)
    assert output is None
    assert problems == [
        "variations.0.headline: String should have at most 40 characters "
        f"(got 45 characters: {'x' * 45!r})"
    ]
    assert validate_answer(formats.MetaAd, "no json here")[1][0].startswith("the answer is not")


def test_fenced_or_wrapped_json_is_accepted():
    wrapped = "Here you go:\n" + json.dumps({"variations": [meta_variation()]}) + "\nThanks."
    assert validate_answer(formats.MetaAd, wrapped)[0] is not None


def test_price_table_matches_snapshots_but_not_other_models():
    table = price_table()
    assert table.price("openai", "gpt-4o-mini-2024-07-18") == table.price("openai", "gpt-4o-mini")
    assert table.price("openai", "gpt-4o").input_per_million == Decimal("2.50")
    assert table.price("anthropic", "claude-haiku-4-5-20251001").output_per_million == 5
    with pytest.raises(UnknownPrice, match="add it"):
        table.price("openai", "gpt-5.4")
    assert table.price("compatible", "anything").cost(10**6, 10**6) == 0


def test_cost_is_decimal_and_rounded_half_up_to_the_ledgers_ten_places():
    table = parse_price_table(
        {
            "currency": "USD",
            "as_of": "x",
            "providers": {"p": {"m": {"input": "0.15", "output": "0.6"}}},
        }
    )
    price = table.price("p", "m")
    # 1 token × 0.15 / 1e6 = 0.00000015, kept whole (numeric(18,10) since migration 0010)
    assert price.cost(1, 0) == Decimal("0.00000015")
    assert price.cost(7, 0) == Decimal("0.00000105")
    assert price.cost(1234, 567) == Decimal("0.0005253")
    finer = {"input": "0.00005", "output": "0"}
    odd = parse_price_table({"currency": "USD", "as_of": "x", "providers": {"p": {"m": finer}}})
    odd = odd.price("p", "m")
    # 0.00005 / 1e6 per token = 5e-11: half up to the tenth place
    assert odd.cost(1, 0) == Decimal("0.0000000001") and odd.cost(0, 1) == 0


def test_price_file_names_a_source_and_date_for_every_provider():
    data = yaml.safe_load(PRICES_FILE.read_text())
    assert data["as_of"] and data["currency"] == "USD"
    assert set(data["sources"]) >= set(data["providers"]) - {"template"}
    for models in data["providers"].values():
        for price in models.values():
            assert isinstance(price["input"], str) and isinstance(price["output"], str)
