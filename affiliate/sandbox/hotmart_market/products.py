"""The Hotmart-like marketplace's products: a fixed catalog generated from the seed.

Independent of the ClickBank-format catalog (its own ids, currencies and price points) but
composed from the same vocabulary. Hotmart's shop-front shows each product in its own
currency, so a scraper meets BRL, USD and EUR prices side by side and must parse them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from affiliate.sandbox.seeding import rng
from affiliate.sandbox.words import (
    CATEGORY_TOPICS,
    DESCRIPTION_OPENERS,
    TITLE_PREFIXES,
    TITLE_SUFFIXES,
)

# Hotmart's own category names for the vocabulary's top-level (ClickBank) categories.
HOTMART_CATEGORIES: dict[str, str] = {
    "Health & Fitness": "Saúde e Esportes",
    "E-business & E-marketing": "Negócios e Carreira",
    "Self-Help": "Desenvolvimento Pessoal",
    "Home & Garden": "Casa e Construção",
    "Spirituality, New Age & Alternative Beliefs": "Espiritualidade",
    "Cooking, Food & Wine": "Culinária e Gastronomia",
    "Betting Systems": "Apostas Esportivas",
}
# (currency, share of products, price points, cent endings): what sells at each currency.
_CURRENCIES: tuple[tuple[str, float, tuple[int, ...], tuple[int, ...]], ...] = (
    ("BRL", 0.60, (47, 67, 97, 147, 197, 297, 397, 497, 997, 1297, 1997), (0, 0, 90)),
    ("USD", 0.25, (17, 27, 37, 47, 67, 97, 197, 297), (0, 0, 99)),
    ("EUR", 0.15, (19, 29, 49, 79, 129, 199), (0, 90)),
)
_COMMISSIONS = (20, 30, 40, 40, 50, 50, 50, 60, 60, 70, 80)
_ID_RANGE = (1_000_000, 9_999_999)  # Hotmart's product ids are 7-digit integers


@dataclass(frozen=True)
class MarketProduct:
    """One marketplace product. `temperature` is Hotmart's 0–150 popularity gauge."""

    id: int
    name: str
    price: Decimal
    currency: str
    commission_pct: Decimal
    temperature: int
    category: str
    sales_url: str
    description: str


def market_catalog(seed: int, n: int) -> list[MarketProduct]:
    """The first `n` products for `seed`, in listing order; a prefix of any longer catalog."""
    return list(_market_catalog(seed, n))


@lru_cache(maxsize=8)
def _market_catalog(seed: int, n: int) -> tuple[MarketProduct, ...]:
    if n < 1:
        raise ValueError(f"the marketplace needs at least 1 product, got n={n}")
    products: list[MarketProduct] = []
    names: set[str] = set()
    ids: set[int] = set()
    for index in range(n):
        product = _product(seed, index, names, ids)
        names.add(product.name)
        ids.add(product.id)
        products.append(product)
    return tuple(products)


def _product(seed: int, index: int, names: set[str], ids: set[int]) -> MarketProduct:
    r = rng(seed, "hotmart-market", index)
    product_id = r.randint(*_ID_RANGE)
    while product_id in ids:  # a clash is one in millions; re-draw from the same stream
        product_id = r.randint(*_ID_RANGE)
    (top, _sub), (topics, pitch) = r.choice(list(CATEGORY_TOPICS.items()))
    for _ in range(20):  # unique names let a scraper's output be checked by name too
        name = f"{r.choice(TITLE_PREFIXES)} {r.choice(topics)} {r.choice(TITLE_SUFFIXES)}"
        if name not in names:
            break
    else:
        name = f"{name} {index}"
    currency, points, endings = _currency(r.random())
    point, ending = r.choice(points), r.choice(endings)
    # Marketing prices: 197.00, or just under the point (196.90, 196.99).
    price = Decimal(point) if ending == 0 else Decimal(point - 1) + Decimal(ending) / 100
    return MarketProduct(
        id=product_id,
        name=name,
        price=price.quantize(Decimal("0.01")),
        currency=currency,
        commission_pct=Decimal(r.choice(_COMMISSIONS)),
        # Most products are lukewarm; a few are very hot, as on the real marketplace.
        temperature=min(150, int(151 * r.random() ** 1.6)),
        category=HOTMART_CATEGORIES[top],
        sales_url=f"/hotmart/product/{product_id}/sales",
        description=f"{r.choice(DESCRIPTION_OPENERS)}: {name} — {pitch}.",
    )


def _currency(draw: float) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    for currency, share, points, endings in _CURRENCIES:
        if draw < share:
            return currency, points, endings
        draw -= share
    currency, _, points, endings = _CURRENCIES[0]
    return currency, points, endings
