"""Which parser reads which network's deliveries; any other network speaks the generic postback."""

from __future__ import annotations

from affiliate.config import Settings
from affiliate.tracking.networks.base import NetworkWebhook, WebhookSecrets
from affiliate.tracking.networks.clickbank import ClickBankWebhook
from affiliate.tracking.networks.digistore24 import Digistore24Webhook
from affiliate.tracking.networks.hotmart import HotmartWebhook
from affiliate.tracking.networks.postback import PostbackWebhook

WEBHOOKS: dict[str, NetworkWebhook] = {
    HotmartWebhook.network: HotmartWebhook(),
    ClickBankWebhook.network: ClickBankWebhook(),
    Digistore24Webhook.network: Digistore24Webhook(),
}


def webhook_for(network: str, secrets: WebhookSecrets | None = None) -> NetworkWebhook | None:
    """The parser for a network's deliveries (None: not one we accept).

    A network's own format wins; given `secrets`, a network listed in `postback_secrets`
    gets the generic postback. Without `secrets` only the networks with their own format.
    """
    specific = WEBHOOKS.get(network)
    if specific is not None or secrets is None:
        return specific
    if network in secrets.postback_secrets:
        return PostbackWebhook(network)
    return None


def parser_for(network: str, secrets: WebhookSecrets) -> NetworkWebhook | None:
    """The parser for a network, generic postback networks included."""
    return webhook_for(network, secrets)


def secrets_from(settings: Settings) -> WebhookSecrets:
    return WebhookSecrets(
        hotmart_hottok=settings.hotmart_hottok.get_secret_value(),
        clickbank_secret_key=settings.clickbank_secret_key.get_secret_value(),
        digistore24_ipn_passphrase=settings.digistore24_ipn_passphrase.get_secret_value(),
        postback_secrets={k: v.get_secret_value() for k, v in settings.postback_secrets.items()},
    )
