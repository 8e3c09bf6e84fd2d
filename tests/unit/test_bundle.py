"""Issue 24 item 4: a dossier handed over in one encrypted bundle. A round trip (plain and
encrypted folders) compares everything, files byte for byte; hostile bundles are refused in
French with the data folder byte for byte as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anef_tui.bundle import (
    BundleRefused,
    export_dossier,
    import_bundle,
    open_bundle,
)
from anef_tui.bundle.collect import read_dossier
from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.database import Database
from anef_tui.store.exports import keep_document
from tests.bundle_helpers import crafted, folder_hashes, sealed_bytes
from tests.conftest import fill_demo_folder, fill_encrypted_demo_folder, frozen_clock
from tests.french import assert_french
from tests.vault_helpers import CHEAP, OTHER_PHRASE, make_vault, plain_folder

#: The demo's first-application dossier with a complément (notification, its files).
RICH = 10
PDF = b"%PDF-1.4\n% recapitulatif\n" + bytes(range(256)) + b"\n%%EOF\n"


def _open(folder: Path, key=None) -> Database:
    return Database(folder, clock=frozen_clock, key=key)


def _source(tmp_path: Path, encrypted: bool):
    folder = tmp_path / "source"
    key = fill_encrypted_demo_folder(folder) if encrypted else (fill_demo_folder(folder) or None)
    db = _open(folder, key)
    with db.reading() as conn:
        (notification,) = conn.execute(
            "SELECT min(id) FROM notifications WHERE dossier_id = ?", (RICH,)).fetchone()
    keep_document(folder, f"recapitulatif-{RICH:04d}-KOUASSI-Awa.pdf", PDF, key)
    keep_document(folder, f"complement-{notification:04d}-KOUASSI-Awa.pdf", PDF + b"c", key)
    return db


def _destination(tmp_path: Path, encrypted: bool):
    folder = tmp_path / "destination"
    if encrypted:
        key = make_vault(folder, OTHER_PHRASE).key
        return _open(folder, key)
    return _open(plain_folder(folder))


def _without_numbers(dossier: dict) -> dict:
    return json.loads(json.dumps(dossier))


@pytest.mark.parametrize("encrypted", [False, True], ids=["clair", "chiffre"])
def test_round_trip_compares_everything(tmp_path, encrypted):
    source = _source(tmp_path, encrypted)
    exported = export_dossier(source, RICH, params=CHEAP)
    assert exported.path.parent == source.data_dir / "exports"
    assert exported.phrase not in repr(exported)
    before, entries, files = read_dossier(source, RICH)
    assert before["notifications"] and before["attachments"] and before["consents"]
    assert len(before["documents"]) == 2 and before["deadlines"]
    destination = _destination(tmp_path, encrypted)
    with destination.transaction() as db:  # a dossier already there: the new one is n° 2
        db.conn.execute("INSERT INTO dossiers (procedure, created_at, updated_at) "
                        "VALUES ('renouvellement', 'x', 'x')")
    opened = open_bundle(exported.path, exported.phrase)
    new_id = import_bundle(destination, opened)
    assert new_id == 2
    after, _, files_after = read_dossier(destination, new_id)
    assert after == before  # every answer, draft, notification, deadline, consent, document
    assert files_after == files  # every file byte for byte (decrypted in both folders)
    source_store, dest_store = AttachmentStore(source), AttachmentStore(destination)
    mine = {(a.slot_id.split(":")[0], a.position): source_store.read_bytes(a)
            for a in source_store.list(RICH)}
    theirs = {(a.slot_id.split(":")[0], a.position): dest_store.read_bytes(a)
              for a in dest_store.list(new_id)}
    assert mine == theirs and len(mine) == len(before["attachments"])
    with destination.reading() as conn:
        record = conn.execute("SELECT source_vault, entries FROM dossier_imports "
                              "WHERE dossier_id = ?", (new_id,)).fetchone()
        actions = [json.loads(c)["action"] for (c,) in conn.execute(
            "SELECT content FROM journal WHERE dossier_id = ? ORDER BY seq", (new_id,))]
    assert json.loads(record[1]) == entries[:-1]  # the journal as it was, before the export
    assert json.loads(entries[-1]["content"])["action"] == "dossier_exported"
    assert record[0] == (source.key.vault_id if encrypted else None)
    assert actions == ["dossier_imported"]
    if encrypted:  # the files of an encrypted folder stay sealed
        from anef_tui.vault.files import is_encrypted

        for path in (destination.data_dir / "documents").iterdir():
            assert is_encrypted(path)
        for path in (destination.data_dir / "pieces").rglob("*.*"):
            assert is_encrypted(path)
    source.close()
    destination.close()


def test_a_piece_already_here_is_shared(tmp_path):
    source = _source(tmp_path, False)
    exported = export_dossier(source, RICH, params=CHEAP)
    opened = open_bundle(exported.path, exported.phrase)
    new_id = import_bundle(source, opened)  # into the same desk: every piece is there
    with source.reading() as conn:
        (blobs,) = conn.execute("SELECT count(*) FROM blobs").fetchone()
        (count,) = conn.execute("SELECT count(*) FROM attachments WHERE dossier_id = ?",
                                (new_id,)).fetchone()
    assert blobs == 4 and count == 4
    source.close()


# ------------------------------------------------------------------ hostile bundles


@pytest.fixture
def valid(tmp_path):
    """A valid bundle's pieces (dossier JSON, journal, files) and a plain destination."""
    source = _source(tmp_path, False)
    dossier, entries, files = read_dossier(source, RICH)
    source.close()
    destination = plain_folder(tmp_path / "destination")
    _open(destination).close()
    return dossier, entries, files, destination


def _refused(destination: Path, bundle: Path, phrase: str, words: str = "") -> str:
    """The import is refused in French and the folder's bytes are unchanged."""
    before = folder_hashes(destination)
    db = _open(destination)
    try:
        with pytest.raises(BundleRefused) as caught:
            import_bundle(db, open_bundle(bundle, phrase))
    finally:
        db.close()
    assert folder_hashes(destination) == before
    message = str(caught.value)
    assert_french(message)
    assert "rien n'a été écrit" in message
    assert words in message
    return message


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "paquet.anef-dossier"
    path.write_bytes(data)
    return path


def test_a_bare_open_and_close_changes_no_byte(valid):
    *_, destination = valid
    before = folder_hashes(destination)
    _open(destination).close()
    assert folder_hashes(destination) == before


def test_truncated_flipped_and_wrong_phrase(valid, tmp_path):
    dossier, entries, files, destination = valid
    data, phrase = sealed_bytes(crafted(dossier, entries, files))
    path = _write(tmp_path, data)
    db = _open(destination)
    assert open_bundle(path, phrase).applicant_name  # the untouched one opens
    db.close()
    for cut in (0, 5, 40, 60, len(data) // 2, len(data) - 1):
        _refused(destination, _write(tmp_path, data[:cut]), phrase)
    for where in (0, 8, 20, 40, 55, 100, len(data) // 2, len(data) - 1):
        flipped = bytearray(data)
        flipped[where] ^= 0x01
        _refused(destination, _write(tmp_path, bytes(flipped)), phrase)
    from anef_tui.bundle.sealed import new_phrase

    _refused(destination, _write(tmp_path, data), new_phrase(), "la phrase du paquet")
    _refused(destination, path, "ABCD", "32 caractères")


def test_a_future_version_is_named(valid, tmp_path):
    dossier, entries, files, destination = valid
    data, phrase = sealed_bytes(crafted(dossier, entries, files))
    future = data[:7] + bytes([2]) + data[8:]
    _refused(destination, _write(tmp_path, future), phrase, "format n° 2")
    content = crafted(dossier, entries, files).replace(b'"version":1', b'"version":9', 1)
    _refused(destination, _write(tmp_path, sealed_bytes(content, phrase)[0]), phrase,
             "mettez anef-tui à jour")


def _lying(content: bytes, old: bytes, new: bytes) -> bytes:
    """The manifest edited (its length prefix kept right)."""
    import struct

    (size,) = struct.unpack(">I", content[:4])
    manifest = content[4:4 + size].replace(old, new, 1)
    return struct.pack(">I", len(manifest)) + manifest + content[4 + size:]


def test_a_manifest_that_lies(valid, tmp_path):
    dossier, entries, files, destination = valid
    content = crafted(dossier, entries, files)
    digest = sorted(files)[0]
    size = len(files[digest])
    cases = [
        _lying(content, f'"sha256":"{digest}"'.encode(), b'"sha256":"' + b"0" * 64 + b'"'),
        _lying(content, f'"size":{size}'.encode(), f'"size":{size + 1}'.encode()),
        _lying(content, f'"size":{size}'.encode(), b'"size":99999999999999'),  # huge
        _lying(content, f'"size":{size}'.encode(), b'"size":-1'),
        content + b"x",  # more than announced
        content[:4] + b"\xff\xff\xff\xff"[:0] + content[4:-1],  # less
    ]
    import struct

    cases.append(struct.pack(">I", 2**31) + content[4:])  # a zip-bomb-like manifest size
    # a file's bytes changed, its manifest entry (size and hash) left as it was
    swapped = bytearray(content)
    swapped[-10] ^= 0xFF
    cases.append(bytes(swapped))
    # the dossier's JSON changed (same length), its hash left as it was
    cases.append(content.replace(b'"applicant_name":"K', b'"applicant_name":"X', 1))
    for case in cases:
        data, phrase = sealed_bytes(case)
        _refused(destination, _write(tmp_path, data), phrase)


def _edited(dossier: dict, **changes) -> dict:
    copy = json.loads(json.dumps(dossier))
    copy.update(changes)
    return copy


def test_hostile_contents(valid, tmp_path):
    dossier, entries, files, destination = valid
    attachment = dict(dossier["attachments"][0])
    notification = dict(dossier["notifications"][0])
    cases = {
        "démarche": _edited(dossier, procedure="../../x"),
        "étape": _edited(dossier, current_step="/etc/passwd"),
        "contrôle": _edited(dossier, applicant_name="DUPONT\x1b[31m Jean"),
        "réponse de contrôle": _edited(dossier, answers={"compte": {"nom": "a\x00b"}}),
        "clé": _edited(dossier, answers={"../x": {}}),
        "emplacement": _edited(dossier, attachments=[{**attachment, "slot": "../../x"}]),
        "emplacement absolu": _edited(dossier, attachments=[
            {**attachment, "slot": "/etc/passwd"}]),
        "nom de fichier": _edited(dossier, attachments=[
            {**attachment, "name": "../../etc/passwd\x07"}]),
        "format": _edited(dossier, attachments=[{**attachment, "format": "exe"}]),
        "doublon": _edited(dossier, attachments=[attachment, attachment]),
        "notification": _edited(dossier, notifications=[{**notification, "kind": "inconnu"}]),
        "notification en double": _edited(dossier, notifications=[notification, notification]),
        "manière": _edited(dossier, consents=[{**dossier["consents"][0], "manner": "tacite"}]),
        "clé en trop": {**dossier, "chemin": "/tmp/x"},
        "état": _edited(dossier, status="inconnu"),
    }
    for name, hostile in cases.items():
        data, phrase = sealed_bytes(crafted(hostile, entries, files))
        assert _refused(destination, _write(tmp_path, data), phrase), name
    # a file the dossier does not name, and one it names but lacks
    for extra in ({**files, "ab" * 32: b"x"}, dict(list(files.items())[1:])):
        data, phrase = sealed_bytes(crafted(dossier, entries, extra))
        _refused(destination, _write(tmp_path, data), phrase, "fichiers")
    doubled = entries + [entries[0]]
    data, phrase = sealed_bytes(crafted(dossier, doubled, files))
    _refused(destination, _write(tmp_path, data), phrase, "deux fois")


def test_brackets_are_text_handed_over_as_typed(valid, tmp_path):
    """A name or an answer with « [b] » or « [/] » (a worker's « Claire [AS] », a pasted
    line) is data like any text: the bundle carries it and the import keeps it literally;
    it was refused as markup, so such a dossier could not be handed over."""
    dossier, entries, files, destination = valid
    edited = _edited(dossier, applicant_name="[bold red]DUPONT[/] Jean")
    edited["answers"] = {**edited["answers"], "compte": {
        **edited["answers"].get("compte", {}), "nom": "[/]"}}
    data, phrase = sealed_bytes(crafted(edited, entries, files))
    db = _open(destination)
    try:
        new_id = import_bundle(db, open_bundle(_write(tmp_path, data), phrase))
        brought, _, _ = read_dossier(db, new_id)
    finally:
        db.close()
    assert brought["applicant_name"] == "[bold red]DUPONT[/] Jean"
    assert brought["answers"]["compte"]["nom"] == "[/]"


def test_names_are_data_never_paths(valid, tmp_path):
    dossier, entries, files, destination = valid
    hostile = _edited(dossier, attachments=[
        {**row, "name": "../../../etc/passwd"} for row in dossier["attachments"]])
    data, phrase = sealed_bytes(crafted(hostile, entries, files))
    db = _open(destination)
    new_id = import_bundle(db, open_bundle(_write(tmp_path, data), phrase))
    names = {a.original_name for a in AttachmentStore(db).list(new_id)}
    db.close()
    assert names == {"../../../etc/passwd"}
    written = [p for p in folder_hashes(destination) if p.startswith("pieces/")]
    assert written and not (tmp_path / "etc").exists()


# ------------------------------------------------------------------ random corruptions

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_CORRUPTIONS = st.lists(
    st.tuples(st.sampled_from(["flip", "cut", "insert", "delete"]),
              st.floats(min_value=0, max_value=1, exclude_max=True),
              st.integers(min_value=1, max_value=255)),
    min_size=1, max_size=3)


def _corrupt(data: bytes, steps) -> bytes:
    out = bytearray(data)
    for kind, where, value in steps:
        at = int(where * len(out)) if out else 0
        if kind == "flip" and out:
            out[at] ^= value
        elif kind == "cut":
            del out[at:]
        elif kind == "insert":
            out[at:at] = bytes([value])
        elif kind == "delete" and out:
            del out[at]
    return bytes(out)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("echantillon")
    folder = tmp / "source"
    fill_demo_folder(folder)
    db = _open(folder)
    dossier, entries, files = read_dossier(db, 6)  # a small dossier: fast examples
    db.close()
    content = crafted(dossier, entries, files)
    data, phrase = sealed_bytes(content)
    destination = plain_folder(tmp / "destination")
    _open(destination).close()
    return content, data, phrase, destination, tmp


@settings(max_examples=60, deadline=None)
@given(steps=_CORRUPTIONS)
def test_random_corruptions_never_crash_nor_write(sample, steps):
    content, data, phrase, destination, tmp = sample
    before = folder_hashes(destination)
    corrupted = _corrupt(data, steps)
    if corrupted == data:
        return
    path = tmp / "corrompu.anef-dossier"
    path.write_bytes(corrupted)
    with pytest.raises(BundleRefused) as caught:
        open_bundle(path, phrase)
    assert_french(str(caught.value))
    assert folder_hashes(destination) == before


@settings(max_examples=60, deadline=None)
@given(steps=_CORRUPTIONS)
def test_random_corruptions_of_the_content_are_refused_or_harmless(sample, steps):
    """Behind a valid encryption (an adversary with the phrase): refused in French, or a
    bundle every check accepts — never another exception."""
    content, _, phrase, _, tmp = sample
    data, phrase = sealed_bytes(_corrupt(content, steps), phrase)
    path = tmp / "contenu.anef-dossier"
    path.write_bytes(data)
    try:
        open_bundle(path, phrase)
    except BundleRefused as refused:
        assert_french(str(refused))
