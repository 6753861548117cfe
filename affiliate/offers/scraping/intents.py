"""What each scraper step is looking for, said so that a broken selector can be re-found.

A selector is only a guess at where an intent lives. The intent itself — "the price of a
product card", a money value with a currency symbol — survives a redesign; so each one
carries its value kind, the words its text tends to contain (`cues`) and the words its
class names and attributes tend to abbreviate (`hints`: "amt" for amount, "cms" for
commission). The offline repair oracle works from exactly these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from affiliate.offers.scraping.values import ValueKind

Scope = Literal["page", "card"]


@dataclass(frozen=True)
class Intent:
    name: str
    default: str  # the selector that worked when the scraper was written
    kind: ValueKind
    scope: Scope  # "card": relative to one product card; "page": the whole document
    cues: tuple[str, ...] = ()  # folded (lower-case, no accents) text fragments
    hints: tuple[str, ...] = ()  # words class names / attribute values abbreviate
    required: bool = True  # a required intent that cannot be re-found stops the scrape
    repeated: bool = False  # matches many alike elements (the product card), not one

    @property
    def attribute(self) -> str | None:
        """Where the value is read: an attribute for links, the text otherwise."""
        return "href" if self.kind == "url" else None


# Defaults are the marketplace's v1 markup (see affiliate/sandbox/hotmart_market/markup_v1).
HOTMART_INTENTS: tuple[Intent, ...] = (
    Intent(
        "logged-in marker", "#user-menu", "element", "page",
        cues=("conta", "account", "perfil", "profile"),
        hints=("user", "account", "avatar", "profile", "menu", "conta"),
    ),
    Intent(
        "product card", "div.product-card[data-product-id]", "element", "page",
        cues=("r$", "$", "€", "%"),
        hints=("product", "card", "offer", "item", "produto"), repeated=True,
    ),
    Intent(
        "product name", "h3.product-name > a", "text", "card",
        hints=("name", "title", "nome", "titulo", "product"),
    ),
    Intent(
        "price", "span.price", "money", "card",
        cues=("r$", "$", "€", "£"), hints=("price", "amount", "valor", "preco"),
    ),
    Intent(
        "commission", "span.commission", "percent", "card",
        cues=("%", "comiss", "commission"), hints=("commission", "comissao"), required=False,
    ),
    Intent(
        "temperature", "span.temperature", "int", "card",
        cues=("°", "temperatura", "temperature", "🔥"),
        hints=("temperature", "temperatura", "heat", "hot"), required=False,
    ),
    Intent(
        "category", "span.category", "text", "card",
        hints=("category", "categoria"), required=False,
    ),
    Intent(
        "product link", "h3.product-name > a", "url", "card",
        cues=("detalhes", "details", "ver"), hints=("product", "details", "link", "go"),
    ),
    Intent(
        "sales page link", "a.sales-page", "url", "card",
        cues=("vendas", "sales"), hints=("sales", "landing", "page", "lp", "vendas"),
        required=False,
    ),
    Intent(
        "next page", "a.next-page[rel=next]", "url", "page",
        cues=("proxima", "next", "seguinte", "›", "»"),
        hints=("next", "forward", "proxima"), required=False,
    ),
)  # fmt: skip


def intent_named(name: str, intents: tuple[Intent, ...] = HOTMART_INTENTS) -> Intent:
    for intent in intents:
        if intent.name == name:
            return intent
    raise KeyError(f"no scraper intent named {name!r}")


def card_fields(intents: tuple[Intent, ...] = HOTMART_INTENTS) -> tuple[Intent, ...]:
    """The per-card intents, in the order a card is read."""
    return tuple(i for i in intents if i.scope == "card")


__all__ = ["HOTMART_INTENTS", "Intent", "Scope", "card_fields", "intent_named"]
