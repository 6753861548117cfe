"""The `affiliate` command."""

from __future__ import annotations

import os

import typer
from rich.console import Console

from affiliate.config import SANDBOX_HOTTOK, get_settings
from affiliate.llm_cli import llm_app

app = typer.Typer(
    help="Affiliate OS: offers, creatives, campaigns, tracking and profit.", no_args_is_help=True
)
db_app = typer.Typer(
    help="The database: embedded PostgreSQL unless DATABASE_URL is set.", no_args_is_help=True
)
app.add_typer(db_app, name="db")
offers_app = typer.Typer(
    help="Marketplace offers: import feeds, see the ranking.", no_args_is_help=True
)
app.add_typer(offers_app, name="offers")
vault_app = typer.Typer(
    help="The session vault: AES-256-GCM keys for secrets at rest.", no_args_is_help=True
)
app.add_typer(vault_app, name="vault")
# soft_wrap: URLs and paths are printed whole, never folded at the terminal width.
console = Console(soft_wrap=True)
user_app = typer.Typer(help="Accounts that can log in to the API.", no_args_is_help=True)
app.add_typer(user_app, name="user")
fx_app = typer.Typer(
    help="Exchange rates that convert sales into the account currency.", no_args_is_help=True
)
app.add_typer(fx_app, name="fx")
app.add_typer(llm_app, name="llm")


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


@vault_app.command("new-key")
def vault_new_key() -> None:
    """Print a fresh random key for SESSION_ENCRYPTION_KEY (base64 of 32 bytes)."""
    from affiliate.connect.vault import new_key_text

    typer.echo(new_key_text())  # plain stdout, so it can be piped into a secret store


@vault_app.command("rotate")
def vault_rotate() -> None:
    """Re-encrypt every stored secret under the current key.

    First set the new key as SESSION_ENCRYPTION_KEY and the old one in
    SESSION_ENCRYPTION_OLD_KEYS, for this command and every running server, then run this.
    Exits non-zero if any row could not be decrypted (those rows are left untouched).
    """
    from rich.markup import escape

    from affiliate.connect.vault import Vault, VaultError
    from affiliate.connect.vault_rotation import rotate_sessions
    from affiliate.db.engine import database_url, get_engine

    settings = get_settings()
    try:
        vault = Vault.from_settings(settings)
    except VaultError as exc:
        console.print(f"[red]Vault key configuration:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from None
    if not settings.session_encryption_old_keys:
        console.print(
            "[yellow]SESSION_ENCRYPTION_OLD_KEYS is empty: set the new key as "
            "SESSION_ENCRYPTION_KEY and the old one in SESSION_ENCRYPTION_OLD_KEYS, "
            "else rows under the old key cannot be read.[/yellow]"
        )
    report = rotate_sessions(get_engine(database_url(settings)), vault)
    console.print(
        f"current key {vault.current_key_id}: rotated {report.rotated}, "
        f"already current {report.already_current}, failed {len(report.failed)}"
    )
    for failure in report.failed:
        console.print(f"  {failure.table} id {failure.row_id}: {failure.reason}", markup=False)
    if report.failed:
        console.print("[red]Rows that failed were left untouched.[/red]")
        raise typer.Exit(1)


@app.command()
def migrate() -> None:
    """Apply the database migrations (schema `app`)."""
    from affiliate.db import migrate as migrations
    from affiliate.db.engine import database_url

    url = database_url()
    migrations.upgrade(url)
    console.print(f"schema app at revision {migrations.current_revision(url)}")


@user_app.command("create")
def user_create(
    email: str = typer.Option(..., help="Login email; stored trimmed and lower-case."),
    name: str = typer.Option(None, help="Display name."),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from the first line of stdin."
    ),
) -> None:
    """Create a user who can log in to the API, and print the new user's id."""
    import sys

    from affiliate.auth.passwords import PasswordPolicyError, check_password_policy
    from affiliate.auth.users import EmailTaken, InvalidAccountInput, create_user, normalise_email
    from affiliate.db import migrate as migrations
    from affiliate.db.engine import database_url, get_engine

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        # Checked before the database starts, so a typo fails fast.
        normalise_email(email)
        check_password_policy(password)
        url = database_url()
        migrations.upgrade(url)
        with get_engine(url).begin() as conn:
            user = create_user(conn, email, password, name)
    except EmailTaken:
        typer.echo(f"A user with email {email.strip().lower()} already exists.", err=True)
        raise typer.Exit(1) from None
    except (InvalidAccountInput, PasswordPolicyError) as exc:
        typer.echo(f"Not created: {exc}.", err=True)
        raise typer.Exit(1) from None
    typer.echo(user.id)  # the id alone on stdout, for scripts


@app.command()
def serve(
    host: str = typer.Option(None),
    port: int = typer.Option(None),
    workers: int = typer.Option(
        1, min=1, help="Server processes on this machine, each batching its own commits."
    ),
) -> None:
    """Run the API server (webhooks, tracking redirects, health)."""
    import uvicorn
    from rich.markup import escape

    from affiliate.db import migrate as migrations
    from affiliate.db.engine import database_url
    from affiliate.server.worker_sockets import run_workers

    settings = get_settings()
    if settings.hotmart_hottok.get_secret_value() == SANDBOX_HOTTOK:
        console.print(
            "[yellow]HOTMART_HOTTOK is the sandbox default: set your own before "
            "pointing Hotmart at this server.[/yellow]"
        )
    url = database_url(settings)
    migrations.upgrade(url)
    # Each worker process builds its own app from the environment: pass the URL on.
    os.environ["DATABASE_URL"] = url
    app = "affiliate.server.app:create_app_from_environment"
    options = dict(
        factory=True,
        host=host or settings.api_host,
        port=port or settings.api_port,
        workers=workers,
        # Answers redirects and webhooks from the HTTP parser, without ASGI or a task per
        # request (bench/tracking_load.py compares it with plain uvicorn: --server asgi).
        # Everything else is served by uvicorn as usual.
        http="affiliate.server.tracking_protocol:TrackingHttpProtocol",
        loop="uvloop",
        proxy_headers=False,  # the app reads X-Forwarded-For itself (client_address.py)
        server_header=False,
        access_log=False,
    )
    if workers > 1:  # uvicorn's workers, each with a listening socket of its own
        try:
            run_workers(uvicorn.Config(app, **options))
        except OSError as exc:
            where = f"{options['host']}:{options['port']}"
            console.print(f"[red]Cannot listen on {where}: {escape(str(exc))}[/red]")
            raise typer.Exit(1) from None
    else:
        uvicorn.run(app, **options)


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
def insights(days: int = typer.Option(7, min=1, help="How far back and ahead to show.")) -> None:
    """The latest CFO summary, recent anomalies with their causes, and the P&L forecast."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from affiliate.db.engine import get_engine
    from affiliate.finance.insights_report import insights_lines

    settings = get_settings()
    today = datetime.now(ZoneInfo(settings.report_timezone)).date()
    with get_engine().connect() as conn:
        for line in insights_lines(conn, today, days):
            console.print(line, highlight=False, markup=False)


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


@app.command("ab-test")
def ab_test(
    file: str = typer.Argument(
        None, help="A JSON experiment (variants, control first); stdin when omitted or '-'."
    ),
) -> None:
    """Analyse an A/B test and print the whole result, verdict included, as JSON."""
    import sys

    from affiliate.stats.command import ab_test_json
    from affiliate.stats.variants import ExperimentInputError

    try:
        if file in (None, "-"):
            text = sys.stdin.read()
        else:
            with open(file, encoding="utf-8") as handle:
                text = handle.read()
        typer.echo(ab_test_json(text))
    except (OSError, UnicodeDecodeError) as exc:
        typer.echo(f"ab-test: cannot read {file or 'stdin'}: {exc}", err=True)
        raise typer.Exit(2) from None
    except ExperimentInputError as exc:
        typer.echo(f"ab-test: {exc}", err=True)
        raise typer.Exit(2) from None


@offers_app.command("import")
def offers_import(
    network: str = typer.Argument(..., help="Which connector reads the file, e.g. clickbank."),
    source: str = typer.Argument(..., help="A feed file you downloaded (XML or zip), or a URL."),
) -> None:
    """Load a downloaded feed into today's partition of raw_offers, then re-score."""
    from affiliate.offers.connectors import available
    from pipelines.lifecycle import RunFailed
    from pipelines.offers_import import import_offers

    if network not in available():
        console.print(f"[red]No connector {network!r}[/red]; available: {', '.join(available())}")
        raise typer.Exit(2)
    with console.status(f"Importing {source} as today's {network} offers…"):
        try:
            result = import_offers(network, source, get_settings())
        except RunFailed as exc:
            console.print(f"[red]Import failed:[/red] {exc}")
            raise typer.Exit(1) from None
    saved = result.asset_materializations_for_node("raw_offers")[0].metadata["products"].value
    console.print(f"{saved} {network} offers imported and scored (run {result.run_id}).")


@app.command()
def connect(
    platform: str = typer.Argument(..., help="The platform to log in to, e.g. hotmart."),
    api: str = typer.Option(None, help="The Affiliate OS API (default: API_HOST:API_PORT)."),
    email: str = typer.Option(None, envvar="AFFILIATE_EMAIL", help="Your Affiliate OS login."),
    token: str = typer.Option(
        None, envvar="AFFILIATE_API_TOKEN", help="A bearer token instead of email and password."
    ),
    headless: bool = typer.Option(False, help="No window (for tests; you cannot log in by hand)."),
) -> None:
    """Log in to a marketplace in a real browser here, and upload the session to Affiliate OS."""
    import os
    import threading

    from affiliate.connect.capture import CaptureError
    from affiliate.connect.client import ConnectClient, ConnectClientError
    from affiliate.connect.flow import run_connect
    from affiliate.connect.platforms import UnknownPlatform

    settings = get_settings()
    client = ConnectClient(api or settings.api_url, bearer=token)
    enter = threading.Event()
    try:
        if not client.bearer:
            email = email or typer.prompt("Affiliate OS email")
            password = os.environ.get("AFFILIATE_PASSWORD") or typer.prompt(
                "Password", hide_input=True
            )
            client.login(email, password)
        if not headless:
            threading.Thread(target=lambda: (input(), enter.set()), daemon=True).start()
        result = run_connect(
            client, platform, settings, headless=headless, enter_pressed=enter, say=console.print
        )
    except (ConnectClientError, CaptureError, UnknownPlatform) as exc:
        console.print(f"[red]Not connected:[/red] {exc}")
        raise typer.Exit(1) from None
    console.print(
        f"Connected {platform}: {result['cookieCount']} cookies, "
        f"session expires {result['expiresAt'] or 'with the browser session'}."
    )


@offers_app.command("top")
def offers_top(
    network: str = typer.Option(None, help="Only this network, e.g. clickbank or hotmart."),
    limit: int = typer.Option(10, min=1, max=500),
    as_json: bool = typer.Option(False, "--json", help="JSON, for scripts."),
) -> None:
    """The ranking: each score's parts (V1, momentum, review) and trend flags."""
    import json

    from rich.table import Table

    from affiliate.db.engine import database_url, get_engine
    from affiliate.offers.catalog_query import list_products

    with get_engine(database_url()).connect() as conn:
        rows = list_products(conn, network=network, limit=limit)
    if as_json:
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not rows:
        console.print("No products yet: run `affiliate demo` or `affiliate offers import`.")
        return
    table = Table(title="Top offers (score = V1 × momentum × sales-page review)")
    for col in ("#", "product", "network", "score", "V1", "momentum", "review", "trend"):
        table.add_column(col, justify="right" if col in ("#", "score", "V1") else "left")
    for rank, p in enumerate(rows, start=1):
        s = p["score"] or {}
        trend = _trend(s)
        table.add_row(
            str(rank),
            p["name"],
            p["network"],
            p["aiScore"] or "–",
            s.get("v1") or "–",
            _x(s.get("momentumMultiplier")),
            _x(s.get("reviewMultiplier")),
            trend,
        )
    console.print(table)


def _x(multiplier: float | None) -> str:
    return "–" if multiplier is None else f"×{multiplier:.2f}"


def _trend(score: dict) -> str:
    """Flags a reader can scan: ↑ accelerating, and the 28-day slope per day."""
    slope = score.get("slope28d")
    parts = ["↑ accelerating"] if score.get("accelerating") else []
    if slope is not None:
        parts.append(f"{slope:+.1f}/day (28 d)")
    return ", ".join(parts) or "no trend yet"


@fx_app.command("load")
def fx_load(
    file: str = typer.Argument(..., help="A CSV with the header date,base,quote,rate."),
) -> None:
    """Load (or replace) exchange rates; nothing is loaded if any line is bad."""
    from affiliate.db.engine import database_url, get_engine
    from affiliate.tracking.fx import FxFileError, load_rates_csv

    try:
        loaded = load_rates_csv(get_engine(database_url()), file)
    except FxFileError as exc:
        console.print(f"[red]Not loaded:[/red] {exc}")
        raise typer.Exit(1) from None
    typer.echo(f"{loaded} rates loaded from {file}.")


@fx_app.command("list")
def fx_list(
    base: str = typer.Option(None, help="Only rates from this currency, e.g. BRL."),
    quote: str = typer.Option(None, help="Only rates into this currency, e.g. USD."),
    limit: int = typer.Option(50, min=1, help="At most this many, newest first."),
) -> None:
    """The loaded rates, newest first: 1 base = rate quote on that date."""
    from affiliate.db.engine import database_url, get_engine
    from affiliate.tracking.fx import list_rates

    with get_engine(database_url()).connect() as conn:
        rates = list_rates(conn, base=base, quote=quote, limit=limit)
    if not rates:
        console.print("No exchange rates loaded: `affiliate fx load rates.csv`.")
        return
    for r in rates:
        typer.echo(f"{r.rate_date}  {r.base_currency}→{r.quote_currency}  {r.rate}  ({r.source})")


compliance_app = typer.Typer(
    help="Compliance Guardian: check ad copy against the policy corpus.", no_args_is_help=True
)
app.add_typer(compliance_app, name="compliance")
review_app = typer.Typer(
    help="Creatives waiting for a person's compliance decision.", no_args_is_help=True
)
app.add_typer(review_app, name="review")


@compliance_app.command("check")
def compliance_check(
    file: str = typer.Argument(
        None, help="Ad texts, one a line or JSON lines; stdin when omitted."
    ),
    platform: str = typer.Option(..., help="meta, google or tiktok."),
    niche: str = typer.Option(None, help="e.g. weight_loss, make_money, beauty, software."),
    judge: bool = typer.Option(
        None,
        "--judge/--no-judge",
        help="Also ask the LLM configured for compliance_judge (it can only add findings). "
        "Default: when one is configured.",
    ),
) -> None:
    """Print one JSON verdict per ad text (risk, blocked, findings with rule ids and fixes)."""
    import sys

    from affiliate.compliance.command import (
        InputError,
        JudgeUnavailable,
        judge_for_check,
        parse_ads,
        verdict_lines,
    )
    from affiliate.compliance.corpus import PLATFORMS
    from affiliate.content.providers import ProviderConfigError

    if platform not in PLATFORMS:
        typer.echo(
            f"compliance check: unknown platform {platform!r} (use meta, google, tiktok)", err=True
        )
        raise typer.Exit(2)
    try:
        if file in (None, "-"):
            lines = sys.stdin.read().splitlines()
        else:
            with open(file, encoding="utf-8") as handle:
                lines = handle.read().splitlines()
        ads = parse_ads(lines)
    except (OSError, UnicodeDecodeError) as exc:
        typer.echo(f"compliance check: cannot read {file or 'stdin'}: {exc}", err=True)
        raise typer.Exit(2) from None
    except InputError as exc:
        typer.echo(f"compliance check: {exc}", err=True)
        raise typer.Exit(2) from None
    try:
        llm_judge = judge_for_check(judge)
    except (JudgeUnavailable, ProviderConfigError) as exc:
        typer.echo(f"compliance check: {exc}", err=True)
        raise typer.Exit(2) from None
    for line in verdict_lines(ads, platform, niche, llm_judge):
        typer.echo(line)


@compliance_app.command("eval")
def compliance_eval(
    file: str = typer.Argument(None, help="Labelled JSON lines; the project's evaluation set."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Precision and recall of the offline checker on a labelled set of ad texts."""
    import json

    from affiliate.compliance.command import format_report
    from affiliate.compliance.evaluation import DEFAULT_SET, EvalSetError, evaluate_splits

    try:
        reports = evaluate_splits(file or DEFAULT_SET)
    except (OSError, EvalSetError) as exc:
        typer.echo(f"compliance eval: {exc}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in reports], indent=2))
    else:
        typer.echo(format_report(reports))


@compliance_app.command("index")
def compliance_index(
    force: bool = typer.Option(False, help="Rebuild even when the index is current."),
) -> None:
    """Load the policy corpus into the database's full-text index (when it changed), and embed
    it for similarity search when an embedding model is configured."""
    from affiliate.compliance.corpus import load_corpus
    from affiliate.compliance.embeddings import choose_embedder
    from affiliate.compliance.retrieval import build_index
    from affiliate.db import migrate
    from affiliate.db.engine import database_url, get_engine

    settings = get_settings()
    url = database_url(settings)
    migrate.upgrade(url)
    engine = get_engine(url)
    choice = choose_embedder(engine, settings)
    with engine.begin() as conn:
        report = build_index(conn, force=force, embedder=choice.embedder)
    typer.echo(report.describe(load_corpus().version, choice.reason))


@compliance_app.command("rules")
def compliance_rules(
    platform: str = typer.Option(..., help="meta, google or tiktok."),
    niche: str = typer.Option(None, help="e.g. weight_loss, make_money, beauty, software."),
    text: str = typer.Option("", help="Ad text to find the most relevant rules for."),
    limit: int = typer.Option(5, min=1),
    prompt: bool = typer.Option(False, help="Print them worded for a generation prompt."),
) -> None:
    """The rules that apply to a platform and niche (full-text search, with similarity when an
    embedding model is configured; the first line says which), or the prompt block."""
    from affiliate.compliance.embeddings import choose_embedder
    from affiliate.compliance.prompting import rules_for_prompt
    from affiliate.compliance.retrieval import FUSED, search_rules
    from affiliate.db.engine import database_url, get_engine

    try:
        if prompt:
            typer.echo(rules_for_prompt(platform, niche, limit))
            return
        settings = get_settings()
        engine = get_engine(database_url(settings))
        choice = choose_embedder(engine, settings)
        with engine.begin() as conn:
            found = search_rules(conn, platform, niche, text, limit, choice.embedder)
    except ValueError as exc:
        typer.echo(f"compliance rules: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(found.describe(choice.reason))
    places = 4 if found.ranking == FUSED else 3  # fused scores differ in the fourth place
    for match in found.matches:
        typer.echo(
            f"{match.score:.{places}f}  {match.rule.id}  [{match.rule.severity}]  {match.rule.url}"
        )


@review_app.command("list")
def review_list(
    status: str = typer.Option("pending", help="pending, blocked, approved, rejected or all."),
) -> None:
    """Latest verdicts in a status (default: waiting for a person), oldest first."""
    from affiliate.compliance.command import format_queue
    from affiliate.compliance.review import review_queue
    from affiliate.db.engine import database_url, get_engine

    statuses = ("passed", "pending", "blocked", "approved", "rejected")
    chosen = statuses if status == "all" else (status,)
    if not set(chosen) <= set(statuses):
        typer.echo(f"review list: unknown status {status!r}", err=True)
        raise typer.Exit(2)
    with get_engine(database_url()).connect() as conn:
        typer.echo(format_queue(review_queue(conn, chosen)))


def _review_decision(
    action: str, verdict_id: int, note: str | None, by: str | None, **extra
) -> None:
    import getpass

    from affiliate.compliance import review
    from affiliate.db.engine import database_url, get_engine

    try:
        with get_engine(database_url()).begin() as conn:
            outcome = getattr(review, action)(
                conn, verdict_id, by or getpass.getuser(), note, **extra
            )
    except review.ReviewError as exc:
        typer.echo(f"review {action}: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"verdict {verdict_id} {outcome}.")


@review_app.command("approve")
def review_approve(
    verdict_id: int = typer.Argument(..., help="The verdict id from `affiliate review list`."),
    note: str = typer.Option(None, help="Why (required with --override-high-risk)."),
    by: str = typer.Option(None, help="Who decides; the login name when omitted."),
    override_high_risk: bool = typer.Option(
        False, help="Approve a blocked (high-risk) verdict; recorded with the note."
    ),
) -> None:
    """Let a waiting creative run (a blocked one only with --override-high-risk and --note)."""
    _review_decision("approve", verdict_id, note, by, override_high_risk=override_high_risk)


@review_app.command("reject")
def review_reject(
    verdict_id: int = typer.Argument(..., help="The verdict id from `affiliate review list`."),
    note: str = typer.Option(None, help="Why."),
    by: str = typer.Option(None, help="Who decides; the login name when omitted."),
) -> None:
    """Keep a creative out of every campaign."""
    _review_decision("reject", verdict_id, note, by)
