"""The structured outputs of the prompt library, with each platform's limits enforced.

An LLM's answer is parsed into one of these models; whatever breaks a limit is rejected
with a message the model can act on (the repair call shows it those messages). The offline
template writer fills the same models, so every writer's output is checked the same way.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

# Meta shows about 125 characters of primary text before "See more".
META_LEAD_MAX = 125

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def limited(max_length: int, min_length: int = 1):
    return Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length)
    ]


class Output(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MetaAdVariation(Output):
    primary_text: limited(500)
    headline: limited(40)
    description: limited(30)
    call_to_action: Literal[
        "Learn More", "Shop Now", "Sign Up", "Download", "Get Offer", "Subscribe", "Watch More"
    ]

    @model_validator(mode="after")
    def _message_before_truncation(self):
        # The first sentence must end within the visible part, so the message survives "See more".
        text = self.primary_text
        if len(text) > META_LEAD_MAX and not re.search(r"[.?]\s", text[: META_LEAD_MAX + 1]):
            raise ValueError(
                f"primary_text: the first sentence must end within {META_LEAD_MAX} characters "
                "(Meta truncates the rest behind 'See more')"
            )
        return self


class MetaAd(Output):
    """Facebook/Instagram ad: 1–5 variations."""

    variations: list[MetaAdVariation] = Field(min_length=1, max_length=5)


DisplayPath = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=15, pattern=r"^[^\s/]*$")
]


class GoogleResponsiveSearchAd(Output):
    headlines: list[limited(30)] = Field(min_length=3, max_length=15)
    descriptions: list[limited(90)] = Field(min_length=2, max_length=4)
    path1: DisplayPath
    path2: DisplayPath

    @model_validator(mode="after")
    def _distinct(self):
        for field in ("headlines", "descriptions"):
            values = [v.lower() for v in getattr(self, field)]
            if len(set(values)) != len(values):
                raise ValueError(f"{field} must all be different (Google rejects duplicates)")
        return self


class Scene(Output):
    start_s: float = Field(ge=0)
    end_s: float = Field(gt=0)
    visual: limited(200)
    voiceover: limited(300, min_length=0)
    on_screen_text: limited(60, min_length=0)


class VideoScript(Output):
    """TikTok/Reels script: scenes back to back from 0 s to the total length."""

    hook: limited(100)
    total_seconds: float = Field(ge=6, le=90)
    scenes: list[Scene] = Field(min_length=3, max_length=12)
    caption: limited(300)
    call_to_action: limited(40)

    @model_validator(mode="after")
    def _timing(self):
        expected_start = 0.0
        for number, scene in enumerate(self.scenes, 1):
            if abs(scene.start_s - expected_start) > 1e-6 or scene.end_s <= scene.start_s:
                raise ValueError(
                    f"scene {number} must start at {expected_start:g} s (where the previous "
                    "ended) and end after it starts"
                )
            expected_start = scene.end_s
        if abs(expected_start - self.total_seconds) > 1e-6:
            raise ValueError(
                f"the last scene ends at {expected_start:g} s but total_seconds is "
                f"{self.total_seconds:g}"
            )
        return self


class Email(Output):
    day: int = Field(ge=0, le=60)
    subject: limited(60)
    preview_text: limited(90)
    body: limited(2000)
    call_to_action: limited(40)


class EmailSequence(Output):
    emails: list[Email] = Field(min_length=5, max_length=5)

    @model_validator(mode="after")
    def _days_in_order(self):
        days = [e.day for e in self.emails]
        if days != sorted(days):
            raise ValueError(f"emails must be in order of day, got days {days}")
        return self


class Hero(Output):
    headline: limited(70)
    subheadline: limited(160)
    call_to_action: limited(30)


class Benefit(Output):
    title: limited(50)
    text: limited(200)


class Proof(Output):
    heading: limited(70)
    points: list[limited(160)] = Field(min_length=2, max_length=5)


class FaqItem(Output):
    question: limited(120)
    answer: limited(400)


class ClosingCallToAction(Output):
    headline: limited(70)
    text: limited(200)
    button: limited(30)


class LandingPage(Output):
    hero: Hero
    benefits: list[Benefit] = Field(min_length=3, max_length=6)
    proof: Proof
    faq: list[FaqItem] = Field(min_length=3, max_length=8)
    call_to_action: ClosingCallToAction


class OutlineSection(Output):
    h2: limited(80)
    h3: list[limited(80)] = Field(default_factory=list, max_length=6)
    notes: limited(300)


class SeoOutline(Output):
    title: limited(60)
    meta_description: limited(160, min_length=50)
    slug: Annotated[str, StringConstraints(max_length=75, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    primary_keyword: limited(60)
    secondary_keywords: list[limited(60)] = Field(default_factory=list, max_length=10)
    sections: list[OutlineSection] = Field(min_length=3, max_length=12)


class MetaPrompt(Output):
    """Meta-prompting's first step: the bespoke instructions for one product and channel."""

    prompt: limited(6000, min_length=80)


SCHEMAS: dict[str, type[Output]] = {
    model.__name__: model
    for model in (
        MetaAd,
        GoogleResponsiveSearchAd,
        VideoScript,
        EmailSequence,
        LandingPage,
        SeoOutline,
        MetaPrompt,
    )
}
