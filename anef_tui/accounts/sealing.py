"""A worker's passphrase: its argon2id hash, and the structure's key sealed under it.

- `hash_phrase` / `phrase_matches`: argon2id (argon2-cffi's encoded hash: its own salt and
  cost), on the passphrase as the vault reads it (`vault.passphrase.normalize`: NFC, spaces
  folded), so a phrase is the same on every keyboard and terminal.
- `seal_structure_key` / `open_structure_key`: the structure's 256-bit key sealed with
  AES-256-GCM under a key argon2id derives from the passphrase (a salt of its own), the
  vault's primitives (`vault.keys.passphrase_key`, `seal_key`, `open_sealed`). The
  associated data binds the seal to the structure's id and the account's login name: a seal
  copied into another account's row does not open.

The hash says whether the phrase is right (a login); the seal gives the key only to whoever
types it. `cryptography` and `argon2` are imported inside the functions.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from anef_tui.vault.keyfile import NONCE_BYTES, SALT_BYTES, KdfParams, Sealed
from anef_tui.vault.keys import VaultKey
from anef_tui.vault.passphrase import normalize

STRUCTURE_KEY_BYTES = 32
STRUCTURE_ID_BYTES = 16
_CONTEXT = b"anef-tui structure 1\x00"


@dataclass(frozen=True)
class SealedKey:
    """The structure's key as one account's row keeps it."""

    params: KdfParams
    salt: bytes
    nonce: bytes
    sealed: bytes


def new_structure_key() -> VaultKey:
    """A new structure: a random id (32 hex digits) and a random 256-bit key. The same
    object as an unlocked vault's (`VaultKey`): whatever seals files with one seals with
    the other."""
    return VaultKey(secrets.token_hex(STRUCTURE_ID_BYTES),
                    secrets.token_bytes(STRUCTURE_KEY_BYTES))


def _hasher(params: KdfParams):  # -> argon2.PasswordHasher
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=params.iterations, memory_cost=params.memory_kib,
                          parallelism=params.lanes)


def _secret(phrase: str) -> bytes:
    return normalize(phrase).encode("utf-8", "surrogatepass")


def hash_phrase(phrase: str, params: KdfParams) -> str:
    """argon2id's encoded hash of the (normalized) passphrase."""
    return str(_hasher(params).hash(_secret(phrase)))


def _bounded(encoded: str) -> bool:
    """Whether a stored hash asks a cost within the vault's bounds (a hostile row must not
    make a login allocate gigabytes)."""
    from argon2 import extract_parameters
    from argon2.exceptions import InvalidHashError

    try:
        found = extract_parameters(encoded)
    except (InvalidHashError, ValueError):
        return False
    return KdfParams(found.memory_cost, found.time_cost, found.parallelism).problem() is None


def phrase_matches(encoded: str, phrase: str) -> bool:
    """Whether `phrase` is the one `encoded` was made from (False for a damaged hash)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    if not _bounded(encoded):
        return False
    try:
        return bool(_hasher(KdfParams()).verify(encoded, _secret(phrase)))
    except (VerificationError, InvalidHashError):
        return False


_DUMMY: list[str] = []


def spend_like_a_check(phrase: str, params: KdfParams) -> None:
    """The work of a check against nothing (an unknown name): the refusal takes as long as
    a wrong passphrase's, so its time does not tell which names exist."""
    if not _DUMMY:
        _DUMMY.append(hash_phrase(secrets.token_hex(16), params))
    phrase_matches(_DUMMY[0], phrase)


def _aad(structure_id: str, login: str) -> bytes:
    return _CONTEXT + bytes.fromhex(structure_id) + b"\x00" + login.encode("utf-8")


def seal_structure_key(key: VaultKey, login: str, phrase: str,
                       params: KdfParams) -> SealedKey:
    """`key` sealed for the account `login` under its passphrase (a new salt and nonce)."""
    from anef_tui.vault.keys import passphrase_key, seal_key

    salt = secrets.token_bytes(SALT_BYTES)
    found = seal_key(passphrase_key(phrase, salt, params), key.data_key,
                     _aad(key.vault_id, login))
    return SealedKey(params, salt, found.nonce, found.wrapped)


def open_structure_key(structure_id: str, login: str, phrase: str,
                       sealed: SealedKey) -> VaultKey | None:
    """The structure's key from one account's seal, or None (a wrong phrase, a damaged or
    moved seal, a cost out of bounds)."""
    from anef_tui.vault.keys import open_sealed, passphrase_key

    if sealed.params.problem() is not None or len(sealed.nonce) != NONCE_BYTES \
            or len(sealed.salt) != SALT_BYTES:
        return None
    data_key = open_sealed(passphrase_key(phrase, sealed.salt, sealed.params),
                           Sealed(sealed.nonce, sealed.sealed), _aad(structure_id, login))
    return None if data_key is None else VaultKey(structure_id, data_key)
