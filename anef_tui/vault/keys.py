"""The data key: made once, sealed twice in the key file, unsealed by the passphrase or the
recovery key.

- `create`: a random 256-bit data key and a random vault id; the key sealed (AES-256-GCM)
  under a key derived from the passphrase with argon2id, and again under one derived from a
  new random recovery key (HKDF-SHA256: the recovery key is random, 119 bits). Returns the
  unlocked key and the recovery key to show once.
- `unlock_with_passphrase` / `unlock_with_recovery_key`: the data key back, or a French
  refusal; nothing is written either way.
- `change_passphrase`: seals the same data key under the new passphrase (new salt, the
  current default cost) and replaces the key file atomically; nothing else is re-encrypted,
  and the recovery key still works. `replace_recovery_key` does the same for the other seal.

The vault id is sealed with the key (GCM's associated data), so it cannot be changed in the
key file without the unlock failing. The data beside the key file records it too (the
database's `coffre` table, each encrypted file's header): `check_same_vault` refuses a key
file that came from another data folder (`KeyFileSwapped`).

`cryptography` and `argon2` are imported inside the functions: the app starts without them.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from anef_tui.vault import recovery
from anef_tui.vault.errors import (
    EncryptionUnavailable,
    KeyFileSwapped,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryKey,
)
from anef_tui.vault.keyfile import (
    NONCE_BYTES,
    SALT_BYTES,
    VAULT_ID_BYTES,
    KdfParams,
    KeyFile,
    Sealed,
    read_key_file,
    write_key_file,
)
from anef_tui.vault.passphrase import assess, normalize

DATA_KEY_BYTES = 32
_CONTEXT = b"anef-tui coffre 1\x00"


@dataclass(frozen=True, repr=False)
class VaultKey:
    """An unlocked vault: its id (32 hex digits) and its data key (32 bytes). Its repr
    never shows the key."""

    vault_id: str
    data_key: bytes

    def __repr__(self) -> str:
        return f"VaultKey(vault_id={self.vault_id!r}, data_key=<masquée>)"

    @property
    def vault_id_bytes(self) -> bytes:
        return bytes.fromhex(self.vault_id)


@dataclass(frozen=True, repr=False)
class Created:
    """A new vault: the unlocked key, and the recovery key to show once (groups of four)."""

    key: VaultKey
    recovery_key: str

    def __repr__(self) -> str:
        return f"Created(key={self.key!r}, recovery_key=<masquée>)"


def _aad(vault_id: str, purpose: bytes) -> bytes:
    return _CONTEXT + bytes.fromhex(vault_id) + b"\x00" + purpose


def _aesgcm(key: bytes):  # -> cryptography's AESGCM
    try:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    except ImportError as exc:  # pragma: no cover - a broken installation
        raise EncryptionUnavailable("la bibliothèque cryptography manque") from exc
    return AESGCM(key)


def passphrase_key(phrase: str, salt: bytes, params: KdfParams) -> bytes:
    """The 32-byte key argon2id derives from the normalized passphrase."""
    try:
        from argon2.low_level import Type, hash_secret_raw
    except ImportError as exc:  # pragma: no cover - a broken installation
        raise EncryptionUnavailable("la bibliothèque argon2-cffi manque") from exc
    secret = normalize(phrase).encode("utf-8", "surrogatepass")
    return hash_secret_raw(
        secret=secret, salt=salt, time_cost=params.iterations, memory_cost=params.memory_kib,
        parallelism=params.lanes, hash_len=32, type=Type.ID,
    )


def recovery_wrapping_key(normalized_key: str, salt: bytes, vault_id: str) -> bytes:
    """The 32-byte key HKDF-SHA256 derives from a (parsed) recovery key."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt,
                info=_aad(vault_id, b"recovery"))
    return hkdf.derive(normalized_key.encode("ascii"))


def _seal(wrapping_key: bytes, data_key: bytes, aad: bytes, salt: bytes = b"") -> Sealed:
    nonce = secrets.token_bytes(NONCE_BYTES)
    return Sealed(nonce, _aesgcm(wrapping_key).encrypt(nonce, data_key, aad), salt)


def _open(wrapping_key: bytes, sealed: Sealed, aad: bytes) -> bytes | None:
    from cryptography.exceptions import InvalidTag

    try:
        return _aesgcm(wrapping_key).decrypt(sealed.nonce, sealed.wrapped, aad)
    except InvalidTag:
        return None


def seal_key(wrapping_key: bytes, data_key: bytes, aad: bytes) -> Sealed:
    """`data_key` sealed (AES-256-GCM, a fresh nonce) under `wrapping_key`, bound to `aad`:
    the vault's own sealing, for the structure's key of the accounts (issue 25)."""
    return _seal(wrapping_key, data_key, aad)


def open_sealed(wrapping_key: bytes, sealed: Sealed, aad: bytes) -> bytes | None:
    """The key `seal_key` sealed, or None when the wrapping key or `aad` is not the one."""
    return _open(wrapping_key, sealed, aad)


def _checked_phrase(phrase: str) -> None:
    found = assess(phrase)
    if not found.accepted:
        raise WeakPassphrase(found.problems)


def _seal_passphrase(key: VaultKey, phrase: str, params: KdfParams) -> tuple[bytes, Sealed]:
    salt = secrets.token_bytes(SALT_BYTES)
    wrapping = passphrase_key(phrase, salt, params)
    return salt, _seal(wrapping, key.data_key, _aad(key.vault_id, b"passphrase"))


def _seal_recovery(key: VaultKey) -> tuple[str, Sealed]:
    code = recovery.generate()
    salt = secrets.token_bytes(SALT_BYTES)
    wrapping = recovery_wrapping_key(code, salt, key.vault_id)
    return code, _seal(wrapping, key.data_key, _aad(key.vault_id, b"recovery"), salt)


def create(path: Path, phrase: str, params: KdfParams | None = None) -> Created:
    """A new vault whose key file is written at `path` (never over an existing one:
    KeyFileExists). WeakPassphrase if the rules refuse `phrase`."""
    _checked_phrase(phrase)
    params = params or KdfParams()
    key = VaultKey(secrets.token_hex(VAULT_ID_BYTES), secrets.token_bytes(DATA_KEY_BYTES))
    kdf_salt, sealed_phrase = _seal_passphrase(key, phrase, params)
    code, sealed_recovery = _seal_recovery(key)
    write_key_file(path, KeyFile(key.vault_id, params, kdf_salt, sealed_phrase,
                                 sealed_recovery), replace=False)
    return Created(key, recovery.shown(code))


def unlock_with_passphrase(path: Path, phrase: str) -> VaultKey:
    """The vault's key, or WrongPassphrase (and the key file's own refusals)."""
    key_file = read_key_file(path)
    wrapping = passphrase_key(phrase, key_file.kdf_salt, key_file.kdf)
    data_key = _open(wrapping, key_file.passphrase, _aad(key_file.vault_id, b"passphrase"))
    if data_key is None:
        raise WrongPassphrase()
    return VaultKey(key_file.vault_id, data_key)


def unlock_with_recovery_key(path: Path, typed: str) -> VaultKey:
    """The vault's key from the recovery key as typed: MistypedRecoveryKey for a typo,
    WrongRecoveryKey for a key that is well formed but not this vault's."""
    code = recovery.parse(typed)
    key_file = read_key_file(path)
    wrapping = recovery_wrapping_key(code, key_file.recovery.salt, key_file.vault_id)
    data_key = _open(wrapping, key_file.recovery, _aad(key_file.vault_id, b"recovery"))
    if data_key is None:
        raise WrongRecoveryKey()
    return VaultKey(key_file.vault_id, data_key)


def _same_file_vault(path: Path, key: VaultKey) -> KeyFile:
    key_file = read_key_file(path)
    if key_file.vault_id != key.vault_id:
        raise KeyFileSwapped(path.parent)
    return key_file


def change_passphrase(path: Path, key: VaultKey, new_phrase: str,
                      params: KdfParams | None = None) -> None:
    """Seal the data key under `new_phrase` (checked by the rules) in place of the old
    passphrase; `key` comes from an unlock of this same key file (else KeyFileSwapped).
    The recovery seal and every encrypted byte stay as they are."""
    _checked_phrase(new_phrase)
    old = _same_file_vault(path, key)
    params = params or KdfParams()
    kdf_salt, sealed_phrase = _seal_passphrase(key, new_phrase, params)
    write_key_file(path, KeyFile(key.vault_id, params, kdf_salt, sealed_phrase, old.recovery),
                   replace=True)


def replace_recovery_key(path: Path, key: VaultKey) -> str:
    """A new recovery key (returned, to show once) in place of the old one, which stops
    working; the passphrase still does."""
    old = _same_file_vault(path, key)
    code, sealed_recovery = _seal_recovery(key)
    write_key_file(path, KeyFile(key.vault_id, old.kdf, old.kdf_salt, old.passphrase,
                                 sealed_recovery), replace=True)
    return recovery.shown(code)


def check_same_vault(key: VaultKey, found_id: str | None, where: Path) -> None:
    """KeyFileSwapped unless the data at `where` records `key`'s vault (found_id: the id
    read from the database's `coffre` table or an encrypted file's header)."""
    if found_id is None or not secrets.compare_digest(found_id, key.vault_id):
        raise KeyFileSwapped(where)
