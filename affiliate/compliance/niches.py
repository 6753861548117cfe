"""Niche tags the policy rules use, derived from a marketplace category when not given."""

from __future__ import annotations

NICHES = (
    "weight_loss",
    "health",
    "fitness",
    "beauty",
    "make_money",
    "finance",
    "software",
    "relationships",
    "home_garden",
    "general",
)

# Checked in order: the first keyword found in the category decides ("Diets & Weight Loss"
# is weight_loss before it is health).
_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("weight", "weight_loss"),
    ("diet", "weight_loss"),
    ("keto", "weight_loss"),
    ("exercise", "fitness"),
    ("fitness", "health"),
    ("remed", "health"),
    ("health", "health"),
    ("nutrition", "health"),
    ("supplement", "health"),
    ("beauty", "beauty"),
    ("cosmetic", "beauty"),
    ("skin", "beauty"),
    ("e-business", "make_money"),
    ("marketing", "make_money"),
    ("affiliate", "make_money"),
    ("business", "make_money"),
    ("invest", "finance"),
    ("finance", "finance"),
    ("money", "finance"),
    ("software", "software"),
    ("computer", "software"),
    ("internet", "software"),
    ("relationship", "relationships"),
    ("dating", "relationships"),
    ("home", "home_garden"),
    ("garden", "home_garden"),
)


def niche_for_category(category: str | None) -> str:
    """The policy niche for a marketplace category such as "Health & Fitness > Remedies"."""
    lowered = (category or "").lower()
    for keyword, niche in _KEYWORDS:
        if keyword in lowered:
            return niche
    return "general"
