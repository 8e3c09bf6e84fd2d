"""SVG snapshots at 80×24 of every screen the crawler visits (tests/ui/test_crawler.py):
the same keyboard walk from the demo data, replayed up to one stop."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.test_crawler import SEGMENTS, STOPS, prepare

pytestmark = pytest.mark.snapshot

# The file picker shows its folder's path: a fixed one, so that the picture does not depend
# on where the tests run.
FOLDER = Path("/tmp/anef-tui-crawler-scans")

# What a person sees at each stop.
SEEN = {
    "accueil": "« Mes dossiers » with the ten demo dossiers, soonest deadline first.",
    "aide": "F1: the keys of « Mes dossiers », in French.",
    "palette": "Ctrl+P: « Rechercher une commande… » and the screen's commands.",
    "nouveau-dossier": "« Nouveau dossier »: the démarche to choose and an optional name.",
    "echeances": "F6 « Échéances »: every open deadline, soonest first.",
    "abandon": "F8 on BENALI Zoé: « Abandonner la demande ? », « Annuler » focused.",
    "renouvellement-justificatifs": "NGUYEN's « Justificatifs » step, its document slots.",
    "selecteur-de-fichier": "The file picker in the last folder used, the path field focused.",
    "selecteur-assembler": "The picker for assembling photos into one PDF, no page chosen yet.",
    "renouvellement-motif_sejour": "Renewal step 2 « Motif de séjour », filled.",
    "conflit": "« Dossier modifié dans une autre fenêtre », three ways out, « Annuler » first.",
    "renouvellement-informations_personnelles": "Renewal step 1, the état civil read-only.",
    "renouvellement-preambule": "The renewal's préambule, before step 1.",
    "renouvellement-situation_actuelle": "« Votre situation actuelle » with its choices.",
    "renouvellement-pour_qui": "« Pour qui faites-vous la demande ? ».",
    "renouvellement-titre_actuel": "« Mon titre actuel », the renewal's profile, filled.",
    "mot-de-passe": "F5: the ANEF password helper, nothing stored.",
    "renouvellement-confirmation": "GUIDE Malade's filed renewal: its confirmation.",
    "renouvellement-depot": "The dépôt summary of the filed renewal, read-only.",
    "premiere-motif_sejour": "First application step 3 « Motif de séjour », the entry date "
                             "focused.",
    "premiere-informations_personnelles": "First application step 2, the birth name "
                                          "focused, the first names below.",
    "premiere-situation": "« Votre situation », the health one chosen.",
    "premiere-profil": "The first application's profile choice.",
    "premiere-compte": "« Mon compte »: the e-mail typed twice.",
    "premiere-confirmation": "OKAFOR's filed first application: « PRÉ-DEMANDE » confirmation.",
    "premiere-depot": "The filed first application's dépôt summary, read-only.",
    "premiere-justificatifs": "Filed étape 4 read-only, the form focused (arrows scroll).",
    "premiere-situation-merci": "« Merci, nous avons bien pris en compte votre situation. »",
    "notifications": "SILVA's « Mes notifications »: date, title, « non lue ».",
    "enregistrer-complement": "Ctrl+N, « Demande de complément »: each document's state.",
    "enregistrer-certificat-medical": "Ctrl+N, certificate: the asylum date (optional).",
    "enregistrer-prolongation": "Ctrl+N, prolongation: the attestation's two dates.",
    "enregistrer-decision": "Ctrl+N, decision: favourable or not, its date, the card's dates.",
    "notification-complement-renouvellement": "A renewal's complément: maintain or update.",
    "notification-certificat-medical": "The medical certificate notification, its checklist.",
    "notification-prolongation": "The attestation de prolongation and its official PDF slot.",
    "notification-decision": "The decision and its official PDF slot.",
    "notification-complement-premiere-demande": "A first application's complément, "
                                                "« Reprendre ma demande » focused.",
    "reprendre-ma-demande": "Étape 4 reopened for the complément.",
}


class Reached(Exception):
    """The walk reached the stop to photograph."""


def test_every_stop_is_described():
    assert list(SEEN) == [stop for stops in STOPS.values() for stop in stops]


@pytest.mark.parametrize(
    ("segment", "stop"),
    [(segment, stop) for segment, stops in STOPS.items() for stop in stops],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_screen(snap_compare, make_app, data_dir, segment, stop):
    """Each screen of the crawl at 80×24 as described in SEEN[stop]; transient messages
    of the walk (toasts) are cleared first."""
    app = make_app(demo=True)
    prepare(data_dir, FOLDER)

    async def run_before(pilot) -> None:
        async def visit(name: str) -> None:
            if name == stop:
                raise Reached

        try:
            await SEGMENTS[segment](pilot, visit)
        except Reached:
            pilot.app.clear_notifications()
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            return
        raise AssertionError(f"{stop} not reached")

    assert snap_compare(app, run_before=run_before, terminal_size=(80, 24))
