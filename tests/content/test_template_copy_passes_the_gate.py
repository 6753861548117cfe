"""The offline writer's copy for ordinary products passes the compliance gate in every format:
its disclosure comes first, where the checker (and a reader's preview) still sees it. The copy
is split into parts as the gate splits it (each email of a sequence on its own)."""

from decimal import Decimal

import pytest

from affiliate.compliance.checker import check_parts
from affiliate.compliance.niches import niche_for_category
from affiliate.content.format_copy import FORMATS, gate_platform, parts_to_check
from affiliate.content.model import ProductBrief
from affiliate.content.writers.template import TemplateFormatWriter

PRODUCTS = [
    ("Keto Meal Plan", "Health & Fitness"),
    ("Natural Credit Repair Protocol", "Business / Investing"),
    ("Simple Shed Plans Secrets", "Home & Garden"),
    ("Photo Editing Masterclass", "Computers & Internet"),
    ("Calm Parenting Guide", "Parenting & Families"),
]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "meta_ad"])
@pytest.mark.parametrize(("name", "category"), PRODUCTS)
def test_every_format_of_the_template_writer_passes(fmt, name, category):
    brief = ProductBrief(
        name=name, description="A guide.", category=category, price=Decimal("37"), network_id=name
    )
    output = TemplateFormatWriter().write(brief, fmt)
    parts = parts_to_check(fmt, output.model_dump())
    verdict = check_parts(parts, gate_platform(fmt), niche_for_category(category))
    assert verdict.risk == "low", [(f.rule_id, f.quote) for f in verdict.findings]
