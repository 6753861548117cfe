"""Reading the values a marketplace page shows: money, percentages, counts, links.

Hotmart shows each product in its home currency's convention ("R$ 1.297,00", "$1,297.00",
"1.297,00 €"), so the decimal separator cannot be assumed: it is decided per string. Every
parser returns None for text that is not its kind; self-healing uses that to tell a
selector that points at the wrong element from one that points at the right one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

ValueKind = Literal["text", "money", "percent", "int", "url", "element"]

# Longest symbols first: "US$" and "R$" must win over "$".
_SYMBOLS: tuple[tuple[str, str], ...] = (
    ("US$", "USD"),
    ("R$", "BRL"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("$", "USD"),
)
_ISO = re.compile(r"\b(BRL|USD|EUR|GBP|MXN|COP|ARS|CLP|PEN)\b")
_NUMBER = re.compile(r"\d(?:[\d.,\u00a0\u202f ]*\d)?")
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
_INTEGER = re.compile(r"\d+")


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str


def parse_money(text: str | None) -> Money | None:
    """'R$ 1.297,00' → Money(1297.00, 'BRL'); None when there is no currency or no number."""
    if not text:
        return None
    currency = _currency(text)
    number = _NUMBER.search(text)
    if currency is None or number is None:
        return None
    amount = _decimal(number.group())
    return None if amount is None else Money(amount, currency)


def parse_percent(text: str | None) -> Decimal | None:
    """'Comissão: 50%' → 50; '50,5% de comissão' → 50.5. A bare number is not a percent."""
    found = _PERCENT.search(text or "")
    return Decimal(found.group(1).replace(",", ".")) if found else None


def parse_int(text: str | None) -> int | None:
    """The one integer in the text ('🔥 87°', 'Temperatura 87'); None if none or several."""
    found = _INTEGER.findall(text or "")
    return int(found[0]) if len(found) == 1 else None


def parses_as(kind: ValueKind, text: str | None) -> bool:
    """Whether `text` (an element's text, or its href for urls) is a value of `kind`."""
    if kind == "money":
        return parse_money(text) is not None
    if kind == "percent":
        return parse_percent(text) is not None
    if kind == "int":
        return parse_int(text) is not None
    if kind == "url":
        return bool(text) and not text.strip().lower().startswith(("javascript:", "#"))
    if kind == "text":
        return bool(text and text.strip())
    return text is not None  # "element": being there is the value


def fold(text: str) -> str:
    """Lower case without accents, so the cue 'proxima' matches 'Próxima'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _currency(text: str) -> str | None:
    for symbol, code in _SYMBOLS:
        if symbol in text:
            return code
    found = _ISO.search(text.upper())
    return found.group(1) if found else None


def _decimal(number: str) -> Decimal | None:
    digits = re.sub(r"[\u00a0\u202f ]", "", number)
    last_dot, last_comma = digits.rfind("."), digits.rfind(",")
    separator = max(last_dot, last_comma)
    # A separator is decimal when it is the last one and 1-2 digits follow it; otherwise
    # ("1.297", "1,297") it groups thousands.
    if separator >= 0 and len(digits) - separator - 1 in (1, 2):
        whole, fraction = digits[:separator], digits[separator + 1 :]
        digits = re.sub(r"[.,]", "", whole) + "." + fraction
    else:
        digits = re.sub(r"[.,]", "", digits)
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None
