"""What the scraper asks a live page, each question one `page.evaluate` round trip.

Reading a whole listing page in one call (rather than a locator per field per card) keeps a
24-card page at one round trip instead of ~200; describing elements as plain dicts lets the
repair oracle reason in Python about a page it never touches.

All functions take a Playwright *async* `Page`. An invalid selector (an oracle can propose
one) yields None / empty rather than an exception.
"""

from __future__ import annotations

from typing import Any

# Describes one element as the oracle and the fingerprints see it.
_DESCRIBE = """
const norm = s => (s || '').replace(/\\s+/g, ' ').trim();
const describe = (el, depth) => {
  const attrs = {};
  for (const a of el.attributes)
    if (a.name !== 'class' && a.name !== 'style' && !a.name.startsWith('on'))
      attrs[a.name] = a.value.slice(0, 160);
  const parent = el.parentElement;
  const kids = parent ? Array.from(parent.children) : [el];
  return {
    tag: el.tagName.toLowerCase(), classes: Array.from(el.classList), attrs,
    text: norm(el.textContent).slice(0, 200), depth, index: kids.indexOf(el),
    siblings: kids.length, children: el.children.length,
    repeats: kids.filter(s => s.tagName === el.tagName && s.className === el.className).length,
    links: el.querySelectorAll('a[href]').length,
    parent_tag: parent ? parent.tagName.toLowerCase() : '',
    parent_classes: parent ? Array.from(parent.classList) : [],
  };
};
const rootOf = scope => scope ? document.querySelector(scope) : document.body;
const safeAll = (root, sel) => { try { return Array.from(root.querySelectorAll(sel)); }
                                 catch (e) { return null; } };
"""
_SKIPPED_TAGS = "['script','style','noscript','template','svg','path','link','meta']"

_DESCRIBE_ALL = (
    "([scope, limit]) => {"
    + _DESCRIBE
    + f"const skip = {_SKIPPED_TAGS};"
    + """
  const root = rootOf(scope); const out = [];
  if (!root) return out;
  const walk = (el, depth) => {
    for (const child of el.children) {
      if (out.length >= limit) return;
      if (skip.includes(child.tagName.toLowerCase())) continue;
      out.push(describe(child, depth)); walk(child, depth + 1);
    }
  };
  walk(root, 1); return out;
}"""
)

_DESCRIBE_MATCH = (
    "([scope, sel]) => {"
    + _DESCRIBE
    + """
  const root = rootOf(scope); if (!root) return null;
  const found = safeAll(root, sel); if (!found || !found.length) return null;
  let depth = 0; for (let e = found[0]; e && e !== root; e = e.parentElement) depth++;
  return describe(found[0], depth);
}"""
)

_TRIMMED_HTML = f"""([scope]) => {{
  const root = scope ? document.querySelector(scope) : document.body;
  if (!root) return '';
  const copy = root.cloneNode(true);
  copy.querySelectorAll({_SKIPPED_TAGS}.join(',')).forEach(e => e.remove());
  copy.querySelectorAll('*').forEach(e => {{
    for (const a of Array.from(e.attributes))
      if (a.name === 'style' || a.name.startsWith('on')) e.removeAttribute(a.name);
  }});
  return copy.outerHTML.replace(/\\s+/g, ' ');
}}"""

_VALUES = (
    "([scope, sel, attr, limit]) => {"
    + _DESCRIBE
    + """
  const root = rootOf(scope); if (!root) return [];
  const found = safeAll(root, sel); if (found === null) return null;
  return found.slice(0, limit).map(el => attr ? el.getAttribute(attr) : norm(el.textContent));
}"""
)

_CARD_ROWS = (
    "([cardSel, fields]) => {"
    + _DESCRIBE
    + """
  const cards = safeAll(document, cardSel) || [];
  return cards.map(card => {
    const row = {'': card.getAttribute('data-product-id') || card.getAttribute('data-id')};
    for (const [name, sel, attr] of fields) {
      const found = sel ? safeAll(card, sel) : null;
      const el = found && found.length ? found[0] : null;
      row[name] = el ? (attr ? el.getAttribute(attr) : norm(el.textContent)) : null;
    }
    return row;
  });
}"""
)

_SHAPES = (
    "([sel, limit]) => {"
    + _DESCRIBE
    + """
  const found = safeAll(document, sel); if (found === null) return null;
  return found.slice(0, limit).map(el => el.tagName.toLowerCase() + '/' + el.children.length);
}"""
)

_HREF_IN_HTML = """([html, sel]) => {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  let el = null; try { el = doc.querySelector(sel); } catch (e) { return null; }
  return el ? el.getAttribute('href') : null;
}"""

MAX_DOM_BYTES = 20_000


async def describe_elements(page: Any, scope: str | None, limit: int = 1500) -> list[dict]:
    """Every element under `scope` (its first match; None: the body), in document order."""
    return await page.evaluate(_DESCRIBE_ALL, [scope, limit])


async def describe_match(page: Any, scope: str | None, selector: str) -> dict | None:
    """The first element `selector` matches under `scope`, described, or None."""
    return await page.evaluate(_DESCRIBE_MATCH, [scope, selector])


async def trimmed_html(page: Any, scope: str | None, max_bytes: int = MAX_DOM_BYTES) -> str:
    """The scope's HTML without scripts, styles, SVG or inline handlers, cut to `max_bytes`."""
    html = await page.evaluate(_TRIMMED_HTML, [scope])
    return html.encode()[:max_bytes].decode(errors="ignore")


async def values_of(
    page: Any, selector: str, attribute: str | None, scope: str | None = None, limit: int = 50
) -> list[str | None] | None:
    """Text (or `attribute`) of each match under `scope`; None if the selector is invalid."""
    return await page.evaluate(_VALUES, [scope, selector, attribute, limit])


async def match_shapes(page: Any, selector: str, limit: int = 200) -> list[str] | None:
    """'tag/child count' of each match in the page: how alike the matched elements are."""
    return await page.evaluate(_SHAPES, [selector, limit])


async def card_rows(
    page: Any, card_selector: str, fields: list[tuple[str, str | None, str | None]]
) -> list[dict[str, str | None]]:
    """One dict per card: field name → text or attribute of the field's first match.

    `fields` is (name, selector relative to the card, attribute or None for the text). The
    key "" holds the card's own product id attribute, when it has one.
    """
    return await page.evaluate(_CARD_ROWS, [card_selector, [list(f) for f in fields]])


async def href_in_html(page: Any, html: str, selector: str) -> str | None:
    """The href of `selector`'s first match in an HTML string parsed (not rendered) by `page`."""
    return await page.evaluate(_HREF_IN_HTML, [html, selector])
