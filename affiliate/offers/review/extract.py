"""Visible text of a sales page, split by the role each piece plays for a buyer.

The parser reads tags, ARIA roles and attributes, never a site's class names: sales pages are
hand-built by thousands of producers, so the only structure they share is HTML's own (an h1
is the headline, an li a bullet, a blockquote a testimonial, a link or button the action).
Text arrives as "blocks" in reading order, each with the tags around it; cues.py decides what
a block means from its words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Content a visitor never sees; its text must not count as evidence.
_INVISIBLE = {"script", "style", "noscript", "template", "svg", "iframe", "head", "object"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
# Tags whose start or end ends a run of text, so "<p>a</p><p>b</p>" is two blocks; a link
# is not one, so "<p>Read <a>the terms</a> first</p>" stays one sentence.
_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "button", "caption", "cite", "dd",
    "details", "div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "section", "summary",
    "table", "td", "th", "tr", "ul", "label",
}  # fmt: skip
_SELF_CLOSING_TWINS = {"p", "li", "dt", "dd", "tr", "td", "th"}  # HTML lets these stay open
_QUOTES = {"blockquote", "figure"}
_ACTIONS = {"a", "button"}


@dataclass(frozen=True)
class Block:
    """A run of visible text: the tag it sits in, the tags and roles around it, and the
    id of the blockquote/figure holding it (so one testimonial's quote and name group)."""

    text: str
    tag: str
    around: frozenset[str]
    quote_id: int | None = None


@dataclass(frozen=True)
class Action:
    """A link, button or submit input: what it says and where it goes."""

    text: str
    href: str = ""


@dataclass
class PageDocument:
    title: str = ""
    blocks: list[Block] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    countdown: bool = False  # an element named or marked as a timer


def parse_page(html: str) -> PageDocument:
    """Split `html` into visible text blocks and actions, tolerating unclosed tags."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.document


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.document = PageDocument()
        # (tag, labels it adds such as "role:button", hidden?, element id)
        self.stack: list[tuple[str, frozenset[str], bool, int]] = []
        self.buffer: list[str] = []
        self.action_text: list[list[str]] = []  # one per open link/button
        self.action_href: list[str] = []
        self.title: list[str] | None = None
        self.next_id = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "") for k, v in attrs}
        if tag == "title":
            self.title = []
        markers = " ".join(values.get(k, "") for k in ("id", "class", "data-countdown", "role"))
        if "countdown" in markers.lower() or "timer" in markers.lower() or tag == "time":
            self.document.countdown = self.document.countdown or not self._hidden
        if tag == "input" and values.get("type", "").lower() in {"submit", "button"}:
            if not self._hidden and values.get("value"):
                self.document.actions.append(Action(values["value"].strip()))
            return
        if tag in _VOID:
            if tag == "br":
                self.buffer.append(" ")
            return
        if tag in _SELF_CLOSING_TWINS and self.stack and self.stack[-1][0] == tag:
            self.handle_endtag(tag)
        if tag in _BLOCKS:
            self.flush()
        labels = {tag} | ({f"role:{values['role'].lower()}"} if values.get("role") else set())
        hidden = (
            tag in _INVISIBLE
            or "hidden" in values
            or values.get("aria-hidden", "").lower() == "true"
            or _hidden_style(values.get("style", ""))
        )
        self.next_id += 1
        self.stack.append((tag, frozenset(labels), hidden, self.next_id))
        if tag in _ACTIONS or values.get("role", "").lower() == "button":
            self.action_text.append([])
            self.action_href.append(values.get("href", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title is not None:
            self.document.title = _squash("".join(self.title))
            self.title = None
        if not any(open_tag == tag for open_tag, *_ in self.stack):
            return  # a stray end tag: ignore it rather than unwind the whole page
        if tag in _BLOCKS:
            self.flush()
        while self.stack:
            open_tag, labels, hidden, _ = self.stack.pop()
            if open_tag in _ACTIONS or "role:button" in labels:
                text = _squash("".join(self.action_text.pop()))
                href = self.action_href.pop()
                if text and not hidden and not self._hidden:
                    self.document.actions.append(Action(text, href))
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.title is not None:
            self.title.append(data)
        if self._hidden:
            return
        self.buffer.append(data)
        for words in self.action_text:
            words.append(data)

    def flush(self) -> None:
        text = _squash("".join(self.buffer))
        self.buffer = []
        if not text or self._hidden:
            return
        tag = next((t for t, *_ in reversed(self.stack) if t in _BLOCKS), "body")
        around = frozenset(label for _, labels, _, _ in self.stack for label in labels)
        # The outermost one, so a figure's blockquote and figcaption form one testimonial.
        quote_id = next((i for t, _, _, i in self.stack if t in _QUOTES), None)
        self.document.blocks.append(Block(text, tag, around, quote_id))

    @property
    def _hidden(self) -> bool:
        return any(hidden for _, _, hidden, _ in self.stack)


def _hidden_style(style: str) -> bool:
    compact = style.replace(" ", "").lower()
    return "display:none" in compact or "visibility:hidden" in compact


def _squash(text: str) -> str:
    return " ".join(text.split())
