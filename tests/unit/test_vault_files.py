"""Encrypted files: any size round trips in constant memory, owner-only and atomic; every way
of tampering (a byte, a cut, a tail, chunks moved or taken from another file, another vault,
a newer format) is refused in French and writes nothing."""

from __future__ import annotations

import os
import stat
import struct
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anef_tui.vault import files
from anef_tui.vault.errors import (
    DamagedFile,
    FileFromNewerVersion,
    ForeignFile,
    VaultError,
    VaultWriteError,
)
from anef_tui.vault.keys import VaultKey
from tests.french import assert_french

KEY = VaultKey("11" * 16, bytes(range(32)))
OTHER_VAULT = VaultKey("22" * 16, bytes(range(1, 33)))
SMALL = 16  # bytes of plaintext per chunk, so a few bytes make several chunks


def _sealed(folder: Path, data: bytes, name: str = "piece", chunk_size: int = SMALL) -> Path:
    target = folder / "pieces" / name
    files.encrypt_bytes(data, target, KEY, chunk_size=chunk_size)
    return target


def _refusal(path: Path, cls: type[VaultError] = DamagedFile) -> str:
    with pytest.raises(cls) as refused:
        files.decrypt_bytes(path, KEY)
    return assert_french(str(refused.value))


def _blocks(raw: bytes, chunk_size: int = SMALL) -> tuple[bytes, list[bytes]]:
    step = chunk_size + files.TAG_BYTES
    body = raw[files.HEADER_BYTES:]
    return raw[:files.HEADER_BYTES], [body[i:i + step] for i in range(0, len(body), step)]


@pytest.mark.parametrize("size", [0, 1, SMALL - 1, SMALL, SMALL + 1, 3 * SMALL, 100])
def test_round_trip_at_every_chunk_boundary(tmp_path: Path, size: int):
    data = os.urandom(size)
    path = _sealed(tmp_path, data)
    assert files.decrypt_bytes(path, KEY) == data
    expected = files.HEADER_BYTES + size + files.TAG_BYTES * max(1, -(-size // SMALL))
    assert os.path.getsize(path) == expected
    assert files.vault_of(path) == KEY.vault_id and files.is_encrypted(path)


def test_written_owner_only_with_no_leftover(tmp_path: Path):
    old = os.umask(0)
    try:
        path = _sealed(tmp_path / "neuf", b"contenu")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert os.listdir(path.parent) == [path.name]


def test_ten_megabytes_in_constant_memory(tmp_path: Path):
    source = tmp_path / "scan.pdf"
    with open(source, "wb") as out:
        for _ in range(160):
            out.write(os.urandom(64 * 1024))
    target, export = tmp_path / "pieces" / "scan", tmp_path / "exports" / "scan.pdf"
    export.parent.mkdir()
    tracemalloc.start()
    try:
        assert files.encrypt_file(source, target, KEY) == 10 * 1024 * 1024
        encrypting = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        assert files.decrypt_to(target, export, KEY) == 10 * 1024 * 1024
        decrypting = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert max(encrypting, decrypting) < 1024 * 1024, (encrypting, decrypting)
    assert export.read_bytes() == source.read_bytes()
    assert stat.S_IMODE(export.stat().st_mode) == 0o600


def test_encrypted_bytes_hold_no_plaintext(tmp_path: Path):
    marker = b"DUPONT-MARQUEUR-" * 4096
    path = _sealed(tmp_path, marker, chunk_size=files.CHUNK_SIZE)
    assert b"DUPONT" not in path.read_bytes()


def test_one_byte_changed_in_a_chunk(tmp_path: Path):
    path = _sealed(tmp_path, os.urandom(50))
    raw = bytearray(path.read_bytes())
    raw[files.HEADER_BYTES + SMALL + 20] ^= 0x01
    path.write_bytes(raw)
    assert "abîmé" in _refusal(path)


def test_cut_at_a_chunk_boundary_or_inside_one(tmp_path: Path):
    data = os.urandom(3 * SMALL + 5)
    path = _sealed(tmp_path, data)
    header, blocks = _blocks(path.read_bytes())
    path.write_bytes(header + b"".join(blocks[:-1]))  # the last chunk dropped whole
    _refusal(path)
    path.write_bytes(header + b"".join(blocks)[:-3])  # cut inside the last one
    _refusal(path)
    path.write_bytes(header)  # no chunk at all
    assert "tronqué" in _refusal(path)
    path.write_bytes(header[:30])
    assert "tronqué" in _refusal(path)


def test_lengthened_file(tmp_path: Path):
    path = _sealed(tmp_path, os.urandom(2 * SMALL))
    header, blocks = _blocks(path.read_bytes())
    path.write_bytes(header + b"".join(blocks) + blocks[-1])  # the final chunk repeated
    _refusal(path)
    path.write_bytes(header + b"".join(blocks) + b"\x00" * 40)
    _refusal(path)


def test_chunks_reordered_or_taken_from_another_file(tmp_path: Path):
    one = _sealed(tmp_path, os.urandom(3 * SMALL), "un")
    two = _sealed(tmp_path, os.urandom(3 * SMALL), "deux")
    header, blocks = _blocks(one.read_bytes())
    _, others = _blocks(two.read_bytes())
    one.write_bytes(header + blocks[1] + blocks[0] + b"".join(blocks[2:]))
    _refusal(one)
    one.write_bytes(header + blocks[0] + others[1] + b"".join(blocks[2:]))
    _refusal(one)
    # Another file's header with this file's chunks: the per-file key differs.
    other_header, _ = _blocks(two.read_bytes())
    one.write_bytes(other_header + b"".join(blocks))
    _refusal(one)


def test_a_file_of_another_vault_is_told_apart(tmp_path: Path):
    path = tmp_path / "etranger"
    files.encrypt_bytes(b"contenu", path, OTHER_VAULT)
    assert "autre dossier de données" in _refusal(path, ForeignFile)
    assert files.vault_of(path) == OTHER_VAULT.vault_id
    # The same key with another vault id in the header: authentication fails.
    raw = bytearray(path.read_bytes())
    raw[12:28] = bytes.fromhex(KEY.vault_id)
    path.write_bytes(raw)
    _refusal(path)


def test_not_an_encrypted_file_and_a_newer_format(tmp_path: Path):
    plain = tmp_path / "passeport.pdf"
    plain.write_bytes(b"%PDF-1.7 en clair")
    assert "pas un fichier chiffré" in _refusal(plain)
    assert not files.is_encrypted(plain)
    with pytest.raises(DamagedFile):
        files.vault_of(plain)
    path = _sealed(tmp_path, b"contenu")
    raw = bytearray(path.read_bytes())
    raw[7] = files.VERSION + 1
    path.write_bytes(raw)
    assert "plus récent" in _refusal(path, FileFromNewerVersion)
    raw[7] = 0
    path.write_bytes(raw)
    _refusal(path)
    raw[7] = files.VERSION
    raw[8:12] = struct.pack(">I", files.MAX_CHUNK_SIZE + 1)
    path.write_bytes(raw)
    assert "en-tête" in _refusal(path)


def test_a_refused_export_replaces_nothing(tmp_path: Path):
    path = _sealed(tmp_path, os.urandom(5 * SMALL))
    exports = tmp_path / "exports"
    exports.mkdir(mode=0o755)
    os.chmod(exports, 0o755)
    export = exports / "passeport.pdf"
    export.write_bytes(b"l'export d'avant")
    raw = path.read_bytes()
    path.write_bytes(raw[:-1])
    with pytest.raises(DamagedFile) as refused:
        files.decrypt_to(path, export, KEY)
    assert "rien n'a été écrit" in assert_french(str(refused.value))
    assert export.read_bytes() == b"l'export d'avant"
    assert sorted(os.listdir(exports)) == ["passeport.pdf"]  # no temporary file left
    assert stat.S_IMODE(exports.stat().st_mode) == 0o755  # the user's folder is left as it is
    path.write_bytes(raw)
    with pytest.raises(VaultWriteError) as kept:
        files.decrypt_to(path, export, KEY, replace=False)
    assert "existe déjà" in assert_french(str(kept.value))
    assert export.read_bytes() == b"l'export d'avant"
    files.decrypt_to(path, export, KEY)
    assert export.read_bytes() == files.decrypt_bytes(path, KEY)


def test_a_missing_source_or_export_folder_is_said_in_french(tmp_path: Path):
    with pytest.raises(VaultWriteError) as missing:
        files.encrypt_file(tmp_path / "absent.pdf", tmp_path / "pieces" / "x", KEY)
    assert "introuvable" in assert_french(str(missing.value))
    path = _sealed(tmp_path, b"contenu")
    with pytest.raises(VaultWriteError) as no_folder:
        files.decrypt_to(path, tmp_path / "pas-de-dossier" / "x.pdf", KEY)
    assert "introuvable" in assert_french(str(no_folder.value))
    assert not (tmp_path / "pas-de-dossier").exists()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every example of the property (a function's tmp_path is not reset
    between hypothesis' examples)."""
    return tmp_path_factory.mktemp("propriete")


def _flip_refused(path: Path, raw: bytes, position: int) -> None:
    flipped = bytearray(raw)
    flipped[position] ^= 1 << (position % 8)
    path.write_bytes(flipped)
    with pytest.raises((DamagedFile, ForeignFile, FileFromNewerVersion)) as refused:
        files.decrypt_bytes(path, KEY)
    assert_french(str(refused.value))


@pytest.mark.parametrize(("size", "chunk_size"), [(0, 1), (40, 40), (41, 8)])
def test_every_single_byte_flipped_is_refused(tmp_path: Path, size: int, chunk_size: int):
    path = tmp_path / "f"
    files.encrypt_bytes(bytes(range(size)), path, KEY, chunk_size=chunk_size)
    raw = path.read_bytes()
    for position in range(len(raw)):
        _flip_refused(path, raw, position)


@given(st.binary(max_size=300), st.integers(1, 40), st.data())
def test_any_content_any_chunk_size_round_trips_and_any_flip_or_cut_is_refused(
    folder: Path, data: bytes, chunk_size: int, draw: st.DataObject
):
    path = folder / "propriete"
    files.encrypt_bytes(data, path, KEY, chunk_size=chunk_size)
    assert files.decrypt_bytes(path, KEY) == data
    raw = path.read_bytes()
    _flip_refused(path, raw, draw.draw(st.integers(0, len(raw) - 1), label="byte"))
    cut = draw.draw(st.integers(0, len(raw) - 1), label="cut")
    path.write_bytes(raw[:cut])
    with pytest.raises(DamagedFile):
        files.decrypt_bytes(path, KEY)
