"""The vault seals secrets so that tampering, swapping rows or a wrong key never yields data."""

from __future__ import annotations

import base64
import logging
import os
import stat

import pytest

from affiliate.config import Settings
from affiliate.connect.vault import (
    Vault,
    VaultError,
    key_id,
    provider_key_aad,
    session_aad,
    token_key_id,
)

KEY_A = bytes(range(32))
KEY_B = bytes(range(100, 132))
COOKIE = "sessid=Zx9-really-secret-cookie-value"
AAD = session_aad(7, "hotmart")


def b64(key: bytes) -> str:
    return base64.b64encode(key).decode()


def settings(tmp_path, **values) -> Settings:
    # Explicit values win over the environment, so a developer's own key never leaks in.
    values.setdefault("session_encryption_key", None)
    values.setdefault("session_encryption_old_keys", None)
    return Settings(affiliate_home=tmp_path / "home", database_url=None, **values)


def test_round_trip_bytes_and_json():
    vault = Vault(KEY_A)
    assert vault.decrypt(vault.encrypt(COOKIE.encode(), AAD), AAD) == COOKIE.encode()
    state = {"cookies": [{"name": "sessid", "value": COOKIE}], "origin": "https://hotmart.com"}
    assert vault.decrypt_json(vault.encrypt_json(state, AAD), AAD) == state
    assert vault.decrypt(vault.encrypt(b"", AAD), AAD) == b""


def test_token_format_is_versioned_ascii_and_names_the_key():
    token = Vault(KEY_A).encrypt(b"x", AAD)
    version, kid, nonce, sealed = token.split(".")
    assert (version, kid) == ("v1", key_id(KEY_A)) and token_key_id(token) == kid
    assert token.isascii() and len(base64.urlsafe_b64decode(nonce + "==")) == 12
    # The key id is a labelled hash: neither the key nor a prefix of its hex shows.
    assert kid != KEY_A.hex()[:8] and b64(KEY_A) not in token


def test_same_plaintext_encrypts_differently_each_time():
    vault = Vault(KEY_A)
    first, second = vault.encrypt(COOKIE.encode(), AAD), vault.encrypt(COOKIE.encode(), AAD)
    assert first != second and first.split(".")[2] != second.split(".")[2]


def test_token_contains_no_plaintext():
    token = Vault(KEY_A).encrypt_json({"value": COOKIE}, AAD)
    assert COOKIE not in token and "really-secret" not in token
    assert base64.urlsafe_b64encode(COOKIE.encode()).decode()[:16] not in token


def test_every_single_byte_tampered_is_rejected():
    vault = Vault(KEY_A)
    token = vault.encrypt(COOKIE.encode(), AAD)
    version, kid, nonce_text, sealed_text = token.split(".")
    nonce, sealed = (base64.urlsafe_b64decode(t + "==") for t in (nonce_text, sealed_text))

    def enc(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    forged = []
    for i in range(len(nonce)):
        flipped = bytearray(nonce)
        flipped[i] ^= 0x01
        forged.append(f"{version}.{kid}.{enc(bytes(flipped))}.{sealed_text}")
    for i in range(len(sealed)):  # ciphertext then the 16-byte tag
        flipped = bytearray(sealed)
        flipped[i] ^= 0x80
        forged.append(f"{version}.{kid}.{nonce_text}.{enc(bytes(flipped))}")
    forged.append(f"{version}.{kid}.{nonce_text}.{enc(sealed[:-1])}")  # truncated tag
    for bad in forged:
        with pytest.raises(VaultError, match="tampered"):
            vault.decrypt(bad, AAD)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t.replace("v1.", "v2.", 1),
        lambda t: t + "A",
        lambda t: t + "=",
        lambda t: t.replace(".", ".!", 3),
        lambda t: t.rsplit(".", 1)[0],
        lambda t: "",
    ],
)
def test_malformed_tokens_are_rejected(mangle):
    token = Vault(KEY_A).encrypt(b"secret", AAD)
    with pytest.raises(VaultError, match="malformed|tampered"):
        Vault(KEY_A).decrypt(mangle(token), AAD)


def test_a_row_swapped_to_another_owner_or_purpose_does_not_decrypt():
    vault = Vault(KEY_A)
    token = vault.encrypt(COOKIE.encode(), session_aad(7, "hotmart"))
    for other in (
        session_aad(8, "hotmart"),
        session_aad(7, "clickbank"),
        provider_key_aad(7, "hotmart"),
    ):
        with pytest.raises(VaultError, match="another user/platform"):
            vault.decrypt(token, other)


def test_relabelled_key_id_is_rejected_even_when_that_key_is_configured():
    vault = Vault(KEY_B, [KEY_A])
    token = vault.encrypt(b"secret", AAD)
    relabelled = token.replace(key_id(KEY_B), key_id(KEY_A), 1)
    with pytest.raises(VaultError, match="tampered"):
        vault.decrypt(relabelled, AAD)


def test_unknown_key_id_names_the_fix_and_old_keys_still_decrypt():
    token = Vault(KEY_A).encrypt(b"secret", AAD)
    with pytest.raises(VaultError) as err:
        Vault(KEY_B).decrypt(token, AAD)
    assert f"encrypted under key {key_id(KEY_A)}, which is not configured" in str(err.value)
    assert "SESSION_ENCRYPTION_OLD_KEYS" in str(err.value)
    rotated = Vault(KEY_B, [KEY_A])
    assert rotated.decrypt(token, AAD) == b"secret"
    assert token_key_id(rotated.encrypt(b"secret", AAD)) == key_id(KEY_B)


def test_associated_data_is_required():
    with pytest.raises(ValueError, match="associated data"):
        Vault(KEY_A).encrypt(b"secret", b"")


def test_non_json_plaintext_does_not_leak_through_decrypt_json():
    vault = Vault(KEY_A)
    token = vault.encrypt(COOKIE.encode(), AAD)
    with pytest.raises(VaultError, match="not JSON") as err:
        vault.decrypt_json(token, AAD)
    assert COOKIE not in str(err.value) and err.value.__cause__ is None


def test_settings_keys(tmp_path):
    vault = Vault.from_settings(
        settings(
            tmp_path,
            session_encryption_key=b64(KEY_B),
            session_encryption_old_keys=f" {b64(KEY_A)} ,",
        )
    )
    assert vault.current_key_id == key_id(KEY_B) and vault.key_ids == {key_id(KEY_A), key_id(KEY_B)}
    assert not (tmp_path / "home" / "session_key").exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"session_encryption_key": "not base64!!"}, "SESSION_ENCRYPTION_KEY is not valid base64"),
        ({"session_encryption_key": b64(os.urandom(16))}, "exactly 32 bytes .* got 16"),
        ({"session_encryption_key": b64(os.urandom(33))}, "got 33"),
        (
            {"session_encryption_key": b64(KEY_A), "session_encryption_old_keys": "AAAA"},
            "SESSION_ENCRYPTION_OLD_KEYS entry 1 .* got 3",
        ),
    ],
)
def test_bad_key_configuration_says_what_to_do(tmp_path, values, message):
    with pytest.raises(VaultError, match=message) as err:
        Vault.from_settings(settings(tmp_path, **values))
    assert "os.urandom(32)" in str(err.value)


def test_default_key_file_is_created_private_and_reused(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    first = Vault.from_settings(settings(tmp_path))
    key_file = tmp_path / "home" / "session_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert [p.name for p in key_file.parent.iterdir()] == ["session_key"]  # no temp file left
    assert "SESSION_ENCRYPTION_KEY" in caplog.text
    assert key_file.read_text().strip() not in caplog.text

    token = first.encrypt(COOKIE.encode(), AAD)
    second = Vault.from_settings(settings(tmp_path))
    assert second.current_key_id == first.current_key_id
    assert second.decrypt(token, AAD) == COOKIE.encode()


def test_a_key_file_readable_by_others_is_refused(tmp_path):
    Vault.from_settings(settings(tmp_path))
    key_file = tmp_path / "home" / "session_key"
    key_file.chmod(0o644)
    with pytest.raises(VaultError, match="chmod 600"):
        Vault.from_settings(settings(tmp_path))
