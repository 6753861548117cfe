"""Fitting copy into platform limits without cutting a word or leaving debris at the end."""

from __future__ import annotations

import re

# Words that make a cut headline read as unfinished ("Plan for", "Eating and").
_DANGLING = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the",
             "to", "with", "your"}  # fmt: skip
_TRAILING_CLUTTER = " ,;:-–—&/|.·"
_SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"}
_SENTENCE_END = re.compile(r"(?<=[.?])\s+")


def trim_to_words(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, minus trailing
    punctuation and dangling small words; empty when even the first word does not fit."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    words = text[: limit + 1].split(" ")[:-1]  # the last piece may be a cut word
    while words and (
        words[-1].lower().strip(_TRAILING_CLUTTER) in _DANGLING
        or not words[-1].strip(_TRAILING_CLUTTER)
    ):
        words.pop()
    return " ".join(words).rstrip(_TRAILING_CLUTTER)


def first_fitting(options: list[str], limit: int, *, sentence: bool = False) -> str:
    """The first option within ``limit``; failing that, the last one trimmed to words
    (closed with a full stop when ``sentence``, so a cut lead still reads as one)."""
    for option in options:
        if len(option) <= limit:
            return option
    if not sentence:
        return trim_to_words(options[-1], limit)
    trimmed = trim_to_words(options[-1], limit - 1)
    return f"{trimmed}." if trimmed else ""


def trim_sentences(text: str, limit: int) -> str:
    """``text`` with whole sentences dropped from the end until it fits ``limit``."""
    sentences = _SENTENCE_END.split(" ".join(text.split()))
    while sentences and len(" ".join(sentences)) > limit:
        sentences.pop()
    return " ".join(sentences)


def title_case(text: str) -> str:
    """Headline case: capitalise each word except small ones inside the phrase; words that
    already have capitals (acronyms, brand names) are kept as written."""
    words = text.split()
    out = []
    for i, word in enumerate(words):
        if word != word.lower() or (i > 0 and word in _SMALL_WORDS):
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)
