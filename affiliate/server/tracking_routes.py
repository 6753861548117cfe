"""The hot paths: `GET /r/{code}` (click redirect) and the networks' webhooks and postbacks.

The work is written once, free of any server interface (`click`, `webhook_receiver`,
`take_delivery` return an `Answer`), and served two ways: by the plain ASGI handlers here,
dispatched before FastAPI's routing and middleware (see `app.AffiliateApp`), and straight
from the HTTP parser's callbacks by `tracking_protocol.TrackingHttpProtocol`, which is how
`affiliate serve` runs them: at these rates the framework, and even ASGI, cost more than
the work.

- the redirect answers from the in-memory link table and queues the click for the next
  group commit (written at the latest when the server stops gracefully);
- a webhook is verified, read, and committed to `webhook_inbox` with the other deliveries
  of its batch *before* it is answered 2xx; if the commit fails the answer is 503, so the
  network retries. Processing into conversions is a separate step (the Dagster sensor).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl

import sqlalchemy as sa

from affiliate.config import Settings
from affiliate.server.asgi import (
    BodyTooLarge,
    Headers,
    Receive,
    Scope,
    Send,
    error_body,
    header_dict,
    read_body,
    respond,
)
from affiliate.server.click_rows import CLICK_HEADERS, ClickRows
from affiliate.server.group_commit import GroupCommitWriter, Unavailable
from affiliate.server.link_cache import LinkCache
from affiliate.tracking.clicks import ClickIds, Link, insert_clicks
from affiliate.tracking.events import WebhookError
from affiliate.tracking.inbox import InboxRow, body_fingerprint, inbox_row, insert_many
from affiliate.tracking.networks import registry
from affiliate.tracking.networks.base import NetworkWebhook, RawDelivery, Unauthorized

log = logging.getLogger(__name__)
RETRY_LATER = ((b"retry-after", b"5"),)
NO_STORE = (b"cache-control", b"no-store")
WEBHOOK_HINT = "/api/webhooks/{hotmart|clickbank|digistore24} or /api/postback/{network}"


@dataclass(slots=True)
class Answer:
    """An HTTP answer, whichever server interface sends it."""

    status: int
    body: bytes = b""
    content_type: bytes = b"application/json"
    extra: tuple[tuple[bytes, bytes], ...] = ()

    @classmethod
    def error(cls, status: int, message: str, **kw) -> Answer:
        return cls(status, error_body(message), **kw)


NOT_STORED = Answer.error(503, "not stored; retry later", extra=RETRY_LATER)
LINKS_UNAVAILABLE = Answer.error(503, "tracking links unavailable", extra=RETRY_LATER)


@dataclass(slots=True)
class Receiver:
    """Where a webhook or postback path leads: its network, its parser, and the 2xx answer
    the network expects (the same for every delivery)."""

    network: str
    parser: NetworkWebhook
    ack: Answer


@dataclass(slots=True)
class Stored:
    """A delivery to commit to the inbox, and the answer once it is committed."""

    row: InboxRow
    answer: Answer


class TrackingEndpoints:
    def __init__(self, engine: sa.Engine, settings: Settings) -> None:
        self.settings = settings
        self.links = LinkCache(engine)
        self.click_rows = ClickRows(settings)
        self.clicks = GroupCommitWriter(
            engine,
            insert_clicks,
            encode=self.click_rows.lines,  # a click's row is worked out in its batch
            name="clicks",
            # ~50 s of 20,000 clicks/s with the database down; a seen click takes ~0.8 KB.
            max_queue=1_000_000,
            retry_unacknowledged=True,
            # Nobody waits for a click's commit: 5 ms of gathering measured +12 % redirects.
            gather_seconds=0.005,
            # Nor for its flush to disk: a click is answered before it is written at all.
            # Postgres' CPU a click, 3 alternated pairs: 16.5-18.0 µs against 17.0-22.2, the
            # kernel's share (the fsyncs) 2.1-2.9 against 4.3-6.6; redirects' p99 10.5-12.0
            # against 12.8-15.0 ms.
            wait_for_flush=False,
        )
        # Fewer, larger commits: 2 ms more per delivery cost Postgres and the writer less a
        # row. Judged for the thread that wrote them then (10 s runs with 128 senders: 6.1k
        # and 8.4k deliveries/s without; 7.95k, 8.1k and 9.1k with) and again for the
        # loop's writer (alternated pairs: 6.6k and 7.7k/s without, 7.9k and 9.4k with, at
        # 64 senders; 8.4k and 10.5k without, 11.0k and 8.3k with, at 128).
        self.inbox = GroupCommitWriter(
            engine, insert_many, name="webhook_inbox", gather_seconds=0.002
        )
        self._secrets = registry.secrets_from(settings)
        # (path, method) → Receiver: a few per network, found once, not on every delivery.
        self._receivers: dict[tuple[str, str], Receiver] = {}
        self._click_ids = ClickIds()
        self._tracking_params = dict(settings.tracking_params)

    def route(self, path: str):
        """The ASGI handler for a hot path, or None to let FastAPI route the request."""
        if path.startswith("/r/"):
            return self.redirect
        if path.startswith(("/api/webhooks/", "/api/postback/")):
            return self.webhook
        return None

    async def close(self) -> None:
        unwritten = await self.clicks.close() + await self.inbox.close()
        if unwritten:
            log.error("%d clicks or deliveries could not be written at shutdown", unwritten)

    # -- GET /r/{link_code} -------------------------------------------------------------

    async def redirect(self, scope: Scope, receive: Receive, send: Send) -> None:
        code = scope["path"][3:]
        try:
            link = await self.links.resolve(code)
        except sa.exc.SQLAlchemyError:
            await send_answer(send, LINKS_UNAVAILABLE)
            return
        client = scope.get("client")
        peer = client[0] if client else None
        answer = self.click(code, link, scope["query_string"], scope["headers"], peer)
        await send_answer(send, answer)

    def click(
        self, code: str, link: Link | None, query_string: bytes, headers: Headers, peer: str | None
    ) -> Answer:
        """Send the visitor on to `link`'s offer with a new click id, and queue what the
        request showed for the next group commit, which works out the click's row (IP hash,
        bot verdict: `click_rows`); 404 when the code is unknown (`link` None)."""
        if link is None:
            return Answer.error(404, f"unknown link {code[:64]!r}")
        at_ns = time.time_ns()
        click_id = self._click_ids.new(at_ns)
        seen = (click_id, at_ns, link, query_string, header_dict(headers, CLICK_HEADERS), peer)
        try:
            self.clicks.submit_nowait(seen)
        except Unavailable:
            # Far behind on writes: still send the visitor on, but say so in the log.
            log.warning("click %s not recorded: the click queue is full", click_id)
        location = link.redirect_to(click_id, self._tracking_params).encode("latin-1", "replace")
        # Positional: keywords cost a dataclass ~0.3 µs more to build.
        return Answer(302, b"", b"text/plain", ((b"location", location), NO_STORE))

    # -- POST /api/webhooks/{network}, GET|POST /api/postback/{network} -----------------

    async def webhook(self, scope: Scope, receive: Receive, send: Send) -> None:
        receiver = self.webhook_receiver(scope["path"], scope["method"])
        if isinstance(receiver, Answer):
            await send_answer(send, receiver)
            return
        headers = header_dict(scope["headers"])
        try:
            body = await read_body(receive, headers, self.settings.webhook_max_body_bytes)
        except BodyTooLarge as exc:
            await send_answer(send, Answer.error(413, str(exc)))
            return
        except ConnectionError:
            return
        taken = self.take_delivery(receiver, scope["method"], headers, scope["query_string"], body)
        if isinstance(taken, Stored):
            try:
                await self.inbox.submit(taken.row)
            except Unavailable:
                taken = NOT_STORED
            else:
                taken = taken.answer
        await send_answer(send, taken)

    def webhook_receiver(self, path: str, method: str) -> Receiver | Answer:
        """The network and parser a webhook or postback path leads to; 404 or 405 if none."""
        receiver = self._receivers.get((path, method))
        if receiver is None:
            receiver = self._find_receiver(path, method)
            if isinstance(receiver, Receiver):  # answers to other paths are not kept
                self._receivers[path, method] = receiver
        return receiver

    def _find_receiver(self, path: str, method: str) -> Receiver | Answer:
        kind, _, network = path[len("/api/") :].partition("/")
        if kind == "webhooks":
            parser = registry.webhook_for(network)
        else:
            known = network in self._secrets.postback_secrets
            parser = registry.parser_for(network, self._secrets) if known else None
        if parser is None:
            return Answer.error(404, f"no {kind} receiver for {network!r}; use {WEBHOOK_HINT}")
        if method not in (("POST",) if kind == "webhooks" else ("GET", "POST")):
            return Answer.error(405, f"{method} not allowed here")
        ack = parser.acknowledgement()
        return Receiver(network, parser, Answer(200, ack.body, ack.content_type.encode()))

    def take_delivery(
        self,
        receiver: Receiver,
        method: str,
        headers: dict[str, str],
        query_string: bytes,
        body: bytes,
    ) -> Stored | Answer:
        """Verify and read a delivery. What must be kept (a readable delivery, or an unreadable
        one for inspection) comes back as `Stored`, to answer once committed; a delivery
        without the network's secret is refused and not stored."""
        network, parser = receiver.network, receiver.parser
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
            return Answer.error(401, str(exc))
        try:
            read = parser.read(raw, self._secrets)
        except Exception as exc:  # noqa: BLE001 — a hostile body must get 400, never 500
            if not isinstance(exc, WebhookError):
                log.exception("%s parser failed on a delivery; refused with 400", network)
            reason = str(exc)[:1000] or type(exc).__name__
            row = inbox_row(raw, parser, body_fingerprint(body), None, "rejected", reason)
            return Stored(row, Answer.error(400, reason))
        status = "test" if read.test else "pending"
        row = inbox_row(raw, parser, read.delivery_key, read.event_type, status)
        return Stored(row, receiver.ack)


async def send_answer(send: Send, answer: Answer) -> None:
    await respond(send, answer.status, answer.body, answer.content_type, answer.extra)
