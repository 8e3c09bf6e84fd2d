"""Files of any size encrypted at rest: attachments, PDFs, backups, drafts.

Layout of an encrypted file (all integers big-endian):

    header, 52 bytes:  magic « anefchf » + version 1 (8) | chunk size, u32 (4)
                       | vault id (16) | salt (16) | nonce prefix (8)
    then chunks:       AES-256-GCM(chunk of the plaintext) + tag (16)

Every chunk but the last holds `chunk size` bytes of plaintext (64 KiB by default); the last
holds 0 to `chunk size` (an empty file is one empty chunk). The file's own key is
HKDF-SHA256(data key, salt, vault id): a fresh key per file, so nonces never repeat across
files. Chunk n's nonce is prefix ‖ n (u32); its associated data is the whole header ‖ n ‖
a final-chunk flag. Hence a chunk moved, repeated, dropped at the end, taken from another
file or another vault, a file cut at a chunk boundary or lengthened, a changed header: each
fails authentication (`DamagedFile`), as does any changed byte. The vault id in the header
is readable without the key (`vault_of`): a file of another vault is told apart
(`ForeignFile`), which also tells a key file swapped between two folders.

Streaming: at most two chunks in memory, whatever the size. Writing goes through a
temporary file beside the target (0600), fsync, atomic rename: an interruption or a refusal
leaves the target as it was. This module never writes plaintext to disk itself; only
`decrypt_to` does, to the export path its caller names (the user's explicit export).
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from anef_tui.vault.errors import (
    DamagedFile,
    FileFromNewerVersion,
    ForeignFile,
    VaultWriteError,
)
from anef_tui.vault.keys import VaultKey
from anef_tui.vault.writing import commit, private_temp

MAGIC = b"anefchf"
VERSION = 1
CHUNK_SIZE = 64 * 1024
MAX_CHUNK_SIZE = 16 * 1024 * 1024
TAG_BYTES = 16
_HEAD = struct.Struct(">7sBI16s16s8s")
HEADER_BYTES = _HEAD.size  # 52
MAX_CHUNKS = 2**32 - 1
_INFO = b"anef-tui fichier 1\x00"


class _Cipher:
    """One file's key, nonces and associated data."""

    def __init__(self, key: VaultKey, header: bytes, salt: bytes, prefix: bytes) -> None:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        file_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt,
                        info=_INFO + key.vault_id_bytes).derive(key.data_key)
        self._aead = AESGCM(file_key)
        self._header = header
        self._prefix = prefix

    def _nonce_and_aad(self, index: int, final: bool) -> tuple[bytes, bytes]:
        counter = struct.pack(">I", index)
        return self._prefix + counter, self._header + counter + (b"\x01" if final else b"\x00")

    def seal(self, index: int, final: bool, plain: bytes) -> bytes:
        nonce, aad = self._nonce_and_aad(index, final)
        return self._aead.encrypt(nonce, plain, aad)

    def open(self, index: int, final: bool, sealed: bytes) -> bytes | None:
        from cryptography.exceptions import InvalidTag

        nonce, aad = self._nonce_and_aad(index, final)
        try:
            return self._aead.decrypt(nonce, sealed, aad)
        except InvalidTag:
            return None


class _Reads(Protocol):
    def read(self, size: int, /) -> bytes: ...


class SourceError(OSError):
    """An OSError of the plaintext being encrypted (told apart from the target's)."""


class _Source:
    """Reads the plaintext; its OSError becomes a SourceError."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle

    def read(self, size: int) -> bytes:
        try:
            return self._handle.read(size)
        except OSError as exc:
            raise SourceError(exc.errno, exc.strerror, exc.filename) from exc


def _read_exact(handle: _Reads, size: int) -> bytes:
    """Up to `size` bytes: fewer only at the end of the stream."""
    parts = []
    while size > 0:
        part = handle.read(size)
        if not part:
            break
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _write_encrypted(source: _Source, out: BinaryIO, key: VaultKey, chunk_size: int) -> int:
    if not 1 <= chunk_size <= MAX_CHUNK_SIZE:
        raise ValueError(f"chunk_size must be in 1..{MAX_CHUNK_SIZE}")
    salt, prefix = secrets.token_bytes(16), secrets.token_bytes(8)
    header = _HEAD.pack(MAGIC, VERSION, chunk_size, key.vault_id_bytes, salt, prefix)
    cipher = _Cipher(key, header, salt, prefix)
    out.write(header)
    total, index = 0, 0
    current = _read_exact(source, chunk_size)
    while True:
        following = _read_exact(source, chunk_size) if len(current) == chunk_size else b""
        final = not following
        out.write(cipher.seal(index, final, current))
        total += len(current)
        if final:
            return total
        if index == MAX_CHUNKS - 1:
            raise ValueError("file too large for its chunk size")
        current, index = following, index + 1


def encrypt_stream(source: BinaryIO, target: Path, key: VaultKey, *,
                   chunk_size: int = CHUNK_SIZE) -> int:
    """Encrypt what `source` yields into `target` (atomically, 0600; its folder created
    0700 if missing); return the plaintext's size. An OSError of the source is raised as a
    SourceError (the caller names the source); one of the target as VaultWriteError."""
    target = Path(target)
    try:
        fd, temp = private_temp(target.parent)
    except OSError as exc:
        raise VaultWriteError(target, exc) from exc
    try:
        with open(fd, "wb", closefd=True) as out:
            size = _write_encrypted(_Source(source), out, key, chunk_size)
            out.flush()
            os.fsync(out.fileno())
        commit(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError) and not isinstance(exc, SourceError):
            raise VaultWriteError(target, exc) from exc
        raise
    return size


def encrypt_into(source: BinaryIO, out: BinaryIO, key: VaultKey, *,
                 chunk_size: int = CHUNK_SIZE) -> int:
    """Encrypt what `source` yields into the open `out` (a temporary file its caller owns,
    locks, fsyncs and renames: an attachment's copy); the plaintext's size. An OSError of the
    source is raised as a SourceError."""
    return _write_encrypted(_Source(source), out, key, chunk_size)


def encrypted_size(size: int, *, chunk_size: int = CHUNK_SIZE) -> int:
    """The size on disk of an encrypted file holding `size` bytes of plaintext."""
    chunks = max(1, -(-size // chunk_size))
    return HEADER_BYTES + size + chunks * TAG_BYTES


def encrypt_bytes(data: bytes, target: Path, key: VaultKey, *,
                  chunk_size: int = CHUNK_SIZE) -> None:
    """Encrypt `data` (a PDF made in memory, a draft) into `target`."""
    encrypt_stream(io.BytesIO(data), target, key, chunk_size=chunk_size)


def encrypt_file(source: Path, target: Path, key: VaultKey, *,
                 chunk_size: int = CHUNK_SIZE) -> int:
    """Encrypt the file `source` into `target`; its size. VaultWriteError (naming the file
    at fault) if either cannot be read or written."""
    try:
        handle = open(source, "rb")
    except OSError as exc:
        raise VaultWriteError(source, exc) from exc
    try:
        with handle:
            return encrypt_stream(handle, target, key, chunk_size=chunk_size)
    except SourceError as exc:
        raise VaultWriteError(source, exc) from exc


def _header(path: Path, handle: BinaryIO) -> tuple[bytes, int, str, bytes, bytes]:
    """The header, its chunk size, vault id (hex), salt and prefix, checked."""
    raw = _read_exact(handle, HEADER_BYTES)
    if not raw.startswith(MAGIC[:len(raw)]) or len(raw) < len(MAGIC):
        raise DamagedFile(path, "ce n'est pas un fichier chiffré par anef-tui")
    if len(raw) < HEADER_BYTES:
        raise DamagedFile(path, "il est tronqué")
    magic, version, chunk_size, vault_id, salt, prefix = _HEAD.unpack(raw)
    if version != VERSION:
        if version > VERSION:
            raise FileFromNewerVersion(path)
        raise DamagedFile(path, "son en-tête est altéré")
    if not 1 <= chunk_size <= MAX_CHUNK_SIZE:
        raise DamagedFile(path, "son en-tête est altéré")
    return raw, chunk_size, vault_id.hex(), salt, prefix


def _open_source(path: Path) -> BinaryIO:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise VaultWriteError(path, exc) from exc


def vault_of(path: Path) -> str:
    """The id of the vault that encrypted `path` (read from its header, no key needed).
    DamagedFile if it is not an encrypted file of anef-tui."""
    with _open_source(path) as handle:
        try:
            return _header(path, handle)[2]
        except OSError as exc:
            raise VaultWriteError(path, exc) from exc


def is_encrypted(path: Path) -> bool:
    """Whether `path` starts like an encrypted file of anef-tui (a plain attachment of a
    folder made before encryption does not)."""
    with _open_source(path) as handle:
        try:
            return _read_exact(handle, len(MAGIC)) == MAGIC
        except OSError as exc:
            raise VaultWriteError(path, exc) from exc


def decrypted_chunks(path: Path, key: VaultKey) -> Iterator[bytes]:
    """The plaintext of `path`, chunk by chunk, each authenticated before it is given.
    The file is whole only once the iteration ends without error: a truncated or damaged
    file raises DamagedFile at the chunk concerned (so a caller keeps nothing until then)."""
    with _open_source(path) as handle:
        try:
            yield from _chunks(path, handle, key)
        except OSError as exc:
            raise VaultWriteError(path, exc) from exc


def decrypted_stream(handle: BinaryIO, key: VaultKey, where: Path) -> Iterator[bytes]:
    """As `decrypted_chunks`, from an open handle placed at an encrypted file's header (a
    file held inside another: a dossier bundle, `anef_tui/bundle`); `where` names it in
    the messages."""
    yield from _chunks(where, handle, key)


def _chunks(path: Path, handle: BinaryIO, key: VaultKey) -> Iterator[bytes]:
    header, chunk_size, vault_id, salt, prefix = _header(path, handle)
    if not secrets.compare_digest(vault_id, key.vault_id):
        raise ForeignFile(path)
    cipher = _Cipher(key, header, salt, prefix)
    block_size = chunk_size + TAG_BYTES
    block = _read_exact(handle, block_size)
    index = 0
    while True:
        if len(block) < TAG_BYTES:
            raise DamagedFile(path, "il est tronqué")
        following = _read_exact(handle, block_size) if len(block) == block_size else b""
        final = not following
        plain = cipher.open(index, final, block)
        if plain is None:
            raise DamagedFile(path, "il est abîmé, tronqué ou modifié")
        yield plain
        if final:
            return
        if index == MAX_CHUNKS - 1:
            raise DamagedFile(path, "il est altéré")
        block, index = following, index + 1


def decrypt_bytes(path: Path, key: VaultKey) -> bytes:
    """The whole plaintext of `path`, in memory (to show, check or attach elsewhere)."""
    return b"".join(decrypted_chunks(path, key))


def decrypt_to(path: Path, export: Path, key: VaultKey, *, replace: bool = True) -> int:
    """Decrypt `path` into `export`, a path the user chose (an export to print or to upload);
    its size. Written through a temporary file beside it (0600), renamed only once every
    chunk has authenticated: a damaged file leaves `export` as it was. The export's folder
    must exist and is not changed. replace=False: an existing `export` is kept
    (VaultWriteError)."""
    export = Path(export)
    try:
        fd, temp = private_temp(export.parent, own_folder=False)
    except OSError as exc:
        raise VaultWriteError(export, exc) from exc
    size = 0
    try:
        with open(fd, "wb", closefd=True) as out:
            for plain in decrypted_chunks(path, key):
                out.write(plain)
                size += len(plain)
            out.flush()
            os.fsync(out.fileno())
        commit(temp, export, replace=replace)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise VaultWriteError(export, exc) from exc
        raise
    return size
