"""The `affiliate` command."""

from __future__ import annotations

import typer
from rich.console import Console

from affiliate.config import SANDBOX_HOTTOK, get_settings

app = typer.Typer(
    help="Affiliate OS: offers, creatives, campaigns, tracking and profit.", no_args_is_help=True
)
db_app = typer.Typer(
    help="The database: embedded PostgreSQL unless DATABASE_URL is set.", no_args_is_help=True
)
app.add_typer(db_app, name="db")
# soft_wrap: URLs and paths are printed whole, never folded at the terminal width.
console = Console(soft_wrap=True)


@db_app.command("up")
def db_up() -> None:
    """Start the embedded server if needed, migrate, and print the database URL."""
    from affiliate.db import migrate
    from affiliate.db.engine import database_url, redacted

    with console.status("Starting the database…"):
        url = database_url(start=True)
        migrate.upgrade(url)
    console.print(redacted(url))


@db_app.command("down")
def db_down() -> None:
    """Stop the embedded server (a DATABASE_URL server is never touched)."""
    from affiliate.db import embedded

    settings = get_settings()
    if settings.database_url:
        console.print("DATABASE_URL is set: that server is not ours to stop.")
        return
    stopped = embedded.stop(settings.pgdata)
    console.print(
        "Embedded PostgreSQL stopped." if stopped else "Embedded PostgreSQL was not running."
    )


@db_app.command("status")
def db_status() -> None:
    """Say which database is used, whether it runs, and its migration revision."""
    from affiliate.db import embedded, migrate
    from affiliate.db.engine import database_url, redacted

    settings = get_settings()
    if settings.database_url:
        console.print(f"external (DATABASE_URL): {redacted(database_url(settings))}")
    else:
        state = embedded.status(settings.pgdata)
        where = f"data {state.pgdata}"
        if not state.running:
            console.print(f"embedded: stopped ({where}) — start it with `affiliate db up`")
            return
        console.print(f"embedded: running, pid {state.pid}, socket {state.socket_dir}, {where}")
    try:
        revision = migrate.current_revision(database_url(settings, start=False))
    except Exception as exc:  # noqa: BLE001 — status must report, not crash
        console.print(f"[red]unreachable[/red]: {exc}")
        raise typer.Exit(1) from None
    console.print(f"schema revision: {revision or 'none (run `affiliate migrate`)'}")


@app.command()
def migrate() -> None:
    """Apply the database migrations (schema `app`)."""
    from affiliate.db import migrate as migrations
    from affiliate.db.engine import database_url

    url = database_url()
    migrations.upgrade(url)
    console.print(f"schema app at revision {migrations.current_revision(url)}")


@app.command()
def serve(host: str = typer.Option(None), port: int = typer.Option(None)) -> None:
    """Run the API server (webhooks, tracking redirects, health)."""
    import uvicorn

    from affiliate.db import migrate as migrations
    from affiliate.db.engine import database_url
    from affiliate.server.app import create_app

    settings = get_settings()
    if settings.hotmart_hottok.get_secret_value() == SANDBOX_HOTTOK:
        console.print(
            "[yellow]HOTMART_HOTTOK is the sandbox default: set your own before "
            "pointing Hotmart at this server.[/yellow]"
        )
    url = database_url(settings)
    migrations.upgrade(url)
    uvicorn.run(
        create_app(url, settings),
        host=host or settings.api_host,
        port=port or settings.api_port,
        log_level="info",
    )


@app.command()
def sandbox(port: int = typer.Option(None, help="Default: SANDBOX_PORT (8100).")) -> None:
    """Run the sandbox marketplace, ad platform and affiliate network in the foreground."""
    import uvicorn

    from affiliate.sandbox import SandboxConfig, create_sandbox_app

    settings = get_settings()
    config = SandboxConfig(
        port=port or settings.sandbox_port,
        state_path=settings.affiliate_home / "sandbox-state.json",
    )
    uvicorn.run(create_sandbox_app(config), host="127.0.0.1", port=config.port, log_level="info")


@app.command()
def demo() -> None:
    """The whole lifecycle once, against the sandbox; prints top offers and the P&L."""
    import httpx

    from pipelines.demo import run_demo
    from pipelines.lifecycle import RunFailed

    try:
        code = run_demo(console)
    except (RunFailed, OSError, httpx.HTTPError) as exc:
        console.print(f"[red]The demo stopped:[/red] {exc}")
        code = 1
    raise typer.Exit(code)


@app.command()
def run() -> None:
    """The long-running stack: database, sandbox, API server, Dagster UI and daemon."""
    from affiliate.stack import run_stack

    raise typer.Exit(run_stack(console))


@app.command()
def docs(port: int = typer.Option(8080), serve: bool = typer.Option(True)) -> None:
    """Generate the dbt docs (models, columns, lineage) and serve them on 127.0.0.1."""
    import subprocess

    from affiliate.db.dbt_manifest import dbt_executable
    from affiliate.db.dbt_profile import DBT_PROJECT_DIR
    from affiliate.runtime import bootstrap

    bootstrap(get_settings())  # exports the AFFILIATE_DB_* variables profiles.yml reads
    common = ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)]
    subprocess.run([dbt_executable(), "docs", "generate", *common], check=True)
    if serve:
        console.print(f"dbt docs at http://127.0.0.1:{port} (Ctrl-C stops)")
        subprocess.run(
            [
                dbt_executable(),
                "docs",
                "serve",
                *common,
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-browser",
            ],
            check=False,
        )
