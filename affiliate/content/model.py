"""What a writer is given (a ProductBrief) and what it returns (a Creative)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from affiliate.offers.model import Offer

# Meta shows about 40 characters of a headline and 125 of the primary text before "See more".
HEADLINE_MAX = 40
BODY_LEAD_MAX = 125
BODY_MAX = 500


class ProductLike(Protocol):
    name: str
    description: str | None
    category: str | None
    price: Decimal | None
    commission_rate: Decimal | None
    network_id: str


@dataclass(frozen=True)
class ProductBrief:
    """The facts about a product a writer may use; nothing else goes into the copy."""

    name: str
    description: str | None = None
    category: str | None = None
    price: Decimal | None = None
    commission_rate: Decimal | None = None
    # Identifies the product for deterministic template choice; falls back to the name.
    network_id: str = ""

    @classmethod
    def from_offer(cls, offer: Offer | ProductLike) -> ProductBrief:
        """From an Offer, or anything with its fields (an app.products row)."""
        return cls(
            name=offer.name,
            description=offer.description,
            category=offer.category,
            price=offer.price,
            commission_rate=offer.commission_rate,
            network_id=offer.network_id,
        )


@dataclass(frozen=True)
class Creative:
    """One ad's copy, labelled with the writer that produced it.

    ``provider``/``model`` say which adapter wrote it (``"template"``/None for the offline
    writer), so nobody mistakes template copy for model output.
    """

    headline: str
    body: str
    call_to_action: str
    template_id: str | None
    template_version: int | None
    provider: str = "template"
    model: str | None = None
