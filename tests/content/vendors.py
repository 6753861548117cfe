"""Local stand-ins for OpenAI's and Anthropic's HTTP APIs, speaking their wire formats.

Each answers from a script of responses pushed by the test (status, JSON body, headers,
an optional delay before answering) and keeps every request it received, so a test can
check exactly what the real SDK sent.
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass, field

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

ECHO_MODEL = "<the requested model>"


@dataclass
class Scripted:
    status: int
    body: dict
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    json: dict


class Vendor:
    """A scripted server; ``app`` is the FastAPI app to run in a ServerThread."""

    path = ""

    def __init__(self) -> None:
        self.script: deque[Scripted] = deque()
        self.requests: list[Received] = []
        self.app = FastAPI()
        self.app.post(self.path)(self._answer)

    def reset(self) -> None:
        self.script.clear()
        self.requests.clear()

    async def _answer(self, request: Request):
        self.requests.append(
            Received(request.url.path, dict(request.headers), await request.json())
        )
        if not self.script:
            return JSONResponse(self.error_body("no scripted response left"), status_code=400)
        step = self.script.popleft()
        if step.delay:
            await asyncio.sleep(step.delay)
        body = step.body
        if body.get("model") == ECHO_MODEL:  # answer as the model that was asked for
            body = {**body, "model": self.requests[-1].json.get("model")}
        return JSONResponse(body, status_code=step.status, headers=step.headers)

    # What a test pushes ----------------------------------------------------------------
    def reply(self, text: str, input_tokens: int, output_tokens: int, model: str | None = None):
        self.script.append(Scripted(200, self.success_body(text, input_tokens, output_tokens,
                                                           model)))  # fmt: skip

    def fail(self, status: int, message: str, headers: dict | None = None, delay: float = 0.0):
        self.script.append(Scripted(status, self.error_body(message, status), headers or {},
                                    delay))  # fmt: skip

    def hang(self, seconds: float, then_text: str = "{}"):
        self.script.append(Scripted(200, self.success_body(then_text, 1, 1, None), {}, seconds))


class FakeOpenAI(Vendor):
    path = "/v1/chat/completions"

    def success_body(self, text, input_tokens, output_tokens, model):
        return {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": model or ECHO_MODEL,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "stop",
                }
            ],
            "usage": {
                "prompt_tokens": input_tokens,
                "completion_tokens": output_tokens,
                "total_tokens": input_tokens + output_tokens,
            },
        }

    def error_body(self, message, status=400):
        kind = {401: "invalid_api_key", 429: "rate_limit_exceeded"}.get(status, "server_error")
        return {"error": {"message": message, "type": "invalid_request_error", "code": kind}}


class FakeAnthropic(Vendor):
    path = "/v1/messages"

    def success_body(self, text, input_tokens, output_tokens, model):
        return {
            "id": "msg_test",
            "type": "message",
            "role": "assistant",
            "model": model or ECHO_MODEL,
            "content": [{"type": "text", "text": text}],
            "stop_reason": "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens},
        }

    def error_body(self, message, status=400):
        kind = {401: "authentication_error", 429: "rate_limit_error"}.get(status, "api_error")
        return {"type": "error", "error": {"type": kind, "message": message}}
