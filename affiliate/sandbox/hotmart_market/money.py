"""Prices as the marketplace shows them: each currency in its home convention.

BRL follows pt-BR ("R$ 1.297,00"), USD en-US ("$1,297.00"), EUR the euro area's common
suffix style ("1.297,00 €"). A scraper therefore meets both decimal separators and a
trailing symbol; `format_price` is the reference a test can compare a parser against.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_CENT = Decimal("0.01")


def format_price(amount: Decimal, currency: str) -> str:
    """`Decimal("1297")`, "BRL" → "R$ 1.297,00"; unknown currencies keep their ISO code."""
    english = f"{amount.quantize(_CENT, ROUND_HALF_UP):,.2f}"  # "1,297.00"
    # Swap separators through a placeholder: "1,297.00" -> "1.297,00".
    continental = english.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if currency == "BRL":
        return f"R$ {continental}"
    if currency == "USD":
        return f"${english}"
    if currency == "EUR":
        return f"{continental} €"
    return f"{currency} {english}"


def format_percent(value: Decimal) -> str:
    """Whole percentages as "50%", fractional ones pt-BR style ("50,5%")."""
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text}%"
