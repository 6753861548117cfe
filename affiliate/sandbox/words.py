"""Word lists the sandbox catalog composes product titles and descriptions from.

Kept apart from the generator so the vocabulary can grow without touching any logic.
Categories follow ClickBank's marketplace tree (top level > sub-category).
"""

from __future__ import annotations

# (top category, sub-category) -> (topics for titles, one-line pitch for descriptions)
CATEGORY_TOPICS: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    ("Health & Fitness", "Diets & Weight Loss"): (
        ("Keto", "Fat Burn", "Metabolism", "Belly Fat", "Intermittent Fasting", "Low Carb"),
        "shed stubborn pounds without starving yourself",
    ),
    ("Health & Fitness", "Exercise & Fitness"): (
        ("Home Workout", "Kettlebell", "Calisthenics", "Core Strength", "Mobility", "HIIT"),
        "build strength and stamina in minutes a day",
    ),
    ("Health & Fitness", "Remedies"): (
        ("Blood Sugar", "Joint Pain", "Sleep", "Tinnitus", "Back Pain", "Gut Health"),
        "natural relief backed by simple daily habits",
    ),
    ("E-business & E-marketing", "Affiliate Marketing"): (
        ("Commission", "Affiliate Profit", "Niche Site", "Super Affiliate", "Passive Income"),
        "turn traffic into recurring affiliate commissions",
    ),
    ("E-business & E-marketing", "Email Marketing"): (
        ("List Building", "Autoresponder", "Inbox Profit", "Email Copy", "Newsletter"),
        "grow a list that buys again and again",
    ),
    ("E-business & E-marketing", "SEO & SEM"): (
        ("Rank Booster", "Keyword", "Backlink", "Local SEO", "Traffic Surge"),
        "get found on page one without paid ads",
    ),
    ("Self-Help", "Personal Finance"): (
        ("Debt Free", "Budget", "Credit Repair", "Side Hustle", "Wealth Mindset"),
        "take control of your money step by step",
    ),
    ("Self-Help", "Relationships"): (
        ("Text Chemistry", "Attraction", "Marriage Rescue", "Ex Back", "Dating Confidence"),
        "the words that rebuild connection",
    ),
    ("Self-Help", "Motivational"): (
        ("Habit", "Focus", "Confidence", "Productivity", "Morning Routine"),
        "rewire daily habits for lasting change",
    ),
    ("Home & Garden", "Gardening & Horticulture"): (
        ("Backyard Garden", "Hydroponics", "Raised Bed", "Organic Veggie", "Greenhouse"),
        "grow more food in less space",
    ),
    ("Home & Garden", "Woodworking"): (
        ("Woodworking Plans", "Shed Plans", "Furniture Build", "Workshop", "DIY Cabin"),
        "thousands of step-by-step plans for every skill level",
    ),
    ("Spirituality, New Age & Alternative Beliefs", "Manifestation"): (
        ("Manifestation", "Wealth Frequency", "Abundance", "Law of Attraction", "Money Code"),
        "align your mindset with the life you want",
    ),
    ("Spirituality, New Age & Alternative Beliefs", "Astrology"): (
        ("Birth Chart", "Moon Reading", "Zodiac", "Numerology", "Tarot"),
        "personal readings that reveal your path",
    ),
    ("Cooking, Food & Wine", "Recipes"): (
        ("Air Fryer", "Meal Prep", "Smoothie", "Slow Cooker", "Anti-Inflammatory Kitchen"),
        "delicious recipes the whole family loves",
    ),
    ("Betting Systems", "Sports"): (
        ("Betting Edge", "Football Tips", "Horse Racing", "Value Bet", "Tennis Trader"),
        "data-driven picks with disciplined staking",
    ),
}

TITLE_PREFIXES: tuple[str, ...] = (
    "The Ultimate",
    "Rapid",
    "Total",
    "Simple",
    "Natural",
    "Proven",
    "7-Minute",
    "21-Day",
    "Secret",
    "Smart",
    "Quantum",
    "Complete",
)

TITLE_SUFFIXES: tuple[str, ...] = (
    "System",
    "Blueprint",
    "Protocol",
    "Formula",
    "Method",
    "Masterclass",
    "Code",
    "Solution",
    "Academy",
    "Secrets",
    "Reset",
    "Program",
)

DESCRIPTION_OPENERS: tuple[str, ...] = (
    "New for this year",
    "High converting offer",
    "Top affiliate pick",
    "Proven evergreen offer",
    "Fresh VSL",
    "Brand new funnel",
)

FIRST_NAMES: tuple[str, ...] = (
    "Ana", "Bruno", "Carla", "Diego", "Elena", "Felipe", "Gina", "Hugo", "Iris", "Joao",
    "Karen", "Lucas", "Marta", "Nina", "Oscar", "Paula", "Rafael", "Sofia", "Tiago", "Vera",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Rodrigues",
    "Almeida", "Nunes", "Smith", "Johnson", "Brown", "Miller", "Garcia", "Martin",
)  # fmt: skip
