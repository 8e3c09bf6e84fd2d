"""Every inventoried notification string of the guides is displayed where the guide shows it
(issue 13, notifications part).

One keyboard walk (120×40) over the demo, where « GUIDE Malade » is given the guide's three
notifications (certificate read, prolongation unread, favourable decision read, as in seed 000
l. 1628-1630), SILVA's complément and KOUASSI's first-application complément; each place's
displayed text (site text apart from anef-tui's help) is recorded and checked.
"""

from __future__ import annotations

import asyncio
import re
from datetime import date

import pytest

from tests.conftest import frozen_clock
from tests.fidelity.inventory import SEEDS
from tests.fidelity.inventory_notifications import ABSENT, GREETINGS, INVENTORY, LINK
from tests.fidelity.test_inventory import APP_HELP, SEED_DIR, find, norm, widget_texts
from tests.ui.keys import open_notifications, tab_to

# One walk of the app per module: with pytest-xdist, all its tests on one worker
# (`--dist loadgroup` in the Makefile), not the same walk once per worker.
pytestmark = pytest.mark.xdist_group("fidelity-notifications")


def add_guide_notifications(data_dir) -> None:
    """The demo, then the guide's three notifications for GUIDE Malade (store set-up only)."""
    from anef_tui.demo import fill_demo
    from anef_tui.store.dossiers import DossierStore
    from anef_tui.store.followup import FollowUpStore

    store = DossierStore(data_dir, clock=frozen_clock)
    fill_demo(store)
    guide = next(r for r in store.list() if r.applicant_name == "GUIDE Malade")
    follow = FollowUpStore(store)
    follow.add_notification(guide.id, "certificat_medical", received_on=date(2026, 10, 31),
                            read_on=date(2026, 10, 31))
    follow.add_notification(guide.id, "prolongation", received_on=date(2026, 11, 8),
                            data={"valid_from": "2026-11-08", "valid_until": "2027-02-07"})
    follow.add_notification(guide.id, "decision", received_on=date(2026, 11, 14),
                            read_on=date(2026, 11, 14),
                            data={"favorable": True, "decided_on": "2026-11-14",
                                  "card_valid_from": "2027-01-30",
                                  "card_valid_until": "2027-07-29"})
    store.close()


def screen_text(screen) -> tuple[str, list[str]]:
    """(site text, anef-tui help) of a screen: its widgets, then its table's rows."""
    from textual.widgets import DataTable

    site, help_ = widget_texts(screen)
    for table in screen.query(DataTable):
        for i in range(table.row_count):
            site.append(" ".join(str(cell) for cell in table.get_row_at(i)))
    return norm(" \n ".join(site)), help_


async def _record(pilot, shown: dict, where: str) -> None:
    await pilot.pause()
    site, help_ = screen_text(pilot.app.screen)
    shown[where] = site
    shown[where + "#help"] = help_


async def _open_row(pilot, row: int) -> None:
    await pilot.press("up", "up", "up", "up", *(["down"] * row), "enter")
    await pilot.pause()


async def walk(app, shown: dict) -> None:
    from anef_tui.ui.screens.followup import NotificationScreen, NotificationsScreen

    async with app.run_test(size=(120, 40)) as pilot:
        await open_notifications(pilot, "guide")
        assert isinstance(app.screen, NotificationsScreen)
        await _record(pilot, shown, "R:notifications")
        for row, kind in enumerate(("decision", "prolongation", "certificat_medical")):
            await _open_row(pilot, row)
            assert isinstance(app.screen, NotificationScreen) and app.screen.kind == kind
            await _record(pilot, shown, f"R:notification.{kind}")
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("escape")  # « Mes dossiers »
        await open_notifications(pilot, "silva")
        await _open_row(pilot, 0)
        assert app.screen.kind == "complement"
        await tab_to(pilot, "f-answer-justificatif_nationalite")
        await pilot.press("space")  # « Maintenir le Document »
        await _record(pilot, shown, "R:notification.complement")
        await pilot.press("down")  # « Mettre à jour le Document »
        await _record(pilot, shown, "R:notification.complement+maj")
        await pilot.press("escape", "escape")
        await pilot.pause()
        await open_notifications(pilot, "kouassi")
        await _open_row(pilot, 0)
        assert app.screen.kind == "complement"
        await _record(pilot, shown, "P:notification.complement")


# Session-scoped: with xdist a worker may interleave other modules' tests between this
# module's, and a module-scoped fixture would then walk the app again for each return.
@pytest.fixture(scope="session")
def shown(tmp_path_factory) -> dict:
    from anef_tui.ui.app import make_app

    data = tmp_path_factory.mktemp("fidelity-notifications") / "donnees"
    add_guide_notifications(data)
    out: dict = {}
    asyncio.run(walk(make_app(data, clock=frozen_clock), out))
    return out


@pytest.mark.parametrize(
    ("where", "text", "line", "note"), INVENTORY,
    ids=[f"{w}@{line}:{t[:40]}" for w, t, line, _ in INVENTORY],
)
def test_guide_notification_string_is_displayed_there(shown, where, text, line, note):
    assert find(shown[where], text, where) >= 0, (
        f"{SEEDS[where[0]]}:{line} « {text} » not displayed on {where}"
    )


@pytest.mark.parametrize("where", list(dict.fromkeys(w for w, *_ in INVENTORY)))
def test_guide_notification_strings_come_in_the_guides_order(shown, where):
    position = 0
    for w, text, line, _ in INVENTORY:
        if w != where:
            continue
        found = find(shown[where], text, where, position)
        assert found >= 0, f"{SEEDS[where[0]]}:{line} « {text} » out of the guide's order"
        position = found + 1


@pytest.mark.parametrize(("where", "greeting", "line"), GREETINGS)
def test_greeting_names_the_applicant_as_the_guide_does(shown, where, greeting, line):
    assert find(shown[where], greeting, where) >= 0, (where, greeting, line)


@pytest.mark.parametrize(
    ("where", "text", "line", "why"), ABSENT, ids=[f"{w}:{t[:30]}" for w, t, _, _ in ABSENT]
)
def test_what_the_guide_does_not_show_is_not_shown(shown, where, text, line, why):
    assert norm(text) not in shown[where], why


def test_recorded_values_fill_the_texts(shown):
    """Dates and numbers come from what was recorded and from the dossier."""
    certificate = shown["R:notification.certificat_medical"]
    # Not recorded with the notification: the dossier's filing date.
    assert re.search(r"Votre demande a été enregistrée le \d\d/\d\d/20\d\d\.", certificate)
    prolongation = shown["R:notification.prolongation"]
    assert ("autoriser votre présence en France entre le 08/11/2026 et le 07/02/2027."
            in prolongation)
    decision = shown["R:notification.decision"]
    assert "Le 14/11/2026, une décision favorable a été prise" in decision
    assert "valable du 30/01/2027 au 29/07/2027 portant la mention" in decision
    numero = decision.split("titre de séjour n° ")[1].split(" ")[0]
    assert numero.isdigit() and len(numero) == 19


def test_site_links_are_marked_and_helped_in_the_apps_voice(shown):
    """A link of the site is its words, marked; anef-tui says, in its own voice, where the
    document is found; the notice's summary and the OFII page are anef-tui's words too."""
    for where in [k for k in shown if k.startswith(("R:notification.", "P:notification."))
                  and not k.endswith("#help")]:
        helps = shown[where + "#help"]
        assert all(h.startswith(APP_HELP) for h in helps), where
        if LINK.strip() in shown[where]:
            assert any("ANEF" in h or "OFII" in h for h in helps), where
    certificate_help = " ".join(shown["R:notification.certificat_medical#help"])
    assert "trois documents" in certificate_help and "ofii.fr" in certificate_help
    assert "3 mois" in certificate_help  # asylum seekers: the notice's delay
    assert "ne montre pas le texte" in " ".join(shown["R:notification.prolongation#help"])


def test_inventory_lines_point_into_the_seeds():
    lengths = {k: len((SEED_DIR / name).read_text().splitlines()) for k, name in SEEDS.items()}
    for where, text, line, _ in [*INVENTORY, *ABSENT]:
        assert 1 <= line <= lengths[where[0]], (where, text, line)


def test_user_text_is_shown_literally(make_app, data_dir):
    """The agent's observations and a file name typed by the user are never read as markup."""
    from anef_tui.demo import fill_demo
    from anef_tui.store.dossiers import DossierStore
    from anef_tui.store.followup import FollowUpStore
    from anef_tui.ui.screens.followup import NotificationScreen

    store = DossierStore(data_dir, clock=frozen_clock)
    fill_demo(store)
    guide = next(r for r in store.list() if r.applicant_name == "GUIDE Malade")
    FollowUpStore(store).add_notification(guide.id, "complement", received_on=date(2026, 11, 20),
                                          data={"invalid": [{
                                              "slot_id": "justificatif_domicile",
                                              "title": "Justificatif de domicile",
                                              "file_name": "[b]facture[/b].png",
                                              "observations": "[red]Illisible[/] {nom}",
                                          }]})
    store.close()
    from anef_tui.ui.app import make_app as build

    async def run() -> str:
        async with build(data_dir, clock=frozen_clock).run_test(size=(80, 24)) as pilot:
            await open_notifications(pilot, "guide")
            await _open_row(pilot, 0)
            assert isinstance(pilot.app.screen, NotificationScreen)
            return screen_text(pilot.app.screen)[0]

    text = asyncio.run(run())
    assert "[b]facture[/b].png" in text and "Observations : [red]Illisible[/] {nom}" in text
