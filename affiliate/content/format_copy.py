"""What a stored creative of each format shows, and the words the compliance gate reads.

A creative row keeps the format's whole validated output as JSON (``content``); its
``headline``/``body``/``call_to_action`` columns hold a summary a list or an ad platform can
show (for a Meta ad variation they are exactly what runs). The gate must read every word a
reader could see, so :func:`parts_to_check` walks all of a format's fields, not the summary —
and splits a sequence of emails into its emails, as each is read (and must disclose) alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from affiliate.compliance.checker import CopyPart
from affiliate.content import formats
from affiliate.content.prompt_library import load_prompt

FORMATS = (
    "meta_ad",
    "google_rsa",
    "video_script",
    "email_sequence",
    "landing_page",
    "seo_outline",
)
# Emails, landing pages and articles are not ads on one platform. They are judged under Meta's
# rules: its claim families (health, income, personal attributes, urgency) and the FTC
# disclosure are the broadest general set in the corpus, so copy that passes them is safe to
# send or publish; Google's and TikTok's extra rules are about their ad formats.
UNPLATFORMED_GATE = "meta"


@dataclass(frozen=True)
class Summary:
    headline: str
    body: str
    call_to_action: str | None


def model_for(fmt: str) -> type[formats.Output]:
    """The pydantic model of a format (for a Meta ad: one variation, as each is a creative)."""
    if fmt == "meta_ad":
        return formats.MetaAdVariation
    return formats.SCHEMAS[load_prompt(fmt).schema]


def gate_platform(fmt: str) -> str:
    """The platform whose rules judge a creative of this format."""
    return load_prompt(fmt).platform or UNPLATFORMED_GATE


def summary(fmt: str, output: formats.Output) -> Summary:
    """The headline, body and call to action a list shows for one creative."""
    match output:
        case formats.MetaAdVariation():
            return Summary(output.headline, output.primary_text, output.call_to_action)
        case formats.GoogleResponsiveSearchAd():
            return Summary(output.headlines[0], output.descriptions[0], None)
        case formats.VideoScript():
            return Summary(output.hook, output.caption, output.call_to_action)
        case formats.EmailSequence():
            first = output.emails[0]
            return Summary(first.subject, first.body, first.call_to_action)
        case formats.LandingPage():
            hero = output.hero
            return Summary(hero.headline, hero.subheadline, hero.call_to_action)
        case formats.SeoOutline():
            return Summary(output.title, output.meta_description, None)
    raise ValueError(f"no summary for format {fmt!r} ({type(output).__name__})")


def parts_to_check(fmt: str, content: dict) -> list[CopyPart]:
    """What the gate judges: one part per email of a sequence (its subject as the headline;
    preview text first, as an inbox shows it), the whole copy as one part for other formats."""
    output = model_for(fmt).model_validate(content)
    if isinstance(output, formats.EmailSequence):
        return [
            CopyPart(
                text="\n".join(t for t in (e.preview_text, e.body, e.call_to_action) if t),
                headline=e.subject or None,
                name=f"email {number}",
                headline_is="subject",
            )
            for number, e in enumerate(output.emails, 1)
        ]
    headline, text = copy_to_check(fmt, content)
    return [CopyPart(text=text, headline=headline)]


def copy_to_check(fmt: str, content: dict) -> tuple[str | None, str]:
    """(headline, text): every headline-like field, then every other word, as one text.

    The gate reads :func:`parts_to_check` instead; for every format but the email sequence
    the two are the same words."""
    output = model_for(fmt).model_validate(content)
    headlines, texts = _fields(output)
    return ("\n".join(headlines) or None), "\n".join(t for t in texts if t)


def _fields(output: formats.Output) -> tuple[list[str], list[str]]:
    match output:
        case formats.MetaAdVariation():
            return [output.headline], [
                output.primary_text,
                output.description,
                output.call_to_action,
            ]
        case formats.GoogleResponsiveSearchAd():
            return list(output.headlines), [*output.descriptions, output.path1, output.path2]
        case formats.VideoScript():
            scenes = [
                part for s in output.scenes for part in (s.visual, s.voiceover, s.on_screen_text)
            ]
            # The caption is the post's text, the part TikTok cuts after 100 characters: it
            # comes first, as a viewer reads it beside the video.
            return [output.hook], [output.caption, *scenes, output.call_to_action]
        case formats.EmailSequence():
            return [e.subject for e in output.emails], [
                part for e in output.emails for part in (e.preview_text, e.body, e.call_to_action)
            ]
        case formats.LandingPage():
            page = output
            return [page.hero.headline], [
                page.hero.subheadline,
                page.hero.call_to_action,
                *(f"{b.title}\n{b.text}" for b in page.benefits),
                page.proof.heading,
                *page.proof.points,
                *(f"{f.question}\n{f.answer}" for f in page.faq),
                page.call_to_action.headline,
                page.call_to_action.text,
                page.call_to_action.button,
            ]
        case formats.SeoOutline():
            sections = [part for s in output.sections for part in (s.h2, *s.h3, s.notes)]
            return [output.title], [output.meta_description, *sections]
    raise ValueError(f"no copy fields for {type(output).__name__}")
