"""A sales page's visible text by role: headline, bullets, testimonials, guarantee, CTAs, …

`page_text(html)` is what every reviewer reads — the offline rubric scores it, an LLM reviewer
would quote `as_prompt_text()`. Roles come from HTML structure first (h1, li, blockquote,
links and buttons) and from wording second (cues.py), so a page built from bare divs
still yields its guarantee, urgency and calls to action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from affiliate.offers.review import cues
from affiliate.offers.review.extract import Block, PageDocument, parse_page

_NAVIGATION = {"nav", "footer", "role:navigation", "role:menu", "role:contentinfo"}
_ATTRIBUTION = re.compile(r"^[—–-]\s*\S")
_QUOTE_MARKS = '“”"«»„ '
_INLINE_QUOTE = re.compile(r"[“\"«](.{15,}?)[”\"»]\s*[—–-]\s*(\w[\w.]*(?:\s+\w[\w.]*){0,3})")


@dataclass(frozen=True)
class Testimonial:
    quote: str
    author: str = ""  # empty when the page gives no name


@dataclass
class PageText:
    title: str = ""
    headline: str = ""
    subheadline: str = ""
    bullets: list[str] = field(default_factory=list)
    testimonials: list[Testimonial] = field(default_factory=list)
    guarantee: list[str] = field(default_factory=list)
    ctas: list[str] = field(default_factory=list)
    urgency: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    proof_numbers: list[str] = field(default_factory=list)
    countdown: bool = False

    def as_prompt_text(self) -> str:
        """The page as labelled lines, the form an LLM reviewer gets it in (quoted)."""
        lines = [f"HEADLINE: {self.headline}", f"SUBHEADLINE: {self.subheadline}"]
        lines += [f"BULLET: {b}" for b in self.bullets]
        lines += [f"TESTIMONIAL: {t.quote} — {t.author or '(no name)'}" for t in self.testimonials]
        lines += [f"GUARANTEE: {g}" for g in self.guarantee]
        lines += [f"CTA: {c}" for c in self.ctas]
        lines += [f"URGENCY: {u}" for u in self.urgency]
        lines += [f"PARAGRAPH: {p}" for p in self.paragraphs]
        return "\n".join(lines)


def page_text(html: str) -> PageText:
    """Extract the roles from a sales page's HTML (any markup, English or Portuguese)."""
    doc = parse_page(html)
    # A footer inside a blockquote is the quote's attribution, not the page's small print.
    blocks = [b for b in doc.blocks if b.quote_id is not None or not b.around & _NAVIGATION]
    page = PageText(title=doc.title, countdown=doc.countdown)
    page.ctas = _ctas(doc)
    actions = {cues.fold(a.text) for a in doc.actions}
    headline_at = _headline_index(blocks)
    if headline_at is not None:
        page.headline = blocks[headline_at].text
        page.subheadline = _subheadline(blocks, headline_at, actions)
    elif doc.title:
        page.headline = doc.title
    page.testimonials, quoted = _testimonials(blocks)
    for i, block in enumerate(blocks):
        folded = cues.fold(block.text)
        if cues.GUARANTEE.search(folded):
            page.guarantee.append(block.text)
        if cues.URGENCY.search(folded):
            page.urgency.append(block.text)
        page.proof_numbers += [m.group(0) for m in cues.SOCIAL_NUMBER.finditer(folded)]
        if i == headline_at or block.text == page.subheadline or i in quoted:
            continue
        if block.tag == "li" or block.text[:1] in cues.BULLET_MARKS:
            page.bullets.append(block.text.lstrip(cues.BULLET_MARKS + " "))
        elif block.tag == "p" and folded not in actions:
            page.paragraphs.append(block.text)
    page.urgency += [a.text for a in doc.actions if cues.URGENCY.search(cues.fold(a.text))]
    page.urgency = list(dict.fromkeys(page.urgency))  # a button is both a block and an action
    return page


def _headline_index(blocks: list[Block]) -> int | None:
    for wanted in ("h1", "role:heading", "h2"):
        for i, block in enumerate(blocks):
            if block.tag == wanted or wanted in block.around and block.tag not in {"li", "a"}:
                return i
    return None


def _subheadline(blocks: list[Block], headline_at: int, actions: set[str]) -> str:
    # The sentence right under the headline that explains it; a button there is not one.
    for block in blocks[headline_at + 1 : headline_at + 4]:
        if block.tag in {"p", "h2", "h3"} and cues.fold(block.text) not in actions:
            return block.text if len(block.text.split()) >= 4 else ""
    return ""


def _ctas(doc: PageDocument) -> list[str]:
    return [
        a.text
        for a in doc.actions
        if cues.CTA.search(cues.fold(a.text)) or cues.CTA_HREF.search(a.href.lower())
    ]


def _testimonials(blocks: list[Block]) -> tuple[list[Testimonial], set[int]]:
    """Quotes with their names: blockquote/figure groups, text under a 'testimonials' or
    'o que dizem' heading, and inline “quote” — Name lines. Returns them and the blocks used."""
    found: list[Testimonial] = []
    used: set[int] = set()
    groups: dict[int, list[int]] = {}
    heading, under_heading = "", []
    for i, block in enumerate(blocks):
        if block.quote_id is not None:
            groups.setdefault(block.quote_id, []).append(i)
        elif block.tag in {"h2", "h3", "h4"}:
            heading = cues.fold(block.text)
        elif cues.TESTIMONIAL_HEADING.search(heading) and block.tag in {"p", "div", "li"}:
            under_heading.append(i)
    for members in groups.values():
        texts = [blocks[i] for i in members]
        names = [b.text for b in texts if b.tag in {"cite", "figcaption", "footer"}]
        quote = " ".join(b.text for b in texts if b.text not in names).strip(_QUOTE_MARKS)
        if quote:
            found.append(Testimonial(quote, _name(names[0]) if names else ""))
        used.update(members)
    for i in under_heading:
        text = blocks[i].text
        if i in used or len(text.split()) < 5:
            continue
        author = _attribution(blocks[i + 1]) if i + 1 < len(blocks) else ""
        inline = _INLINE_QUOTE.search(text)
        if inline:
            text, author = inline.group(1), inline.group(2)
        found.append(Testimonial(text.strip(_QUOTE_MARKS), author))
        used.update({i, i + 1} if author and not inline else {i})
    for i, block in enumerate(blocks):
        for match in _INLINE_QUOTE.finditer(block.text):
            if i not in used:
                found.append(Testimonial(match.group(1), match.group(2)))
                used.add(i)
    return found, used


def _attribution(block: Block) -> str:
    """The name under a quote: "— Ana Lima" or a short run of capitalised words."""
    text = block.text
    if block.tag.startswith("h") or len(text) > 40:
        return ""
    if _ATTRIBUTION.match(text) or all(w[:1].isupper() for w in text.split()[:4]):
        return _name(text) if len(text.split()) <= 5 else ""
    return ""


def _name(text: str) -> str:
    return text.lstrip("—–- ").strip()
