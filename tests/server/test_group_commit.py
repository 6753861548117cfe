"""The group-commit writer: a batch commits together, one bad row fails alone, and queued
rows are written when the writer closes."""

import asyncio
import time

import sqlalchemy as sa

from affiliate.server.group_commit import GroupCommitWriter, Unavailable
from affiliate.tracking.clicks import ClickIds, ClickLines, Link, insert_clicks
from affiliate.tracking.inbox import InboxRow, insert_many
from tests.group_commit import write_with
from tests.tracking_links import make_link


def row(event_id: str, network: str = "hotmart", body: bytes = b"{}") -> InboxRow:
    return InboxRow(network, event_id, "PURCHASE_APPROVED", "POST", {"h": "v"}, {}, body)


def count(engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.scalar(sa.text(f"select count(*) from app.{table}"))


def test_concurrent_submits_commit_and_one_bad_row_fails_alone(clean_db):
    writer = GroupCommitWriter(clean_db, insert_many, name="test-inbox")

    async def main():
        rows = [row(f"e{n}") for n in range(200)]
        rows.append(row("bad", network="n" * 80))  # longer than the column: a DataError
        rows.append(row("e1"))  # a redelivery inside the same batch
        results = await asyncio.gather(*(writer.submit(r) for r in rows), return_exceptions=True)
        assert await writer.close() == 0
        return results

    results = asyncio.run(main())
    failures = [r for r in results if r is not None]
    assert len(failures) == 1 and isinstance(failures[0], Unavailable)
    assert count(clean_db, "webhook_inbox") == 200
    with clean_db.connect() as conn:
        assert (
            conn.scalar(sa.text("select deliveries from app.webhook_inbox where event_id = 'e1'"))
            == 2
        )


def test_a_batch_of_new_deliveries_and_one_redelivered_later_all_count(clean_db):
    """New deliveries go straight into the inbox; a batch that repeats an earlier delivery
    cannot, and is merged instead: nothing lost, the repeat counted once more."""

    def write(batch):  # as the writer does: autocommit, insert_many commits what it writes
        asyncio.run(write_with(clean_db, insert_many, batch))

    write([row(f"n{n}") for n in range(50)])
    write([row("late1"), row("n7", body=b'{"second": true}'), row("late2")])
    with clean_db.connect() as conn:
        stored = dict(
            conn.execute(sa.text("select event_id, deliveries from app.webhook_inbox")).all()
        )
        first_body = conn.scalar(sa.text("select body from app.webhook_inbox where event_id='n7'"))
    assert len(stored) == 52 and stored["late1"] == stored["late2"] == 1
    assert stored["n7"] == 2 and sum(stored.values()) == 53
    assert bytes(first_body) == b"{}"  # the first delivery's body is the one kept


def test_text_no_database_can_hold_is_cleaned_not_fatal(clean_db):
    writer = GroupCommitWriter(clean_db, insert_many, name="test-inbox")
    hostile = InboxRow(
        "hotmart",
        "nul\x00id",
        "E\x00\ud800",
        "POST",
        {"x\x00": "a\x00b"},
        {"q": "\ud800"},
        b"\x00\xff",
    )

    async def main():
        await writer.submit(hostile)
        await writer.close()

    asyncio.run(main())
    with clean_db.connect() as conn:
        stored = conn.execute(
            sa.text("select event_id, event_type, headers, query, body from app.webhook_inbox")
        ).one()
    assert (
        stored.event_id == "nulid" and stored.headers == {"x": "ab"} and stored.query == {"q": "?"}
    )
    assert stored.event_type == "E?"
    assert bytes(stored.body) == b"\x00\xff"  # bytes are kept exactly


def test_queued_clicks_are_written_on_close(clean_db):
    ids = make_link(clean_db, "gc1")
    link = Link(
        "gc1", ids["ad_id"], ids["ad_set_id"], ids["campaign_id"], None, "clickbank", "https://x"
    )
    writer = GroupCommitWriter(
        clean_db, insert_clicks, name="test-clicks", retry_unacknowledged=True, gather_seconds=60
    )
    click_ids, lines = ClickIds(), ClickLines()

    async def main():
        for _ in range(5000):
            at = time.time_ns()
            line = lines.line(click_ids.new(at), at, link, None, "ua\ttab", None, "", None)
            writer.submit_nowait(line)
        return await writer.close()

    assert asyncio.run(main()) == 0
    assert count(clean_db, "clicks") == 5000


def test_items_submitted_while_closing_are_written_too(clean_db):
    """close() may run while requests still submit: what they submit is kept."""
    written: list = []

    async def main():
        release = asyncio.Event()

        async def flush(connection, items) -> None:
            if not written:
                await release.wait()
            written.extend(items)

        writer = GroupCommitWriter(clean_db, flush, name="test-stop")
        writer.submit_nowait("a")
        await asyncio.sleep(0.05)  # the writer is busy writing "a"
        closing = asyncio.create_task(writer.close())
        await asyncio.sleep(0.01)
        writer.submit_nowait("b")
        writer.submit_nowait("c")
        release.set()
        assert await closing == 0
        return writer.written

    assert asyncio.run(main()) == 3
    assert written == ["a", "b", "c"]


def test_gathered_items_are_written_after_the_window_without_a_close(clean_db):
    writer = GroupCommitWriter(clean_db, insert_many, name="test-gather", gather_seconds=0.05)

    async def main():
        for n in range(3):
            writer.submit_nowait(row(f"g{n}"))
        await asyncio.sleep(0.01)
        early = count(clean_db, "webhook_inbox")  # still gathering
        deadline = time.monotonic() + 10
        while count(clean_db, "webhook_inbox") < 3 and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        return early, await writer.close()

    assert asyncio.run(main()) == (0, 0)
    assert count(clean_db, "webhook_inbox") == 3


def test_a_submit_with_no_commit_in_time_is_told_unavailable_once(clean_db):
    outcomes: list = []

    async def main():
        release = asyncio.Event()

        async def stuck_flush(connection, items) -> None:
            await release.wait()  # the database hangs: no commit comes

        writer = GroupCommitWriter(clean_db, stuck_flush, name="test-stuck")
        writer.submit_then("a", asyncio.get_running_loop(), outcomes.append, timeout=0.05)
        await asyncio.sleep(0.3)
        release.set()  # the late commit must not answer a second time
        await writer.close()

    asyncio.run(main())
    assert len(outcomes) == 1 and isinstance(outcomes[0], Unavailable)
    assert "no commit in 0.05 s" in str(outcomes[0])


def test_with_the_database_unreachable_a_submit_is_refused_not_kept_waiting(clean_db):
    from affiliate.server.thread import free_port

    down = sa.create_engine(clean_db.url.set(host="127.0.0.1", port=free_port(), query={}))
    writer = GroupCommitWriter(down, insert_many, name="test-down")

    async def main():
        started = time.monotonic()
        try:
            await writer.submit(row("lost"))
        except Unavailable as exc:
            return str(exc), time.monotonic() - started, await writer.close()
        return "committed", 0.0, 0

    outcome, waited, unwritten = asyncio.run(main())
    assert outcome.startswith("not committed") and waited < 5 and unwritten == 0
    assert count(clean_db, "webhook_inbox") == 0


def test_items_left_by_a_loop_that_ended_are_written_by_the_next_one(clean_db):
    """A server has one loop; a script or a test may end one with clicks still gathering
    (or a write cut off) and close the writer from another."""
    writer = GroupCommitWriter(clean_db, insert_many, name="test-loops", gather_seconds=60)

    async def gather():
        for n in range(3):
            writer.submit_nowait(row(f"l{n}"))

    asyncio.run(gather())
    assert count(clean_db, "webhook_inbox") == 0
    assert asyncio.run(writer.close()) == 0
    assert count(clean_db, "webhook_inbox") == 3


def test_only_a_writer_told_not_to_wait_commits_before_the_wal_is_on_disk(clean_db):
    """Clicks (nobody is promised them) skip the flush; deliveries' commits wait for it."""
    seen: dict[str, str] = {}

    def recording(name):
        async def flush(connection, items) -> None:
            seen[name] = await connection.fetchval("show synchronous_commit")

        return flush

    async def main():
        for name, wait in (("clicks", False), ("deliveries", True)):
            writer = GroupCommitWriter(clean_db, recording(name), name=name, wait_for_flush=wait)
            writer.submit_nowait("x")
            assert await writer.close() == 0

    asyncio.run(main())
    assert seen == {"clicks": "off", "deliveries": "on"}


def test_a_batch_is_encoded_once_and_its_bad_row_retried_encoded(clean_db):
    """What `encode` makes of a batch is what is written, line-by-line retry included: it
    runs once a batch, so state it keeps (a click rate) counts each item once."""
    encoded: list[list[str]] = []
    written: list[str] = []

    def encode(items: list[str]) -> list[str]:
        encoded.append(list(items))
        return [item.upper() for item in items]

    async def flush(connection, items) -> None:
        if len(items) > 1 and "BAD" in items:
            raise ValueError("one bad row")
        if items != ["BAD"]:
            written.extend(items)

    async def main():
        writer = GroupCommitWriter(clean_db, flush, name="test-encode", encode=encode)
        results = await asyncio.gather(
            *(writer.submit(item) for item in ("a", "bad", "b")), return_exceptions=True
        )
        await writer.close()
        return results

    assert asyncio.run(main()) == [None, None, None]
    assert encoded == [["a", "bad", "b"]] and written == ["A", "B"]


def test_a_batch_that_cannot_be_encoded_fails_alone_and_is_logged(clean_db, caplog):
    def encode(items: list[str]) -> list[str]:
        if "boom" in items:
            raise KeyError("boom")
        return items

    written: list[str] = []

    async def flush(connection, items) -> None:
        written.extend(items)

    async def main():
        writer = GroupCommitWriter(clean_db, flush, name="test-encode", encode=encode)
        refused = await asyncio.gather(writer.submit("boom"), return_exceptions=True)
        await writer.submit("fine")  # the next batch is written as usual
        await writer.close()
        return refused, writer.failed

    (refused,), failed = asyncio.run(main())
    assert isinstance(refused, Unavailable) and failed == 1 and written == ["fine"]
    assert "test-encode: a batch of 1 items could not be encoded" in caplog.text


def test_a_submit_from_a_thread_outside_the_writers_loop_is_refused(clean_db):
    """The writer trusts the loop it adopted only on that loop's thread: elsewhere it asks
    asyncio, which finds no loop running there."""
    writer = GroupCommitWriter(clean_db, insert_many, name="test-thread")

    def submit_elsewhere() -> Exception | None:
        try:
            writer.submit_nowait(row("from-a-thread"))
        except RuntimeError as exc:
            return exc
        return None

    async def main():
        writer.submit_nowait(row("in-the-loop"))
        refused = await asyncio.get_running_loop().run_in_executor(None, submit_elsewhere)
        await writer.close()
        return refused

    assert isinstance(asyncio.run(main()), RuntimeError)
    assert count(clean_db, "webhook_inbox") == 1
