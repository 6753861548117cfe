"""The offline ad writer: fills fixed templates from a product's data, no LLM involved.

It exists so the demo and tests produce sensible, policy-safe creatives without an API key,
and as the fallback when no model is configured. Everything it emits is labelled
``provider="template"`` and says which template produced it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from affiliate.content.angles import angle_for
from affiliate.content.fitting import first_fitting, title_case, trim_sentences, trim_to_words
from affiliate.content.guardrails import find_banned
from affiliate.content.model import (
    BODY_LEAD_MAX,
    BODY_MAX,
    HEADLINE_MAX,
    Creative,
    ProductBrief,
)
from affiliate.content.templates import TEMPLATES, AdTemplate

# Vendor titles run long ("Yoga Burn - The 12-Week Program | Official"); the part before the
# first separator is the name people know.
_NAME_SEPARATORS = re.compile(r"\s+[-–—|:]\s+|:\s+|\s+\(")
_SYMBOLS = str.maketrans("", "", "™®©!")


class TemplateWriter:
    """Deterministic ad copy: the same seed, product and variant always give the same ad.

    A product's variants walk through the templates in turn from a starting point chosen by
    hashing the seed and the product's network_id, so one product's first N variants use N
    different templates and different products start in different places.
    """

    provider = "template"

    def __init__(self, seed: int | str = 0, templates: Sequence[AdTemplate] = TEMPLATES) -> None:
        if not templates:
            raise ValueError("TemplateWriter needs at least one template")
        self.seed = seed
        self.templates = tuple(templates)

    def template_for(self, product: ProductBrief, variant: int = 0) -> AdTemplate:
        if variant < 0:
            raise ValueError(f"variant must be ≥ 0, got {variant}")
        key = f"{self.seed}|{product.network_id or product.name}".encode()
        # sha256, not hash(): Python salts str hashes per process, which would break
        # determinism across runs.
        start = int.from_bytes(hashlib.sha256(key).digest()[:8], "big")
        return self.templates[(start + variant) % len(self.templates)]

    def write_ad(self, product: ProductBrief, variant: int = 0) -> Creative:
        """One ad for ``product``: headline ≤ 40 characters, body ≤ 500 whose opening
        sentence fits the 125 characters shown before "See more"."""
        template = self.template_for(product, variant)
        slots = _slots(product)
        headline = first_fitting(_fill(template.headlines, slots), HEADLINE_MAX)
        lead = first_fitting(_fill(template.leads, slots), BODY_LEAD_MAX, sentence=True)
        body = trim_sentences(f"{lead} {template.detail.format(**slots)}", BODY_MAX)
        if not headline:
            # Only reachable with a custom template whose last headline has a first word
            # over 40 characters; a template's own name-free words are the safe fallback.
            headline = trim_to_words(title_case(slots["topic"]), HEADLINE_MAX)
        creative = Creative(
            headline=headline,
            body=body or trim_to_words(lead, BODY_MAX),
            call_to_action=template.call_to_action,
            template_id=template.template_id,
            template_version=template.version,
            provider=self.provider,
            model=None,
        )
        problems = find_banned(f"{creative.headline}\n{creative.body}")
        if problems:
            # Names are screened and templates are fixed text, so this is a template bug.
            raise ValueError(f"template {template.template_id} produced banned copy: {problems}")
        return creative


def clean_name(raw_name: str) -> str | None:
    """The product name as an ad may show it, or None when it must not be shown at all
    (empty, or carrying a claim the guardrails forbid, e.g. "Guaranteed Profits")."""
    name = " ".join(raw_name.translate(_SYMBOLS).split())
    head = _NAME_SEPARATORS.split(name, maxsplit=1)[0].strip()
    if len(head) >= 3:
        name = head
    if name.isupper() and len(name) > 4:
        name = title_case(name.lower())  # shouting names read as spam and break ad rules
    if not name or find_banned(name):
        return None
    return name


def _slots(product: ProductBrief) -> dict[str, str]:
    angle = angle_for(product)
    return {
        # None makes the name-using options fail to format; _fill then skips them.
        "name": clean_name(product.name) or "",
        "topic": angle.topic,
        "Topic": title_case(angle.topic),
        "benefit": angle.benefit,
        "Benefit": title_case(angle.benefit),
        "benefit_sentence": angle.benefit[:1].upper() + angle.benefit[1:],
    }


def _fill(options: tuple[str, ...], slots: dict[str, str]) -> list[str]:
    """Each option filled in; options that need a name are dropped when there is none."""
    usable = [o for o in options if slots["name"] or "{name}" not in o] or list(options[-1:])
    return [o.format(**slots) for o in usable]
