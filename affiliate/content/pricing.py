"""The price of a call, from the table in ``prices.yaml`` — exact Decimal arithmetic."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import yaml

PRICES_FILE = Path(__file__).with_name("prices.yaml")
PER_TOKENS = Decimal(1_000_000)
# app.ai_generation_history.cost is numeric(14,6): the ledger keeps micro-dollars.
LEDGER_QUANTUM = Decimal("0.000001")
# What may follow a priced name: nothing, or a dated snapshot / alias of that same model
# ("gpt-4o-mini-2024-07-18", "claude-haiku-4-5-20251001", "-latest"). Anything else is another
# model ("gpt-5.4" is not "gpt-5") and must be priced on its own.
_SNAPSHOT = re.compile(r"(-\d{4}-?\d{2}-?\d{2}|-latest)?")


class UnknownPrice(LookupError):
    pass


@dataclass(frozen=True)
class Price:
    input_per_million: Decimal
    output_per_million: Decimal
    currency: str

    def cost(self, input_tokens: int, output_tokens: int) -> Decimal:
        """Exact cost, rounded half-up to the ledger's micro-unit (what the column stores)."""
        exact = (
            Decimal(input_tokens) * self.input_per_million
            + Decimal(output_tokens) * self.output_per_million
        ) / PER_TOKENS
        return exact.quantize(LEDGER_QUANTUM, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PriceTable:
    currency: str
    as_of: str
    prices: dict[str, dict[str, Price]]

    def price(self, provider: str, model: str) -> Price:
        models = self.prices.get(provider, {})
        for key in models:
            if key != "*" and model.startswith(key) and _SNAPSHOT.fullmatch(model[len(key) :]):
                return models[key]
        if "*" in models:
            return models["*"]
        raise UnknownPrice(
            f"no price for {provider} model {model!r} in {PRICES_FILE.name}: add it (per million "
            f"input and output tokens, from the vendor's pricing page) before using the model"
        )


def parse_price_table(data: dict) -> PriceTable:
    currency = data["currency"]
    prices = {
        provider: {
            model: Price(Decimal(str(p["input"])), Decimal(str(p["output"])), currency)
            for model, p in models.items()
        }
        for provider, models in data["providers"].items()
    }
    return PriceTable(currency=currency, as_of=str(data["as_of"]), prices=prices)


@cache
def price_table() -> PriceTable:
    return parse_price_table(yaml.safe_load(PRICES_FILE.read_text(encoding="utf-8")))
