"""Issue 22 in the full-screen app, keys only at 80×24: the guide's own sequence of
notifications (a « Demande de complément », the blank medical certificate form the next day,
then an attestation de prolongation) is recorded without a refusal; « Mes dossiers » shows
every state (one line each) and the next deadline, F6 every deadline, « Mes notifications »
the states and each deadline. Then the OFII's steps and a favourable decision's tasks."""

from __future__ import annotations

from anef_tui.ui.screens.followup import (
    DeadlinesScreen,
    NotificationScreen,
    NotificationsScreen,
    RecordNotificationScreen,
)
from anef_tui.ui.screens.home import HomeScreen
from tests.ui.keys import open_notifications, tab_to, type_into

STATES = "Complément demandé, Certificat médical à envoyer, Instruction prolongée"


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


async def record(pilot, downs: int, received: str, *fields: tuple[str, str]) -> None:
    """Ctrl+N, the kind (Space, then ↓ `downs` times), « Reçue le », the other fields, Ctrl+S."""
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RecordNotificationScreen)
    await pilot.press("space", *["down"] * downs)
    await type_into(pilot, "f-received", received)
    for widget_id, value in fields:
        await type_into(pilot, widget_id, value)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_the_guides_sequence_at_80_columns(make_app):
    app = make_app(demo=True)  # GUIDE Malade, filed on 19/11/2026; today 22/11/2026
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notifications(pilot, "guide")
        assert isinstance(app.screen, NotificationsScreen)
        # 1. The complément, read that day.
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("space")  # « Demande de complément »
        await type_into(pilot, "f-received", "20/11/2026")
        await type_into(pilot, "f-read_on", "20/11/2026")
        await tab_to(pilot, "f-state-justificatif_nationalite")
        await pilot.press("down")  # « Document non valide »
        await type_into(pilot, "f-obs-justificatif_nationalite", "Copie illisible")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        # 2. The certificate form, the next day: it was refused while the complément was open.
        await record(pilot, 1, "21/11/2026")
        assert isinstance(app.screen, NotificationsScreen), text_of(app.screen, "#record-errors")
        assert text_of(app.screen, "#dossier-state") == (
            "État du dossier : Complément demandé, Certificat médical à envoyer")
        # 3. The attestation de prolongation.
        await record(pilot, 2, "22/11/2026", ("f-read_on", "22/11/2026"),
                     ("f-valid_from", "22/11/2026"), ("f-valid_until", "21/02/2027"))
        assert isinstance(app.screen, NotificationsScreen)
        assert text_of(app.screen, "#dossier-state") == f"État du dossier : {STATES}"
        assert text_of(app.screen, "#dossier-deadlines").splitlines() == [
            "Aide anef-tui : échéances de ce dossier :",
            "• 20/12/2026 (dans 28 jours) : Répondre au complément",
            "• 21/12/2026 (dans 29 jours) : Envoyer le certificat médical à l'OFII",
            "• 21/02/2027 (dans 91 jours) : Fin de la prolongation",
        ]
        # « Mes dossiers »: the three states on three lines of the row, the next deadline.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#dossiers")
        [row] = [table.get_row_at(i) for i in range(table.row_count)
                 if str(table.get_row_at(i)[0]).startswith("GUIDE")]
        assert str(row[2]).splitlines() == ["Complément dem.", "Certif. médical", "Prolongée"]
        assert str(row[5]) == "20/12 (28 j)"
        assert table.virtual_size.width <= table.scrollable_content_region.width
        # F6 « Échéances »: each deadline of the dossier, its own row.
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, DeadlinesScreen)
        deadlines = app.screen.query_one("#deadlines")
        rows = [[str(c) for c in deadlines.get_row_at(i)] for i in range(deadlines.row_count)]
        assert [(r[0], r[3]) for r in rows if r[2] == "GUIDE Malade"] == [
            ("20/12/2026", "Répondre au complément"),
            ("21/12/2026", "Envoyer le certificat médical à l'OFII"),
            ("21/02/2027", "Fin de la prolongation"),
        ]


async def test_the_ofii_steps_and_the_decisions_tasks(make_app):
    """The certificate's checklist takes the OFII doctor's request (15 days) and the two
    convocations, each its own deadline; a favourable decision then ends them and leaves the
    timbre fiscal and the card to collect, without a date, until their dates are noted."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notifications(pilot, "guide")
        await record(pilot, 1, "10/11/2026")
        await pilot.press("enter")  # open it: its checklist
        await pilot.pause()
        assert isinstance(app.screen, NotificationScreen)
        await type_into(pilot, "f-check-enveloppe_envoyee", "12/11/2026")
        await type_into(pilot, "f-check-demande_informations_ofii", "20/11/2026")
        await type_into(pilot, "f-check-convocation_ofii", "01/12/2026")
        await type_into(pilot, "f-check-convocation_college", "15/12/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        assert text_of(app.screen, "#dossier-state") == (
            "État du dossier : Certificat médical envoyé")
        assert text_of(app.screen, "#dossier-deadlines").splitlines()[1:] == [
            "• 01/12/2026 (dans 9 jours) : Convocation du médecin de l'OFII",
            "• 05/12/2026 (dans 13 jours) : Répondre au médecin de l'OFII",
            "• 15/12/2026 (dans 23 jours) : Convocation du collège de médecins",
        ]
        await pilot.press("enter")  # the certificate again: its deadlines under its own
        await pilot.pause()
        assert text_of(app.screen, "#checklist-deadlines").splitlines() == [
            "Aide anef-tui : reste à faire pour cette notification :",
            "• 01/12/2026 (dans 9 jours) : Convocation du médecin de l'OFII",
            "• 05/12/2026 (dans 13 jours) : Répondre au médecin de l'OFII",
            "• 15/12/2026 (dans 23 jours) : Convocation du collège de médecins",
        ]
        await pilot.press("escape")
        await pilot.pause()
        # The favourable decision.
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("space", "down", "down", "down")
        await type_into(pilot, "f-received", "22/11/2026")
        await tab_to(pilot, "f-favorable")
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        assert text_of(app.screen, "#dossier-state") == "État du dossier : Décision favorable"
        assert text_of(app.screen, "#dossier-deadlines").splitlines()[1:] == [
            "• sans date : Acheter le timbre fiscal (225 €)",
            "• sans date : Retirer le titre en préfecture",
        ]
        await pilot.press("enter")  # the newest: the decision
        await pilot.pause()
        assert isinstance(app.screen, NotificationScreen)
        await type_into(pilot, "f-check-timbre_achete", "22/11/2026")
        await type_into(pilot, "f-check-rendez_vous_retrait", "30/01/2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        assert text_of(app.screen, "#dossier-deadlines").splitlines()[1:] == [
            "• 30/01/2027 (dans 69 jours) : Retirer le titre en préfecture",
        ]
        await pilot.press("escape")
        await pilot.pause()
        table = app.screen.query_one("#dossiers")
        [row] = [table.get_row_at(i) for i in range(table.row_count)
                 if str(table.get_row_at(i)[0]).startswith("GUIDE")]
        assert (str(row[2]), str(row[5])) == ("Décision fav.", "30/01 (69 j)")


async def test_the_anefs_filing_confirmation_is_attached_on_the_confirmation(make_app, tmp_path):
    """The official PDF of the filing (« J'ouvre ma confirmation de dépôt de demande (PDF) »
    on the site) is kept with the dossier from its confirmation screen, like a
    prolongation's attestation on its notification (issue 22)."""
    from fpdf import FPDF

    from anef_tui.store.attachments import AttachmentStore
    from anef_tui.ui.screens.confirmation import ConfirmationScreen

    pdf = tmp_path / "confirmation-depot.pdf"
    document = FPDF()
    document.add_page()
    document.output(str(pdf))
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter", "enter")  # open GUIDE Malade, filed
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        await tab_to(pilot, "attach-officiel-depot")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+u", *str(pdf), "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        slot = app.screen.query_one("#slot-officiel-depot")
        assert [f.name for f in slot.files] == ["confirmation-depot.pdf"]
        [kept] = AttachmentStore(app.services.dossiers).list(1, "officiel:depot")
        assert kept.original_name == "confirmation-depot.pdf"
