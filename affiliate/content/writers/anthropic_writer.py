"""Anthropic's Messages API through the official SDK.

As with OpenAI, the SDK's retries are off and errors become the writers' own types. The
API has no JSON mode; the prompt asks for one JSON object and the parser finds it.
"""

from __future__ import annotations

import anthropic

from affiliate.content.writers.base import (
    Completion,
    LLMError,
    Message,
    default_fix_hint,
    translate_api_error,
)


class AnthropicChat:
    kind = "anthropic"

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
        self._client = anthropic.Anthropic(
            api_key=api_key, base_url=base_url, max_retries=0, timeout=timeout
        )

    def complete(
        self, system: str, messages: list[Message], *, max_tokens: int, json_mode: bool
    ) -> Completion:
        try:
            response = self._client.messages.create(
                model=self.model,
                max_tokens=max_tokens,
                system=system,
                messages=[{"role": m.role, "content": m.content} for m in messages],
            )
        except anthropic.APIError as exc:
            raise self._translate(exc) from None
        text = "".join(block.text for block in response.content if block.type == "text")
        return Completion(
            text=text,
            model=response.model or self.model,
            input_tokens=response.usage.input_tokens,
            output_tokens=response.usage.output_tokens,
        )

    def _translate(self, exc: anthropic.APIError) -> LLMError:
        return translate_api_error(
            anthropic,
            exc,
            vendor="Anthropic",
            provider=self.name,
            fix_hint=self.fix_hint,
            endpoint="Anthropic",
        )
