"""The hot paths: `GET /r/{code}` (click redirect) and the networks' webhooks and postbacks.

They are plain ASGI handlers, dispatched before FastAPI's routing and middleware (see
`app.AffiliateApp`), because at these rates the framework costs more than the work:

- the redirect answers from the in-memory link table and queues the click for the next
  group commit (written at the latest when the server stops gracefully);
- a webhook is verified, read, and committed to `webhook_inbox` with the other deliveries
  of its batch *before* it is answered 2xx; if the commit fails the answer is 503, so the
  network retries. Processing into conversions is a separate step (the Dagster sensor).
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from urllib.parse import parse_qsl

import sqlalchemy as sa

from affiliate.config import Settings
from affiliate.server.asgi import (
    BodyTooLarge,
    Receive,
    Scope,
    Send,
    header_dict,
    read_body,
    respond,
    respond_error,
)
from affiliate.server.client_address import TrustedProxies
from affiliate.server.group_commit import GroupCommitWriter, Unavailable
from affiliate.server.link_cache import LinkCache
from affiliate.tracking.bots import PREFETCH_HEADERS, ClickRateLimiter, crawler_or_prefetch
from affiliate.tracking.clicks import Click, ClickIds, hash_ip, insert_clicks, kept_params
from affiliate.tracking.events import WebhookError
from affiliate.tracking.inbox import InboxRow, body_fingerprint, inbox_row, insert_many
from affiliate.tracking.networks import registry
from affiliate.tracking.networks.base import RawDelivery, Unauthorized

log = logging.getLogger(__name__)
RETRY_LATER = [(b"retry-after", b"5")]
# The only headers a click reads: who it is, where from, and whether it is a prefetch.
CLICK_HEADERS = frozenset(
    name.encode() for name in ("user-agent", "referer", "x-forwarded-for", *PREFETCH_HEADERS)
)


class TrackingEndpoints:
    def __init__(self, engine: sa.Engine, settings: Settings) -> None:
        self.settings = settings
        self.links = LinkCache(engine)
        self.clicks = GroupCommitWriter(
            engine, insert_clicks, name="clicks", max_queue=1_000_000, retry_unacknowledged=True
        )
        self.inbox = GroupCommitWriter(engine, insert_many, name="webhook_inbox")
        self.rate = ClickRateLimiter(settings.bot_clicks_per_minute)
        self._secrets = registry.secrets_from(settings)
        self._salt = settings.tracking_salt.get_secret_value()
        self._ip_hashes: dict[str | None, str | None] = {}
        self._click_ids = ClickIds()
        self._tracking_params = dict(settings.tracking_params)
        self._proxies = TrustedProxies.parse(settings.forwarded_allow_ips)

    def route(self, path: str):
        """The handler for a hot path, or None to let FastAPI route the request."""
        if path.startswith("/r/"):
            return self.redirect
        if path.startswith(("/api/webhooks/", "/api/postback/")):
            return self.webhook
        return None

    def close(self) -> None:
        unwritten = self.clicks.close() + self.inbox.close()
        if unwritten:
            log.error("%d clicks or deliveries could not be written at shutdown", unwritten)

    # -- GET /r/{link_code} -------------------------------------------------------------

    async def redirect(self, scope: Scope, receive: Receive, send: Send) -> None:
        code = scope["path"][3:]
        try:
            link = await self.links.resolve(code)
        except sa.exc.SQLAlchemyError:
            await respond_error(send, 503, "tracking links unavailable", extra=RETRY_LATER)
            return
        if link is None:
            await respond_error(send, 404, f"unknown link {code[:64]!r}")
            return
        headers = header_dict(scope, CLICK_HEADERS)
        client = scope.get("client")
        address = self._proxies.visitor(
            client[0] if client else None, headers.get("x-forwarded-for")
        )
        ip_hash = self._ip_hash(address)
        user_agent = headers.get("user-agent")
        subs, params = kept_params(scope["query_string"].decode("latin-1"))
        click_id = self._click_ids.new()
        # The rate counts every request from the address, crawler or not.
        too_fast = self.rate.too_fast(ip_hash)
        click = Click(
            click_id=click_id,
            link=link,
            clicked_at=datetime.now(UTC),
            ip_hash=ip_hash,
            user_agent=user_agent[:1000] if user_agent else None,
            referrer=(headers.get("referer") or "")[:2000] or None,
            subs=subs,
            params=params,
            bot_reason=crawler_or_prefetch(user_agent, headers) or too_fast,
        )
        try:
            self.clicks.submit_nowait(click)
        except Unavailable:
            # Far behind on writes: still send the visitor on, but say so in the log.
            log.warning("click %s not recorded: the click queue is full", click_id)
        location = link.redirect_to(click_id, self._tracking_params).encode("latin-1", "replace")
        await respond(
            send,
            302,
            extra=[(b"location", location), (b"cache-control", b"no-store")],
            content_type=b"text/plain",
        )

    def _ip_hash(self, ip: str | None) -> str | None:
        """Hashes of recent addresses are kept: visitors and scripts repeat themselves."""
        hashed = self._ip_hashes.get(ip)
        if hashed is None:
            if len(self._ip_hashes) > 100_000:
                self._ip_hashes.clear()
            hashed = self._ip_hashes[ip] = hash_ip(ip, self._salt)
        return hashed

    # -- POST /api/webhooks/{network}, GET|POST /api/postback/{network} -----------------

    async def webhook(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind, _, network = scope["path"][len("/api/") :].partition("/")
        if kind == "webhooks":
            parser = registry.webhook_for(network)
        else:
            known = network in self._secrets.postback_secrets
            parser = registry.parser_for(network, self._secrets) if known else None
        if parser is None:
            hint = "/api/webhooks/{hotmart|clickbank|digistore24} or /api/postback/{network}"
            await respond_error(send, 404, f"no {kind} receiver for {network!r}; use {hint}")
            return
        method = scope["method"]
        if method not in (("POST",) if kind == "webhooks" else ("GET", "POST")):
            await respond_error(send, 405, f"{method} not allowed here")
            return
        headers = header_dict(scope)
        try:
            body = await read_body(receive, headers, self.settings.webhook_max_body_bytes)
        except BodyTooLarge as exc:
            await respond_error(send, 413, str(exc))
            return
        except ConnectionError:
            return
        query_string = scope["query_string"]
        query = (
            dict(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))
            if query_string
            else {}
        )
        raw = RawDelivery(network, body, headers, query, method)
        try:
            parser.verify(raw, self._secrets)
        except Unauthorized as exc:
            # Not stored: anyone can reach this URL; only the network knows the secret.
            await respond_error(send, 401, str(exc))
            return
        try:
            read = parser.read(raw, self._secrets)
        except Exception as exc:  # noqa: BLE001 — a hostile body must get 400, never 500
            if not isinstance(exc, WebhookError):
                log.exception("%s parser failed on a delivery; refused with 400", network)
            reason = str(exc)[:1000] or type(exc).__name__
            row = inbox_row(raw, parser, body_fingerprint(body), None, "rejected", reason)
            await self._store_then(send, row, 400, json.dumps({"error": reason}).encode())
            return
        status = "test" if read.test else "pending"
        row = inbox_row(raw, parser, read.delivery_key, read.event_type, status)
        ack = parser.acknowledgement()
        await self._store_then(send, row, 200, ack.body, ack.content_type.encode())

    async def _store_then(
        self, send: Send, row: InboxRow, status: int, body: bytes, ctype=b"application/json"
    ) -> None:
        try:
            await self.inbox.submit(row)
        except Unavailable:
            await respond_error(send, 503, "not stored; retry later", extra=RETRY_LATER)
            return
        await respond(send, status, body, ctype)
