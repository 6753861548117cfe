"""Embeddings for policy retrieval: OpenAI's or any OpenAI-compatible server's /v1/embeddings.

An `Embedder` turns texts into vectors; `MeteredEmbedder` makes the calls the way the writers
make theirs (retries on 429, 5xx and timeouts, the SDK's own retries off, a timeout per
request) and writes one ledger row per call with its exact cost from prices.yaml.
`choose_embedder` reads the settings; no embedder means retrieval is full-text only.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import openai
import sqlalchemy as sa

from affiliate.config import Settings
from affiliate.connect.vault import Vault, VaultError
from affiliate.content.calls import elapsed_ms, retry_delay
from affiliate.content.ledger import GenerationRun
from affiliate.content.pricing import Price, UnknownPrice, price_table
from affiliate.content.providers import environment_providers, stored_providers
from affiliate.content.writers.base import LLMError, TransientError, translate_api_error
from affiliate.content.writers.compatible import NO_KEY

DEFAULT_MODELS = {"openai": "text-embedding-3-small"}
EMBEDDING_KINDS = ("openai", "compatible")  # Anthropic has no embeddings API
BATCH_SIZE = 64  # inputs per request; OpenAI takes up to 2048, small local servers fewer
NOT_CONFIGURED = (
    "no embedding model configured: set EMBEDDING_PROVIDER and EMBEDDING_MODEL, or add an "
    "OpenAI or OpenAI-compatible provider (`affiliate llm add`)"
)


@dataclass(frozen=True)
class Embeddings:
    vectors: list[list[float]]
    model: str  # as the server reports it
    input_tokens: int


class Embedder(Protocol):
    kind: str  # the price table's provider: openai or compatible
    name: str
    model: str

    def embed(self, texts: list[str]) -> Embeddings: ...


class OpenAIEmbedder:
    """`client.embeddings.create` of the official SDK, against OpenAI or a base URL."""

    def __init__(
        self,
        *,
        kind: str,
        name: str,
        model: str,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout: float = 60.0,
    ) -> None:
        self.kind, self.name, self.model, self.base_url = kind, name, model, base_url
        self.vendor = "OpenAI" if kind == "openai" else f"The server at {base_url}"
        self._client = openai.OpenAI(
            api_key=api_key or NO_KEY, base_url=base_url, max_retries=0, timeout=timeout
        )

    def embed(self, texts: list[str]) -> Embeddings:
        try:
            # "float" explicitly: the SDK otherwise asks for base64, which not every
            # compatible server speaks.
            response = self._client.embeddings.create(
                model=self.model, input=texts, encoding_format="float"
            )
        except openai.APIError as exc:
            hint = f"check provider {self.name!r} (`affiliate llm list`)"
            raise translate_api_error(
                openai, exc, vendor=self.vendor, provider=self.name, fix_hint=hint,
                endpoint=self.base_url or self.vendor,
            ) from None  # fmt: skip
        vectors = [list(item.embedding) for item in sorted(response.data, key=lambda d: d.index)]
        _check_vectors(vectors, len(texts), self.vendor)
        usage = getattr(response, "usage", None)
        return Embeddings(
            vectors, response.model or self.model, usage.prompt_tokens if usage else 0
        )


def _check_vectors(vectors: list[list[float]], expected: int, vendor: str) -> None:
    """Refuse what pgvector would refuse mid-transaction: wrong count, ragged, NaN."""
    dims = {len(v) for v in vectors}
    if len(vectors) != expected or len(dims) != 1 or 0 in dims:
        sizes = sorted(dims)
        raise LLMError(
            f"{vendor} returned {len(vectors)} embeddings of sizes {sizes} for {expected} texts"
        )
    if not all(math.isfinite(x) for v in vectors for x in v):
        raise LLMError(f"{vendor} returned an embedding with NaN or infinite values")


@dataclass
class MeteredEmbedder:
    """An embedder whose every call is retried like the writers' and written to the ledger."""

    embedder: Embedder
    run: GenerationRun
    max_attempts: int = 3
    sleep: Callable[[float], None] = time.sleep

    @property
    def model(self) -> str:
        return self.embedder.model

    @property
    def label(self) -> str:
        return f"{self.embedder.kind} {self.embedder.model}"

    def embed(self, texts: list[str], task: str) -> list[list[float]]:
        """Vectors for `texts` in order, BATCH_SIZE to a request; LLMError when it fails."""
        try:
            price = price_table().price(self.embedder.kind, self.embedder.model)
        except UnknownPrice as exc:  # an unpriced model never runs: its cost would be unknown
            raise LLMError(str(exc)) from None
        vectors: list[list[float]] = []
        for start in range(0, len(texts), BATCH_SIZE):
            vectors += self._call(texts[start : start + BATCH_SIZE], task, price)
        return vectors

    def _call(self, texts: list[str], task: str, price: Price) -> list[list[float]]:
        row = dict(task=task, provider=self.embedder.kind, model=self.embedder.model)
        started = time.perf_counter()
        for attempt in range(1, self.max_attempts + 1):
            try:
                result = self.embedder.embed(texts)
                break
            except TransientError as exc:
                if attempt == self.max_attempts:
                    self.run.record(outcome=exc.outcome, latency_ms=elapsed_ms(started), **row)
                    raise LLMError(f"{exc} — gave up after {attempt} attempts") from None
                self.sleep(retry_delay(attempt, exc.retry_after))
            except LLMError as exc:
                self.run.record(outcome=exc.outcome, latency_ms=elapsed_ms(started), **row)
                raise
        self.run.record(
            outcome="retried" if attempt > 1 else "ok",
            latency_ms=elapsed_ms(started),
            input_tokens=result.input_tokens,
            cost=price.cost(result.input_tokens, 0),
            **{**row, "model": result.model},
        )
        return result.vectors


@dataclass(frozen=True)
class EmbedderChoice:
    embedder: MeteredEmbedder | None
    reason: str  # which embedder and where it came from, or why there is none


def choose_embedder(
    engine: sa.Engine, settings: Settings, vault: Vault | None = None
) -> EmbedderChoice:
    """The embedder the settings ask for: EMBEDDING_PROVIDER (a name or kind), else the first
    OpenAI or compatible provider configured (stored ones first, as for the writers)."""
    choice = settings.embedding_provider
    if choice == "none":
        return EmbedderChoice(None, "EMBEDDING_PROVIDER is 'none'")
    try:
        configured = stored_providers(engine, vault or Vault.from_settings(settings))
    except VaultError as exc:
        return EmbedderChoice(None, f"stored providers cannot be read: {exc}")
    configured += environment_providers(settings)
    if choice:
        found = [c for c in configured if c.name == choice] or [
            c for c in configured if c.kind == choice
        ]
        if not found:
            why = (
                f"EMBEDDING_PROVIDER {choice!r} is not configured: add it with `affiliate llm add`"
            )
            return EmbedderChoice(None, why + " or its environment variable")
        config = found[0]
        if config.kind not in EMBEDDING_KINDS:
            why = f"provider {config.name!r} is {config.kind}, which has no embeddings API"
            return EmbedderChoice(None, why + ": choose an OpenAI or compatible one")
    else:
        usable = [c for c in configured if c.kind in EMBEDDING_KINDS]
        if not usable:
            return EmbedderChoice(None, NOT_CONFIGURED)
        config = usable[0]
    # A stored compatible provider named on purpose may be an embedding server: its model is
    # then the embedding model. Otherwise a provider's model is a chat model, never used here.
    named_server = bool(choice) and config.kind == "compatible" and config.source == "database"
    model = (
        settings.embedding_model
        or DEFAULT_MODELS.get(config.kind)
        or (config.model if named_server else None)
    )
    if not model:
        why = f"provider {config.name!r} is an OpenAI-compatible server"
        return EmbedderChoice(None, why + ": set EMBEDDING_MODEL to one of its embedding models")
    try:
        price_table().price(config.kind, model)
    except UnknownPrice as exc:
        return EmbedderChoice(None, str(exc))
    embedder = OpenAIEmbedder(
        kind=config.kind,
        name=config.name,
        model=model,
        api_key=config.api_key.get_secret_value() if config.api_key else None,
        base_url=config.base_url,
        timeout=settings.llm_timeout_seconds,
    )
    metered = MeteredEmbedder(embedder, GenerationRun(engine), settings.llm_max_attempts)
    return EmbedderChoice(metered, f"{config.kind} {model} (provider {config.name})")
