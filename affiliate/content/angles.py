"""The angle an ad takes on a product: a short topic and a modest benefit phrase.

Both come from fixed word lists matched against the product's category, name and
description, never from the vendor's own copy, which is where hype and forbidden claims
live. Benefits are deliberately modest ("build healthier eating habits", not results).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from affiliate.content.model import ProductBrief


@dataclass(frozen=True)
class Angle:
    topic: str  # a noun phrase that reads after "about", e.g. "healthy eating"
    benefit: str  # a verb phrase that reads after "help you", e.g. "cook with more confidence"


# (keywords, angle). A keyword matches a whole word, optionally with a plural or -ing
# ending ("diet" matches "Diets", not "dietician"). Order matters: the first list that
# matches wins, so narrower subjects come before broad ones such as "health" or "business".
ANGLES: tuple[tuple[tuple[str, ...], Angle], ...] = (
    (
        ("diet", "weight", "keto", "nutrition", "meal", "fat"),
        Angle("healthy eating", "build healthier eating habits"),
    ),
    (
        ("fitness", "workout", "exercise", "yoga", "muscle", "training", "pilates"),
        Angle("your workouts", "follow a clear workout plan"),
    ),
    (
        ("dog", "cat", "pet", "puppy", "puppies", "horse"),
        Angle("pet care", "understand your pet a little better"),
    ),
    (("garden", "plant", "growing"), Angle("gardening", "plan a garden you enjoy")),
    (
        ("cook", "recipe", "food", "baking", "kitchen"),
        Angle("home cooking", "cook with more confidence"),
    ),
    (
        ("language", "spanish", "french", "english", "vocabulary"),
        Angle("language learning", "practise a new language at your pace"),
    ),
    (
        ("guitar", "piano", "music", "singing", "drum"),
        Angle("music practice", "practise music step by step"),
    ),
    (
        ("sleep", "stress", "meditation", "mindfulness", "relax", "relaxation"),
        Angle("your daily routine", "build a calmer daily routine"),
    ),
    (
        ("relationship", "dating", "marriage", "communication"),
        Angle("relationships", "communicate with more clarity"),
    ),
    (
        ("parent", "family", "baby", "kids", "child", "children"),
        Angle("family life", "find practical ideas for family life"),
    ),
    (
        ("woodwork", "diy", "craft", "crafts", "home improvement"),
        Angle("DIY projects", "plan your projects step by step"),
    ),
    (
        ("software", "computer", "technology", "app", "coding"),
        Angle("your digital tools", "get more out of your software"),
    ),
    (
        ("business", "marketing", "e-business", "investing", "career", "employment"),
        Angle("business skills", "sharpen your business skills"),
    ),
    (
        ("self-help", "motivation", "productivity", "success", "habit"),
        Angle("personal growth", "work on habits that matter to you"),
    ),
    (
        ("health", "wellness", "beauty", "skin", "skincare"),
        Angle("everyday wellness", "learn about everyday wellness habits"),
    ),
)
DEFAULT_ANGLE = Angle("this subject", "learn more at your own pace")


def angle_for(brief: ProductBrief) -> Angle:
    """The first angle whose keywords appear in the category leaf, name, description or
    broader category, searched in that order (the leaf is the most specific signal)."""
    path = [part.strip() for part in (brief.category or "").split(">") if part.strip()]
    leaf = path[-1] if path else ""
    for text in (leaf, brief.name, brief.description or "", " ".join(path[:-1])):
        lowered = text.lower()
        for words, angle in ANGLES:
            if any(re.search(rf"\b{re.escape(word)}(?:s|es|ing)?\b", lowered) for word in words):
                return angle
    return DEFAULT_ANGLE
