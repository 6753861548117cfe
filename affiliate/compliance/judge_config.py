"""Which LLM judges compliance: the provider configured for the `compliance_judge` task (as
generation chooses its writer), with the configured embedding model ranking its rules.

A judge that cannot be set up (the provider named for it does not exist, its stored key
cannot be decrypted) is a JudgeConfigError naming the setting to fix.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

import sqlalchemy as sa

from affiliate.compliance.judge import TASK, Judge
from affiliate.config import Settings, get_settings
from affiliate.connect.vault import VaultError
from affiliate.content.ledger import GenerationRun
from affiliate.content.providers import ProviderConfigError, choose_provider, client_for

if TYPE_CHECKING:
    from affiliate.compliance.embeddings import MeteredEmbedder

log = logging.getLogger(__name__)


class JudgeConfigError(ProviderConfigError):
    """The judge the settings name cannot be set up; the message names the setting to fix."""


def configured_judge(
    engine: sa.Engine, settings: Settings | None = None, run: GenerationRun | None = None
) -> Judge | None:
    """The judge the configuration names for the `compliance_judge` task (as generation
    chooses its writer); None when that is the template writer, i.e. no LLM. Its rules are
    ranked with the configured embedding model too, when there is one (EMBEDDING_PROVIDER)."""
    settings = settings or get_settings()
    try:
        config = choose_provider(engine, settings, TASK)
        if config is None:
            return None
        client = client_for(config, settings)
    except (ProviderConfigError, VaultError) as exc:
        raise JudgeConfigError(_config_problem(settings, exc)) from None
    run = run or GenerationRun(engine, budget=settings.llm_run_budget)
    return Judge(client, run, settings.llm_max_attempts, _embedder(engine, settings, run))


def _config_problem(settings: Settings, exc: Exception) -> str:
    if isinstance(exc, VaultError):  # its message names the key setting to fix
        return f"the {TASK} provider's stored key cannot be read: {exc}."
    if TASK in settings.llm_task_providers:
        setting = f'LLM_TASK_PROVIDERS["{TASK}"] (now {settings.llm_task_providers[TASK]!r})'
    elif settings.llm_provider:
        setting = f"LLM_PROVIDER (now {settings.llm_provider!r})"
    else:
        setting = "the provider's settings (`affiliate llm list`)"
    return (
        f"the LLM compliance judge is misconfigured: {exc}. Fix {setting}, or set "
        f'LLM_TASK_PROVIDERS["{TASK}"] to "template" to judge by the rules alone.'
    )


def _embedder(engine: sa.Engine, settings: Settings, run: GenerationRun) -> MeteredEmbedder | None:
    """The configured embedder, its calls written to the judge's run (so they count in its
    budget's spending); none means the rules are ranked by full-text search alone."""
    from affiliate.compliance.embeddings import choose_embedder

    choice = choose_embedder(engine, settings)
    if choice.embedder is None:
        if settings.embedding_provider not in (None, "none"):  # asked for, and not possible
            log.warning("compliance judge: rules ranked by full-text only: %s", choice.reason)
        return None
    return dataclasses.replace(choice.embedder, run=run)
