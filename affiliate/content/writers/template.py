"""The offline writer for every format of the prompt library: no LLM, no key, no cost.

Copy is assembled from the product's cleaned name, its angle (topic and a modest benefit,
see :mod:`affiliate.content.angles`) and fixed, policy-safe phrase banks, then validated by
the same pydantic models as an LLM's answer. Which phrases and structure a product gets is
chosen by hashing its id with the variant, so the same product always gets the same copy and
different products (or variants) read differently. Labelled ``provider="template"``.
"""

from __future__ import annotations

import hashlib
import re

from affiliate.content import formats
from affiliate.content.angles import angle_for
from affiliate.content.fitting import first_fitting, title_case, trim_to_words
from affiliate.content.guardrails import find_banned
from affiliate.content.model import ProductBrief
from affiliate.content.template_writer import TemplateWriter, clean_name
from affiliate.content.templates import TEMPLATES

VERSION = "1"
DISCLOSURE = "#ad: affiliate link, I may receive a commission if you buy."


class TemplateFormatWriter:
    provider = "template"

    def __init__(self, seed: int | str = 0) -> None:
        self.seed = seed
        self._ads = TemplateWriter(seed)

    def write(
        self, brief: ProductBrief, task: str, variant: int = 0, variations: int = 3
    ) -> formats.Output:
        s = _Slots(brief, self.seed, variant)
        builders = {
            "meta_ad": lambda: self._meta_ad(brief, s, variant, variations),
            "google_rsa": lambda: _google_rsa(s),
            "video_script": lambda: _video_script(s),
            "email_sequence": lambda: _email_sequence(s),
            "landing_page": lambda: _landing_page(s),
            "seo_outline": lambda: _seo_outline(s),
        }
        if task not in builders:
            raise ValueError(f"the template writer has no {task!r} format ({', '.join(builders)})")
        output = builders[task]()
        problems = find_banned(_all_text(output).replace(DISCLOSURE, ""))
        if problems:
            raise ValueError(f"template {task} produced banned copy: {problems}")  # a bug here
        return output

    def _meta_ad(self, brief, s: _Slots, variant: int, variations: int) -> formats.MetaAd:
        count = max(1, min(variations, 5, len(TEMPLATES)))
        out = []
        for i in range(count):
            ad = self._ads.write_ad(brief, variant * count + i)
            description = first_fitting(
                s.rotate(
                    [f"{s.Topic}, step by step", "See what is included", "Read the overview"],
                    i,
                ),
                30,
            )
            out.append(
                formats.MetaAdVariation(
                    primary_text=ad.body,
                    headline=ad.headline,
                    description=description,
                    call_to_action=ad.call_to_action,
                )
            )
        return formats.MetaAd(variations=out)


class _Slots:
    """The product's words for the phrase banks, and a deterministic chooser."""

    def __init__(self, brief: ProductBrief, seed, variant: int) -> None:
        angle = angle_for(brief)
        self.name = clean_name(brief.name) or ""
        self.topic, self.Topic = angle.topic, title_case(angle.topic)
        self.benefit = angle.benefit
        self.Benefit = title_case(angle.benefit)
        # How the copy refers to the product when its name cannot be shown.
        self.it = self.name or "this resource"
        self.It = self.name or "This resource"
        path = [p.strip() for p in (brief.category or "").split(">") if p.strip()]
        keyword = re.sub(r"^(your|this) ", "", angle.topic)
        self.keyword = keyword if keyword != "subject" else (path[-1].lower() if path else "")
        self.keyword = self.keyword or (self.name.lower() or "learning at your own pace")
        key = f"{seed}|{brief.network_id or brief.name}|{variant}".encode()
        self._start = int.from_bytes(hashlib.sha256(key).digest()[:8], "big")

    def pick(self, options: list, salt: int = 0):
        return options[(self._start + salt) % len(options)]

    def rotate(self, options: list, salt: int = 0) -> list:
        start = (self._start + salt) % len(options)
        return options[start:] + options[:start]

    def named(self, with_name: str, without: str) -> str:
        return with_name if self.name else without


def _fits(options: list[str], limit: int) -> list[str]:
    seen, kept = set(), []
    for option in options:
        if len(option) <= limit and option.lower() not in seen:
            seen.add(option.lower())
            kept.append(option)
    return kept


def _google_rsa(s: _Slots) -> formats.GoogleResponsiveSearchAd:
    headlines = _fits(
        s.rotate(
            [
                s.name,
                f"{s.name} Overview" if s.name else "",
                f"A Guide to {s.Topic}",
                f"{s.Topic} Step by Step",
                f"Learn About {s.Topic}",
                f"Explore {s.Topic}",
                s.Benefit,
                "See What Is Included",
                "Read the Full Overview",
                "Learn at Your Own Pace",
                "A Structured Approach",
                "Decide If It Suits You",
                "Plain Facts, No Hype",
                "Clear, Practical Guidance",
            ],
            1,
        ),
        30,
    )
    descriptions = _fits(
        s.rotate(
            [
                f"{s.It} is designed to help you {s.benefit}.",
                f"A structured approach to {s.topic}. See what is included before you decide.",
                f"Read the overview of {s.it} and judge for yourself whether it suits you.",
                f"Designed to help you {s.benefit}. Learn how it is organised.",
                f"A practical resource on {s.topic}, organised step by step.",
            ],
            2,
        ),
        90,
    )
    path1 = trim_to_words(s.Topic.replace("Your ", ""), 15).replace(" ", "-") or "Guide"
    path2 = s.pick(["Guide", "Overview", "Details", "Learn-More"], 3)
    return formats.GoogleResponsiveSearchAd(
        headlines=[h for h in headlines if h][:12],
        descriptions=descriptions[:4],
        path1=path1,
        path2=path2 if path2.lower() != path1.lower() else "Info",
    )


_VIDEO_STRUCTURES = (
    # (hook, scene plan as (seconds, visual, voiceover, on-screen text))
    (
        "Here is a plain look at {it}.",
        [
            (3, "Creator to camera, holding a phone", "Here is a plain look at {it}.", "{Topic}"),
            (6, "Screen recording of the product page", "It focuses on {topic}.", "What it is"),
            (
                8,
                "Scroll through the overview",
                "It is designed to help you {benefit}.",
                "Designed to help you {benefit}",
            ),
            (
                6,
                "Creator to camera",
                "Read what is included and decide if it suits you.",
                "Decide for yourself",
            ),
            (4, "Link in bio graphic", "The link is in my bio. #ad", "Link in bio · #ad"),
        ],
    ),
    (
        "Thinking about {topic}? Watch this first.",
        [
            (
                3,
                "Close-up of a notebook titled {Topic}",
                "Thinking about {topic}?",
                "Thinking about {topic}?",
            ),
            (5, "Creator at a desk", "Progress can feel slow without a plan.", "Without a plan"),
            (
                7,
                "Product page on a laptop",
                "{It} offers one structured approach.",
                "One structured approach",
            ),
            (
                5,
                "Creator pointing to the screen",
                "See how it is organised before you choose.",
                "See how it is organised",
            ),
            (
                4,
                "Text card",
                "Link in bio. This is an ad and I may receive a commission.",
                "#ad · link in bio",
            ),
        ],
    ),
    (
        "Three things to know about {it}.",
        [
            (
                3,
                "Creator counting on fingers",
                "Three things to know about {it}.",
                "3 things to know",
            ),
            (5, "Product page, section one", "One: it is about {topic}.", "1. The subject"),
            (
                6,
                "Product page, section two",
                "Two: it is designed to help you {benefit}.",
                "2. What it helps with",
            ),
            (
                6,
                "Creator to camera",
                "Three: you can read the full overview before you decide.",
                "3. Read the overview",
            ),
            (4, "Link in bio graphic", "Link in bio. #ad", "#ad · link in bio"),
        ],
    ),
)


def _video_script(s: _Slots) -> formats.VideoScript:
    hook, plan = s.pick(list(_VIDEO_STRUCTURES), 4)
    words = vars(s) | {"it": s.it, "It": s.It}
    scenes, start = [], 0
    for seconds, visual, voiceover, on_screen in plan:
        scenes.append(
            formats.Scene(
                start_s=start,
                end_s=start + seconds,
                visual=visual.format(**words),
                voiceover=voiceover.format(**words),
                on_screen_text=trim_to_words(on_screen.format(**words), 60),
            )
        )
        start += seconds
    caption = f"{DISCLOSURE} A plain look at {s.it} for anyone interested in {s.topic}."
    return formats.VideoScript(
        hook=trim_to_words(hook.format(**words), 100),
        total_seconds=start,
        scenes=scenes,
        caption=trim_to_words(caption, 300),
        call_to_action="See the link in bio",
    )


def _email_sequence(s: _Slots) -> formats.EmailSequence:
    days = s.pick([[0, 1, 3, 5, 7], [0, 2, 4, 6, 9], [0, 1, 2, 4, 7]], 5)
    emails = [
        (
            s.pick([f"Welcome: your notes on {s.topic}", "Welcome, and what to expect"], 6),
            f"What the next few emails cover about {s.topic}.",
            # Disclosed first, in each email that recommends: an email is read on its own,
            # and a disclosure counts only before the reader's client cuts the preview.
            f"{DISCLOSURE} Thanks for signing up. Over the next few emails I will share "
            f"practical notes on {s.topic}, and one resource I think is worth a look. You can "
            "unsubscribe at any time with the link at the bottom.",
            "Reply and say hello",
        ),
        (
            s.pick([f"One habit that helps with {s.topic}", "A simple place to start"], 7),
            "A practical tip, no pitch.",
            f"A useful way into {s.topic} is to start small and be consistent: pick one thing "
            "to practise, write down what you tried, and review it after a few sessions. "
            "Small notes add up to a clear picture of what works for you.",
            "Try it this week",
        ),
        (
            s.named(f"A closer look at {s.name}", f"A resource on {s.topic}"),
            "What it is and who it suits.",
            f"{DISCLOSURE} {s.It} is designed to help you {s.benefit}. It focuses on "
            f"{s.topic} and sets out a structured approach you can follow at your pace.",
            "Read the overview",
        ),
        (
            "Your questions, answered honestly",
            "Including who it is not for.",
            f"{DISCLOSURE} Is it right for everyone? No: if you prefer one-to-one guidance, a "
            f"course may not suit you. Check the vendor's page for what is included and its "
            f"refund terms before you decide.",
            "See what is included",
        ),
        (
            "A last note on this",
            "No pressure, just the link.",
            f"{DISCLOSURE} If {s.it} sounds useful, the link below takes you to the full "
            f"overview. If not, I will keep sharing notes on {s.topic} either way.",
            "Read the full overview",
        ),
    ]
    return formats.EmailSequence(
        emails=[
            formats.Email(
                day=day,
                subject=trim_to_words(subject, 60),
                preview_text=trim_to_words(preview, 90),
                body=body,
                call_to_action=cta,
            )
            for day, (subject, preview, body, cta) in zip(days, emails, strict=True)
        ]
    )


def _landing_page(s: _Slots) -> formats.LandingPage:
    headline = first_fitting(
        s.rotate([f"{s.Benefit} with {s.name}" if s.name else "", f"A Clear Approach to "
                  f"{s.Topic}", f"{s.Topic}, Step by Step"], 8)[:3] + [s.Topic],
        70,
    ) or s.Topic  # fmt: skip
    benefits = s.rotate(
        [
            ("A structured approach", f"Material on {s.topic} organised so you can follow it."),
            ("At your own pace", "Work through it when it suits you, and revisit any part."),
            ("Focused on what helps", f"Designed to help you {s.benefit}."),
            ("Plain language", "Explained without jargon, so you can judge it for yourself."),
        ],
        9,
    )
    return formats.LandingPage(
        hero=formats.Hero(
            headline=headline,
            # The disclosure opens the page, before the first link (FTC: clear and early).
            subheadline=trim_to_words(
                f"{DISCLOSURE} {s.It} is designed to help you {s.benefit}.", 160
            ),
            call_to_action="Read the overview",
        ),
        benefits=[formats.Benefit(title=t, text=x) for t, x in benefits[:3]],
        proof=formats.Proof(
            heading="What you can check before you decide",
            points=[
                f"The subject: {s.topic}.",
                f"What it is designed for: helping you {s.benefit}.",
                "The full list of what is included is on the vendor's page.",
            ],
        ),
        faq=[
            formats.FaqItem(
                question=f"Who is {s.it} for?",
                answer=f"People interested in {s.topic} who like a structured approach.",
            ),
            formats.FaqItem(
                question="Who is it not for?",
                answer="Anyone who wants one-to-one guidance, or needs advice for a medical, "
                "legal or financial situation: ask a qualified professional instead.",
            ),
            formats.FaqItem(
                question="Can I get a refund?",
                answer="Refund terms are set by the vendor; check them on the vendor's page "
                "before you buy.",
            ),
        ],
        call_to_action=formats.ClosingCallToAction(
            headline=trim_to_words(f"See whether {s.it} suits you", 70),
            text=DISCLOSURE,
            button="Read the overview",
        ),
    )


def _seo_outline(s: _Slots) -> formats.SeoOutline:
    keyword = trim_to_words(s.keyword, 40)
    Keyword = title_case(keyword)
    title = first_fitting(
        s.rotate([f"{Keyword}: A Practical Guide", f"A Beginner's Guide to {Keyword}",
                  f"How to Approach {Keyword}"], 10) + [Keyword],
        60,
    )  # fmt: skip
    slug = re.sub(r"[^a-z0-9]+", "-", f"{keyword} guide".lower()).strip("-")[:75].strip("-")
    return formats.SeoOutline(
        title=title,
        meta_description=trim_to_words(
            f"A practical guide to {keyword}: where to start, common mistakes, and one "
            f"resource designed to help you {s.benefit}.",
            160,
        ),
        slug=slug,
        primary_keyword=keyword,
        secondary_keywords=[f"{keyword} for beginners", f"{keyword} tips", f"{keyword} plan"],
        sections=[
            formats.OutlineSection(
                h2=trim_to_words(f"What {Keyword} Involves", 80),
                h3=["The basics", "Common misconceptions"],
                notes=f"Define {keyword} plainly and set realistic expectations.",
            ),
            formats.OutlineSection(
                h2="Where to Start",
                h3=["One small first step", "Keeping notes"],
                notes="Practical first steps a reader can take today, with no purchase needed.",
            ),
            formats.OutlineSection(
                h2="Common Mistakes",
                h3=["Doing too much at once", "Skipping the review"],
                notes="Mistakes beginners make and how to avoid them.",
            ),
            formats.OutlineSection(
                h2=trim_to_words(
                    f"A Resource Worth a Look: {s.name}" if s.name else "A Resource Worth a Look",
                    80,
                ),
                h3=["What it covers", "Who it suits", "Who it does not suit"],
                notes=f"Describe {s.it} from its facts only, with the affiliate disclosure "
                "at the start of the section.",
            ),  # fmt: skip
            formats.OutlineSection(
                h2="Next Steps",
                h3=[],
                notes="Summarise the guide and point to further reading.",
            ),
        ],
    )


def _all_text(output: formats.Output) -> str:
    def walk(value) -> list[str]:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return [t for v in value.values() for t in walk(v)]
        if isinstance(value, list):
            return [t for v in value for t in walk(v)]
        return []

    return "\n".join(walk(output.model_dump()))
