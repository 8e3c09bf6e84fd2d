"""The key file, `coffre.cle` in the data folder: what it holds and how it is read and written.

Versioned JSON, UTF-8, a few hundred bytes, written whole or not at all and owner-only:

    {"format": "anef-tui coffre", "version": 1,
     "vault_id": "<32 hex digits>",
     "kdf": {"algorithm": "argon2id", "memory_kib": 65536, "iterations": 3, "lanes": 4,
             "salt": "<base64, 16 bytes>"},
     "passphrase": {"nonce": "<base64, 12 bytes>", "wrapped": "<base64, 48 bytes>"},
     "recovery": {"salt": "<base64, 16 bytes>", "nonce": "<base64, 12 bytes>",
                  "wrapped": "<base64, 48 bytes>"}}

`wrapped` is the 32-byte data key sealed with AES-256-GCM (16-byte tag appended) under a
key derived from the passphrase (argon2id, these parameters and salt) or from the recovery
key (HKDF-SHA256, its salt); `keys` does the cryptography. Nothing here is secret without the
passphrase or the recovery key: the file may be copied with the backups, and must be (the
data cannot be read without it). Every field is checked before use: a file truncated,
garbled, or lengthened beyond MAX_BYTES is refused as damaged, a newer version as such.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from dataclasses import dataclass
from pathlib import Path

from anef_tui.vault.errors import (
    KeyFileDamaged,
    KeyFileExists,
    KeyFileMissing,
    KeyFileVersion,
    VaultWriteError,
)
from anef_tui.vault.writing import write_bytes

KEY_FILE_NAME = "coffre.cle"
FORMAT = "anef-tui coffre"
VERSION = 1
MAX_BYTES = 16 * 1024
VAULT_ID_BYTES = 16
SALT_BYTES = 16
NONCE_BYTES = 12
WRAPPED_BYTES = 32 + 16  # the data key and GCM's tag
#: Bounds on the key derivation's cost a key file may ask for: a hostile file must not make
#: the app allocate gigabytes or spin for minutes.
MAX_MEMORY_KIB = 1024 * 1024
MAX_ITERATIONS = 20
MAX_LANES = 16


def key_file_path(data_dir: Path) -> Path:
    """Where a data folder's key file is."""
    return Path(data_dir) / KEY_FILE_NAME


@dataclass(frozen=True)
class KdfParams:
    """argon2id's cost: memory in KiB, passes, lanes. The defaults follow RFC 9106's second
    recommendation (64 MiB, t=3, p=4); tests pass cheaper ones."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    def problem(self) -> str | None:
        """Why these parameters cannot be used, in French, or None."""
        values = (self.memory_kib, self.iterations, self.lanes)
        if any(isinstance(v, bool) or not isinstance(v, int) for v in values):
            return "paramètres de dérivation invalides"
        if not 1 <= self.lanes <= MAX_LANES or not 1 <= self.iterations <= MAX_ITERATIONS:
            return "paramètres de dérivation hors limites"
        if not 8 * self.lanes <= self.memory_kib <= MAX_MEMORY_KIB:
            return "paramètres de dérivation hors limites"
        return None


@dataclass(frozen=True)
class Sealed:
    """The data key sealed by one unlocking secret: nonce, ciphertext+tag, and the salt of
    the derivation (the recovery key's; the passphrase's lives in KdfParams' place)."""

    nonce: bytes
    wrapped: bytes
    salt: bytes = b""


@dataclass(frozen=True)
class KeyFile:
    """A key file's content, checked."""

    vault_id: str
    kdf: KdfParams
    kdf_salt: bytes
    passphrase: Sealed
    recovery: Sealed

    def to_bytes(self) -> bytes:
        def b64(data: bytes) -> str:
            return base64.b64encode(data).decode("ascii")

        document = {
            "format": FORMAT,
            "version": VERSION,
            "vault_id": self.vault_id,
            "kdf": {
                "algorithm": "argon2id",
                "memory_kib": self.kdf.memory_kib,
                "iterations": self.kdf.iterations,
                "lanes": self.kdf.lanes,
                "salt": b64(self.kdf_salt),
            },
            "passphrase": {"nonce": b64(self.passphrase.nonce),
                           "wrapped": b64(self.passphrase.wrapped)},
            "recovery": {"salt": b64(self.recovery.salt), "nonce": b64(self.recovery.nonce),
                         "wrapped": b64(self.recovery.wrapped)},
        }
        return (json.dumps(document, indent=1) + "\n").encode("ascii")


class _Bad(Exception):
    """A field that is not what version 1 says (its French description)."""


def _table(document: object, key: str, fields: set[str]) -> dict[str, object]:
    value = document.get(key) if isinstance(document, dict) else None
    if not isinstance(value, dict) or set(value) != fields:
        raise _Bad(f"la partie « {key} » manque ou est incomplète")
    return value


def _bytes(table: dict[str, object], key: str, size: int) -> bytes:
    value = table.get(key)
    if not isinstance(value, str):
        raise _Bad("un champ manque")
    try:
        data = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise _Bad("un champ est altéré") from exc
    if len(data) != size:
        raise _Bad("un champ a une longueur inattendue")
    return data


def parse(path: Path, raw: bytes) -> KeyFile:
    """A key file's bytes, checked: KeyFileDamaged or KeyFileVersion (French) otherwise."""
    if len(raw) > MAX_BYTES:
        raise KeyFileDamaged(path, "il est bien trop gros pour un fichier de clé")
    if not raw.strip():
        raise KeyFileDamaged(path, "il est vide")
    if raw.count(b"{") + raw.count(b"[") > 8:  # json's recursion, on a hostile file
        raise KeyFileDamaged(path, "ce n'est pas un fichier de clé d'anef-tui")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise KeyFileDamaged(path, "il est tronqué ou altéré") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise KeyFileDamaged(path, "ce n'est pas un fichier de clé d'anef-tui")
    version = document.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        raise KeyFileVersion(path, version)
    try:
        if version != VERSION or isinstance(version, bool):
            raise _Bad("sa version est illisible")
        expected = {"format", "version", "vault_id", "kdf", "passphrase", "recovery"}
        if set(document) != expected:
            raise _Bad("des champs manquent ou sont en trop")
        vault_id = document["vault_id"]
        if (not isinstance(vault_id, str) or len(vault_id) != 2 * VAULT_ID_BYTES
                or vault_id.strip("0123456789abcdef")):
            raise _Bad("son identifiant est altéré")
        kdf = _table(document, "kdf", {"algorithm", "memory_kib", "iterations", "lanes", "salt"})
        if kdf["algorithm"] != "argon2id":
            raise _Bad("sa méthode de dérivation est inconnue")
        params = KdfParams(kdf["memory_kib"], kdf["iterations"], kdf["lanes"])  # type: ignore[arg-type]
        problem = params.problem()
        if problem:
            raise _Bad(problem)
        phrase = _table(document, "passphrase", {"nonce", "wrapped"})
        recovery = _table(document, "recovery", {"salt", "nonce", "wrapped"})
        return KeyFile(
            vault_id=vault_id,
            kdf=params,
            kdf_salt=_bytes(kdf, "salt", SALT_BYTES),
            passphrase=Sealed(_bytes(phrase, "nonce", NONCE_BYTES),
                              _bytes(phrase, "wrapped", WRAPPED_BYTES)),
            recovery=Sealed(_bytes(recovery, "nonce", NONCE_BYTES),
                            _bytes(recovery, "wrapped", WRAPPED_BYTES),
                            _bytes(recovery, "salt", SALT_BYTES)),
        )
    except _Bad as exc:
        raise KeyFileDamaged(path, str(exc)) from exc


def read_key_file(path: Path) -> KeyFile:
    """The key file at `path`, checked. KeyFileMissing, KeyFileDamaged, KeyFileVersion, or
    VaultWriteError (a system refusal, in French). A symbolic link is not followed."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise KeyFileMissing(path) from exc
    except OSError as exc:
        raise VaultWriteError(path, exc) from exc
    try:
        with open(fd, "rb", closefd=True) as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise VaultWriteError(path, exc) from exc
    return parse(path, raw)


def write_key_file(path: Path, key_file: KeyFile, *, replace: bool) -> None:
    """Write `key_file` at `path` atomically, 0600. replace=False (a new vault): an existing
    key file is never replaced (KeyFileExists)."""
    try:
        write_bytes(path, key_file.to_bytes(), replace=replace)
    except FileExistsError as exc:
        raise KeyFileExists(path) from exc
    except OSError as exc:
        raise VaultWriteError(path, exc) from exc
