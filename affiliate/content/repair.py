"""One structured question to a model, with one chance to repair an invalid answer."""

from __future__ import annotations

from pydantic import BaseModel

from affiliate.content.calls import CallLabel, call_llm
from affiliate.content.ledger import GenerationRun, LedgerEntry
from affiliate.content.prompt_library import load_prompt
from affiliate.content.structured import validate_answer
from affiliate.content.writers.base import ChatClient, Message


def ask_with_one_repair(
    client: ChatClient,
    run: GenerationRun,
    label: CallLabel,
    system: str,
    user: str,
    schema: type[BaseModel],
    *,
    max_tokens: int,
    max_attempts: int,
) -> tuple[BaseModel | None, list[LedgerEntry], list[str]]:
    """Ask and validate against `schema`; on an invalid answer show the model its problems
    once (the `repair` prompt). Returns the valid answer or None, every call's ledger entry,
    and the last answer's problems."""
    parsed: dict[str, BaseModel] = {}

    def check(completion) -> list[str]:
        answer, problems = validate_answer(schema, completion.text)
        if answer is not None:
            parsed["answer"] = answer
        return problems

    messages = [Message("user", user)]
    entries: list[LedgerEntry] = []
    for attempt in (1, 2):
        result = call_llm(
            client, run, label, system, messages,
            max_tokens=max_tokens, check=check, max_attempts=max_attempts,
        )  # fmt: skip
        entries.append(result.entry)
        if not result.problems:
            return parsed["answer"], entries, []
        if attempt == 1:
            _, repair = load_prompt("repair").render(
                problems="\n".join(f"- {p}" for p in result.problems)
            )
            messages += [Message("assistant", result.completion.text), Message("user", repair)]
    return None, entries, result.problems
