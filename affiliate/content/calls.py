"""One LLM call the way every writer makes it: priced, budgeted, retried, and in the ledger."""

from __future__ import annotations

import contextlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from affiliate.content.ledger import GenerationRun, LedgerEntry
from affiliate.content.pricing import UnknownPrice, price_table
from affiliate.content.writers.base import (
    ChatClient,
    Completion,
    LLMError,
    Message,
    TransientError,
)

BACKOFF_SECONDS = 0.5  # first wait; doubled each attempt
MAX_BACKOFF_SECONDS = 30.0


@dataclass(frozen=True)
class CallLabel:
    """What the ledger row says the call was for."""

    task: str
    prompt_template: str
    template_version: str
    product_id: int | None = None
    creative_id: int | None = None


@dataclass(frozen=True)
class CallResult:
    completion: Completion
    entry: LedgerEntry
    problems: list[str]  # empty when the answer was accepted


def estimate_tokens(text: str) -> int:
    """An upper-leaning guess (about 3 characters a token) for the budget's worst case."""
    return math.ceil(len(text) / 3)


def call_llm(
    client: ChatClient,
    run: GenerationRun,
    label: CallLabel,
    system: str,
    messages: list[Message],
    *,
    max_tokens: int,
    json_mode: bool = True,
    check: Callable[[Completion], list[str]] | None = None,
    max_attempts: int = 3,
    sleep: Callable[[float], None] = time.sleep,
) -> CallResult:
    """Call ``client`` with retries on 429/5xx/timeouts and write one ledger row.

    The row's outcome: ok, retried (succeeded after transient failures), invalid_output
    (``check`` found problems; the tokens are still paid for), or the failure's own
    (auth_error, rate_limited, server_error, timeout, unreachable, error, budget_exceeded).
    """
    row = dict(
        task=label.task,
        provider=client.kind,
        model=client.model,
        prompt_template=label.prompt_template,
        template_version=label.template_version,
        product_id=label.product_id,
        creative_id=label.creative_id,
    )
    try:
        price = price_table().price(client.kind, client.model)
    except UnknownPrice as exc:  # an unpriced model never runs: its cost would be unknown
        raise LLMError(str(exc)) from None
    prompt_text = system + "".join(m.content for m in messages)
    run.check_budget(price.cost(estimate_tokens(prompt_text), max_tokens), **row)

    started = time.perf_counter()
    for attempt in range(1, max_attempts + 1):
        try:
            completion = client.complete(
                system, messages, max_tokens=max_tokens, json_mode=json_mode
            )
            break
        except TransientError as exc:
            if attempt == max_attempts:
                run.record(outcome=exc.outcome, latency_ms=elapsed_ms(started), **row)
                raise LLMError(f"{exc} — gave up after {attempt} attempts") from None
            sleep(retry_delay(attempt, exc.retry_after))
        except LLMError as exc:
            run.record(outcome=exc.outcome, latency_ms=elapsed_ms(started), **row)
            raise
    latency_ms = elapsed_ms(started)

    # A dated snapshot ("gpt-4o-mini-2024-07-18") is priced as its family.
    with contextlib.suppress(UnknownPrice):
        price = price_table().price(client.kind, completion.model)
    problems = check(completion) if check else []
    outcome = "invalid_output" if problems else ("retried" if attempt > 1 else "ok")
    entry = run.record(
        outcome=outcome,
        latency_ms=latency_ms,
        input_tokens=completion.input_tokens,
        output_tokens=completion.output_tokens,
        cost=price.cost(completion.input_tokens, completion.output_tokens),
        **{**row, "model": completion.model},
    )
    return CallResult(completion, entry, problems)


def retry_delay(attempt: int, retry_after: float | None) -> float:
    """Seconds to wait before attempt `attempt + 1`: the server's Retry-After when it says,
    else doubling from BACKOFF_SECONDS; never more than MAX_BACKOFF_SECONDS."""
    if retry_after is not None:
        return min(retry_after, MAX_BACKOFF_SECONDS)
    return min(BACKOFF_SECONDS * 2 ** (attempt - 1), MAX_BACKOFF_SECONDS)


def elapsed_ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)
