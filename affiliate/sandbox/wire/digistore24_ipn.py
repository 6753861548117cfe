"""Digistore24 IPN as Digistore24 sends it: a form-encoded POST signed with sha_sign."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from urllib.parse import urlencode


def sign(params: Mapping[str, str], passphrase: str) -> str:
    """sha_sign: SHA-512 over `KEY=value<passphrase>` for the non-empty fields, keys sorted
    as byte strings, `sha_sign`/`SHASIGN` left out; upper-case hex."""
    text = ""
    for key in sorted(params, key=lambda k: k.encode()):
        value = params[key]
        if key in ("sha_sign", "SHASIGN") or value == "":
            continue
        text += f"{key}={value}{passphrase}"
    return hashlib.sha512(text.encode()).hexdigest().upper()


def ipn_body(params: Mapping[str, str], passphrase: str) -> bytes:
    """The POST body: the fields, form-encoded (UTF-8), with their sha_sign appended."""
    signed = {**params, "sha_sign": sign(params, passphrase)}
    return urlencode(signed).encode()
