"""Group commit: many requests' rows written by one INSERT and one COMMIT, then each answered.

One commit per request caps a webhook endpoint at about 4,000/s here; one commit per batch
lets the rate follow the database's row throughput instead. Requests that must know their
row is durable (`submit`) wait for the commit of the batch they joined; requests that
only need the row written eventually (`submit_nowait`, clicks) do not wait, and `close`
writes whatever is still queued before the process exits.

A dedicated thread owns one psycopg2 connection: the event loop never blocks on the
database, and the batch grows by itself while a commit is in flight. The connection is in
autocommit: a batch written by one COPY is its own transaction, two round trips in all instead
of five with BEGIN, a savepoint and COMMIT — every round trip is a thread switch and a fight
for the GIL with the event loop. A flush that needs several statements opens its own
transaction (`inbox.insert_many`'s merge).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import psycopg2
import sqlalchemy as sa

log = logging.getLogger(__name__)

# Writes one batch of items with a DB-API cursor on an autocommit connection: what it has
# written when it returns is committed (several statements: in a transaction of its own).
Flush = Callable[[Any, Sequence[Any]], None]
_STOP = object()


class ConnectionLost(RuntimeError):
    """The database, not the rows, failed: every row of the batch waits or fails."""


class Unavailable(RuntimeError):
    """The database did not take the batch (down, or too far behind); the caller answers 503."""


class GroupCommitWriter:
    def __init__(
        self,
        engine: sa.Engine,
        flush: Flush,
        *,
        name: str,
        max_batch: int = 1000,
        max_queue: int = 50_000,
        retry_unacknowledged: bool = False,
        gather_seconds: float = 0.0,
    ) -> None:
        """`retry_unacknowledged`: keep retrying a failed batch of `submit_nowait` items
        (clicks) instead of dropping it; `submit` callers are always told at once."""
        self._engine = engine
        self._flush = flush
        self.name = name
        self._max_batch = max_batch
        self._max_queue = max_queue
        self._retry = retry_unacknowledged
        # How long the loop gathers items before handing them over (0: at the end of this
        # pass): fewer, larger batches, for clicks (which nobody waits for) and, a shorter
        # time, deliveries (tracking_routes.TrackingEndpoints).
        self._gather = gather_seconds
        self._queue: queue.SimpleQueue = queue.SimpleQueue()  # lists of entries, or _STOP
        self._gathered: list = []  # entries not yet handed to the writer
        self._pending = 0  # items queued or in the batch being written
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._connection: Any = None
        self.written = 0
        self.failed = 0

    # -- producers (event loop) -------------------------------------------------------------

    async def submit(self, item: Any, timeout: float = 10.0) -> None:
        """Return once `item` is committed; raise Unavailable if it was not."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self.submit_then(item, loop, partial(_resolve, future), timeout)
        await future

    def submit_then(
        self,
        item: Any,
        loop: asyncio.AbstractEventLoop,
        done: Callable[[Exception | None], None],
        timeout: float = 10.0,
    ) -> None:
        """Queue `item`; `done(None)` runs on `loop` once it is committed, `done(Unavailable)`
        if it was not or no commit came within `timeout` seconds. `done` runs once.

        A callback rather than a future, so a server protocol can answer without a task."""
        once = _Once(done)
        self._enqueue((item, loop, once))
        # A timer, not asyncio.wait_for: this runs for every webhook and wait_for costs more.
        once.timer = loop.call_later(timeout, once.time_out, self.name, timeout)

    def submit_nowait(self, item: Any) -> None:
        """Queue `item`; it is written with the next batch."""
        self._enqueue((item, None, None))

    def _enqueue(self, entry: tuple) -> None:
        """Add to the items the event loop has gathered; its first one asks the loop to hand
        them all to the writer at the end of this pass. One wake-up of the writer per pass,
        not per item: each wake-up is a thread switch and a fight for the GIL with the loop,
        which the profiles showed as a large share of the loop's time per request."""
        self.start()
        with self._lock:
            if self._pending >= self._max_queue:
                raise Unavailable(f"{self.name}: {self._pending} rows already waiting")
            self._pending += 1
            self._gathered.append(entry)
            first = len(self._gathered) == 1
        if first:
            try:
                loop = asyncio.get_running_loop()
                if self._gather:
                    loop.call_later(self._gather, self._hand_over)
                else:
                    loop.call_soon(self._hand_over)
            except RuntimeError:  # not on an event loop (a script, a test): at once
                self._hand_over()

    def _hand_over(self) -> None:
        with self._lock:
            gathered, self._gathered = self._gathered, []
        if gathered:
            self._queue.put(gathered)

    # -- lifecycle ------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            with self._lock:
                if self._thread is None:
                    self._thread = threading.Thread(
                        target=self._run, name=f"group-commit-{self.name}", daemon=True
                    )
                    self._thread.start()

    def close(self, timeout: float = 30.0) -> int:
        """Write what is queued, stop the thread; return how many items could not be written."""
        if self._thread is None:
            return 0
        self._hand_over()
        self._queue.put(_STOP)
        self._thread.join(timeout)
        if self._connection is not None:
            self._connection.close()
        return self._pending

    # -- the writer thread ----------------------------------------------------------------

    def _run(self) -> None:
        """Write batches until the stop marker, then what raced in after it, then return."""
        stopping = False
        while True:
            batch, stop = self._take(block=not stopping)
            stopping = stopping or stop
            if batch:
                self._write(batch, retry=self._retry and not stopping)
            elif stopping:
                return

    def _take(self, block: bool) -> tuple[list, bool]:
        """Up to `max_batch` queued items, and whether a stop marker was among them (it may
        sit anywhere in the queue: producers can still submit while `close` runs)."""
        batch, stop = [], False
        try:
            entries = self._queue.get() if block else self._queue.get_nowait()
            while True:
                if entries is _STOP:
                    stop = True
                else:
                    batch.extend(entries)
                if len(batch) >= self._max_batch:
                    break
                entries = self._queue.get_nowait()
        except queue.Empty:
            pass
        return batch, stop

    def _write(self, batch: list, retry: bool) -> None:
        items = [item for item, _, _ in batch]
        errors = self._try_flush(items)
        delay = 0.05
        while retry and isinstance(errors, ConnectionLost):
            time.sleep(delay)  # database down: keep the (unacknowledged) items, try again
            delay = min(delay * 2, 2.0)
            errors = self._try_flush(items)
        if isinstance(errors, Exception) and not isinstance(errors, ConnectionLost):
            # One bad row must not cost the others their commit: write them one by one.
            errors = [self._try_flush([item]) for item in items]
        if not isinstance(errors, list):
            errors = [errors] * len(items)
        with self._lock:
            self._pending -= len(batch)
        self.written += sum(error is None for error in errors)
        self.failed += sum(error is not None for error in errors)
        waiting: dict[asyncio.AbstractEventLoop, list] = {}
        for (_, loop, done), error in zip(batch, errors, strict=True):
            if done is not None:
                waiting.setdefault(loop, []).append((done, error))
        for loop, settled in waiting.items():  # one wake-up of each loop per batch
            loop.call_soon_threadsafe(_settle, settled)

    def _try_flush(self, items: list) -> Exception | None:
        """None when committed; the error otherwise (ConnectionLost when the database
        itself, not the rows, was the problem)."""
        try:
            if self._connection is None:
                self._connection = self._connect()
            with self._connection.cursor() as cursor:
                self._flush(cursor, items)
            return None
        except Exception as exc:  # noqa: BLE001 — any failure means "not committed"
            log.warning("%s: %d rows not written: %s", self.name, len(items), exc)
            lost = _connection_problem(exc)
            if lost or self._connection is None:
                self._discard_connection()
                return ConnectionLost(str(exc))
            return exc

    def _connect(self) -> Any:
        connection = self._engine.raw_connection()
        connection.driver_connection.autocommit = True
        # The writer's own for good: in autocommit, it must never go back to the pool.
        connection.detach()
        return connection

    def _discard_connection(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):  # it is already broken
                self._connection.invalidate()
            self._connection = None


def _connection_problem(exc: Exception) -> bool:
    if isinstance(exc, sa.exc.DBAPIError):
        return exc.connection_invalidated or isinstance(exc, sa.exc.OperationalError)
    return isinstance(exc, (psycopg2.OperationalError, psycopg2.InterfaceError))


class _Once:
    """A submitter's callback, run at most once: by the commit or by its timer, whichever
    comes first."""

    __slots__ = ("done", "timer")

    def __init__(self, done: Callable[[Exception | None], None]) -> None:
        self.done: Callable[[Exception | None], None] | None = done
        self.timer: asyncio.TimerHandle | None = None

    def __call__(self, error: Exception | None) -> None:
        done, self.done = self.done, None
        if done is not None:
            if self.timer is not None:
                self.timer.cancel()
            done(error)

    def time_out(self, name: str, timeout: float) -> None:
        # The error is made only when it happens: building one per item cost every webhook.
        self(Unavailable(f"{name}: no commit in {timeout} s"))


def _settle(settled: list[tuple[_Once, Exception | None]]) -> None:
    for once, error in settled:
        once(None if error is None else Unavailable(f"not committed: {type(error).__name__}"))


def _resolve(future: asyncio.Future, error: Exception | None) -> None:
    if future.done():  # the awaiting task was cancelled
        return
    if error is None:
        future.set_result(None)
    else:
        future.set_exception(error)
