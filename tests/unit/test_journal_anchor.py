"""The journal's head anchored outside the journal (issue 24, journal2 item 1): an adversary
who drops the triggers and removes the LAST entries is named by the verifier — through the
anchor file beside the base (sealed in an encrypted folder) and through the newest backup —
while a restoration (which takes the journal back legitimately) is no alarm."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from anef_tui.store.backups import backups_dir, list_backups, make_backup, restore_backup
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.journal import verify
from anef_tui.store.journal.anchor import ANCHOR_FILE, anchor_path
from tests.french import assert_french
from tests.vault_helpers import make_vault


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 6, 9, 0, 0)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def two_dossiers(data, key=None) -> int:
    """Two dossiers with a step each; the journal's last seq."""
    with DossierStore(data, clock=Clock(), key=key) as store:
        for name in ("UN", "DEUX"):
            dossier_id = store.create("renouvellement", applicant_name=name)
            store.save_step(dossier_id, "etat_civil", {"x": 1}, next_step=None)
        with store.database.reading() as conn:
            return int(conn.execute("SELECT max(seq) FROM journal").fetchone()[0])


def remove_last(store, count: int) -> None:
    """As someone holding the key: drop the triggers, delete the last entries."""
    conn = store.database.db.conn
    for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'journal%'"
    ).fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DELETE FROM journal WHERE seq > (SELECT max(seq) FROM journal) - ?",
                 (count,))


def test_the_last_entries_removed_are_named_by_the_anchor_file(tmp_path):
    data = tmp_path / "donnees"
    last = two_dossiers(data)
    assert anchor_path(data).is_file()  # written when the base was closed
    with DossierStore(data, clock=Clock()) as store:
        assert verify(store.database) == []
        remove_last(store, 2)
        problems = verify(store.database)
    assert problems == [
        f"Le journal s'arrête à l'entrée n° {last - 2}, mais le repère « {ANCHOR_FILE} » "
        f"connaît l'entrée n° {last} : les entrées n° {last - 1} à {last} ont été retirées "
        "à la fin du journal."]
    assert_french(problems[0])
    # Closing the base again does not move the anchor back: it keeps telling.
    with DossierStore(data, clock=Clock()) as store:
        assert len(verify(store.database)) == 1


def test_the_last_entries_removed_are_named_by_the_newest_backup(tmp_path):
    data = tmp_path / "donnees"
    last = two_dossiers(data)
    with DossierStore(data, clock=Clock()) as store:
        make_backup(store.database.db.conn, backups_dir(data), now=datetime(2026, 12, 6, 10))
        remove_last(store, 1)
        anchor_path(data).unlink()  # the adversary removes the anchor file too
        problems = verify(store.database)
    assert any("la sauvegarde du 06/12/2026 10:00" in p and
               f"l'entrée n° {last} a été retirée à la fin du journal" in p for p in problems)


def test_an_encrypted_folder_seals_the_anchor_and_a_plain_one_put_instead_is_named(tmp_path):
    data = tmp_path / "coffre"
    data.mkdir()
    key = make_vault(data).key
    last = two_dossiers(data, key)
    assert b'"seq"' not in anchor_path(data).read_bytes()  # sealed, not plain JSON
    with DossierStore(data, clock=Clock(), key=key) as store:
        assert verify(store.database) == []
        remove_last(store, 1)
        anchor_path(data).write_text(json.dumps({"seq": last - 1, "chain": "0" * 64}))
        problems = verify(store.database)
    assert any("n'est pas scellé" in p for p in problems)


def test_a_restoration_takes_the_anchor_back_without_alarm(tmp_path):
    data = tmp_path / "donnees"
    two_dossiers(data)
    with DossierStore(data, clock=Clock()) as store:
        make_backup(store.database.db.conn, backups_dir(data), now=datetime(2026, 12, 6, 10))
        store.create("renouvellement", applicant_name="TROIS")
    older = [b for b in list_backups(data) if b.taken_at == datetime(2026, 12, 6, 10)][0]
    restore_backup(data, older.name, now=datetime(2026, 12, 6, 11))
    with DossierStore(data, clock=Clock()) as store:
        assert verify(store.database) == []
