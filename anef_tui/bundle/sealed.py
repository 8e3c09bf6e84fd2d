"""A dossier bundle's encryption: its own random phrase, argon2id, then the vault's chunked
AES-256-GCM (`vault/files.py`) with the bundle's header bound into every key.

Layout (integers big-endian):

    outer header, 52 bytes: magic « anefdos » + version 1 (8) | argon2id memory KiB,
                            passes, lanes (3 × u32) | salt (16) | check (16)
    then an encrypted file of the vault's format (`vault/files.py`: its own 52-byte
    header, whose vault id is the bundle's random id, and chunks of 64 KiB + tag)

master = argon2id(phrase, salt, cost); the check is the AES-GCM tag of nothing under
HKDF(master, « anef-tui paquet 1 vérification » ‖ the header's first 36 bytes): a wrong
phrase is told apart from a damaged bundle before any chunk is read. The content key is
HKDF(master, « anef-tui paquet 1 contenu » ‖ those 36 bytes): a header changed anywhere
(version, cost, salt) gives another key, and every chunk fails.

The phrase: 8 groups of 4 symbols of the recovery key's alphabet (no 0, O, 1, I, L), each
group with its check symbol (`vault/recovery.py`): about 119 random bits, readable aloud,
a typo named by its group before any derivation.
"""

from __future__ import annotations

import io
import os
import secrets
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from anef_tui.bundle.errors import BundleRefused, MistypedBundlePhrase, WrongBundlePhrase
from anef_tui.bundle.limits import MAX_BUNDLE_BYTES
from anef_tui.vault import recovery
from anef_tui.vault.keyfile import KdfParams

MAGIC = b"anefdos"
VERSION = 1
_HEAD = struct.Struct(">7sBIII16s")  # 36 bytes, bound into the keys
_CHECK_BYTES = 16
HEADER_BYTES = _HEAD.size + _CHECK_BYTES  # 52
_CHECK_INFO = "anef-tui paquet 1 vérification\x00".encode()
_CONTENT_INFO = b"anef-tui paquet 1 contenu\x00"
_NO_NONCE = bytes(12)  # one message per key (a fresh salt per bundle): a fixed nonce is safe
_BUNDLE_ID_AT = 8 + 4  # in the inner header: magic+version (8), chunk size (4), vault id
#: The default cost, as the vault's (RFC 9106's second recommendation).
DEFAULT_PARAMS = KdfParams()


def new_phrase() -> str:
    """A new random phrase, normalized (32 symbols)."""
    return recovery.generate()


def shown_phrase(phrase: str) -> str:
    """The phrase as said once to the user: « 7KQX-M3PA-… »."""
    return recovery.shown(phrase)


def parse_phrase(typed: str) -> str:
    """The phrase as typed, normalized; MistypedBundlePhrase (French, naming the group to
    read again) when it cannot be one."""
    letters = [c.upper() for c in str(typed) if c not in recovery.SEPARATORS]
    size = recovery.GROUP_SIZE
    if len(letters) != recovery.LENGTH:
        raise MistypedBundlePhrase(
            f"la phrase d'un paquet a {recovery.LENGTH} caractères ({recovery.GROUPS} groupes "
            f"de {size}), {len(letters)} ont été tapés")
    for index, letter in enumerate(letters):
        if letter not in recovery.ALPHABET:
            raise MistypedBundlePhrase(
                f"le groupe n° {index // size + 1} de la phrase contient un caractère qu'elle "
                "n'utilise pas (ni 0, O, 1, I ni L)")
    key = "".join(letters)
    for group in range(recovery.GROUPS):
        part = key[group * size:(group + 1) * size]
        if recovery.check_symbol(group, part[:-1]) != part[-1]:
            raise MistypedBundlePhrase(
                f"faute de frappe dans le groupe n° {group + 1} de la phrase : relisez-le")
    return key


def _keys(phrase: str, head: bytes, salt: bytes, params: KdfParams) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    from anef_tui.vault.keys import passphrase_key

    master = passphrase_key(phrase, salt, params)

    def derive(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt,
                    info=info + head).derive(master)

    return derive(_CHECK_INFO), derive(_CONTENT_INFO)


def _check_tag(check_key: bytes, head: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(check_key).encrypt(_NO_NONCE, b"", head)


def seal(content: bytes, phrase: str, out: BinaryIO, params: KdfParams = DEFAULT_PARAMS) -> None:
    """Write the bundle of `content` (the plaintext container, `container.py`) to `out`."""
    from anef_tui.vault.files import encrypt_into
    from anef_tui.vault.keys import VaultKey

    salt = secrets.token_bytes(16)
    head = _HEAD.pack(MAGIC, VERSION, params.memory_kib, params.iterations, params.lanes, salt)
    check_key, content_key = _keys(parse_phrase(phrase), head, salt, params)
    out.write(head + _check_tag(check_key, head))
    key = VaultKey(vault_id=secrets.token_hex(16), data_key=content_key)
    encrypt_into(io.BytesIO(content), out, key)


def _read_head(handle: BinaryIO) -> tuple[bytes, bytes, bytes, KdfParams]:
    raw = handle.read(HEADER_BYTES)
    if len(raw) < len(MAGIC) or raw[:len(MAGIC)] != MAGIC:
        raise BundleRefused("ce fichier n'est pas un paquet de dossier d'anef-tui")
    if len(raw) < HEADER_BYTES:
        raise BundleRefused("le paquet est tronqué")
    head, check = raw[:_HEAD.size], raw[_HEAD.size:]
    _, version, memory_kib, iterations, lanes, salt = _HEAD.unpack(head)
    if version != VERSION:
        raise BundleRefused(
            f"ce paquet est au format n° {version}, que cette version d'anef-tui ne connaît "
            f"pas (elle lit le format n° {VERSION}) : mettez anef-tui à jour"
            if version > VERSION else "son en-tête est altéré")
    params = KdfParams(memory_kib=memory_kib, iterations=iterations, lanes=lanes)
    if params.problem() is not None:
        raise BundleRefused("son en-tête est altéré (paramètres de dérivation hors limites)")
    return head, check, salt, params


def open_sealed(path: Path, phrase: str) -> bytes:
    """The plaintext container of the bundle at `path`, authenticated whole; BundleRefused
    (French) otherwise. Reads only; at most MAX_BUNDLE_BYTES."""
    from anef_tui.vault.errors import VaultError
    from anef_tui.vault.files import HEADER_BYTES as INNER_HEADER
    from anef_tui.vault.files import decrypted_stream
    from anef_tui.vault.keys import VaultKey

    normalized = parse_phrase(phrase)
    try:
        handle = open(path, "rb")
    except OSError as exc:
        from anef_tui.oserrors import error_text

        raise BundleRefused(f"il ne peut pas être lu ({error_text(exc)})") from None
    with handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BUNDLE_BYTES + HEADER_BYTES + (MAX_BUNDLE_BYTES // 4096):
                raise BundleRefused("il dépasse la taille permise d'un paquet")
            head, check, salt, params = _read_head(handle)
            check_key, content_key = _keys(normalized, head, salt, params)
            if not secrets.compare_digest(_check_tag(check_key, head), check):
                raise WrongBundlePhrase()
            inner = handle.read(INNER_HEADER)
            if len(inner) < INNER_HEADER:
                raise BundleRefused("le paquet est tronqué")
            bundle_id = inner[_BUNDLE_ID_AT:_BUNDLE_ID_AT + 16].hex()
            key = VaultKey(vault_id=bundle_id, data_key=content_key)
            return _bounded(decrypted_stream(io.BufferedReader(_Prefixed(inner, handle)), key, Path(path)))
        except VaultError as exc:
            if isinstance(exc, BundleRefused):
                raise
            raise BundleRefused("le paquet est abîmé, tronqué ou modifié") from None
        except OSError as exc:
            from anef_tui.oserrors import error_text

            raise BundleRefused(f"il ne peut pas être lu ({error_text(exc)})") from None


def _bounded(chunks: Iterator[bytes]) -> bytes:
    parts, total = [], 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_BUNDLE_BYTES:
            raise BundleRefused("son contenu dépasse la taille permise d'un paquet")
        parts.append(chunk)
    return b"".join(parts)


class _Prefixed(io.RawIOBase):
    """`prefix` (bytes already read) followed by the rest of `handle`."""

    def __init__(self, prefix: bytes, handle: BinaryIO) -> None:
        super().__init__()
        self._prefix = prefix
        self._handle = handle

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any, /) -> int:
        data = self._read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def _read(self, size: int) -> bytes:
        if self._prefix:
            part = self._prefix if size < 0 else self._prefix[:size]
            self._prefix = self._prefix[len(part):]
            return part
        return self._handle.read(size)
