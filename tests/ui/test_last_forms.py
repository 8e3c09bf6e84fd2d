"""Issue 21, « every form keeps its focus » (branch lastforms): after a refused Ctrl+S the
recording form and the certificate checklist put the focus on the first field in error,
in sight, its message under it, and the keys typed next land there; Échap on a recording
form with something typed asks first. Each test failed before its fix."""

from __future__ import annotations

import pytest

from anef_tui.ui.screens.followup import (
    NotificationScreen,
    NotificationsScreen,
    RecordNotificationScreen,
)
from tests.ui.keys import open_notification, open_notifications, tab_to, type_into

SIZES = [(80, 24), (120, 40)]


def in_view(screen, widget, scroll_id: str) -> bool:
    """Drawn (some height), inside the visible part of its scroll and of the screen."""
    region = widget.region
    view = screen.query_one(f"#{scroll_id}").content_region
    return (region.height > 0 and view.contains_region(region)
            and screen.region.contains_region(region))


async def settle(pilot) -> None:
    """The error lines mounted and the focus brought into sight (a few layouts)."""
    for _ in range(3):
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()


def error_under(screen, field_id: str) -> str:
    """The error line drawn under a field (empty if none is shown)."""
    block = screen.query_one(f"#fb-{field_id}")
    lines = [w for w in block.query(".field-error") if w.display and w.region.height]
    return " ".join(str(w.render()) for w in lines) if block.has_class("-invalid") else ""


# -- 1. « Enregistrer une notification reçue » after a refused Ctrl+S --------------------
CERTIFICATE = 1  # the kinds' order: complément, certificat médical, prolongation, décision

REFUSED = [
    # (what is typed: field -> text), the field that must get the focus, words of its error
    ({"received": "01/01/2030"}, "received", "futur"),
    ({"received": "0³/11/2026"}, "received", "Reçue le"),
    ({"received": "20/11/2026", "read_on": "19/11/2026"}, "read_on", "avant d'être reçue"),
]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("typed", "field", "words"), REFUSED)
async def test_record_form_refused_save_focuses_the_field_in_error(make_app, size, typed,
                                                                  field, words):
    app = make_app(demo=True)
    async with app.run_test(size=size) as pilot:
        await open_notifications(pilot, "guide")
        await pilot.press("ctrl+n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RecordNotificationScreen)
        await pilot.press("space", *(["down"] * CERTIFICATE))
        await pilot.pause()
        for field_id, text in typed.items():
            await type_into(pilot, f"f-{field_id}", text)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen  # refused
        focused = app.focused
        assert focused is not None and focused.id == f"f-{field}"
        assert in_view(screen, focused, "record")
        assert words in error_under(screen, field)
        # The summary says it too, and keys typed now go into the field.
        assert screen.query_one("#record-errors").display
        await pilot.press("end", "ctrl+u", *"21/11/2026")
        assert focused.value == "21/11/2026"
        # Tab after Tab, something visible has the focus (13 Tabs once showed none).
        for _ in range(13):
            await pilot.press("tab")
            await settle(pilot)
            assert app.focused is not None and in_view(screen, app.focused, "record"), \
                app.focused


# -- 2. The certificate checklist of a notification after a refused Ctrl+S ---------------
@pytest.mark.parametrize("size", SIZES)
async def test_checklist_refused_save_says_it_under_the_field_and_focuses_it(make_app, size):
    """A date that does not exist in the third item: its message under it, the focus on it
    and in sight (not the top of the form with the focus off screen), « ZZ » typed next
    lands in it, and nothing is saved."""
    app = make_app(demo=True)
    async with app.run_test(size=size) as pilot:
        await open_notification(pilot, "hamidi")
        screen = app.screen
        assert isinstance(screen, NotificationScreen)
        await type_into(pilot, "f-check-certificat_rempli_signe", "18/11/2026")
        await type_into(pilot, "f-check-enveloppe_envoyee", "31/02/2026")  # no such day
        await tab_to(pilot, "f-check-certificat_rempli_signe")  # the focus elsewhere
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen  # refused
        focused = app.focused
        assert focused is not None and focused.id == "f-check-enveloppe_envoyee"
        assert in_view(screen, focused, "form")
        assert "n'existe pas" in error_under(screen, "check-enveloppe_envoyee")
        assert not error_under(screen, "check-certificat_rempli_signe")
        await pilot.press(*"ZZ")  # the date is selected on focus: typing replaces it
        assert focused.value.endswith("ZZ")
        # Corrected: saved, back to the list; the error line is gone meanwhile.
        await pilot.press("end", "ctrl+u", *"21/11/2026", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NotificationsScreen)


# -- 3. Échap on the recording form -------------------------------------------------------
async def test_escape_on_the_recording_form_asks_before_dropping_the_typing(make_app):
    """At 80×24 only: what is checked is which screen is shown, which button has the focus
    and what the field holds, none of which depends on the terminal's size (the question's
    place on the screen is the snapshots' and the crawler's « conflit »/« abandon » stops')."""
    from anef_tui.ui.screens.dialogs import ConfirmScreen

    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notifications(pilot, "guide")
        listing = app.screen
        assert isinstance(listing, NotificationsScreen)
        dossier_id = listing.dossier_id
        before = len(app.services.followup.list_notifications(dossier_id))
        # Nothing typed: Échap leaves at once.
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, RecordNotificationScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is listing
        # Something typed: Échap asks, the safe answer (keep typing) has the focus.
        await pilot.press("ctrl+n")
        await pilot.pause()
        form = app.screen
        await pilot.press("space", "down")
        await type_into(pilot, "f-received", "20/11/2026")
        await pilot.press("escape")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert dialog.title_text == "Abandonner la saisie ?"
        assert str(app.focused.label) == "Continuer la saisie"
        await pilot.press("enter")  # keep typing: the form as it was, keys go on into it
        await pilot.pause()
        assert app.screen is form
        assert app.focused.id == "f-received" and app.focused.value == "20/11/2026"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # Échap in the question keeps the typing too
        await pilot.pause()
        assert app.screen is form
        await pilot.press("escape")
        await pilot.pause()
        await tab_to(pilot, "confirm")
        assert str(app.focused.label) == "Abandonner la saisie"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is listing
        assert len(app.services.followup.list_notifications(dossier_id)) == before


async def test_escape_on_a_checklist_asks_before_dropping_the_dates_typed(make_app):
    """The certificate's checklist (HAMIDI): Échap with nothing typed leaves at once; with a
    date typed and not recorded, it asks as the recording form does, « Continuer la
    saisie » keeps the date, « Abandonner la saisie » leaves and nothing is saved."""
    from anef_tui.ui.screens.dialogs import ConfirmScreen

    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notification(pilot, "hamidi")
        screen = app.screen
        assert isinstance(screen, NotificationScreen)
        listing_type = NotificationsScreen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, listing_type)  # nothing typed: at once
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        notification_id = screen.notification_id
        kept = app.services.followup.get(notification_id).data["checklist"]
        await type_into(pilot, "f-check-certificat_rempli_signe", "18/11/2026")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.title_text == "Abandonner la saisie ?"
        assert str(app.focused.label) == "Continuer la saisie"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert app.focused.id == "f-check-certificat_rempli_signe"
        assert app.focused.value == "18/11/2026"
        await pilot.press("escape")
        await pilot.pause()
        await tab_to(pilot, "confirm")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, listing_type)
        assert app.services.followup.get(notification_id).data["checklist"] == kept
        assert kept["certificat_rempli_signe"] != "2026-11-18"


# -- 4. A filed dossier: read, never filed again; every key shown acts -------------------
def footer_words(app) -> list[str]:
    """The keys' words the footer draws (the keys dropped for room are not drawn)."""
    from textual.widgets._footer import FooterKey

    return [key.description for key in app.screen.query(FooterKey)]


def screen_text(app) -> str:
    return " ".join(str(w.render()) for w in app.screen.query("Static, Button, Label")
                    if w.display)


@pytest.mark.parametrize("size", SIZES)
async def test_a_filed_dossier_is_read_with_keys_that_work(make_app, size):
    """GUIDE Malade (filed): F3 from the confirmation shows « Dépôt de la demande » read
    only — no « Déposer » key or button, no « Abandonner » — Ctrl+S / F2 show the next
    screen, F3 the previous one, down to the first and back, and Échap goes back to
    « Mes dossiers » from each of them."""
    from anef_tui.domain import flow
    from anef_tui.ui.screens.confirmation import ConfirmationScreen
    from anef_tui.ui.screens.depot import DepotScreen
    from anef_tui.ui.screens.dossier import StepScreen
    from anef_tui.ui.screens.home import HomeScreen

    app = make_app(demo=True)
    async with app.run_test(size=size) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        order = flow.positions(app.screen.procedure)
        await pilot.press("f3")
        await pilot.pause()
        depot = app.screen
        assert isinstance(depot, DepotScreen)
        words = footer_words(app)
        assert "Déposer" not in words and "Abandonner" not in words, words
        assert "Suivante" in words and "Mes dossiers" in words, words
        assert not depot.query("#next") and not depot.query("#abandon")
        text = screen_text(app)
        assert "Déposer la demande" not in text and "ne peut plus être modifié" in text
        await pilot.press("ctrl+s")  # the next screen: the confirmation, nothing filed again
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        # Back to the first position, then forward to the confirmation, key by key.
        seen = [app.screen.position]
        for _ in range(len(order) - 1):
            await pilot.press("f3")
            await pilot.pause()
            seen.append(app.screen.position)
            words = footer_words(app)
            assert "Mes dossiers" in words and "Abandonner" not in words, (seen[-1], words)
            assert "Poursuivre" not in words and "Déposer" not in words, (seen[-1], words)
            assert not app.screen.query("#abandon"), seen[-1]
        assert seen == list(reversed(order))
        for position in order[1:]:
            await pilot.press("f2")
            await pilot.pause()
            assert app.screen.position == position
        assert isinstance(app.screen, ConfirmationScreen)
        # Échap leaves from the justificatifs step as from the confirmation.
        await pilot.press("f3", "f3")
        await pilot.pause()
        assert isinstance(app.screen, StepScreen) and not app.screen.editable
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


# -- 5. F1 and the palette list only what can be done ------------------------------------
async def help_actions(pilot) -> list[str]:
    """F1's « Action » column, then Échap."""
    await pilot.press("f1")
    await pilot.pause()
    table = pilot.app.screen.query_one("#keys")
    words = [str(cell) for cell in table.get_column_at(1)]
    await pilot.press("escape")
    await pilot.pause()
    return words


async def palette_commands(pilot) -> list[str]:
    """The command palette's commands (nothing typed), then Échap."""
    from textual.widgets import OptionList

    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.pause()
    options = pilot.app.screen.query_one(OptionList).options
    words = [str(option.prompt).split("\n")[0] for option in options]
    await pilot.press("escape")
    await pilot.pause()
    return words


@pytest.mark.parametrize("lister", [help_actions, palette_commands], ids=["f1", "palette"])
async def test_help_and_palette_offer_abandon_only_for_a_dossier_being_typed(make_app,
                                                                             lister):
    """« Mes dossiers », the cursor on GUIDE Malade (filed): neither F1 nor Ctrl+P offers
    « Abandonner la demande »; on BENALI Zoé (being typed) both do, and F8 is then shown."""
    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter")
        await pilot.pause()
        assert not app.screen.selected().status.editable
        assert "Abandonner la demande" not in await lister(pilot)
        assert "Abandonner" not in footer_words(app)
        await pilot.press("ctrl+f", "ctrl+u", *"benali", "enter")
        await pilot.pause()
        assert app.screen.selected().status.editable
        assert "Abandonner la demande" in await lister(pilot)
        assert "Abandonner" in footer_words(app)


async def test_the_footer_follows_the_cursor_between_filed_and_typed(make_app):
    """Down from a filed dossier to one being typed: F8 « Abandonner » appears."""
    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#dossiers")
        states = [row.status.editable for row in app.screen._rows]
        first_typed = states.index(True)
        assert not states[0] and first_typed > 0
        assert "Abandonner" not in footer_words(app)
        await pilot.press(*(["down"] * first_typed))
        await pilot.pause()
        assert table.cursor_row == first_typed
        assert "Abandonner" in footer_words(app)
