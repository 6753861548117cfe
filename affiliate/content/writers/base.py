"""What every LLM writer speaks: chat messages in, text and token counts out, typed errors.

Vendors differ in wire format and error classes; the adapters translate both into these, so
retries, the budget and the ledger are written once (in :mod:`affiliate.content.calls`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

Role = Literal["user", "assistant"]


@dataclass(frozen=True)
class Message:
    role: Role
    content: str


@dataclass(frozen=True)
class Completion:
    text: str
    model: str  # as the server reports it (may be a dated snapshot of the requested model)
    input_tokens: int
    output_tokens: int


class ChatClient(Protocol):
    """One configured provider: ``kind`` is the adapter (openai, anthropic, compatible),
    ``name`` the configuration it came from (an `ai_providers` name or an environment key)."""

    kind: str
    name: str
    model: str

    def complete(
        self, system: str, messages: list[Message], *, max_tokens: int, json_mode: bool
    ) -> Completion: ...


class LLMError(Exception):
    """A call did not produce usable copy; ``outcome`` is what the ledger records."""

    outcome = "error"


class ProviderAuthError(LLMError):
    """The key was rejected: retrying cannot help, the user must fix the configuration."""

    outcome = "auth_error"


class TransientError(LLMError):
    """Worth retrying: rate limited, a server error or a timeout."""

    def __init__(self, message: str, outcome: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.outcome = outcome  # rate_limited | server_error | timeout
        self.retry_after = retry_after


class BudgetExceeded(LLMError):
    outcome = "budget_exceeded"


class InvalidOutput(LLMError):
    """The answer failed validation twice (once more after being shown the errors)."""

    outcome = "invalid_output"


def retry_after_seconds(headers) -> float | None:
    """Seconds the server asked us to wait (``retry-after-ms`` or ``retry-after``), if any."""
    if headers is None:
        return None
    for header, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(header)
        if value is None:
            continue
        try:
            return max(0.0, float(value) / divisor)
        except ValueError:
            continue  # an HTTP date: fall back to our own backoff
    return None


def default_fix_hint(kind: str, name: str) -> str:
    """What to tell the user when a stored key is rejected."""
    return f"run `affiliate llm add {kind} --name {name}` with a valid key"


def translate_api_error(
    sdk, exc: Exception, *, vendor: str, provider: str, fix_hint: str, endpoint: str
) -> LLMError:
    """An `openai` or `anthropic` SDK error as the writers' own type.

    Both SDKs share one exception hierarchy (AuthenticationError, APITimeoutError,
    APIConnectionError, APIStatusError), so `sdk` is the module whose classes to test.
    Only the status and the server's message are kept: the request, and with it the key,
    never reaches a traceback or a log.
    """
    where = f"provider '{provider}'"
    if isinstance(exc, sdk.AuthenticationError):
        return ProviderAuthError(f"{vendor} rejected the API key for {where} (401): {fix_hint}")
    if isinstance(exc, sdk.APITimeoutError):
        return TransientError(f"{vendor} timed out for {where}", "timeout")
    if isinstance(exc, sdk.APIConnectionError):
        return TransientError(f"cannot reach {endpoint} for {where}", "unreachable")
    if isinstance(exc, sdk.APIStatusError):
        status = exc.status_code
        if status == 429:
            return TransientError(
                f"{vendor} rate-limited {where} (429)",
                "rate_limited",
                retry_after_seconds(exc.response.headers),
            )
        if status >= 500 or status in (408, 409):  # Anthropic's 529: overloaded
            return TransientError(
                f"{vendor} server error for {where} ({status})",
                "server_error",
                retry_after_seconds(exc.response.headers),
            )
        return LLMError(f"{vendor} refused the request for {where} ({status}): {exc}")
    return LLMError(f"{vendor} call failed for {where}: {type(exc).__name__}")
