"""After the filing, keyboard only: record a « Demande de complément », answer it document by
document (maintain one, replace another, attach a missing one), and the OFII checklist."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from anef_tui.store.dossiers import DossierStore
from anef_tui.store.followup import FollowUpStore
from anef_tui.ui.screens.dialogs import ConfirmScreen
from anef_tui.ui.screens.followup import (
    DeadlinesScreen,
    NotificationScreen,
    NotificationsScreen,
    RecordNotificationScreen,
)
from tests.conftest import frozen_clock
from tests.ui.keys import open_notification, open_notifications, tab_to, type_into


def scan(path: Path) -> Path:
    Image.new("RGB", (1240, 1754), (200, 210, 220)).save(path, "PNG")
    return path


async def pick(pilot, path: Path) -> None:
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("ctrl+u", *str(path), "enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # the file's checks run in a worker
    await pilot.pause()


async def test_record_and_answer_a_request_for_documents(make_app, data_dir, tmp_path):
    new_residence = scan(tmp_path / "quittance-octobre.png")
    passport = scan(tmp_path / "passeport.png")
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notifications(pilot, "guide")
        assert isinstance(app.screen, NotificationsScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, RecordNotificationScreen)
        await pilot.press("space")  # « Demande de complément »
        await type_into(pilot, "f-received", "20/11/2026")
        await tab_to(pilot, "f-state-justificatif_domicile")
        await pilot.press("down")  # Document non valide
        await type_into(pilot, "f-obs-justificatif_domicile", "Document illisible")
        await tab_to(pilot, "f-state-justificatif_residence")
        await pilot.press("down")
        await type_into(pilot, "f-obs-justificatif_residence", "Fournir un document récent")
        await tab_to(pilot, "f-state-justificatif_nationalite")
        await pilot.press("down", "down")  # Document manquant
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        await pilot.press("enter")  # opening it is the acknowledgement: the 30 days start
        await pilot.pause()
        assert isinstance(app.screen, NotificationScreen)
        nid = app.screen.notification_id
        # Nothing answered yet: « Valider et envoyer » says what is missing.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#errors").display
        # Maintain the first document, with the reason.
        await tab_to(pilot, "f-answer-justificatif_domicile")
        await pilot.press("space")  # « Maintenir le Document »
        await type_into(pilot, "f-reason-justificatif_domicile", "La copie comporte 2 pages")
        # Replace the second one.
        await tab_to(pilot, "f-answer-justificatif_residence")
        await pilot.press("down")  # « Mettre à jour le Document »
        await pilot.pause()
        await tab_to(pilot, f"attach-complement-{nid}-justificatif_residence")
        await pick(pilot, new_residence)
        await type_into(pilot, "f-message-justificatif_residence", "Voici la quittance d'octobre")
        # Attach the missing one.
        await tab_to(pilot, f"attach-complement-{nid}-justificatif_nationalite")
        await pick(pilot, passport)
        await pilot.press("ctrl+s")  # « Valider et envoyer » → confirmation
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen), app.screen.query_one(
            "#errors").render()
        assert app.focused.id == "cancel"  # the safe answer first
        await tab_to(pilot, "confirm")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
    store = DossierStore(data_dir, clock=frozen_clock)
    guide = next(r for r in store.list() if r.applicant_name == "GUIDE Malade")
    assert guide.status.value == "complement_envoye"
    answer = FollowUpStore(store).get_complement_answer(nid)
    assert answer["sent_on"]
    assert answer["data"]["invalid"]["justificatif_domicile"]["reason"] == (
        "La copie comporte 2 pages")
    assert answer["data"]["invalid"]["justificatif_residence"]["choice"] == "mettre_a_jour"
    store.close()


async def test_medical_certificate_checklist_dates_only(make_app, data_dir):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notification(pilot, "hamidi")
        assert isinstance(app.screen, NotificationScreen)
        # The notice's summary is anef-tui's own words, said in its voice.
        help_ = " ".join(str(w.render()) for w in app.screen.query(".app-help"))
        assert "01 53 69 53 90" in help_ and "secret médical" in help_
        text = " ".join(str(w.render()) for w in app.screen.query(".intro"))
        assert "Bonjour KARIM Hamidi," in text and "secret médical" not in text
        await type_into(pilot, "f-check-certificat_rempli_signe", "18/11/2026")
        await type_into(pilot, "f-check-consentement_signe", "18/11/2026")
        await type_into(pilot, "f-check-enveloppe_envoyee", "31/02/2026")  # no such day
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "n'existe pas" in str(app.screen.query_one("#errors").render())
        await type_into(pilot, "f-check-enveloppe_envoyee", "21/11/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
    store = DossierStore(data_dir, clock=frozen_clock)
    hamidi = next(r for r in store.list() if r.applicant_name == "HAMIDI Karim")
    [notification] = FollowUpStore(store).list_notifications(hamidi.id)
    assert notification.data["checklist"]["enveloppe_envoyee"] == "2026-11-21"
    store.close()


async def test_deadlines_screen_lists_every_dossier(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, DeadlinesScreen)
        table = app.screen.query_one("#deadlines")
        people = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert "HAMIDI Karim" in people and "POPESCU Elena" in people
        assert str(table.get_row_at(0)[1]) == "10 j"  # 80 columns: compact
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        table = app.screen.query_one("#deadlines")
        assert str(table.get_row_at(0)[1]) == "dans 10 jours"


async def test_a_sent_answer_is_viewable_with_its_pdf(make_app, data_dir, tmp_path):
    """After « Valider et envoyer », reopening shows the answer and makes its PDF."""
    import io

    from pypdf import PdfReader

    app = make_app(demo=True)
    store = app.services.dossiers
    silva = next(r for r in store.list() if r.applicant_name == "SILVA Mariana")
    followup = FollowUpStore(store)
    [notification] = followup.list_notifications(silva.id)
    followup.mark_read(notification.id, frozen_clock().date())
    followup.attach_complement_file(notification.id, "justificatif_identite",
                                    scan(tmp_path / "acte.png"))
    followup.send_complement_answer(notification.id, {
        "invalid": {"justificatif_nationalite": {
            "choice": "maintenir", "reason": "La copie comporte 2 pages", "message": ""}},
        "missing": {"justificatif_identite": {}},
    }, frozen_clock().date())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notification(pilot, "silva")
        assert isinstance(app.screen, NotificationScreen)
        await tab_to(pilot, "answer-pdf")
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
    [pdf] = (data_dir / "documents").glob("complement-*.pdf")
    text = " ".join(PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text().split())
    assert "RÉPONSE À LA DEMANDE DE COMPLÉMENT" in text
    assert "Maintenir le Document" in text and "La copie comporte 2 pages" in text
    assert "acte.png" in text and "Document préparé localement" in text


async def test_first_application_complement_reprendre_ma_demande(make_app, data_dir, tmp_path):
    """« Reprendre ma demande » reopens étape 4 with the filed files in place; the document
    asked for is joined and « Déposer les compléments » files it."""
    from anef_tui.ui.screens.complement import ResumeApplicationScreen

    acte = scan(tmp_path / "acte-integral.png")
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notifications(pilot, "kouassi")
        assert isinstance(app.screen, NotificationsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NotificationScreen)
        text = " ".join(str(w.render()) for w in app.screen.query(".intro"))
        assert "« JUSTIFICATIF_IDENTITE » (Document manquant) : veuillez joindre un autre " \
               "document" in text
        assert "délai de 15 jours" in text
        assert app.focused.id == "resume"
        await pilot.press("enter")  # « Reprendre ma demande »
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ResumeApplicationScreen)
        nid = screen.notification_id
        # The filed files are there, read-only; only the document asked for takes files.
        readonly = screen.query_one("#slot-justificatif_domicile")
        assert not readonly.editable and readonly.filed and not readonly.files
        assert not screen.query("#attach-justificatif_domicile")
        # The document asked for shows what was filed (with the site's « ✖ SUPPRIMER »,
        # marked) above the new files.
        asked = screen.query_one(f"#slot-complement-{nid}-justificatif_identite")
        assert [f.name for f in asked.filed] == ["acte-naissance.png"] and not asked.files
        assert "[lien du site] ✖ SUPPRIMER ACTE-NAISSANCE.PNG" in " ".join(
            str(w.render()) for w in asked.query(".filed"))
        # Depositing with nothing joined says what is missing.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Justificatif d'identité" in str(screen.query_one("#errors").render())
        assert screen.query_one("#errors").display
        # As on a step: the slot in error says it, and its « Joindre » has the focus.
        assert app.focused.id == f"attach-complement-{nid}-justificatif_identite"
        slot = screen.query_one(f"#slot-complement-{nid}-justificatif_identite")
        assert "joignez au moins un document" in (slot.error or "")
        await tab_to(pilot, f"attach-complement-{nid}-justificatif_identite")
        await pick(pilot, acte)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [f.name for f in screen.query_one(
            f"#slot-complement-{nid}-justificatif_identite").files] == ["acte-integral.png"]
        await pilot.press("ctrl+s")  # « Déposer les compléments » → confirmation
        await pilot.pause()
        assert app.focused.id == "cancel"  # the safe answer first
        await tab_to(pilot, "confirm")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
    store = DossierStore(data_dir, clock=frozen_clock)
    kouassi = next(r for r in store.list() if r.applicant_name == "KOUASSI Awa")
    assert kouassi.status.value == "complement_envoye"
    assert kouassi.next_deadline is None
    follow = FollowUpStore(store)
    assert follow.get_complement_answer(nid)["sent_on"] == "2026-11-22"
    assert [f.original_name for f in follow.complement_files(nid)] == ["acte-integral.png"]
    store.close()


async def test_official_prolongation_document_and_warning(make_app, data_dir, tmp_path):
    """The attestation de prolongation is joined through the attachment checks; a refused
    file says why; the warning shows when the attestation ends within 15 days."""
    from datetime import date

    attestation = scan(tmp_path / "attestation-prolongation.png")
    not_a_pdf = tmp_path / "attestation.pdf"
    not_a_pdf.write_text("ceci n'est pas un PDF")
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notifications(pilot, "popescu")
        await pilot.press("enter")  # the newest: the prolongation
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NotificationScreen) and screen.kind == "prolongation"
        # Ends 07/02/2027: 77 days, no warning yet.
        assert not screen.query("#prolongation-warning")
        nid = screen.notification_id
        await tab_to(pilot, f"attach-officiel-{nid}")
        await pick(pilot, not_a_pdf)
        await app.workers.wait_for_complete()
        await pilot.pause()
        error = str(screen.query_one(f"#err-officiel-{nid}").render())
        assert "attestation.pdf" in error
        await tab_to(pilot, f"attach-officiel-{nid}")
        await pick(pilot, attestation)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [f.name for f in screen.query_one(f"#slot-officiel-{nid}").files] == [
            "attestation-prolongation.png"]
    store = DossierStore(data_dir, clock=lambda: frozen_clock().replace(year=2027, month=1,
                                                                        day=30))
    follow = FollowUpStore(store)
    assert [f.original_name for f in follow.official_files(nid)] == [
        "attestation-prolongation.png"]
    store.close()
    # Eight days before the end, the notification warns in words.
    from anef_tui.ui.screens.followup import prolongation_alert

    assert prolongation_alert(date(2027, 2, 7), date(2027, 1, 30)) == (
        "Attention : l'attestation de prolongation d'instruction prend fin le 07/02/2027 "
        "(dans 8 jours). Sans nouvelle attestation ni décision d'ici là, vérifiez votre "
        "espace ANEF."
    )


async def test_deadlines_screen_warns_before_a_prolongation_ends(make_app, data_dir):
    """Eight days before POPESCU's attestation ends, F6 says so in words, at the top."""
    from datetime import datetime

    from anef_tui.ui.app import make_app as build

    make_app(demo=True).services.dossiers.close()  # fills the data directory; app unused
    later = datetime(2027, 1, 30, 9, 0)
    app = build(data_dir, clock=lambda: later)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, DeadlinesScreen)
        warning = app.screen.query_one("#prolongation-warnings")
        assert warning.display
        assert str(warning.render()) == (
            "POPESCU Elena — Attention : l'attestation de prolongation d'instruction prend "
            "fin le 07/02/2027 (dans 8 jours). Sans nouvelle attestation ni décision d'ici "
            "là, vérifiez votre espace ANEF."
        )
        # The prolongation itself says it too.
        await pilot.press("escape", "ctrl+f", *"popescu", "enter", "f4")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NotificationScreen)
        assert "prend fin le 07/02/2027 (dans 8 jours)" in str(
            app.screen.query_one("#prolongation-warning").render())
    # Today (77 days before the end): no warning.
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        assert not app.screen.query_one("#prolongation-warnings").display


async def test_keys_follow_the_notification(make_app):
    """Ctrl+S is « Reprendre ma demande » on a first application's complément, « Valider et
    envoyer » on a renewal's, and nothing on a prolongation: footer and F1 agree."""
    from anef_tui.ui.app import screen_bindings

    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        for name, expected in (("kouassi", "Reprendre ma demande"),
                               ("silva", "Valider et envoyer / Enregistrer"),
                               ("popescu", None)):
            await pilot.press("ctrl+f", "ctrl+u", *name, "enter", "f4")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, NotificationScreen)
            ctrl_s = [b.tooltip for b in screen_bindings(app.screen) if b.key == "ctrl+s"]
            assert ctrl_s == ([expected] if expected else []), name
            footer_keys = {b.binding.key for b in app.screen.active_bindings.values()
                           if b.enabled and b.binding.show}
            assert ("ctrl+s" in footer_keys) is bool(expected), name
            await pilot.press("f1")
            await pilot.pause()
            rows = [str(app.screen.query_one("#keys").get_row_at(i)[1])
                    for i in range(app.screen.query_one("#keys").row_count)]
            assert (expected in rows) if expected else not any("Valider" in r for r in rows)
            await pilot.press("escape", "escape", "escape")  # help, notification, list
            await pilot.pause()


async def test_record_that_the_prefecture_closed_the_request(make_app, data_dir):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notifications(pilot, "silva")
        screen = app.screen
        assert "Complément demandé" in str(screen.query_one("#dossier-state").render())
        await pilot.press("f8")
        await pilot.pause()
        assert app.focused.id == "cancel"  # the safe answer first
        await pilot.press("enter")  # cancelled: nothing changes
        await pilot.pause()
        assert "Complément demandé" in str(screen.query_one("#dossier-state").render())
        await pilot.press("f8")
        await pilot.pause()
        await tab_to(pilot, "confirm")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert "Clôturée" in str(screen.query_one("#dossier-state").render())
        # Nothing more to close: F8 is off.
        assert screen.check_action("closed", ()) is False
    store = DossierStore(data_dir, clock=frozen_clock)
    silva = next(r for r in store.list() if r.applicant_name == "SILVA Mariana")
    assert silva.status.value == "cloturee" and silva.next_deadline is None
    store.close()


async def test_record_certificate_prolongation_and_decision_with_the_keyboard(
    make_app, data_dir
):
    """Each kind of notification has its form; what is typed is checked and kept."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notifications(pilot, "guide")
        # 1. The blank medical certificate, for an asylum seeker (3 months).
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("space", "down")  # « Mise à disposition … certificat médical »
        await type_into(pilot, "f-received", "20/11/2026")
        await type_into(pilot, "f-asylum_applied_on", "01/10/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        # 2. A prolongation whose end comes before its start is refused, in French.
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("space", "down", "down")  # « Notification de prolongation … »
        await type_into(pilot, "f-received", "21/11/2026")
        await type_into(pilot, "f-valid_from", "21/11/2026")
        await type_into(pilot, "f-valid_until", "20/11/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RecordNotificationScreen)
        assert "précède son début" in str(app.screen.query_one("#record-errors").render())
        await type_into(pilot, "f-valid_until", "20/02/2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        # 3. The favourable decision, decided the day before it was received.
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("space", "down", "down", "down")  # « Notification de décision »
        await type_into(pilot, "f-received", "22/11/2026")
        await tab_to(pilot, "f-favorable")
        await pilot.press("space")  # « Décision favorable »
        await type_into(pilot, "f-decided_on", "21/11/2026")
        await type_into(pilot, "f-card_valid_from", "01/12/2026")
        await type_into(pilot, "f-card_valid_until", "30/11/2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        assert "Décision favorable" in str(app.screen.query_one("#dossier-state").render())
        await pilot.press("enter")  # the newest: the decision
        await pilot.pause()
        text = " ".join(str(w.render()) for w in app.screen.query(".intro"))
        assert "Le 21/11/2026, une décision favorable a été prise" in text and "225 €" in text
        assert "valable du 01/12/2026 au 30/11/2027 portant la mention" in text
    store = DossierStore(data_dir, clock=frozen_clock)
    guide = next(r for r in store.list() if r.applicant_name == "GUIDE Malade")
    decision, prolongation, certificate = FollowUpStore(store).list_notifications(guide.id)
    assert certificate.kind == "certificat_medical"
    assert certificate.data["asylum_applied_on"] == "2026-10-01"
    assert certificate.deadline.isoformat() == "2027-01-01"  # 3 months from the asylum claim
    assert prolongation.data == {"valid_from": "2026-11-21", "valid_until": "2027-02-20"}
    assert decision.data == {"favorable": True, "decided_on": "2026-11-21",
                             "card_valid_from": "2026-12-01", "card_valid_until": "2027-11-30",
                             "checklist": {"timbre_achete": None, "rendez_vous_retrait": None,
                                           "titre_retire": None}}
    # What is left to do after it has no date in the guide (issue 22).
    assert guide.status.value == "decision_favorable" and guide.next_deadline is None
    assert guide.next_deadline_label == "Acheter le timbre fiscal (225 €)"
    store.close()


async def test_home_warns_before_a_prolongation_ends(make_app, data_dir):
    """« Mes dossiers » says, above the table, whose attestation de prolongation ends soon;
    nothing is shown while none does."""
    from datetime import datetime

    from anef_tui.ui.app import make_app as build
    from anef_tui.ui.screens.home import HomeScreen

    app = make_app(demo=True)  # today: 77 days before POPESCU's attestation ends
    async with app.run_test(size=(80, 24)) as pilot:
        # The alerts are read ALERTS_DELAY (0.35 s) after the first paint, in a worker:
        # past that time, wait until the app has done what the timer started (a loaded
        # machine ran the assertion before the worker's result was shown).
        await pilot.pause(0.5)
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and not app.screen.query("#alerts")
    later = datetime(2027, 2, 9, 9, 0)  # two days after its end
    app = build(data_dir, clock=lambda: later)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        await pilot.pause()
        alerts = app.screen.query_one("#alerts")
        assert str(alerts.render()) == (
            "Attention : POPESCU Elena — l'attestation de prolongation a pris fin le "
            "07/02/2027 (en retard de 2 jours)."
        )
        # Once the decision is recorded, the warning goes.
        await open_notifications(pilot, "popescu")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("space", "down", "down", "down")  # « Notification de décision »
        await type_into(pilot, "f-received", "08/02/2027")
        await tab_to(pilot, "f-favorable")
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # back to « Mes dossiers »
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not app.screen.query("#alerts")


def test_delay_text_in_words_and_compact():
    from datetime import date

    from anef_tui.ui.screens.followup import delay_text

    today = date(2026, 11, 22)
    assert delay_text(date(2026, 12, 2), today) == "dans 10 jours"
    assert delay_text(date(2026, 11, 20), today) == "EN RETARD DE 2 JOURS"
    assert delay_text(date(2026, 11, 22), today) == "aujourd'hui"
    assert delay_text(date(2026, 12, 2), today, compact=True) == "10 j"
    assert delay_text(date(2026, 11, 20), today, compact=True) == "RETARD 2 j"
    assert delay_text(date(2026, 11, 22), today, compact=True) == "auj."


async def test_a_complement_answer_being_written_is_kept(make_app, data_dir):
    """Leaving the complément half answered loses nothing: choice and reason come back."""
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notification(pilot, "silva")
        await tab_to(pilot, "f-answer-justificatif_nationalite")
        await pilot.press("space")  # « Maintenir le Document »
        await type_into(pilot, "f-reason-justificatif_nationalite", "Copie certifiée conforme")
        await pilot.press("escape")  # back to the list, nothing sent
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        await pilot.press("enter")
        await pilot.pause()
        reason = app.screen.query_one("#f-reason-justificatif_nationalite")
        assert reason.value == "Copie certifiée conforme"
        assert app.screen.query_one("#keep-justificatif_nationalite").display
    store = DossierStore(data_dir, clock=frozen_clock)
    silva = next(r for r in store.list() if r.applicant_name == "SILVA Mariana")
    [notification] = FollowUpStore(store).list_notifications(silva.id)
    answer = FollowUpStore(store).get_complement_answer(notification.id)
    assert answer["sent_on"] is None
    assert answer["data"]["invalid"]["justificatif_nationalite"] == {
        "choice": "maintenir", "reason": "Copie certifiée conforme", "message": ""}
    assert silva.status.value == "complement_demande"
    store.close()


async def test_record_a_notification_already_read_on_the_site(make_app, data_dir):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_notifications(pilot, "guide")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("space")  # « Demande de complément »
        await type_into(pilot, "f-received", "09/11/2026")
        await type_into(pilot, "f-read_on", "08/11/2026")  # before receipt: refused
        await tab_to(pilot, "f-state-justificatif_nationalite")
        await pilot.press("down", "down")  # Document manquant
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "lue avant d'être reçue" in str(app.screen.query_one("#record-errors").render())
        await type_into(pilot, "f-read_on", "10/11/2026")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NotificationsScreen)
        table = app.screen.query_one("#notifications")
        # 80 columns: the compact table, the reading date under « lue ».
        assert str(table.get_row_at(0)[1]).endswith("complément lue")
        assert str(table.get_row_at(0)[2]) == "Lu le 10/11/2026"
    store = DossierStore(data_dir, clock=frozen_clock)
    guide = next(r for r in store.list() if r.applicant_name == "GUIDE Malade")
    assert guide.next_deadline == "2026-12-10"  # 30 days from the reading on the site
    store.close()


async def test_the_notifications_table_is_measured_again_when_the_terminal_narrows(make_app):
    """Opened at 120 columns, then the terminal narrows to 80: « Lu le … » and the end of
    each title stay inside the screen (they were past its right edge)."""
    from tests.screen_text import visible_cells

    app = make_app(demo=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_notifications(pilot, "guide")
        table = app.screen.query_one("#notifications")
        assert len(table.columns) == 4  # date · domaine · titre · lu le
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert len(table.columns) == 3  # the compact table
        lines = ["".join(row) for row in visible_cells(app)]
        drawn = "\n".join(lines)
        read = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        for text in (r for r in read if r):
            assert text in drawn, (text, drawn)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert len(table.columns) == 4


async def test_deadlines_follow_a_resized_terminal(make_app):
    app = make_app(demo=True)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("f6")
        await pilot.pause()
        table = app.screen.query_one("#deadlines")
        assert str(table.get_row_at(0)[1]) == "dans 10 jours"
        await pilot.resize_terminal(80, 24)
        for _ in range(50):
            await pilot.pause(0.02)
            if table.row_count and str(table.get_row_at(0)[1]) == "10 j":
                break
        assert str(table.get_row_at(0)[1]) == "10 j"
