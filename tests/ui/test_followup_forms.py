"""After the filing, the forms drawn from the data: every field reachable and visible when
focused at 80×24 and 120×40, fields shown by a choice drawn at once, the complément answer's
« Maintenir » / « Mettre à jour » blocks drawn, « Échéances » re-read, the table fitting."""

from __future__ import annotations

import pytest

from anef_tui.ui.screens.dialogs import ConfirmScreen
from anef_tui.ui.screens.followup import (
    DeadlinesScreen,
    NotificationScreen,
    NotificationsScreen,
    RecordNotificationScreen,
)
from tests.ui.keys import open_notification, open_notifications, tab_to, type_into

SIZES = [(80, 24), (120, 40)]


def in_view(screen, widget, scroll_id: str) -> bool:
    """The widget is drawn (some height) and inside the visible part of its scroll."""
    scroll = screen.query_one(f"#{scroll_id}")
    region, view = widget.region, scroll.content_region
    return region.height > 0 and view.contains_region(region) if region.height <= view.height \
        else region.height > 0 and view.overlaps(region)


async def settle(pilot) -> None:
    """The screen at rest: the error lines mounted and the focus brought into sight, which
    takes a few layouts (ui/sight.py) — more than one pause on a loaded machine."""
    for _ in range(3):
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()


async def record_form(pilot, downs: int) -> None:
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RecordNotificationScreen)
    await pilot.press("space", *(["down"] * downs))
    await pilot.pause()


KIND_FIELDS = [
    (0, ["f-received", "f-read_on", "f-state-justificatif_domicile"]),
    (1, ["f-received", "f-asylum_applied_on"]),
    (2, ["f-received", "f-valid_from", "f-valid_until"]),
    (3, ["f-received", "f-favorable", "f-decided_on"]),
]


@pytest.mark.parametrize("size", SIZES)
async def test_each_kind_form_field_is_in_view_when_focused(make_app, size):
    """The kinds chosen in turn on one recording form (Espace on the first, then ↓ on the
    choice, as a user goes through them): each kind's fields in view when focused, the other
    kinds' not drawn."""
    app = make_app(demo=True)
    async with app.run_test(size=size) as pilot:
        await open_notifications(pilot, "guide")
        await record_form(pilot, 0)
        for downs, ids in KIND_FIELDS:
            if downs:
                await tab_to(pilot, "f-kind")
                await pilot.press("down")
                await pilot.pause()
            for widget_id in ids:
                await tab_to(pilot, widget_id)
                await settle(pilot)
                assert in_view(app.screen, app.focused, "record"), (downs, widget_id)
            # The other kinds' fields are not drawn.
            other = {i for _, group in KIND_FIELDS for i in group} - set(ids) - {
                "f-received", "f-read_on"}
            for widget_id in other:
                assert not app.screen.query(f"#{widget_id}") or not app.screen.query_one(
                    f"#{widget_id}").display or not app.screen.query_one(
                    f"#fb-{widget_id.removeprefix('f-')}").display, (downs, widget_id)


async def test_decision_card_dates_drawn_at_once_at_80x24(make_app):
    """Choosing « Décision favorable » draws the card's dates now (no resize needed)."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notifications(pilot, "guide")
        await record_form(pilot, 3)
        assert not app.screen.query_one("#fb-card_valid_from").display
        await tab_to(pilot, "f-favorable")
        await pilot.press("space")  # « Décision favorable »
        await pilot.pause()
        await type_into(pilot, "f-card_valid_until", "30/11/2027")
        await settle(pilot)
        assert in_view(app.screen, app.focused, "record")
        assert app.focused.region.height > 0 and app.focused.value == "30/11/2027"


async def test_record_form_errors_next_to_the_fields(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notifications(pilot, "guide")
        await record_form(pilot, 2)
        await type_into(pilot, "f-received", "21/11/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        summary = str(app.screen.query_one("#record-errors").render())
        assert "Début de validité" in summary and "Fin de validité" in summary
        assert app.screen.query_one("#fb-valid_from").has_class("-invalid")
        assert app.focused.id == "f-valid_from"  # the first field in error (issue 21)


@pytest.mark.parametrize("size", SIZES)
async def test_maintain_draws_the_reason_and_update_the_files(make_app, size):
    """« Maintenir le Document » draws the reason as an input; « Mettre à jour » the file
    list, « Joindre un document » and « Message à l'agent »."""
    app = make_app(demo=True)
    async with app.run_test(size=size) as pilot:
        await open_notification(pilot, "silva")
        assert isinstance(app.screen, NotificationScreen)
        nid = app.screen.notification_id
        await tab_to(pilot, "f-answer-justificatif_nationalite")
        await pilot.press("space")  # « Maintenir le Document »
        await pilot.pause()
        await tab_to(pilot, "f-reason-justificatif_nationalite")
        await settle(pilot)
        reason = app.focused
        assert reason.region.height >= 3 and in_view(app.screen, reason, "form")
        await tab_to(pilot, "f-answer-justificatif_nationalite")
        await pilot.press("down")  # « Mettre à jour le Document »
        await pilot.pause()
        assert not app.screen.query_one("#keep-justificatif_nationalite").display
        await tab_to(pilot, f"attach-complement-{nid}-justificatif_nationalite")
        await settle(pilot)
        assert app.focused.region.height > 0 and in_view(app.screen, app.focused, "form")
        await tab_to(pilot, "f-message-justificatif_nationalite")
        await settle(pilot)
        assert app.focused.region.height >= 3 and in_view(app.screen, app.focused, "form")


async def test_sent_answer_no_longer_says_to_do(make_app, tmp_path):
    """« Valider et envoyer » asks first; after sending, the notification says when it was
    answered instead of « À faire avant le … »."""
    from PIL import Image

    scan = tmp_path / "passeport.png"
    Image.new("RGB", (1240, 1754), (200, 210, 220)).save(scan, "PNG")
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notification(pilot, "silva")
        nid = app.screen.notification_id
        assert "Aide anef-tui : à faire avant le" in str(
            app.screen.query_one("#deadline-line").render())
        await tab_to(pilot, "f-answer-justificatif_nationalite")
        await pilot.press("space")
        await type_into(pilot, "f-reason-justificatif_nationalite", "Copie certifiée conforme")
        await tab_to(pilot, f"attach-complement-{nid}-justificatif_identite")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+u", *str(scan), "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # not sent: nothing changes
        await pilot.pause()
        assert isinstance(app.screen, NotificationScreen)
        assert app.services.followup.get(nid).done_on is None
        await pilot.press("ctrl+s")
        await pilot.pause()
        await tab_to(pilot, "confirm")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        await pilot.press("enter")
        await pilot.pause()
        line = str(app.screen.query_one("#deadline-line").render())
        assert line.startswith("Aide anef-tui : répondu le 22/11/2026")
        assert "à faire avant le" in line  # the deadline it met


async def test_deadlines_reread_after_a_decision(make_app):
    """« Échéances » → a dossier → record its decision → back: its deadline is gone."""
    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, DeadlinesScreen)
        table = app.screen.query_one("#deadlines")
        person = str(table.get_row_at(0)[2])
        before = table.row_count
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        await record_form(pilot, 3)
        await type_into(pilot, "f-received", "22/11/2026")
        await tab_to(pilot, "f-favorable")
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeadlinesScreen)
        table = app.screen.query_one("#deadlines")
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        # What was due is gone; a favourable decision leaves its own tasks, without a date,
        # listed last (issue 22).
        assert [(r[0], r[3]) for r in rows if r[2] == person] == [
            ("sans date", "Acheter le timbre fiscal (225 €)"),
            ("sans date", "Retirer le titre en préfecture"),
        ]
        assert rows[-1][2] == person or before


async def test_notifications_table_fits_80_columns(make_app):
    """No → needed at 80×24, and no title cut: long titles wrap inside their cell."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notifications(pilot, "hamidi")
        table = app.screen.query_one("#notifications")
        await pilot.pause()
        assert table.virtual_size.width <= table.scrollable_content_region.width
        cell = str(table.get_row_at(0)[1])
        assert cell.replace("\n", " ") in (
            f"Mise à disposition de votre formulaire vierge de certificat médical {state}"
            for state in ("lue", "non lue"))


async def test_notifications_list_has_the_guides_columns_at_every_width(make_app):
    """date · SEJOUR · title « lue »/« non lue » · « Lu le … », no header line; below 110
    columns long titles wrap in their cell and the table fits (no →), from 110 one line."""
    from anef_tui.ui.screens.followup import NotificationsScreen

    for width, compact in ((80, True), (100, True), (109, True), (110, False), (140, False)):
        app = make_app(demo=width == 80)
        async with app.run_test(size=(width, 30)) as pilot:
            await open_notifications(pilot, "popescu")
            assert isinstance(app.screen, NotificationsScreen)
            table = app.screen.query_one("#notifications")
            await pilot.pause()
            assert not table.show_header
            assert table.virtual_size.width <= table.scrollable_content_region.width, width
            rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
            prolongation = rows[0]  # the newest
            if compact:
                assert len(prolongation) == 3 and prolongation[0].endswith("\nSEJOUR")
                title = prolongation[1]
                assert ("\n" in title) == (width == 80)  # 44 columns for the title at 80
            else:
                assert len(prolongation) == 4 and prolongation[1] == "SEJOUR"
                title = prolongation[2]
                assert "\n" not in title
            assert " ".join(title.split()) == "Notification de prolongation de l'instruction lue"
            assert prolongation[-1].startswith("Lu le ")


@pytest.mark.parametrize("size", SIZES)
async def test_a_failed_send_says_it_as_a_step_does(make_app, size):
    """« Valider et envoyer » with the answer incomplete: the error summary above, each
    problem under its question or document, the first question in error focused and in
    sight, and what was typed stays."""
    app = make_app(demo=True)
    async with app.run_test(size=size) as pilot:
        await open_notification(pilot, "silva")
        screen = app.screen
        assert isinstance(screen, NotificationScreen)
        nid = screen.notification_id
        # Nothing chosen: the choice itself is in error and takes the focus.
        await pilot.press("ctrl+s")
        await settle(pilot)
        summary = screen.query_one("#errors")
        assert summary.display and "Il y a 2 problèmes :" in str(summary.render())
        assert app.focused.id == "f-answer-justificatif_nationalite"
        assert screen.query_one("#fb-answer-justificatif_nationalite").has_class("-invalid")
        assert in_view(screen, app.focused, "form")
        # « Maintenir » without a reason: now the reason is in error and focused.
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.focused.id == "f-reason-justificatif_nationalite"
        assert in_view(screen, app.focused, "form")
        block = screen.query_one("#fb-reason-justificatif_nationalite")
        assert "raisons du maintien" in str(block.query_one(".field-error").render())
        assert not screen.query_one("#fb-answer-justificatif_nationalite").has_class("-invalid")
        # With a reason, the missing document is left: its « Joindre un document » has the
        # focus, its slot says why, and the reason typed is still there.
        await pilot.press(*"Copie conforme")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.focused.id == f"attach-complement-{nid}-justificatif_identite"
        assert in_view(screen, app.focused, "form")
        assert "Il y a un problème :" in str(summary.render())
        assert screen.query_one("#f-reason-justificatif_nationalite").value == "Copie conforme"
        assert not screen.query_one("#fb-reason-justificatif_nationalite").has_class("-invalid")
        assert not isinstance(app.screen, ConfirmScreen)
