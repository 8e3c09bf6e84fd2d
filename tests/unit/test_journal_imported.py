"""The journal an imported dossier brought (journal2 item 2): shown before this desk's
entries, and checked by the verifier (content hashes; the chaining of the entries that
followed each other on the source desk); an altered imported entry is named."""

from __future__ import annotations

import json

from anef_tui.bundle import export_dossier, import_bundle, open_bundle
from anef_tui.store.database import Database
from anef_tui.store.journal import verify
from anef_tui.store.journal.imported import HEADING, imported_entries
from tests.conftest import fill_demo_folder, frozen_clock
from tests.french import assert_french
from tests.unit.test_cli_journal import anef_tui
from tests.vault_helpers import CHEAP, plain_folder

RICH = 10


def imported(tmp_path):
    """(destination folder, new dossier's number, the source's entries as exported)."""
    fill_demo_folder(tmp_path / "source")
    source = Database(tmp_path / "source", clock=frozen_clock)
    exported = export_dossier(source, RICH, params=CHEAP)
    source.close()
    destination = Database(plain_folder(tmp_path / "destination"), clock=frozen_clock)
    new_id = import_bundle(destination, open_bundle(exported.path, exported.phrase))
    with destination.reading() as conn:
        (raw,) = conn.execute("SELECT entries FROM dossier_imports WHERE dossier_id = ?",
                              (new_id,)).fetchone()
    return destination, new_id, json.loads(raw)


def rewrite(destination, new_id, entries) -> None:
    with destination.transaction() as db:  # no trigger guards the record: as anyone
        db.conn.execute("UPDATE dossier_imports SET entries = ? WHERE dossier_id = ?",
                        (json.dumps(entries), new_id))


def test_the_imported_journal_is_read_and_verified(tmp_path):
    destination, new_id, entries = imported(tmp_path)
    shown = imported_entries(destination, new_id)
    assert [e.seq for e in shown] == [e["seq"] for e in entries] and len(shown) >= 2
    assert shown[0].action == "dossier_created"
    assert all(e["dossier_id"] == RICH for e in entries)  # the source's number, carried
    # Some entries followed each other on the source desk: their chaining is checked.
    assert any(b["seq"] == a["seq"] + 1 for a, b in zip(entries, entries[1:], strict=False))
    assert verify(destination) == []
    destination.close()


def test_an_altered_imported_entry_is_named(tmp_path):
    destination, new_id, entries = imported(tmp_path)
    altered = json.loads(json.dumps(entries))
    altered[0]["content"] = altered[0]["content"].replace("dossier_created", "step_saved")
    rewrite(destination, new_id, altered)
    problems = verify(destination)
    assert problems == [f"Dossier n° {new_id}, journal apporté par le paquet, entrée n° "
                        f"{entries[0]['seq']} ({entries[0]['at']}) : son contenu a été "
                        "modifié."]
    assert_french(problems[0])
    # Content and its hash rewritten together: the chain from the entry before tells it.
    index = next(i for i in range(1, len(entries))
                 if entries[i]["seq"] == entries[i - 1]["seq"] + 1)
    again = json.loads(json.dumps(entries))
    content = again[index]["content"].replace('"aidant":""', '"aidant":"Autre"')
    assert content != again[index]["content"]
    again[index]["content"] = content
    from anef_tui.store.journal.chain import sha256_text

    again[index]["content_hash"] = sha256_text(content)
    rewrite(destination, new_id, again)
    problems = verify(destination)
    assert len(problems) == 1 and "le chaînage est rompu" in problems[0], problems
    destination.close()


def test_the_command_line_shows_the_imported_part_first(tmp_path):
    destination, new_id, entries = imported(tmp_path)
    destination.close()
    done = anef_tui(tmp_path / "destination", "journal", str(new_id), "--verifier")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{HEADING} : {len(entries)} entrées."
    assert "Dossier créé" in lines[1]
    assert lines[len(entries) + 1] == "Journal de ce poste :"
    assert "Dossier importé" in lines[len(entries) + 2]


def test_the_donnees_pdf_lists_the_imported_part_first(tmp_path):
    """« Ce que anef-tui sait de vous » made on the desk that imported the dossier: the
    source desk's entries under the imported part's heading, before this desk's own."""
    from datetime import datetime

    from anef_tui.documents.donnees import issue_donnees
    from anef_tui.store.dossiers import DossierStore
    from tests.unit.test_donnees_pdf import pages

    destination, new_id, entries = imported(tmp_path)
    destination.close()
    with DossierStore(tmp_path / "destination", clock=frozen_clock) as store:
        brought = imported_entries(store.database, new_id)
        path = issue_donnees(store, new_id, now=datetime(2026, 12, 6, 9, 30))
    whole = " ".join(pages(path.read_bytes()))
    journal = whole[whole.index("Le journal du dossier"):whole.index("Vos droits")]
    assert HEADING in journal
    part = journal[journal.index(HEADING):journal.index("Journal de ce poste")]
    for entry in brought:
        assert f"{entry.when} — {entry.label}" in part, entry
    assert part.index("Dossier créé") < part.index(brought[-1].label)
    own = journal[journal.index("Journal de ce poste"):]
    assert "Dossier importé" in own and "Dossier importé" not in part
