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
# app.ai_generation_history.cost is numeric(18,10) (migration 0010): a price given to four
# places per million tokens makes a cost of at most ten places, stored exactly.
LEDGER_QUANTUM = Decimal("0.0000000001")
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
        """Exact cost, rounded half-up to the ledger's ten places (what the column stores)."""
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
            model: Price(_decimal(p["input"]), _decimal(p["output"]), currency)
            for model, p in models.items()
        }
        for provider, models in data["providers"].items()
    }
    return PriceTable(currency=currency, as_of=str(data["as_of"]), prices=prices)


def _decimal(value: object) -> Decimal:
    """A price as Decimal: from text, an integer or a Decimal, never through a float."""
    if isinstance(value, Decimal | str) or (isinstance(value, int) and not isinstance(value, bool)):
        return Decimal(value)
    raise TypeError(f"price {value!r} is not decimal text: write it as '0.15', in quotes")


def _yaml_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node).replace("_", ""))


class _PriceLoader(yaml.SafeLoader):
    """YAML whose unquoted decimals (`input: 0.15`) become Decimal from their text, never a
    float on the way: 0.15 as a float is 0.1499999999999999944…, which is not the price."""

    yaml_constructors = {
        **yaml.SafeLoader.yaml_constructors,
        "tag:yaml.org,2002:float": _yaml_decimal,
    }


def load_price_table(text: str) -> PriceTable:
    return parse_price_table(yaml.load(text, Loader=_PriceLoader))


@cache
def price_table() -> PriceTable:
    return load_price_table(PRICES_FILE.read_text(encoding="utf-8"))
