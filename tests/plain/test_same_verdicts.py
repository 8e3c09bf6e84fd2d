"""Both front ends give the same verdict on the same answers: the full-screen step (Pilot,
key presses) and the plain mode (its entry point), with the birth date saved in another
step and hostile text."""

from __future__ import annotations

import pytest

from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock
from tests.plain.helpers import plain
from tests.ui.keys import type_into

CASES = ["01/02/1989", "1²/02/2020", "3/13/2020", "01/02/2030"]


def _dossier(data_dir) -> None:
    store = DossierStore(data_dir, clock=frozen_clock)
    dossier_id = store.create("premiere_demande", applicant_name="OKAFOR")
    store.save_step(dossier_id, "informations_personnelles",
                    {"nom_naissance": "OKAFOR", "prenoms": ["Chinedu"], "date_naissance": "1990"},
                    next_step="motif_sejour")
    store.close()


@pytest.mark.parametrize("typed", CASES)
async def test_entry_date_refused_alike(make_app, data_dir, typed):
    _dossier(data_dir)
    out = plain(data_dir, ["1", typed, ":quitter", ":quitter"])
    after = out.split("Question : Date d'entrée en France", 1)[1].splitlines()
    prompt = "Date d'entrée en France : "  # the input line, then what was said after it
    plain_message = next(line.removeprefix(prompt) for line in after
                         if line.startswith(prompt + "«"))
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.step_id == "motif_sejour"
        await type_into(pilot, "f-date_entree", typed)
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = str(app.screen.query_one("#errors").render())
    assert plain_message in " ".join(shown.split()), (plain_message, shown)
