"""SVG snapshots of the screens the first application adds, at 80×24, empty and with errors."""

from __future__ import annotations

import pytest

from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock

pytestmark = pytest.mark.snapshot
SIZE = (80, 24)
HEALTH = (
    "Je suis un ressortissant étranger résidant habituellement en France et mon état de "
    "santé nécessite une prise en charge médicale exceptionnelle"
)


@pytest.fixture
def first_at(data_dir, make_app):
    """A first application saved up to `position` (account, profile choice, situation…)."""

    def factory(position: str, *, steps: dict | None = None):
        store = DossierStore(data_dir, clock=frozen_clock)
        dossier_id = store.create("premiere_demande", applicant_name="NDIAYE Awa")
        if position != "compte":
            store.save_profile(dossier_id, "compte", {
                "email": "awa.ndiaye@exemple.fr", "email_confirmation": "awa.ndiaye@exemple.fr"},
                applicant_name="NDIAYE Awa")
            store.save_step(dossier_id, "profil",
                            {"choix": "attaches_familiales_france"},
                            next_step=None)
        for step_id, values in (steps or {}).items():
            store.save_step(dossier_id, step_id, values, next_step=None)
        store.save_step(dossier_id, "_position", {}, next_step=position)
        store.close()
        return make_app()

    return factory


def test_account_errors(snap_compare, first_at):
    """« Mon compte »: the two e-mail fields; Ctrl+S on them empty lists both."""
    assert snap_compare(first_at("compte"), press=["enter", "ctrl+s"], terminal_size=SIZE)


async def _open(pilot) -> None:
    """Open the only dossier and let its screen mount before typing."""
    await pilot.press("enter")
    await pilot.pause()


def test_profile_choice(snap_compare, first_at):
    """« Je n'ai pas de numéro d'étranger… »: the EU choice says it is not covered."""

    async def run_before(pilot) -> None:
        await _open(pilot)
        await pilot.press("down")  # the second (and last) choice
        await pilot.pause()

    assert snap_compare(first_at("profil"), run_before=run_before, terminal_size=SIZE)


def test_situation_not_covered(snap_compare, first_at):
    """Étape 1 « Votre situation », 20 %: a situation other than health is refused."""
    assert snap_compare(
        first_at("situation"), press=["enter", "space", "ctrl+s"], terminal_size=SIZE
    )


def test_situation_thanks(snap_compare, first_at):
    """After the health situation, étape 2 opens with « Merci, nous avons bien pris en compte
    votre situation. » and « Modifier ma situation » (Maj+Tab twice from the first field:
    focused), then « Votre démarche en ligne est à 20% terminée »."""
    assert snap_compare(
        first_at("situation"),
        press=["enter", "down", "down", "ctrl+s", "shift+tab", "shift+tab"],
        terminal_size=SIZE,
    )


def test_step2_errors(snap_compare, first_at):
    """Étape 2: the editable état civil; Ctrl+S empty lists every required field."""
    assert snap_compare(
        first_at("informations_personnelles", steps={"situation": {"situation": HEALTH}}),
        press=["enter", "ctrl+s"],
        terminal_size=SIZE,
    )


def test_step2_under_16(snap_compare, first_at):
    """A birth year that makes the applicant under 16 stops the procedure with the reason."""
    from tests.ui.keys import type_into

    async def run_before(pilot) -> None:
        await _open(pilot)
        await type_into(pilot, "f-date_naissance", "2015")
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(
        first_at("informations_personnelles", steps={"situation": {"situation": HEALTH}}),
        run_before=run_before,
        terminal_size=SIZE,
    )


def test_step3_entry_date_first(snap_compare, first_at):
    """Étape 3: « Date d'entrée en France * » comes first, before the family situation."""
    assert snap_compare(
        first_at("motif_sejour", steps={"situation": {"situation": HEALTH}}),
        press=["enter"], terminal_size=SIZE,
    )


def test_confirmation_first_application(snap_compare, make_app):
    """OKAFOR Chinedu's filed pré-demande: 6 steps, « Votre demande a bien été transmise. »"""
    assert snap_compare(
        make_app(demo=True), press=["ctrl+f", *"okafor", "enter", "enter"], terminal_size=SIZE
    )
