"""uvicorn's HTTP protocol, answering the tracking hot paths straight from the parser.

Under load a redirect or a webhook costs less than the ASGI plumbing around it (a task per
request, scope and message dicts, awaiting `receive` and `send`): served here, from httptools'
callbacks, a redirect is answered inside `on_message_complete` and a webhook when its batch
commits, with no task at all. Every other request — and a hot one that arrives behind an
unfinished ASGI request on the same connection — goes through uvicorn's own ASGI cycle to the
FastAPI app unchanged, whose `AffiliateApp` still answers the hot paths in ASGI (for any other
server, and for the tests' clients).

HTTP/1.1 as uvicorn speaks it is kept: keep-alive and its timeout, `Connection: close` and
HTTP/1.0, `Expect: 100-continue`, answers in request order on a pipelined connection (hot
answers may wait for a commit; a request for the app waits behind them, as uvicorn makes
pipelined requests wait), reading paused while many answers wait, and a graceful shutdown
that sends every waiting answer before closing.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from functools import partial
from urllib.parse import unquote

import httptools
import sqlalchemy as sa
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

from affiliate.server.asgi import Headers, header_dict
from affiliate.server.group_commit import Unavailable
from affiliate.server.link_cache import LOOK_UP
from affiliate.server.tracking_routes import (
    LINKS_UNAVAILABLE,
    NOT_STORED,
    Answer,
    Receiver,
    TrackingEndpoints,
)

log = logging.getLogger(__name__)
CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
# A client that pipelines more than this many requests without reading waits (TCP pushes back).
MAX_WAITING_ANSWERS = 64
SERVER_ERROR = Answer.error(500, "internal error")


class _Waiting:
    """Stands for the hot answers still owed on a connection, so that uvicorn queues a
    request for the app behind them (it queues behind any unfinished cycle)."""

    response_complete = False


_WAITING = _Waiting()


class HotRequest:
    __slots__ = ("redirect", "path", "query", "method", "headers", "keep_alive", "receiver",
                 "fields", "answer", "body", "size")  # fmt: skip

    def __init__(self, redirect: bool, path: str, query: bytes, method: str, headers: Headers,
                 keep_alive: bool) -> None:  # fmt: skip
        self.redirect = redirect
        self.path = path
        self.query = query
        self.method = method
        self.headers = headers
        self.keep_alive = keep_alive
        self.receiver: Receiver | None = None
        self.fields: dict[str, str] = {}  # a webhook's headers, decoded
        self.answer: Answer | None = None  # known before the body (404, 405, 413)
        self.body: list[bytes] = []
        self.size = 0


class Reply:
    """An answer owed on a connection, in request order; `data` is set when it is ready."""

    __slots__ = ("data", "keep_alive")

    def __init__(self, keep_alive: bool) -> None:
        self.data: bytes | None = None
        self.keep_alive = keep_alive


class TrackingHttpProtocol(HttpToolsProtocol):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.tracking = _tracking_of(self.app)  # None: not our app, plain uvicorn
        self._hot: HotRequest | None = None
        self._replies: deque[Reply] = deque()
        self._closing = False
        self._in_request = False
        self._idle_timer: asyncio.TimerHandle | None = None
        self._last_answer = 0.0
        # The last answer head encoded, and what it depends on (`_encode`).
        self._head_of: tuple = ()
        self._head = b""
        self._peer: str | None = None  # the client's address, for the click's IP hash

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._peer = self.client[0] if self.client else None

    # -- parser callbacks ------------------------------------------------------------------

    def on_message_begin(self) -> None:
        # uvicorn builds the ASGI scope here; a hot request never needs one (`_to_asgi`).
        self.url = b""
        self.expect_100_continue = False
        self.headers = []
        self._in_request = True

    def _to_asgi(self) -> None:
        """Hand the request whose headers just arrived to uvicorn's ASGI cycle."""
        url, headers, expect = self.url, self.headers, self.expect_100_continue
        super().on_message_begin()  # the scope, around a new, empty header list
        self.headers.extend(headers)
        self.url, self.expect_100_continue = url, expect
        super().on_headers_complete()

    def on_headers_complete(self) -> None:
        tracking = self.tracking
        asgi_busy = self.cycle is not None and not self.cycle.response_complete
        if tracking is None or asgi_busy or self.parser.should_upgrade():
            self._to_asgi()
            return
        url = self.url
        if url[:1] == b"/":  # origin form, as every client but a proxy sends it
            url = url.partition(b"#")[0]  # a fragment is never sent, but a client may
            raw_path, _, query = url.partition(b"?")
        else:
            parsed = httptools.parse_url(url)
            raw_path, query = parsed.path or b"/", parsed.query or b""
        path = raw_path.decode("latin-1")
        if "%" in path:
            path = unquote(path)
        handler = tracking.route(path)  # the hot paths are the ones it has an ASGI handler for
        if handler is None:
            if self._replies:
                self.cycle = _WAITING  # uvicorn pipelines this request behind our answers
            self._to_asgi()
            return
        parser = self.parser
        keep_alive = parser.get_http_version() != "1.0" and parser.should_keep_alive()
        method = parser.get_method().decode("ascii")
        redirect = handler == tracking.redirect
        hot = self._hot = HotRequest(redirect, path, query, method, self.headers, keep_alive)
        if redirect:
            return
        receiver = tracking.webhook_receiver(path, method)
        if isinstance(receiver, Answer):
            hot.answer = receiver
            return
        hot.receiver = receiver
        hot.fields = header_dict(self.headers)
        declared = hot.fields.get("content-length", "")
        limit = tracking.settings.webhook_max_body_bytes
        if declared.isdigit() and int(declared) > limit:
            self._refuse_body(hot, f"body of {declared} bytes; the limit is {limit}")
        elif self.expect_100_continue and not self._replies:
            self.transport.write(CONTINUE)

    def on_body(self, body: bytes) -> None:
        hot = self._hot
        if hot is None:
            super().on_body(body)
            return
        if hot.redirect or hot.answer is not None:
            return  # a body nobody reads (or one already refused)
        hot.size += len(body)
        limit = self.tracking.settings.webhook_max_body_bytes
        if hot.size > limit:
            self._refuse_body(hot, f"body over {limit} bytes")
        else:
            hot.body.append(body)

    def on_message_complete(self) -> None:
        self._in_request = False
        hot = self._hot
        if hot is None:
            super().on_message_complete()
            return
        self._hot = None
        if hot.answer is not None:
            if hot.answer.status != 413:  # a 413 was sent as soon as it was known
                self._send(hot.answer, hot)
        elif hot.redirect:
            self._redirect(hot)
        else:
            self._webhook(hot)

    # -- the hot paths ---------------------------------------------------------------------

    def _redirect(self, hot: HotRequest) -> None:
        code = hot.path[3:]
        link = self.tracking.links.remembered(code)
        if link is LOOK_UP:  # not in memory: ask the database without blocking the loop
            reply = self._owe(hot)
            task = self.loop.create_task(self._redirect_after_lookup(reply, hot, code))
            self.tasks.add(task)  # a graceful shutdown waits for it
            task.add_done_callback(self.tasks.discard)
            return
        self._send(self.tracking.click(code, link, hot.query, hot.headers, self._peer), hot)

    async def _redirect_after_lookup(self, reply: Reply, hot: HotRequest, code: str) -> None:
        try:
            link = await self.tracking.links.resolve(code)
            answer = self.tracking.click(code, link, hot.query, hot.headers, self._peer)
        except sa.exc.SQLAlchemyError:
            answer = LINKS_UNAVAILABLE
        except Exception:  # noqa: BLE001 — the visitor gets an answer, the log the details
            log.exception("redirect for %r failed", code[:64])
            answer = SERVER_ERROR
        self._fill(reply, answer, hot)

    def _webhook(self, hot: HotRequest) -> None:
        body = b"".join(hot.body)
        taken = self.tracking.take_delivery(hot.receiver, hot.method, hot.fields, hot.query, body)
        if isinstance(taken, Answer):
            self._send(taken, hot)
            return
        reply = self._owe(hot)
        try:
            self.tracking.inbox.submit_then(
                taken.row, self.loop, partial(self._committed, reply, taken.answer, hot)
            )
        except Unavailable:
            self._fill(reply, NOT_STORED, hot)

    def _committed(
        self, reply: Reply, answer: Answer, hot: HotRequest, error: Exception | None
    ) -> None:
        self._fill(reply, answer if error is None else NOT_STORED, hot)

    def _refuse_body(self, hot: HotRequest, reason: str) -> None:
        """413 at once, and close: the rest of an oversized body is not worth reading."""
        hot.answer = Answer.error(413, reason)
        hot.keep_alive = False
        self._send(hot.answer, hot)

    # -- answers, in request order ------------------------------------------------------------

    def _send(self, answer: Answer, hot: HotRequest) -> None:
        if not self._replies:  # the usual case: nothing owed before it
            self._write(self._encode(answer, hot), hot.keep_alive)
            self._answered()
            return
        self._fill(self._owe(hot), answer, hot)

    def _owe(self, hot: HotRequest) -> Reply:
        reply = Reply(hot.keep_alive)
        self._replies.append(reply)
        if len(self._replies) >= MAX_WAITING_ANSWERS:
            self.flow.pause_reading()
        return reply

    def _fill(self, reply: Reply, answer: Answer, hot: HotRequest) -> None:
        reply.data = self._encode(answer, hot)
        replies = self._replies
        while replies and replies[0].data is not None:
            ready = replies.popleft()
            self._write(ready.data, ready.keep_alive)
        if not replies:
            self._answered()

    def _encode(self, answer: Answer, hot: HotRequest) -> bytes:
        """The answer as bytes. A connection mostly sends one kind of answer again and again
        (302s, or a network's 200s), so the head up to the answer's own headers is kept
        until the status, type, length, keep-alive or the server's default headers (whose
        date changes every second) differ."""
        defaults = self.server_state.default_headers
        head_of = (defaults, answer.status, answer.content_type, len(answer.body), hot.keep_alive)
        if head_of != self._head_of:
            self._head_of, self._head = head_of, _head(answer, hot.keep_alive, defaults)
        parts = [self._head]
        for name, value in answer.extra:
            parts += (name, b": ", value, b"\r\n")
        parts.append(b"\r\n")
        if hot.method != "HEAD":
            parts.append(answer.body)
        return b"".join(parts)

    def _write(self, data: bytes, keep_alive: bool) -> None:
        transport = self.transport
        if transport.is_closing():  # the client left; a webhook it sent is still committed
            return
        transport.write(data)
        if not keep_alive:
            transport.close()

    def _answered(self) -> None:
        """Nothing owed any more: close if shutting down; start a request for the app that
        waited, or read again, as uvicorn does after a response; else count the idle time."""
        if self._closing:
            self.transport.close()
        elif self.pipeline or self.flow.read_paused:
            self.on_response_complete()
        else:
            self.server_state.total_requests += 1
            # uvicorn arms a keep-alive timer after every response and cancels it on the next
            # request; one timer per connection that re-checks when it fires costs far less.
            self._last_answer = self.loop.time()
            if self._idle_timer is None:
                self._idle_timer = self.loop.call_later(self.timeout_keep_alive, self._idle_check)

    def _idle_check(self) -> None:
        self._idle_timer = None
        if self.transport.is_closing() or self.timeout_keep_alive_task is not None:
            return  # closed, or idle after an answer from the app: uvicorn's own timer runs
        asgi_busy = self.cycle is not None and not self.cycle.response_complete
        busy = self._in_request or self._replies or asgi_busy
        idle = self.loop.time() - self._last_answer
        if busy or idle < self.timeout_keep_alive:
            wait = self.timeout_keep_alive if busy else self.timeout_keep_alive - idle
            self._idle_timer = self.loop.call_later(wait, self._idle_check)
        else:
            self.transport.close()

    # -- connection ---------------------------------------------------------------------------

    def shutdown(self) -> None:
        if self._replies or self._hot is not None:
            self._closing = True  # close once the waiting answers are sent
        else:
            super().shutdown()


def _head(answer: Answer, keep_alive: bool, default_headers: list[tuple[bytes, bytes]]) -> bytes:
    """Status line and headers, but for the answer's own (`extra`) and the blank line."""
    parts = [STATUS_LINE[answer.status]]
    for name, value in default_headers:  # date, and server unless turned off
        parts += (name, b": ", value, b"\r\n")
    parts += (b"content-type: ", answer.content_type, b"\r\ncontent-length: ")
    parts += (str(len(answer.body)).encode(), b"\r\n")
    if not keep_alive:
        parts.append(b"connection: close\r\n")
    return b"".join(parts)


def _tracking_of(app) -> TrackingEndpoints | None:
    """The app's hot paths, looking through the middleware uvicorn may wrap it in."""
    for _ in range(10):
        tracking = getattr(getattr(app, "state", None), "tracking", None)
        if isinstance(tracking, TrackingEndpoints):
            return tracking
        app = getattr(app, "app", None)
        if app is None:
            return None
    return None
