"""The offline writer writes every format of the library: valid, policy-safe, deterministic
per product and different between products."""

from __future__ import annotations

import re

import pytest

from affiliate.content.generation import TASKS
from affiliate.content.writers.template import DISCLOSURE, TemplateFormatWriter
from tests.unit.test_template_writer import BANNED, HOSTILE, PRODUCTS

WRITER = TemplateFormatWriter()


def texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return []


@pytest.mark.parametrize("task", sorted(TASKS))
@pytest.mark.parametrize("product", PRODUCTS + HOSTILE, ids=lambda p: p.name[:24])
def test_every_format_is_valid_and_clean(task, product):
    output = WRITER.write(product, task)
    # Re-validate from plain data: the model's own limits, not just construction.
    type(output).model_validate(output.model_dump())
    for text in texts(output.model_dump()):
        clean = text.replace(DISCLOSURE, "")
        for pattern in BANNED:
            assert not re.search(pattern, clean, re.IGNORECASE), (pattern, text)


@pytest.mark.parametrize("task", sorted(TASKS))
def test_same_product_same_copy(task):
    product = PRODUCTS[0]
    assert WRITER.write(product, task) == TemplateFormatWriter().write(product, task)


@pytest.mark.parametrize("task", sorted(TASKS))
def test_copy_varies_between_products(task):
    distinct = {WRITER.write(p, task).model_dump_json() for p in PRODUCTS}
    assert len(distinct) >= len(PRODUCTS) - 2


def test_meta_ad_variations_are_different_and_capped_at_five():
    ad = WRITER.write(PRODUCTS[1], "meta_ad", variations=9)
    assert len(ad.variations) == 5
    assert len({v.headline for v in ad.variations}) == 5


def test_hostile_vendor_text_never_reaches_the_copy():
    for product in HOSTILE:
        for task in TASKS:
            copy = " ".join(texts(WRITER.write(product, task).model_dump()))
            assert "Guarantee" not in copy and "Cure" not in copy and "$" not in copy


def test_disclosure_is_in_the_copy_that_links_out():
    product = PRODUCTS[2]
    assert DISCLOSURE in WRITER.write(product, "video_script").caption
    assert DISCLOSURE in WRITER.write(product, "landing_page").call_to_action.text
    assert any(DISCLOSURE in e.body for e in WRITER.write(product, "email_sequence").emails)
