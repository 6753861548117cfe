"""The sandbox network's landing pages: the vendor's sales page a hoplink lands on.

Like the Hotmart sales pages, quality varies by product (fixed by the seed), so a sales-page
reviewer has real differences to find: strong pages have a specific headline, several
benefits, named testimonials, a 60-day money-back guarantee and repeated buttons; weak ones
have a bare title, two benefits and one button. About half add urgency ("Only $X today",
sometimes a countdown), as many real ClickBank pages do. The markup deliberately differs
from the Hotmart pages (figure/figcaption, plain buttons, no class names to lean on).
"""

from __future__ import annotations

from html import escape

from affiliate.sandbox.catalog import SandboxProduct
from affiliate.sandbox.seeding import rng
from affiliate.sandbox.words import FIRST_NAMES, LAST_NAMES

_STRONG = (
    "Discover how {title} helps you {pitch} in just 30 days",
    "The proven {title} system {buyers:,} customers use to {pitch}",
    "Finally: {title}, the step-by-step way to {pitch} even if nothing worked before",
)
_WEAK = ("{title}", "Welcome to {title}", "Introducing {title}")
_BENEFITS = (
    "Instant digital access the moment you order",
    "Simple daily plan that takes less than 20 minutes",
    "Quick-start video walkthrough for complete beginners",
    "Bonus cheat sheets you can print and keep",
    "Private members area with {buyers:,} customers",
    "Free lifetime updates at no extra cost",
)
_QUOTES = (
    "I noticed real changes within two weeks and I am never going back.",
    "Easy to follow, no fluff, and it actually delivered what it promised.",
    "Best purchase I made this year; my only regret is not starting sooner.",
)
_BUTTONS = ("Yes! Get instant access now", "Add to cart", "Order {title} now")


def landing_page_html(seed: int, product: SandboxProduct) -> str:
    """The product's landing page; the same seed and product always give the same page."""
    r = rng(seed, "network-landing-page", product.id)
    quality = r.random()
    buyers = r.randint(500, 90_000)
    pitch = product.description.rsplit(" — ", 1)[-1].rstrip(".") or "get results"
    values = {"title": product.title, "pitch": pitch, "buyers": buyers}
    headline = r.choice(_STRONG if quality >= 0.35 else _WEAK).format(**values)
    benefits = r.sample(_BENEFITS, 2 + int(quality * 4))
    quotes = r.sample(_QUOTES, 0 if quality < 0.3 else 1 + int(quality * 2.99))
    buttons = [b.format(**values) for b in r.sample(_BUTTONS, 1 + int(quality * 2.99))]
    urgency = r.random()

    def button() -> str:
        return f'<p><a href="#order" role="button">{escape(buttons.pop(0))}</a></p>'

    parts = [
        f"<header><h1>{escape(headline)}</h1></header>",
        f"<p>{escape(product.description)}</p>",
        button(),
        "<ul>" + "".join(f"<li>✓ {escape(b.format(**values))}</li>" for b in benefits) + "</ul>",
    ]
    if quotes:
        parts.append("<h2>Real customers, real results</h2>")
        for quote in quotes:
            who = f"{r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}"
            parts.append(
                f"<figure><blockquote>{escape(quote)}</blockquote>"
                f"<figcaption>— {escape(who)}</figcaption></figure>"
            )
    if buttons:
        parts.append(button())
    if quality >= 0.2:
        parts.append(
            "<h2>60-day money-back guarantee</h2><p>Try it for a full 60 days. If you are not "
            "happy, email us and you get a complete refund.</p>"
        )
    if urgency < 0.5:
        parts.append(f"<p><strong>Only ${product.price} today.</strong></p>")
    if urgency < 0.2:
        parts.append('<div id="countdown" data-ends="midnight">Offer ends at midnight</div>')
    while buttons:
        parts.append(button())
    title = escape(product.title)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main>{''.join(parts)}</main></body></html>"
    )
