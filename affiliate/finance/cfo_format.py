"""Money and percentages as the finance sentences print them: computed Decimals, never floats."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "BRL": "R$", "CAD": "CA$", "AUD": "A$"}


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def money(amount: Decimal, currency: str) -> str:
    """'$1,250.00', '-$35.00'; a currency without a symbol is written after: '1,250.00 MXN'."""
    amount = cents(amount)
    sign = "-" if amount < 0 else ""
    digits = f"{abs(amount):,.2f}"
    symbol = SYMBOLS.get(currency.strip().upper())
    return f"{sign}{symbol}{digits}" if symbol else f"{sign}{digits} {currency}"


def signed_money(amount: Decimal, currency: str) -> str:
    """A change: '+$180.00', '-$60.00'."""
    return ("+" if cents(amount) > 0 else "") + money(amount, currency)


def percent(ratio: float) -> str:
    """0.42 → '42 %' (magnitude only; the verb says the direction)."""
    return f"{abs(ratio) * 100:.0f} %"


def signed_percent(ratio: float) -> str:
    """0.15 → '+15 %', -0.08 → '-8 %'."""
    text = f"{ratio * 100:+.0f} %"
    return "0 %" if text in ("+0 %", "-0 %") else text


def times(ratio: float) -> str:
    """A ROAS: 3.5 → '3.5×'."""
    return f"{ratio:.1f}×" if abs(ratio) < 10 else f"{ratio:.0f}×"
