"""The plaintext inside a bundle: a manifest, then its parts, in the manifest's order.

    u32 (big-endian): the manifest's size | the manifest (JSON, UTF-8) | part 1 | part 2 | …

Manifest: {"format": "anef-tui dossier", "version": 1, "created_at": "AAAA-MM-JJTHH:MM:SS",
"source_vault": 32 hex digits or null, "parts": [{"name": "dossier" | "journal" | "fichier",
"size": bytes, "sha256": hex}, …]}: one « dossier » (the dossier's JSON, `shape.py`), one
« journal » (its entries at the source desk), then one « fichier » per distinct content
(attachments and PDFs, named by their sha256 in the dossier's JSON). Every size and hash is
checked against the bytes, and the parts must fill the container exactly, before anything
else is read. A part's name is a code, never a path.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
from dataclasses import dataclass, field
from typing import Any

from anef_tui.bundle.errors import BundleRefused
from anef_tui.bundle.limits import (
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_JSON_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_NESTING,
)

FORMAT = "anef-tui dossier"
CONTENT_VERSION = 1
DOSSIER, JOURNAL, FILE = "dossier", "journal", "fichier"
_LENGTH = struct.Struct(">I")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
HEX32 = re.compile(r"^[0-9a-f]{32}$")
ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


@dataclass
class Unpacked:
    """A container read and checked: its manifest's facts, the two JSON parts parsed, and
    the files by sha256."""

    created_at: str
    source_vault: str | None
    dossier: Any
    journal: Any
    files: dict[str, bytes] = field(default_factory=dict)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def pack(created_at: str, source_vault: str | None, dossier: Any, journal: Any,
         files: dict[str, bytes]) -> bytes:
    """The container of a dossier (its JSON, its journal, its files by sha256)."""
    parts = [(DOSSIER, dumps(dossier)), (JOURNAL, dumps(journal))]
    parts += [(FILE, files[digest]) for digest in sorted(files)]
    manifest = {
        "format": FORMAT, "version": CONTENT_VERSION, "created_at": created_at,
        "source_vault": source_vault,
        "parts": [{"name": name, "size": len(data), "sha256": sha256(data)}
                  for name, data in parts],
    }
    head = dumps(manifest)
    return _LENGTH.pack(len(head)) + head + b"".join(data for _, data in parts)


def nesting(text: bytes) -> int:
    """How deep `[`/`{` go in a JSON text (strings skipped): checked before json.loads."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in text:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def loads(data: bytes, what: str) -> Any:
    """A JSON part, bounded in size and depth; BundleRefused otherwise."""
    if len(data) > MAX_JSON_BYTES:
        raise BundleRefused(f"{what} dépasse la taille permise")
    if nesting(data) > MAX_NESTING:
        raise BundleRefused(f"{what} est imbriqué trop profondément")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BundleRefused(f"{what} n'est pas un JSON lisible") from None


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _manifest(data: bytes) -> dict[str, Any]:
    if len(data) < _LENGTH.size:
        raise BundleRefused("son contenu est tronqué")
    (size,) = _LENGTH.unpack_from(data)
    if size > MAX_MANIFEST_BYTES or _LENGTH.size + size > len(data):
        raise BundleRefused("son manifeste annonce une taille impossible")
    manifest = loads(data[_LENGTH.size:_LENGTH.size + size], "son manifeste")
    if not isinstance(manifest, dict) or set(manifest) != {
            "format", "version", "created_at", "source_vault", "parts"}:
        raise BundleRefused("son manifeste n'a pas la forme attendue")
    if manifest["format"] != FORMAT:
        raise BundleRefused("ce n'est pas un paquet de dossier")
    if manifest["version"] != CONTENT_VERSION:
        raise BundleRefused(
            "son contenu est d'une version qu'anef-tui ne connaît pas : mettez anef-tui à jour")
    if not isinstance(manifest["created_at"], str) or not ISO_TIME.match(manifest["created_at"]):
        raise BundleRefused("la date de création du manifeste est invalide")
    vault = manifest["source_vault"]
    if vault is not None and not (isinstance(vault, str) and HEX32.match(vault)):
        raise BundleRefused("l'identifiant du poste d'origine est invalide")
    return manifest


def unpack(data: bytes) -> Unpacked:
    """The container `data`, every part checked against the manifest (size, sha256, the
    order dossier, journal, files; no file twice; the parts end where the data ends)."""
    manifest = _manifest(data)
    parts = manifest["parts"]
    if not isinstance(parts, list) or not 2 <= len(parts) <= MAX_FILES + 2:
        raise BundleRefused("son manifeste compte trop ou trop peu de parties")
    offset = _LENGTH.size + _LENGTH.unpack_from(data)[0]
    declared = 0
    for index, part in enumerate(parts):
        if not isinstance(part, dict) or set(part) != {"name", "size", "sha256"}:
            raise BundleRefused("une partie du manifeste n'a pas la forme attendue")
        expected = DOSSIER if index == 0 else JOURNAL if index == 1 else FILE
        if part["name"] != expected:
            raise BundleRefused("les parties du manifeste ne sont pas celles attendues")
        size = part["size"]
        limit = MAX_FILE_BYTES if expected == FILE else MAX_JSON_BYTES
        if not _int(size) or not 0 <= size <= limit:
            raise BundleRefused("une partie annonce une taille hors limites")
        if not isinstance(part["sha256"], str) or not HEX64.match(part["sha256"]):
            raise BundleRefused("une empreinte du manifeste est invalide")
        declared += size
    if offset + declared != len(data):
        raise BundleRefused("les tailles annoncées par le manifeste ne sont pas celles du contenu")
    pieces: list[bytes] = []
    for part in parts:
        piece = data[offset:offset + part["size"]]
        offset += part["size"]
        if sha256(piece) != part["sha256"]:
            raise BundleRefused("une partie ne correspond pas à son empreinte")
        pieces.append(piece)
    files: dict[str, bytes] = {}
    for part, piece in zip(parts[2:], pieces[2:], strict=True):
        if part["sha256"] in files:
            raise BundleRefused("un fichier figure deux fois dans le paquet")
        files[part["sha256"]] = piece
    return Unpacked(manifest["created_at"], manifest["source_vault"],
                    loads(pieces[0], "le dossier"), loads(pieces[1], "le journal"), files)
