"""The vault: every secret at rest (browser sessions, API keys) is sealed here, AES-256-GCM.

A token is `v1.<key id>.<nonce>.<ciphertext+tag>` (base64url, no padding), ASCII-safe for a
TEXT column. The key id names the key without revealing it, so decryption picks the right key
and rotation tells old rows from new. Associated data binds a token to its owner and purpose:
a row copied to another user or platform fails to decrypt instead of leaking a session.

Keys come from SESSION_ENCRYPTION_KEY (+ SESSION_ENCRYPTION_OLD_KEYS while rotating). Unset,
a key is generated once into `<AFFILIATE_HOME>/session_key` (mode 0600): right for one machine,
wrong for production, where every server must share one configured key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from affiliate.config import Settings, get_settings
from affiliate.secret_files import SecretFileError, read_or_create

VERSION = "v1"
KEY_BYTES = 32
NONCE_BYTES = 12  # 96 bits: GCM's native nonce size, random per encryption
TAG_BYTES = 16
KEY_FILE_NAME = "session_key"
MAKE_KEY_HINT = 'python -c "import base64,os;print(base64.b64encode(os.urandom(32)).decode())"'
_KEY_ID_LABEL = b"affiliate-os vault key id v1\x00"
_B64URL = re.compile(r"[A-Za-z0-9_-]+")
_KEY_ID = re.compile(r"[0-9a-f]{8}")


class VaultError(Exception):
    """A secret could not be sealed or opened; the message says why and what to do."""


def session_aad(user_id: int, platform: str) -> bytes:
    """Associated data for `integration_sessions.encrypted_session`."""
    return f"integration_sessions:{int(user_id)}:{platform}".encode()


def provider_key_aad(user_id: int, name: str) -> bytes:
    """Associated data for `ai_providers.encrypted_api_key`."""
    return f"ai_providers:{int(user_id)}:{name}".encode()


def key_id(key: bytes) -> str:
    """A short public name for a key: a labelled hash, so it reveals nothing usable."""
    return hashlib.sha256(_KEY_ID_LABEL + key).hexdigest()[:8]


def parse_key(text: str, source: str = "SESSION_ENCRYPTION_KEY") -> bytes:
    """Decode one base64 key of exactly 32 bytes, or say where it came from and how to fix it."""
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise VaultError(
            f"{source} is not valid base64; make a key with: {MAKE_KEY_HINT}"
        ) from None
    if len(key) != KEY_BYTES:
        raise VaultError(
            f"{source} must be base64 of exactly {KEY_BYTES} bytes (AES-256), got {len(key)} "
            f"bytes; make a key with: {MAKE_KEY_HINT}"
        )
    return key


def new_key_text() -> str:
    """A fresh random key, base64 encoded, as SESSION_ENCRYPTION_KEY expects it."""
    return base64.b64encode(os.urandom(KEY_BYTES)).decode()


def _b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64d(text: str) -> bytes:
    # Strict and canonical: one token string per ciphertext, nothing silently skipped.
    if not _B64URL.fullmatch(text):
        raise ValueError("not base64url")
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if _b64e(data) != text:
        raise ValueError("not canonical base64url")
    return data


class Vault:
    """Seals with the current key; opens with the current key or any configured old one."""

    def __init__(self, current: bytes, old: Iterable[bytes] = ()) -> None:
        keys = [current, *old]
        for key in keys:
            if len(key) != KEY_BYTES:
                raise VaultError(f"a vault key must be {KEY_BYTES} bytes, got {len(key)}")
        self.current_key_id = key_id(current)
        self._ciphers = {key_id(key): AESGCM(key) for key in reversed(keys)}

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Vault:
        settings = settings or get_settings()
        old_keys = settings.session_encryption_old_keys
        parts = old_keys.get_secret_value().split(",") if old_keys else []
        old = [
            parse_key(part, f"SESSION_ENCRYPTION_OLD_KEYS entry {n}")
            for n, part in enumerate(parts, 1)
            if part.strip()
        ]
        if settings.session_encryption_key is not None:
            current = parse_key(settings.session_encryption_key.get_secret_value())
        else:
            current = load_or_create_key_file(settings.affiliate_home / KEY_FILE_NAME)
        return cls(current, old)

    @property
    def key_ids(self) -> frozenset[str]:
        return frozenset(self._ciphers)

    def encrypt(self, plaintext: bytes, aad: bytes) -> str:
        _require_aad(aad)
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._ciphers[self.current_key_id].encrypt(
            nonce, plaintext, _bound(self.current_key_id, aad)
        )
        return f"{VERSION}.{self.current_key_id}.{_b64e(nonce)}.{_b64e(sealed)}"

    def decrypt(self, token: str, aad: bytes) -> bytes:
        _require_aad(aad)
        kid, nonce, sealed = _parse(token)
        cipher = self._ciphers.get(kid)
        if cipher is None:
            raise VaultError(
                f"encrypted under key {kid}, which is not configured: add the old key to "
                f"SESSION_ENCRYPTION_OLD_KEYS (configured keys: {', '.join(sorted(self._ciphers))})"
            )
        try:
            return cipher.decrypt(nonce, sealed, _bound(kid, aad))
        except InvalidTag:
            raise VaultError(
                "ciphertext was tampered with or belongs to another user/platform"
            ) from None

    def encrypt_json(self, obj: Any, aad: bytes) -> str:
        return self.encrypt(json.dumps(obj, separators=(",", ":")).encode(), aad)

    def decrypt_json(self, token: str, aad: bytes) -> Any:
        plaintext = self.decrypt(token, aad)
        try:
            return json.loads(plaintext)
        except ValueError:
            # `from None`: the decode error carries the plaintext, which must not reach a log.
            raise VaultError("decrypted secret is not JSON: it was sealed as raw bytes") from None


def token_key_id(token: str) -> str:
    """The key id a token was sealed under, without decrypting it (rotation uses this)."""
    return _parse(token)[0]


def _parse(token: str) -> tuple[str, bytes, bytes]:
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 4 or parts[0] != VERSION or not _KEY_ID.fullmatch(parts[1]):
        raise VaultError(f"malformed vault token: expected {VERSION}.<key id>.<nonce>.<ciphertext>")
    try:
        nonce, sealed = _b64d(parts[2]), _b64d(parts[3])
    except ValueError:
        raise VaultError("malformed vault token: nonce or ciphertext is not base64url") from None
    if len(nonce) != NONCE_BYTES or len(sealed) < TAG_BYTES:
        raise VaultError("malformed vault token: nonce or ciphertext has the wrong length")
    return parts[1], nonce, sealed


def _bound(kid: str, aad: bytes) -> bytes:
    # The header goes into the authenticated data too, so no part of a token is malleable.
    return f"{VERSION}.{kid}.".encode() + aad


def _require_aad(aad: bytes) -> None:
    if not isinstance(aad, bytes) or not aad:
        raise ValueError("associated data is required: bind the secret, e.g. session_aad(...)")


def load_or_create_key_file(path: Path) -> bytes:
    """The embedded default key: read `path`, or create it once (0600) with a random key."""
    try:
        text = read_or_create(
            path, new_key_text, "production must set SESSION_ENCRYPTION_KEY instead"
        )
    except SecretFileError as exc:
        raise VaultError(str(exc)) from None
    return parse_key(text, str(path))
