"""The one interface every marketplace connector implements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import sqlalchemy as sa

from affiliate.config import Settings
from affiliate.offers.model import Offer


class ConnectorError(RuntimeError):
    """A connector cannot fetch; the message says why and what the user should do."""


class NotConnected(ConnectorError):
    """The user never connected an account for this network: nothing to fetch, no failure."""


@dataclass(frozen=True)
class ConnectorContext:
    """What a connector may use: settings, the database (stored sessions), options."""

    settings: Settings
    engine: sa.Engine | None = None
    user_id: int | None = None
    options: dict[str, str] = field(default_factory=dict)


class MarketplaceConnector(Protocol):
    name: str

    @classmethod
    def from_context(cls, context: ConnectorContext) -> MarketplaceConnector: ...

    def fetch_offers(self, day: date) -> Iterable[Offer]:
        """The marketplace's offers as of `day`, normalised; streamed, not listed."""
        ...
