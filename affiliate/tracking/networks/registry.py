"""Which parser reads which network's deliveries; any other network speaks the generic postback."""

from __future__ import annotations

from affiliate.config import Settings
from affiliate.tracking.networks.base import NetworkWebhook, WebhookSecrets
from affiliate.tracking.networks.hotmart import HotmartWebhook

WEBHOOKS: dict[str, NetworkWebhook] = {HotmartWebhook.network: HotmartWebhook()}


def webhook_for(network: str) -> NetworkWebhook | None:
    """The parser for a network's own webhook format (None: not one of ours)."""
    return WEBHOOKS.get(network)


def secrets_from(settings: Settings) -> WebhookSecrets:
    return WebhookSecrets(
        hotmart_hottok=settings.hotmart_hottok.get_secret_value(),
        clickbank_secret_key=settings.clickbank_secret_key.get_secret_value(),
        digistore24_ipn_passphrase=settings.digistore24_ipn_passphrase.get_secret_value(),
        postback_secrets={k: v.get_secret_value() for k, v in settings.postback_secrets.items()},
    )
