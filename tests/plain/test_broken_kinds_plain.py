"""Issue 21, item 3, in the plain mode: a slip in the notification kinds file is said at
start (which file, which line and key, what to do) and again when the follow-up is asked
for; the rest works (a dossier opens), and nothing ends in a crash report."""

from __future__ import annotations

from anef_tui.demo import fill_demo
from anef_tui.domain import notification_kinds
from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock
from tests.plain.helpers import plain
from tests.unit.test_kinds_check import HOSTILE


def test_a_slip_in_the_kinds_file_is_said_and_the_rest_works(data_dir, tmp_path,
                                                             monkeypatch):
    store = DossierStore(data_dir, clock=frozen_clock)
    fill_demo(store)  # with the shipped kinds
    store.close()
    text, line, _ = HOSTILE["etat"]
    path = tmp_path / "mes-notifications.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(notification_kinds.FILE_ENV, str(path))
    notification_kinds.clear_caches()
    try:
        out = plain(data_dir, ["echeances", "notifications 1", "3", ":quitter", ":quitter"])
    finally:
        monkeypatch.delenv(notification_kinds.FILE_ENV)
        notification_kinds.clear_caches()
    start, rest = out.split("Mes dossiers : ", 1)
    said = (f"Fichier des notifications « {path} » invalide : ligne {line} : notification "
            "« prolongation » : état inconnu « prolongee ». Corrigez ce fichier "
            "(« anef-tui procedures --verifier » dit chaque problème et sa ligne) ; ou "
            "relancez anef-tui sans la variable ANEF_TUI_FOLLOWUP pour reprendre le fichier "
            "livré. D'ici là, le suivi après le dépôt (notifications, échéances) est "
            "indisponible ; les dossiers s'ouvrent et s'enregistrent normalement.")
    assert said in start
    assert rest.count(said) == 2  # « echeances », « notifications 1 »
    assert "Dossier n° 3 : DIALLO Aminata" in rest  # a draft still opens
    assert not (data_dir / "rapports").exists()
