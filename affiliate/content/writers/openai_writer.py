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
    ProviderAuthError,
    TransientError,
    retry_after_seconds,
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
        self.fix_hint = (
            fix_hint or f"run `affiliate llm add {self.kind} --name {name}` with a valid key"
        )
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
        # `from None` above and only the status and the server's own message here: the
        # request (and with it the key) never reaches a traceback or a log.
        where = f"provider '{self.name}'"
        if isinstance(exc, openai.AuthenticationError):
            return ProviderAuthError(
                f"{self.vendor} rejected the API key for {where} (401): {self.fix_hint}"
            )
        if isinstance(exc, openai.APITimeoutError):
            return TransientError(f"{self.vendor} timed out for {where}", "timeout")
        if isinstance(exc, openai.APIConnectionError):
            return TransientError(
                f"cannot reach {self.base_url or self.vendor} for {where}", "unreachable"
            )
        if isinstance(exc, openai.APIStatusError):
            status = exc.status_code
            if status == 429:
                return TransientError(
                    f"{self.vendor} rate-limited {where} (429)",
                    "rate_limited",
                    retry_after_seconds(exc.response.headers),
                )
            if status >= 500 or status in (408, 409):
                return TransientError(
                    f"{self.vendor} server error for {where} ({status})",
                    "server_error",
                    retry_after_seconds(exc.response.headers),
                )
            return LLMError(f"{self.vendor} refused the request for {where} ({status}): {exc}")
        return LLMError(f"{self.vendor} call failed for {where}: {type(exc).__name__}")
