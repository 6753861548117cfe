"""The normalised offer: what every marketplace connector yields, whatever its wire format."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# Money and marketplace measures must stay exact; a float slipping in here would silently
# round cents on the way to NUMERIC columns, so the constructor refuses one.
_DECIMAL_FIELDS = ("price", "commission_rate", "commission_amount", "popularity")


@dataclass(frozen=True, kw_only=True)
class Offer:
    """One product on one affiliate network, in the shape the rest of the system uses.

    ``commission_rate`` is a percent (75 means 75 %); ``commission_amount`` is the expected
    affiliate earnings per sale in ``currency``. ``popularity`` is the network's own
    sales-velocity measure (ClickBank gravity, Hotmart temperature). ``raw`` keeps every
    original field as a string so snapshots can store exactly what the network said.
    """

    network: str
    network_id: str
    name: str
    description: str | None = None
    category: str | None = None
    price: Decimal | None = None
    currency: str = "USD"
    commission_rate: Decimal | None = None
    commission_amount: Decimal | None = None
    commission_type: str = "percentage"
    popularity: Decimal | None = None
    popularity_rank: int | None = None
    product_url: str | None = None
    activated_on: date | None = None
    # A dict cannot be hashed; leaving it out of the hash keeps offers usable in sets.
    raw: dict[str, str] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        for name in _DECIMAL_FIELDS:
            value = getattr(self, name)
            if value is not None and not isinstance(value, Decimal):
                raise TypeError(
                    f"Offer.{name} must be a Decimal or None, got {type(value).__name__} "
                    f"{value!r}; build it with Decimal('…') from the source text"
                )
