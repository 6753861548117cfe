"""Marketplace connectors by name: a new network is one module and one line here.

The table maps names to "module:Class" and imports on first use, so listing connectors
costs nothing and a connector's heavy dependencies (Playwright) load only when it runs.
"""

from __future__ import annotations

from importlib import import_module

from affiliate.offers.connectors.base import ConnectorContext, ConnectorError, MarketplaceConnector

CONNECTORS: dict[str, str] = {
    "clickbank": "affiliate.offers.connectors.clickbank:ClickBankConnector",
    "hotmart": "affiliate.offers.connectors.hotmart:HotmartConnector",
}


def available() -> list[str]:
    return sorted(CONNECTORS)


def get_connector(name: str, context: ConnectorContext) -> MarketplaceConnector:
    """The connector registered as `name`, built for `context`."""
    try:
        module_name, class_name = CONNECTORS[name].split(":")
    except KeyError:
        raise ConnectorError(
            f"no connector named {name!r}; available: {', '.join(available())}"
        ) from None
    connector_class = getattr(import_module(module_name), class_name)
    return connector_class.from_context(context)


__all__ = [
    "CONNECTORS",
    "ConnectorContext",
    "ConnectorError",
    "MarketplaceConnector",
    "available",
    "get_connector",
]
