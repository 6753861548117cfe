"""Deterministic randomness: every sandbox number is a pure function of (seed, keys).

Hashing the keys, instead of advancing one shared random generator, lets any day, product,
ad or click be computed on its own — in any order, in any process — and still agree.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

_SCALE = float(2**64)


def hash_int(seed: int, *keys: object) -> int:
    """A 64-bit integer fixed by the seed and the keys (stable across runs and machines)."""
    text = "\x1f".join([str(seed), *(str(k) for k in keys)])
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def unit(seed: int, *keys: object) -> float:
    """A number in [0, 1) fixed by the seed and the keys."""
    return hash_int(seed, *keys) / _SCALE


def uniform(seed: int, low: float, high: float, *keys: object) -> float:
    return low + (high - low) * unit(seed, *keys)


def choice(seed: int, options: Sequence[T], *keys: object) -> T:
    return options[hash_int(seed, *keys) % len(options)]


def rng(seed: int, *keys: object) -> random.Random:
    """A private generator for composing many draws about one thing (e.g. one product)."""
    return random.Random(hash_int(seed, *keys))


def stable_uuid(seed: int, *keys: object) -> str:
    """A UUID that looks random but is the same for the same seed and keys."""
    text = "\x1f".join([str(seed), *(str(k) for k in keys)])
    return str(uuid.UUID(bytes=hashlib.blake2b(text.encode(), digest_size=16).digest(), version=4))
