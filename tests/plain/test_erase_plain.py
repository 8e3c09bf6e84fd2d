"""Issue 24 item 5 in the plain mode: « effacer N » says what will go and erases after
« oui » (« non »: nothing); « echus » lists the persons past the retention period,
« effacer echus » erases them; « conservation MOIS » changes the period."""

from __future__ import annotations

import io
from datetime import datetime

from anef_tui.plain.cli import run
from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock
from tests.french import assert_french


def typed(data_dir, lines, clock=frozen_clock):
    out = io.BytesIO()
    text = "\n".join(lines) + "\n"
    assert run(data_dir, stdin=io.BytesIO(text.encode()), stdout=out, clock=clock) == 0
    return out.getvalue().decode("utf-8")


def names(data_dir):
    with DossierStore(data_dir, clock=frozen_clock) as store:
        return [d.applicant_name for d in store.list()]


def test_effacer_asks_oui_then_erases(data_dir):
    with DossierStore(data_dir, clock=frozen_clock) as store:
        store.create("renouvellement", applicant_name="MARQUEUR Efface")
        store.create("renouvellement", applicant_name="AUTRE Reste")
    out = typed(data_dir, ["effacer 1", "non", ":quitter"])
    assert "Effacer cette personne" in out and "Personne : MARQUEUR Efface" in out
    assert "Rien n'a été effacé." in out
    assert len(names(data_dir)) == 2
    out = typed(data_dir, ["effacer 1", "oui", ":quitter"])
    assert "Personne effacée : le dossier n° 1" in out
    assert names(data_dir) == ["AUTRE Reste"]
    for line in out.splitlines():
        assert_french(line)
    out = typed(data_dir, ["effacer 1", ":quitter"])
    assert "Aucun dossier n° 1." in out


def test_retention_is_listed_changed_and_erased(data_dir):
    with DossierStore(data_dir, clock=lambda: datetime(2024, 1, 2, 9, 0)) as store:
        store.create("renouvellement", applicant_name="ANCIEN Brouillon")
    with DossierStore(data_dir, clock=frozen_clock) as store:
        store.create("renouvellement", applicant_name="RECENT Brouillon")
    out = typed(data_dir, ["echus", "conservation 36", "echus", "conservation 24",
                           "effacer echus", "oui", ":quitter"])
    assert "1 personne à effacer (rien n'a changé depuis 24 mois) : tapez « echus »." in out
    assert "- Le dossier n° 1 — ANCIEN Brouillon — dernier changement le 02/01/2024" in out
    assert "Durée de conservation enregistrée : 36 mois." in out
    assert "Aucune personne à effacer : rien n'a dépassé la durée de conservation (36 mois)." \
        in out
    assert "Personne effacée : le dossier n° 1" in out
    assert names(data_dir) == ["RECENT Brouillon"]
