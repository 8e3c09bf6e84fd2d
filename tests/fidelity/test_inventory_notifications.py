"""Every inventoried notification string of the guides is displayed where the guide shows it
(issue 13, notifications part).

One keyboard walk per size (120×40, 80×24) over the demo, where « GUIDE Malade » is given the guide's three
notifications (certificate read, prolongation unread, favourable decision read, as in seed 000
l. 1628-1630), SILVA's complément and KOUASSI's first-application complément, answered on
« Reprendre ma demande »; each place is read off the screen as drawn, at 120×40 and at 80×24
(tests/fidelity/drawn.py: site text apart from anef-tui's help and the app's frame), and
checked.
"""

from __future__ import annotations

import asyncio
import re
from datetime import date

import pytest

from tests.conftest import frozen_clock
from tests.fidelity import drawn
from tests.fidelity.drawn import APP_HELP, SIZE_IDS, SIZES, norm
from tests.fidelity.inventory_notifications import ABSENT, GREETINGS, INVENTORY, LINK
from tests.fidelity.seeds import SEEDS, in_the_guides
from tests.fidelity.site_kinds import APP_OWN, WORDS_HELPER, allowed, site_looking
from tests.fidelity.test_inventory import find, missing
from tests.screen_text import read_screen
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


async def _record(pilot, shown: dict, where: str) -> None:
    # « Mes notifications » sizes its table for the terminal it opens in (not on a resize):
    # one walk per size.
    await drawn.record(pilot, shown, where, resize=False)


async def _open_row(pilot, row: int) -> None:
    await pilot.press("up", "up", "up", "up", *(["down"] * row), "enter")
    await pilot.pause()


async def walk(app, shown: dict, size: tuple[int, int]) -> None:
    from anef_tui.ui.screens.followup import NotificationScreen, NotificationsScreen

    async with app.run_test(size=size) as pilot:
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
        await pilot.press("ctrl+s")  # « Reprendre ma demande »
        await pilot.pause()
        assert type(app.screen).__name__ == "ResumeApplicationScreen"
        await _record(pilot, shown, "P:reprise")


# Session-scoped: with xdist a worker may interleave other modules' tests between this
# module's, and a module-scoped fixture would then walk the app again for each return.
@pytest.fixture(scope="session")
def shown(tmp_path_factory) -> dict:
    from anef_tui.ui.app import make_app

    out: dict = {}
    for size in SIZES:
        data = tmp_path_factory.mktemp("fidelity-notifications") / "donnees"
        add_guide_notifications(data)
        asyncio.run(walk(make_app(data, clock=frozen_clock), out, size))
    return out


def _cases(entries) -> list:
    return [pytest.param(size, *entry, id=f"{size}-{entry[0]}@{entry[2]}:{entry[1][:40]}")
            for entry in entries for size in SIZE_IDS]


@pytest.mark.parametrize(("size", "where", "text", "line", "note"), _cases(INVENTORY))
def test_guide_notification_string_is_displayed_there(shown, size, where, text, line, note):
    assert find(shown[size][where], text, where) >= 0, (
        f"{SEEDS[where[0]]}:{line} « {text} » not displayed on {where} at {size}"
    )


@pytest.mark.parametrize("size", SIZE_IDS)
@pytest.mark.parametrize("where", list(dict.fromkeys(w for w, *_ in INVENTORY)))
def test_guide_notification_strings_come_in_the_guides_order(shown, size, where):
    lost = missing(shown[size][where], INVENTORY, where)
    assert not lost, f"{SEEDS[where[0]]}: out of the guide's order on {where}: {lost}"


@pytest.mark.parametrize("size", SIZE_IDS)
@pytest.mark.parametrize(("where", "greeting", "line"), GREETINGS)
def test_greeting_names_the_applicant_as_the_guide_does(shown, size, where, greeting, line):
    assert find(shown[size][where], greeting, where) >= 0, (where, greeting, line)


@pytest.mark.parametrize(("size", "where", "text", "line", "why"), _cases(ABSENT))
def test_what_the_guide_does_not_show_is_not_shown(shown, size, where, text, line, why):
    assert norm(text) not in shown[size][where], why


@pytest.mark.parametrize("size", SIZE_IDS)
def test_recorded_values_fill_the_texts(shown, size):
    """Dates and numbers come from what was recorded and from the dossier."""
    certificate = shown[size]["R:notification.certificat_medical"]
    # Not recorded with the notification: the dossier's filing date.
    assert re.search(r"Votre demande a été enregistrée le \d\d/\d\d/20\d\d\.", certificate)
    prolongation = shown[size]["R:notification.prolongation"]
    assert ("autoriser votre présence en France entre le 08/11/2026 et le 07/02/2027."
            in prolongation)
    decision = shown[size]["R:notification.decision"]
    assert "Le 14/11/2026, une décision favorable a été prise" in decision
    assert "valable du 30/01/2027 au 29/07/2027 portant la mention" in decision
    numero = decision.split("titre de séjour n° ")[1].split(" ")[0]
    assert numero.isdigit() and len(numero) == 19


@pytest.mark.parametrize("size", SIZE_IDS)
def test_site_links_are_marked_and_helped_in_the_apps_voice(shown, size):
    """A link of the site is its words, marked; anef-tui says, in its own voice, where the
    document is found; the notice's summary and the OFII page are anef-tui's words too."""
    place = shown[size]
    for where in [k for k in place if k.startswith(("R:notification.", "P:notification."))
                  and "#" not in k]:
        helps = place[where + "#help"]
        assert all(h.startswith(APP_HELP) for h in helps), where
        if LINK.strip() in place[where]:
            assert any("ANEF" in h or "OFII" in h for h in helps), where
    certificate_help = " ".join(place["R:notification.certificat_medical#help"])
    assert "trois documents" in certificate_help and "ofii.fr" in certificate_help
    assert "3 mois" in certificate_help  # asylum seekers: the notice's delay
    assert "ne montre pas le texte" in " ".join(place["R:notification.prolongation#help"])


@pytest.mark.parametrize("size", SIZE_IDS)
def test_nothing_site_looking_that_the_guides_lack(shown, size):
    """Every button, heading, heading in capitals, field label and choice drawn on the site's
    side is written in the guides, or is the app's own (`site_kinds.APP_OWN`)."""
    unknown = {}
    for key, blocks in shown[size].items():
        if key.endswith("#blocks"):
            for kind, text in site_looking(blocks):
                if not in_the_guides(text) and not allowed(text):
                    unknown.setdefault(f"{kind}: « {text} »", key.removesuffix("#blocks"))
    assert not unknown, "\n".join(f"{where}: {what}" for what, where in unknown.items())


def test_every_allowed_site_looking_string_is_still_drawn(shown):
    """An entry of `site_kinds.APP_OWN` or `WORDS_HELPER` names a place where it is drawn:
    once reworded or removed, it is deleted from the list (no blanket allowance)."""
    stale = []
    for text, (where, _why) in {**APP_OWN, **WORDS_HELPER}.items():
        if where + "#blocks" not in shown["120x40"]:
            continue  # a place of the other fidelity module
        drawn_there = {t for size in SIZE_IDS
                       for _, t in site_looking(shown[size][where + "#blocks"])}
        if text not in drawn_there:
            stale.append(f"{where}: « {text} »")
    assert not stale, stale


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
            return norm(" ".join((await read_screen(pilot)).texts()))

    text = asyncio.run(run())
    assert "[b]facture[/b].png" in text and "Observations : [red]Illisible[/] {nom}" in text
