"""OpenAI's Chat Completions through the official SDK; also the base of OpenAI-compatible servers.

The SDK's own retries are off (``max_retries=0``): :mod:`affiliate.content.calls` retries
every vendor the same way and records how many attempts a call took.
"""

from __future__ import annotations

import openai

from affiliate.content.writers.base import (
    Completion,
    LLMError,
    Message,
    default_fix_hint,
    translate_api_error,
)


class OpenAIChat:
    kind = "openai"
    vendor = "OpenAI"

    def __init__(
        self,
        *,
        name: str,
        api_key: str,
        model: str,
        base_url: str | None = None,
        timeout: float = 60.0,
        fix_hint: str | None = None,
    ) -> None:
        self.name = name
        # What to tell the user when the key is rejected (depends on where the key came from).
        self.fix_hint = fix_hint or default_fix_hint(self.kind, name)
        self.model = model
        self.base_url = base_url
        self._client = openai.OpenAI(
            api_key=api_key, base_url=base_url, max_retries=0, timeout=timeout
        )

    def complete(
        self, system: str, messages: list[Message], *, max_tokens: int, json_mode: bool
    ) -> Completion:
        chat = [{"role": "system", "content": system}]
        chat += [{"role": m.role, "content": m.content} for m in messages]
        try:
            response = self._client.chat.completions.create(
                model=self.model, messages=chat, **self._options(max_tokens, json_mode)
            )
        except openai.APIError as exc:
            raise self._translate(exc) from None
        text = response.choices[0].message.content if response.choices else None
        usage = response.usage
        return Completion(
            text=text or "",
            model=response.model or self.model,
            input_tokens=usage.prompt_tokens if usage else 0,
            output_tokens=usage.completion_tokens if usage else 0,
        )

    def _options(self, max_tokens: int, json_mode: bool) -> dict:
        # OpenAI's newer models take max_completion_tokens (max_tokens is deprecated there).
        options: dict = {"max_completion_tokens": max_tokens}
        if json_mode:
            options["response_format"] = {"type": "json_object"}
        return options

    def _translate(self, exc: openai.APIError) -> LLMError:
        return translate_api_error(
            openai,
            exc,
            vendor=self.vendor,
            provider=self.name,
            fix_hint=self.fix_hint,
            endpoint=self.base_url or self.vendor,
        )
