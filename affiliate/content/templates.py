"""The offline writer's ad templates, as data.

Each template is a structurally different way into the same product (a question, a
benefit, curiosity, others' opinions, a problem, a how-to, a spotlight, reasons, a first
step). Slots: ``{name}`` (the cleaned product name), ``{topic}``/``{Topic}`` and
``{benefit}``/``{Benefit}`` (from :mod:`affiliate.content.angles`; capitalised forms are
title case) and ``{benefit_sentence}`` (the benefit with a capital first letter). Options
are tried in order and the first that fits the platform limit wins, so every template
ends with an option that does not use the name (for long names, or names the guardrails
reject).

Copy rules, kept by every line below and checked by the tests: no promises of results,
no money or income, no urgency, no "!", no questions about the reader's personal traits,
and the product is "designed to help", never said to work.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AdTemplate:
    template_id: str
    version: int
    style: str
    headlines: tuple[str, ...]  # ≤ 40 characters once filled; first that fits wins
    leads: tuple[str, ...]  # the body's opening, ≤ 125 characters once filled
    detail: str  # the rest of the body, dropped sentence by sentence if too long
    call_to_action: str


TEMPLATES: tuple[AdTemplate, ...] = (
    AdTemplate(
        template_id="ad.question-hook.v1",
        version=1,
        style="question hook",
        headlines=("Curious About {name}?", "Curious About {Topic}?"),
        leads=(
            "Looking for a fresh take on {topic}? {name} is designed to help you {benefit}.",
            "Looking for a fresh take on {topic}? This one is designed to help you {benefit}.",
        ),
        detail="Read the overview, see what is included and decide whether it suits you.",
        call_to_action="Learn More",
    ),
    AdTemplate(
        template_id="ad.benefit-first.v1",
        version=1,
        style="benefit first",
        headlines=("{Benefit} with {name}", "{Benefit}", "A Fresh Approach to {Topic}"),
        leads=(
            "{benefit_sentence} with {name}, a resource focused on {topic}.",
            "{benefit_sentence} with a resource focused on {topic}.",
        ),
        detail="See what it covers and how it is organised before you decide.",
        call_to_action="Learn More",
    ),
    AdTemplate(
        template_id="ad.curiosity.v1",
        version=1,
        style="curiosity",
        headlines=("What's Inside {name}", "A Closer Look at {Topic}"),
        leads=(
            "Wondering what {name} covers? Here is a plain look at its approach to {topic}.",
            "Wondering what this resource covers? Here is a plain look at its approach to {topic}.",
        ),
        detail="It is designed to help you {benefit}. Open the page to see the details.",
        call_to_action="Learn More",
    ),
    AdTemplate(
        template_id="ad.social-proof.v1",
        version=1,
        style="social proof without numbers",
        headlines=("What Others Say About {name}", "Compare Notes on {Topic}"),
        leads=(
            "People interested in {topic} often compare notes before they choose. "
            "See how {name} approaches it.",
            "People interested in {topic} often compare notes before they choose. "
            "See how this one approaches it.",
        ),
        detail="It is designed to help you {benefit}. Read what others share and judge "
        "for yourself.",
        call_to_action="Learn More",
    ),
    AdTemplate(
        template_id="ad.problem-solution.v1",
        version=1,
        style="problem, then solution",
        headlines=("A Clearer Plan for {Topic}", "A Clearer Plan"),
        leads=(
            "Progress with {topic} can feel slow without a plan. {name} offers one "
            "structured approach.",
            "Progress with {topic} can feel slow without a plan. Here is one structured approach.",
        ),
        detail="It is designed to help you {benefit}. Take a look and see whether it fits "
        "the way you like to work.",
        call_to_action="Learn More",
    ),
    AdTemplate(
        template_id="ad.how-to.v1",
        version=1,
        style="how-to",
        headlines=("How to {Benefit}", "How to Approach {Topic}", "A Guide to {Topic}"),
        leads=(
            "Want to {benefit}? {name} is designed to help, with a focus on {topic}.",
            "Want to {benefit}? This resource is designed to help, with a focus on {topic}.",
        ),
        detail="Have a look at what it includes and decide if it is right for you.",
        call_to_action="Learn More",
    ),
    AdTemplate(
        template_id="ad.product-spotlight.v1",
        version=1,
        style="product spotlight",
        headlines=("Meet {name}", "Something New for {Topic}"),
        leads=(
            "Meet {name}: a {topic} resource designed to help you {benefit}.",
            "Meet a {topic} resource designed to help you {benefit}.",
        ),
        detail="Visit the page to see what is included and whether it suits you.",
        call_to_action="Shop Now",
    ),
    AdTemplate(
        template_id="ad.reason-why.v1",
        version=1,
        style="reason why",
        headlines=("Why Consider {name}", "Why Look Into {Topic}"),
        leads=(
            "Thinking about {topic}? {name} may be worth a look: it is designed to help "
            "you {benefit}.",
            "Thinking about {topic}? This may be worth a look: it is designed to help you "
            "{benefit}.",
        ),
        detail="Read the overview and make up your own mind.",
        call_to_action="Learn More",
    ),
    AdTemplate(
        template_id="ad.first-step.v1",
        version=1,
        style="first step",
        headlines=("Start With {name}", "A Simple Start With {Topic}", "A Simple Start"),
        leads=(
            "New to {topic}, or picking it back up? {name} is designed to help you {benefit}.",
            "New to {topic}, or picking it back up? This resource is designed to help you "
            "{benefit}.",
        ),
        detail="See how it is structured and begin when it suits you.",
        call_to_action="Learn More",
    ),
)
