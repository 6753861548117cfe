"""Which LLM writes a task: providers stored in app.ai_providers (keys sealed by the vault)
or given by environment variables, chosen per task by configuration.

No provider configured means the offline template writer (``None`` here).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from pydantic import SecretStr
from sqlalchemy.dialects.postgresql import insert

from affiliate.accounts import owner_id
from affiliate.config import Settings
from affiliate.connect.vault import Vault, provider_key_aad
from affiliate.content.writers.anthropic_writer import AnthropicChat
from affiliate.content.writers.base import ChatClient
from affiliate.content.writers.compatible import CompatibleChat
from affiliate.content.writers.openai_writer import OpenAIChat
from affiliate.db.tables import ai_providers

KINDS = ("openai", "anthropic", "compatible")
TEMPLATE = "template"
DEFAULT_MODELS = {"openai": "gpt-4.1-mini", "anthropic": "claude-haiku-4-5"}
ENV_KEYS = {"openai": "OPENAI_API_KEY", "anthropic": "ANTHROPIC_API_KEY"}


class ProviderConfigError(ValueError):
    pass


@dataclass(frozen=True)
class ProviderConfig:
    kind: str
    name: str
    api_key: SecretStr | None
    base_url: str | None
    model: str | None
    source: str  # "database" or the environment variable it came from


@dataclass(frozen=True)
class ProviderListing:
    name: str
    kind: str
    masked_key: str
    base_url: str | None
    model: str | None
    active: bool


def mask_key(key: str | None) -> str:
    """Enough of a key to recognise it (``sk-…abcd``), never enough to use it."""
    if not key:
        return "(none)"
    if len(key) < 12:
        return "…"  # short keys would give away too large a share
    return f"{key[:3]}…{key[-4:]}"


def add_provider(
    engine: sa.Engine,
    vault: Vault,
    *,
    kind: str,
    name: str | None = None,
    api_key: str | None = None,
    base_url: str | None = None,
    model: str | None = None,
) -> str:
    """Store (or replace) a provider for the owner; returns its name."""
    if kind not in KINDS:
        raise ProviderConfigError(f"unknown provider {kind!r}: use one of {', '.join(KINDS)}")
    if kind == "compatible" and not (base_url and model):
        raise ProviderConfigError("a compatible provider needs --base-url and --model")
    if kind != "compatible" and not api_key:
        raise ProviderConfigError(f"{kind} needs an API key")
    name = name or kind
    with engine.begin() as conn:
        user_id = owner_id(conn)
        sealed = (
            vault.encrypt(api_key.encode(), provider_key_aad(user_id, name)) if api_key else None
        )
        values = dict(
            provider=kind,
            encrypted_api_key=sealed,
            base_url=base_url,
            default_model=model,
            is_active=True,
        )
        conn.execute(
            insert(ai_providers)
            .values(user_id=user_id, name=name, **values)
            .on_conflict_do_update(
                constraint="ai_providers_user_name_key",
                set_={**values, "updated_at": sa.func.now()},
            )
        )
    return name


def remove_provider(engine: sa.Engine, name: str) -> bool:
    with engine.begin() as conn:
        deleted = conn.execute(
            sa.delete(ai_providers).where(
                ai_providers.c.user_id == owner_id(conn), ai_providers.c.name == name
            )
        )
    return deleted.rowcount > 0


def stored_providers(engine: sa.Engine, vault: Vault) -> list[ProviderConfig]:
    """The owner's active providers, oldest first, keys decrypted (kept as SecretStr)."""
    with engine.begin() as conn:
        user_id = owner_id(conn)
        rows = conn.execute(
            sa.select(ai_providers)
            .where(ai_providers.c.user_id == user_id, ai_providers.c.is_active)
            .order_by(ai_providers.c.id)
        ).all()
    return [
        ProviderConfig(
            kind=row.provider,
            name=row.name,
            api_key=_open(vault, row.encrypted_api_key, user_id, row.name),
            base_url=row.base_url,
            model=row.default_model,
            source="database",
        )
        for row in rows
    ]


def list_providers(engine: sa.Engine, vault: Vault) -> list[ProviderListing]:
    with engine.begin() as conn:
        user_id = owner_id(conn)
        rows = conn.execute(
            sa.select(ai_providers)
            .where(ai_providers.c.user_id == user_id)
            .order_by(ai_providers.c.id)
        ).all()
    listings = []
    for row in rows:
        key = _open(vault, row.encrypted_api_key, user_id, row.name)
        listings.append(
            ProviderListing(
                name=row.name,
                kind=row.provider,
                masked_key=mask_key(key.get_secret_value() if key else None),
                base_url=row.base_url,
                model=row.default_model,
                active=row.is_active,
            )
        )
    return listings


def environment_providers(settings: Settings) -> list[ProviderConfig]:
    found = []
    for kind, attribute in (("openai", "openai_api_key"), ("anthropic", "anthropic_api_key")):
        key = getattr(settings, attribute)
        if key is not None and key.get_secret_value():
            found.append(
                ProviderConfig(kind, f"env:{kind}", key, None, settings.llm_model, ENV_KEYS[kind])
            )
    if settings.llm_base_url:
        found.append(
            ProviderConfig(
                "compatible", "env:compatible", None, settings.llm_base_url, settings.llm_model,
                "LLM_BASE_URL",
            )
        )  # fmt: skip
    return found


def choose_provider(
    engine: sa.Engine, settings: Settings, task: str, vault: Vault | None = None
) -> ProviderConfig | None:
    """The provider for ``task``: LLM_TASK_PROVIDERS[task], else LLM_PROVIDER, else the first
    configured (stored ones before environment ones); None means the template writer."""
    choice = settings.llm_task_providers.get(task) or settings.llm_provider
    if choice == TEMPLATE:
        return None
    configured = stored_providers(engine, vault or Vault.from_settings(settings))
    configured += environment_providers(settings)
    if not choice:
        return configured[0] if configured else None
    for match in (lambda c: c.name == choice, lambda c: c.kind == choice):
        for config in configured:
            if match(config):
                return config
    raise ProviderConfigError(
        f"LLM provider {choice!r} chosen for {task} is not configured: add it with "
        f"`affiliate llm add`, set its environment variable, or choose 'template'"
    )


def client_for(config: ProviderConfig, settings: Settings) -> ChatClient:
    """The SDK-backed client for a provider configuration."""
    if config.kind == "compatible" and not config.model:
        raise ProviderConfigError(f"provider {config.name!r} needs a model (--model / LLM_MODEL)")
    model = config.model or DEFAULT_MODELS[config.kind]
    key = config.api_key.get_secret_value() if config.api_key else None
    if config.source == "database":
        hint = f"run `affiliate llm add {config.kind} --name {config.name}` with a valid key"
    else:
        hint = f"fix {config.source}, or store a key with `affiliate llm add {config.kind}`"
    common = dict(
        name=config.name, model=model, timeout=settings.llm_timeout_seconds, fix_hint=hint
    )
    if config.kind == "openai":
        return OpenAIChat(api_key=key, base_url=config.base_url, **common)
    if config.kind == "anthropic":
        return AnthropicChat(api_key=key, base_url=config.base_url, **common)
    if config.kind == "compatible":
        return CompatibleChat(api_key=key, base_url=config.base_url, **common)
    raise ProviderConfigError(f"unknown provider kind {config.kind!r}")


def _open(vault: Vault, token: str | None, user_id: int, name: str) -> SecretStr | None:
    if not token:
        return None
    return SecretStr(vault.decrypt(token, provider_key_aad(user_id, name)).decode())
