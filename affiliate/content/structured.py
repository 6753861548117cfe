"""Turning a model's answer into a validated output, or into problems it can fix."""

from __future__ import annotations

import json
import re

from pydantic import ValidationError

from affiliate.content.formats import Output

_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.IGNORECASE)
MAX_SHOWN = 80  # characters of an offending value echoed back to the model


def extract_json(text: str) -> object:
    """The JSON object in ``text``: the whole answer, or the span from the first "{" to the
    last "}" (models wrap JSON in fences or a sentence despite being told not to)."""
    text = _FENCE.sub("", text.strip())
    try:
        return json.loads(text)
    except ValueError:
        start, end = text.find("{"), text.rfind("}")
        if start == -1 or end <= start:
            raise
        return json.loads(text[start : end + 1])


def validate_answer(schema: type[Output], text: str) -> tuple[Output | None, list[str]]:
    """(output, []) when valid, else (None, problems) worded for the repair prompt."""
    try:
        data = extract_json(text)
    except ValueError as exc:
        return None, [f"the answer is not a JSON object ({exc})"]
    try:
        return schema.model_validate(data), []
    except ValidationError as exc:
        return None, [_problem(error) for error in exc.errors(include_url=False)]


def _problem(error: dict) -> str:
    where = ".".join(str(part) for part in error["loc"]) or "the object"
    value = error.get("input")
    shown = ""
    if isinstance(value, str):
        shown = value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…"
        shown = f" (got {len(value)} characters: {shown!r})"
    message = error["msg"].removeprefix("Value error, ")
    return f"{where}: {message}{shown}"
