"""`affiliate llm add|list|remove`: the LLM providers the writers may use.

Keys are read from a hidden prompt or stdin (never from an argument, which would land in
shell history and `ps`), sealed by the vault into app.ai_providers, and only ever shown
masked.
"""

from __future__ import annotations

import sys

import typer

from affiliate.config import get_settings

llm_app = typer.Typer(
    help="LLM providers for the writers (OpenAI, Anthropic, OpenAI-compatible servers).",
    no_args_is_help=True,
)


def _engine_and_vault():
    from affiliate.connect.vault import Vault, VaultError
    from affiliate.db.engine import database_url, get_engine

    settings = get_settings()
    try:
        vault = Vault.from_settings(settings)
    except VaultError as exc:
        typer.echo(f"Vault key configuration: {exc}", err=True)
        raise typer.Exit(2) from None
    return settings, get_engine(database_url(settings)), vault


@llm_app.command("add")
def llm_add(
    provider: str = typer.Argument(..., help="openai, anthropic or compatible."),
    name: str = typer.Option(None, help="A name to choose it by (default: the provider)."),
    base_url: str = typer.Option(
        None, help="API base URL; required for compatible, e.g. http://127.0.0.1:11434/v1."
    ),
    model: str = typer.Option(None, help="Default model (required for compatible)."),
    api_key_stdin: bool = typer.Option(
        False, "--api-key-stdin", help="Read the key from stdin instead of a hidden prompt."
    ),
) -> None:
    """Store a provider; its API key is encrypted at rest and never printed."""
    from affiliate.content.providers import ProviderConfigError, add_provider, mask_key

    if api_key_stdin:
        api_key = sys.stdin.readline().strip()
    elif provider == "compatible":
        api_key = None  # local servers need no key; pass --api-key-stdin if yours does
    else:
        api_key = typer.prompt(f"{provider} API key", hide_input=True).strip()
    _, engine, vault = _engine_and_vault()
    try:
        stored = add_provider(
            engine, vault, kind=provider, name=name, api_key=api_key or None,
            base_url=base_url, model=model,
        )  # fmt: skip
    except ProviderConfigError as exc:
        typer.echo(f"llm add: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Stored {provider} provider '{stored}' (key {mask_key(api_key)}).")


@llm_app.command("list")
def llm_list() -> None:
    """Stored providers and those given by environment variables, keys masked."""
    from affiliate.content.providers import environment_providers, list_providers, mask_key

    settings, engine, vault = _engine_and_vault()
    rows = [
        (p.name, p.kind, p.masked_key, p.model or "(default)", p.base_url or "-",
         "active" if p.active else "inactive")
        for p in list_providers(engine, vault)
    ]  # fmt: skip
    rows += [
        (c.name, c.kind, mask_key(c.api_key.get_secret_value() if c.api_key else None),
         c.model or "(default)", c.base_url or "-", f"from {c.source}")
        for c in environment_providers(settings)
    ]  # fmt: skip
    if not rows:
        typer.echo("No LLM provider configured: the template writer writes all copy.")
        typer.echo("Add one with `affiliate llm add openai` (or set OPENAI_API_KEY).")
        return
    header = ("name", "provider", "key", "model", "base url", "status")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        typer.echo("  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


@llm_app.command("remove")
def llm_remove(name: str = typer.Argument(..., help="The provider's name.")) -> None:
    """Delete a stored provider and its encrypted key."""
    from affiliate.content.providers import remove_provider

    _, engine, _ = _engine_and_vault()
    if not remove_provider(engine, name):
        typer.echo(f"llm remove: no provider named {name!r}", err=True)
        raise typer.Exit(1)
    typer.echo(f"Removed provider '{name}'.")
