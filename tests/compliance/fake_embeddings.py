"""A local stand-in for OpenAI's /v1/embeddings, speaking its wire format.

The test decides each text's vector (`vector_for`), so it can place a query next to a rule
that shares none of its words; every request is kept, and failures can be scripted.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


def words(text: str) -> int:
    """The server's token count: one a word, so a test can compute the exact cost."""
    return len(text.split())


class FakeEmbeddings:
    def __init__(self) -> None:
        self.app = FastAPI()
        self.app.post("/v1/embeddings")(self._answer)
        self.reset()

    def reset(self) -> None:
        self.vector_for: Callable[[str], list[float]] = lambda text: [1.0, 0.0, 0.0]
        self.failures: deque[int] = deque()  # statuses to answer with before succeeding
        self.requests: list[dict] = []

    async def _answer(self, request: Request):
        body = await request.json()
        self.requests.append(body)
        if self.failures:
            status = self.failures.popleft()
            error = {"message": f"scripted {status}", "type": "server_error", "code": None}
            return JSONResponse({"error": error}, status_code=status)
        texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
        tokens = sum(words(t) for t in texts)
        return JSONResponse(
            {
                "object": "list",
                "data": [
                    {"object": "embedding", "index": i, "embedding": self.vector_for(text)}
                    for i, text in enumerate(texts)
                ],
                "model": body["model"],
                "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
            }
        )
