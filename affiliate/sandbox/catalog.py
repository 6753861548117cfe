"""The sandbox marketplace's products: a fixed catalog generated from the seed.

Numbers follow ClickBank's conventions so a consumer of the feed can check them:
`InitialEarningsPerSale = price × Commission %` exactly, hence
price = InitialEarningsPerSale ÷ (Commission / 100).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from affiliate.sandbox import flagged_listing
from affiliate.sandbox.seeding import rng, stable_uuid
from affiliate.sandbox.words import (
    CATEGORY_TOPICS,
    DESCRIPTION_OPENERS,
    FIRST_NAMES,
    LAST_NAMES,
    TITLE_PREFIXES,
    TITLE_SUFFIXES,
)

CENT = Decimal("0.01")
# Hotmart-style integer ids for the network side: stable, and clearly not the feed's Id.
NETWORK_ID_BASE = 1_000_001
_PRICE_POINTS = (27, 37, 47, 49, 67, 77, 97, 127, 147, 197)
_COMMISSIONS = (40, 50, 50, 60, 60, 65, 70, 75, 75, 75, 80)  # ≤ 80 leaves the producer a share
_ESTABLISHED = (dt.date(2012, 1, 1), dt.date(2024, 12, 31))
# Launch dates reach past "now" so that new products keep appearing in later feeds.
_LAUNCHES = (dt.date(2025, 1, 1), dt.date(2027, 12, 31))
_LAUNCH_SHARE = 0.15


@dataclass(frozen=True)
class SandboxProduct:
    """One marketplace product; `id` is the feed's vendor nickname, `network_id` the int
    the sandbox network uses as Hotmart's `data.product.id` (`NETWORK_ID_BASE + index`)."""

    index: int
    id: str
    network_id: int
    ucode: str
    title: str
    description: str
    category: str
    subcategory: str
    producer_name: str
    price: Decimal
    commission_pct: Decimal
    recurring: bool
    rebill_pct: Decimal
    total_rebill_amt: Decimal
    referred_pct: Decimal
    activate_date: dt.date
    conversion_rate: float
    # Gravity model parameters (see gravity.py).
    base_gravity: float
    trend_amplitude: float
    trend_period_days: float
    trend_phase: float

    @property
    def category_path(self) -> tuple[str, str]:
        return (self.category, self.subcategory)

    @property
    def initial_earnings(self) -> Decimal:
        """Affiliate earnings on the front-end sale; exact (prices are cents, rates whole %)."""
        return self.price * self.commission_pct / 100

    @property
    def average_earnings(self) -> Decimal:
        return self.initial_earnings + self.total_rebill_amt


def catalog(seed: int = 7, n_products: int = 300) -> list[SandboxProduct]:
    """All products of the sandbox marketplace, whatever their activation date."""
    return list(_catalog(seed, n_products))


@lru_cache(maxsize=8)
def _catalog(seed: int, n_products: int) -> tuple[SandboxProduct, ...]:
    if n_products < 1:
        raise ValueError(f"n_products must be at least 1, got {n_products}")
    products: list[SandboxProduct] = []
    titles: set[str] = set()
    ids: set[str] = set()
    for index in range(n_products):
        if index == flagged_listing.INDEX:
            product = _flagged_product(seed, index)
        else:
            product = _product(seed, index, titles, ids)
        titles.add(product.title)
        ids.add(product.id)
        products.append(product)
    return tuple(products)


def _product(seed: int, index: int, titles: set[str], ids: set[str]) -> SandboxProduct:
    r = rng(seed, "product", index)
    category, subcategory = r.choice(list(CATEGORY_TOPICS))
    topics, pitch = CATEGORY_TOPICS[(category, subcategory)]
    for _ in range(20):  # re-draw on a clash; the vocabulary makes clashes rare
        topic, suffix = r.choice(topics), r.choice(TITLE_SUFFIXES)
        title = f"{r.choice(TITLE_PREFIXES)} {topic} {suffix}"
        if title not in titles:
            break
    else:
        title = f"{title} {index}"
    recurring = r.random() < 0.3
    rebill_pct = Decimal(r.randint(40, 75)) if recurring else Decimal(0)
    rebill_price = Decimal(r.choice((1995, 2995, 3995, 4995))) / 100
    avg_rebills = Decimal(r.randint(15, 40)) / 10
    total_rebill = (rebill_price * rebill_pct / 100 * avg_rebills).quantize(CENT)
    launch = r.random() < _LAUNCH_SHARE
    return SandboxProduct(
        index=index,
        id=_vendor_id(topic, suffix, ids),
        network_id=NETWORK_ID_BASE + index,
        ucode=stable_uuid(seed, "ucode", index),
        title=title,
        description=f"{r.choice(DESCRIPTION_OPENERS)}: {title} — {pitch}.",
        category=category,
        subcategory=subcategory,
        producer_name=f"{r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}",
        price=_price(r.choice(_PRICE_POINTS), r.choice((0, 95, 99))),
        commission_pct=Decimal(r.choice(_COMMISSIONS)),
        recurring=recurring,
        rebill_pct=rebill_pct,
        total_rebill_amt=total_rebill,
        referred_pct=Decimal(r.randint(500, 950)) / 10,
        activate_date=_date_between(r.random(), *(_LAUNCHES if launch else _ESTABLISHED)),
        conversion_rate=r.uniform(0.03, 0.08),
        base_gravity=math.exp(r.uniform(0.0, 5.5)),
        trend_amplitude=0.03 if r.random() < 1 / 3 else r.uniform(0.25, 0.8),
        trend_period_days=r.uniform(90, 360),
        trend_phase=r.uniform(0, 2 * math.pi),
    )


def _flagged_product(seed: int, index: int) -> SandboxProduct:
    """The vendor listing that makes prohibited claims (see flagged_listing)."""
    f = flagged_listing
    return SandboxProduct(
        index=index,
        id=f.VENDOR_ID,
        network_id=NETWORK_ID_BASE + index,
        ucode=stable_uuid(seed, "ucode", index),
        title=f.TITLE,
        description=f.DESCRIPTION,
        category=f.CATEGORY[0],
        subcategory=f.CATEGORY[1],
        producer_name="Dana Whitfield",
        price=f.PRICE,
        commission_pct=f.COMMISSION_PCT,
        recurring=False,
        rebill_pct=Decimal(0),
        total_rebill_amt=Decimal(0),
        referred_pct=Decimal("80.0"),
        activate_date=f.ACTIVATE_DATE,
        conversion_rate=f.CONVERSION_RATE,
        base_gravity=f.BASE_GRAVITY,
        trend_amplitude=f.TREND_AMPLITUDE,
        trend_period_days=f.TREND_PERIOD_DAYS,
        trend_phase=0.0,
    )


def _price(point: int, cents: int) -> Decimal:
    """Marketing prices: 47.00, 46.95 or 46.99 — never below the cheapest point."""
    if cents == 0 or point == _PRICE_POINTS[0]:
        return Decimal(point).quantize(CENT)
    return Decimal(point - 1) + Decimal(cents) / 100


def _vendor_id(topic: str, suffix: str, taken: set[str]) -> str:
    """ClickBank-like nickname: letters of the title, upper-case, a digit added on clashes."""
    stem = "".join(c for c in topic.upper() if c.isalnum())[:6] + suffix.upper()[:3]
    candidate, n = stem, 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}{n}"
    return candidate


def _date_between(fraction: float, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=int(fraction * ((last - first).days + 1)))
