"""Marketplace connectors as a Dagster resource."""

from __future__ import annotations

import sqlalchemy as sa
from dagster import ConfigurableResource

from affiliate.config import get_settings
from affiliate.offers.connectors import ConnectorContext, MarketplaceConnector, get_connector


class MarketplaceResource(ConfigurableResource):
    """Builds the connector for a network; `clickbank_source` overrides the feed URL or file."""

    clickbank_source: str | None = None

    def connector(
        self, network: str, engine: sa.Engine, user_id: int | None = None
    ) -> MarketplaceConnector:
        options = {"source": self.clickbank_source} if self.clickbank_source else {}
        context = ConnectorContext(get_settings(), engine, user_id=user_id, options=options)
        return get_connector(network, context)
