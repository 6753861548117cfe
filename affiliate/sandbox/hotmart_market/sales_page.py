"""Public sales pages, the producers' own pages that an offer's rubric later scores.

Their quality varies by product, deterministically, so a rubric has something to rank:
a strong page has a specific headline, many bullets, several testimonials and a long
guarantee; a weak one has a vague headline, two bullets and no social proof. Every page
keeps a guarantee (Hotmart requires at least 7 days) and a call-to-action button.
Markup is the same for v1 and v2: it belongs to the producer, not to the marketplace.
"""

from __future__ import annotations

from html import escape

from affiliate.sandbox.hotmart_market.money import format_price
from affiliate.sandbox.hotmart_market.products import MarketProduct
from affiliate.sandbox.seeding import rng
from affiliate.sandbox.words import FIRST_NAMES, LAST_NAMES

_STRONG_HEADLINES = (
    "How {name} gets you results in 21 days — or your money back",
    "The step-by-step {name} that {students:,} students already follow",
    "Finally: {name}, the method that works even if you have tried everything",
)
_WEAK_HEADLINES = ("Welcome to {name}", "{name}", "A new product: {name}")
_BULLETS = (
    "Step-by-step video lessons you can follow at your own pace",
    "Lifetime access, including every future update",
    "A private community of {students:,} members to keep you on track",
    "Printable checklists and worksheets for every module",
    "Monthly live Q&A sessions with the author",
    "Works on your phone, tablet or computer",
    "Bonus quick-start guide: your first win in 24 hours",
)
_QUOTES = (
    "I saw a difference in the first week. Worth every cent.",
    "Clear, practical and straight to the point. I recommend it to everyone.",
    "I had tried three other courses; this is the first one I finished.",
    "The support team answered all my questions within a day.",
)


def sales_page_html(seed: int, product: MarketProduct) -> str:
    r = rng(seed, "hotmart-sales-page", product.id)
    quality = r.random()
    students = r.randint(300, 40_000)
    headlines = _STRONG_HEADLINES if quality >= 0.3 else _WEAK_HEADLINES
    headline = r.choice(headlines).format(name=product.name, students=students)
    bullets = r.sample(_BULLETS, 2 + int(quality * 5))
    testimonials = [
        (r.choice(_QUOTES), f"{r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)[0]}.")
        for _ in range(0 if quality < 0.25 else 1 + int(quality * 3))
    ]
    guarantee_days = 7 if quality < 0.5 else r.choice((7, 14, 30))
    price = format_price(product.price, product.currency)

    items = "".join(f"<li>{escape(b.format(students=students))}</li>" for b in bullets)
    proof = "".join(
        f'<blockquote class="testimonial"><p>“{escape(q)}”</p><cite>{escape(who)}</cite>'
        "</blockquote>"
        for q, who in testimonials
    )
    proof_section = (
        f'<section class="testimonials"><h2>What students say</h2>{proof}</section>'
        if proof
        else ""
    )
    body = (
        f'<main class="sales-page" data-product-id="{product.id}">'
        f'<h1 class="headline">{escape(headline)}</h1>'
        f'<p class="subheadline">{escape(product.description)}</p>'
        f'<ul class="benefits">{items}</ul>{proof_section}'
        f'<section class="guarantee"><h2>{guarantee_days}-day guarantee</h2><p>Try '
        f"{escape(product.name)} for {guarantee_days} days. If it is not for you, ask for a "
        "refund inside that period and you get every cent back, no questions asked.</p>"
        "</section>"
        f'<a class="cta" role="button" href="#checkout">Buy now for {escape(price)}</a></main>'
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(product.name)}</title></head><body>{body}</body></html>"
    )
