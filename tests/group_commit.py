"""A group-commit flush run once, on a connection of its own, as the writer runs it."""

from __future__ import annotations

from affiliate.server.group_commit import connect


async def write_with(engine, flush, batch) -> None:
    connection = await connect(engine.url)
    try:
        await flush(connection, batch)
    finally:
        await connection.close()
