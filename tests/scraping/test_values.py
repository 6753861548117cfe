"""Parsing what a marketplace page shows: each currency's convention, percentages, counts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from affiliate.offers.scraping.values import Money, parse_int, parse_money, parse_percent
from affiliate.sandbox.hotmart_market import format_price, market_catalog


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R$ 1.297,00", Money(Decimal("1297.00"), "BRL")),
        ("$1,297.00", Money(Decimal("1297.00"), "USD")),
        ("49,00 €", Money(Decimal("49.00"), "EUR")),
        ("1.297,90 €", Money(Decimal("1297.90"), "EUR")),
        ("US$ 47,99", Money(Decimal("47.99"), "USD")),
        ("R$ 96,9", Money(Decimal("96.9"), "BRL")),
        ("BRL 1.297", Money(Decimal("1297"), "BRL")),
        ("$ 12,345,678.50", Money(Decimal("12345678.50"), "USD")),
        ("Preço: R$\u00a0197,00", Money(Decimal("197.00"), "BRL")),
    ],
)
def test_money_in_each_convention(text: str, expected: Money) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", [None, "", "1.297,00", "Grátis", "R$", "50%"])
def test_text_without_a_currency_or_a_number_is_not_money(text: str | None) -> None:
    assert parse_money(text) is None


def test_every_sandbox_price_reads_back_exactly() -> None:
    for product in market_catalog(7, 400):
        shown = format_price(product.price, product.currency)
        assert parse_money(shown) == Money(product.price, product.currency), shown


def test_percent_and_int() -> None:
    assert parse_percent("Comissão: 50%") == Decimal("50")
    assert parse_percent("50,5% de comissão") == Decimal("50.5")
    assert parse_percent("12.5 %") == Decimal("12.5")
    assert parse_percent("Comissão: 50") is None
    assert parse_int("🔥 87°") == 87
    assert parse_int("Temperatura 87") == 87
    assert parse_int("Temperatura") is None
    assert parse_int("1/7") is None  # two numbers: ambiguous, not a count
