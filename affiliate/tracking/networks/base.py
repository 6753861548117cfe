"""One interface for every network's webhook: a raw request in, verified normalised events out.

Receiving and processing are two steps (the inbox sits between them):
- at receipt, `verify` checks the request is the network's (token, signature, secret) and
  `read` checks it can be understood; only then is it stored and acknowledged;
- at processing, `read` runs again on the stored request. Secrets that travel in headers or
  query strings are never stored, so `read` must not need them (a ClickBank key that
  decrypts the body is not in the request, so that is fine).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple, Protocol

from affiliate.tracking.events import ConversionEvent, WebhookError


class Unauthorized(WebhookError):
    """Wrong or missing token/signature/secret: refused (401/403) and never stored."""


_NOTHING: Mapping[str, str] = MappingProxyType({})


# RawDelivery and ReadDelivery are immutable named tuples, not frozen dataclasses, for the
# receiving hot path's sake: see ConversionEvent.
class RawDelivery(NamedTuple):
    """A request exactly as it reached us; header names lower-case."""

    network: str
    body: bytes
    headers: Mapping[str, str] = _NOTHING
    query: Mapping[str, str] = _NOTHING
    method: str = "POST"


@dataclass(frozen=True)
class WebhookSecrets:
    """What each network authenticates with; built from Settings by `secrets_from`."""

    hotmart_hottok: str = ""
    clickbank_secret_key: str = ""
    digistore24_ipn_passphrase: str = ""
    postback_secrets: Mapping[str, str] = field(default_factory=dict)


class ReadDelivery(NamedTuple):
    """What one delivery says.

    `delivery_key` is the inbox's dedupe key: the network's own delivery id, or one derived
    from the content when the network has none (so a retry maps to the same row).
    No events means stored and acknowledged but changing no conversion.
    """

    delivery_key: str
    event_type: str
    events: tuple[ConversionEvent, ...] = ()
    test: bool = False  # the network's test notification: acknowledged, never counted


@dataclass(frozen=True)
class Acknowledgement:
    """The 2xx answer a network expects (Digistore24 wants the body `OK`)."""

    content_type: str = "application/json"
    body: bytes = b'{"received":true}'


class NetworkWebhook(Protocol):
    network: str
    # Query parameters and headers that carry secrets: dropped before the inbox stores them.
    secret_query_params: frozenset[str]
    secret_headers: frozenset[str]

    def verify(self, raw: RawDelivery, secrets: WebhookSecrets) -> None:
        """Raise Unauthorized unless the request provably comes from the network."""

    def read(self, raw: RawDelivery, secrets: WebhookSecrets) -> ReadDelivery:
        """Parse and validate; raise WebhookError saying what is wrong."""

    def acknowledgement(self) -> Acknowledgement:
        """The body of the 2xx answer."""
