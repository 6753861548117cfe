"""Any OpenAI-compatible server (Ollama, vLLM, llama.cpp server, LM Studio) by its base URL.

Same wire format as OpenAI, with the lowest common denominator of options: ``max_tokens``
(every such server knows it) and no ``response_format`` (some reject it); the prompt asks
for JSON and the parser finds it.
"""

from __future__ import annotations

from affiliate.content.writers.openai_writer import OpenAIChat

# Local servers ignore the key, but the SDK requires one.
NO_KEY = "not-needed"


class CompatibleChat(OpenAIChat):
    kind = "compatible"

    def __init__(
        self,
        *,
        name: str,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout: float = 60.0,
        fix_hint: str | None = None,
    ) -> None:
        if not base_url:
            raise ValueError("an OpenAI-compatible provider needs a base URL, e.g. .../v1")
        super().__init__(
            name=name,
            api_key=api_key or NO_KEY,
            model=model,
            base_url=base_url,
            timeout=timeout,
            fix_hint=fix_hint,
        )
        self.vendor = f"The server at {base_url}"

    def _options(self, max_tokens: int, json_mode: bool) -> dict:
        return {"max_tokens": max_tokens}
