"""Issue 24 item 3: « Ce que anef-tui sait de vous », read back with pypdf — every section
with the dossier's real values (answers under the procedure's labels, a file's name and
size, a notification, the consents, the journal), the rights, where the data is (encrypted
or not, said honestly), « préparé localement » on every page; hostile text printed
literally; kept sealed and exported in plain only to exports/ in an encrypted folder."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from anef_tui.domain.consent import ConsentTerms
from anef_tui.store.consents import ConsentStore
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.journal.actor import Actor
from anef_tui.store.journal.reading import dossier_entries
from tests.conftest import fill_demo_folder, fill_encrypted_demo_folder, frozen_clock

NOW = datetime(2026, 12, 6, 9, 30)
LOCAL = "Document préparé localement avec anef-tui le 06/12/2026"


def pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((p.extract_text() or "").split())
            for p in PdfReader(io.BytesIO(data)).pages]


def _issue(store: DossierStore, dossier_id: int) -> Path:
    from anef_tui.documents.donnees import issue_donnees

    return issue_donnees(store, dossier_id, now=NOW)


def test_every_section_with_the_dossiers_real_values(data_dir):
    from anef_tui.domain.notification_kinds import kinds
    from anef_tui.files.checks import format_size
    from anef_tui.store.attachments import AttachmentStore
    from anef_tui.store.followup import FollowUpStore

    fill_demo_folder(data_dir)
    with DossierStore(data_dir, clock=lambda: NOW) as store:
        store.database.actor = Actor("Camille Martin", "application")
        dossier = next(s.id for s in store.list() if s.applicant_name == "SILVA Mariana")
        consents = ConsentStore(store.database)
        consents.renew(dossier, ConsentTerms("oral", 3))
        consents.withdraw(dossier)
        files = AttachmentStore(store).list(dossier)
        (notification,) = FollowUpStore(store).list_notifications(dossier)
        path = _issue(store, dossier)
        journal = dossier_entries(store.database, dossier)
    assert path == data_dir / "exports" / f"donnees-{dossier:04d}-SILVA-Mariana.pdf"
    assert (data_dir / "documents" / path.name).read_bytes() == path.read_bytes()
    texts = pages(path.read_bytes())
    whole = " ".join(texts)
    for words in (
        "Ce que anef-tui sait de vous",
        "Ce document est fait entièrement par l'application anef-tui",
        "Personne : SILVA Mariana", "Démarche : Renouvellement",
        "Qui garde ces données", "Document fait par : Camille Martin",
        "Pourquoi", "Vous avez retiré votre consentement le 06/12/2026 à 9 h 30",
        "Vos réponses, étape par étape", "Nom de naissance : SILVA", "Prénom(s) : Mariana",
        "Les fichiers gardés",
        "Les notifications enregistrées", kinds()["complement"].title,
        f"Reçue le : {notification.received_on:%d/%m/%Y}", "Document manquant : Justificatif d'identité",
        "Les dates à respecter",
        "Vos consentements", "Consentement n° 1", "Consentement n° 2",
        "Manière : Oral, la personne présente", "Durée : 3 mois, jusqu'au 06/03/2027",
        "Retiré : oui, le 06/12/2026 à 9 h 30", "Retiré : non",
        "Le journal du dossier", "Dossier créé", "Consentement retiré — par Camille Martin "
        "(application)",
        "Vos droits", "Faire corriger une erreur", "Retirer votre consentement",
        "« Effacer cette personne »",
        "Où sont ces données", "ses données ne sont pas chiffrées",
    ):
        assert words in whole, words
    for attached in files:  # names, sizes, dates; never the content
        assert f"{attached.original_name} — {format_size(attached.size)} — ajouté le" in whole
    assert all(LOCAL in text for text in texts) and len(texts) >= 2
    # The journal: made, and exported (always: it is made to be handed over).
    assert [e.action for e in journal[-2:]] == ["pdf_made", "pdf_exported"]
    assert journal[-1].details["document"] == "donnees"


HOSTILE = "[bold]gras[/] [/] \x1b]0;titre\x07fin"
LONG = "A" * 2000


def test_hostile_text_is_printed_literally_without_breaking_the_layout(tmp_path):
    from anef_tui.domain.catalogue import load_procedure

    procedure = load_procedure("premiere_demande")
    step = next(s for s in procedure.steps if sum(f.type == "text" for f in s.fields()) > 1)
    texts_fields = [f for f in step.fields() if f.type == "text"]
    with DossierStore(tmp_path / "d", clock=lambda: NOW) as store:
        dossier = store.create("premiere_demande", applicant_name="[red]NOM[/]")
        store.save_step(dossier, step.id,
                        {texts_fields[0].id: HOSTILE, texts_fields[1].id: LONG},
                        next_step=None)
        data = _issue(store, dossier).read_bytes()
    texts = pages(data)
    whole = " ".join(texts)
    assert "Personne : [red]NOM[/]" in whole
    # The store drops the whole escape sequence (`controls.clean_data`); nothing of it shows.
    assert f"{texts_fields[0].label} : [bold]gras[/] [/] fin" in whole
    assert "\x1b" not in whole and "\x07" not in whole and "[U+001B]" not in whole
    assert LONG in "".join(whole.split())  # all 2,000 letters, wrapped
    assert f"{texts_fields[1].label} :" in whole
    assert all(LOCAL in text for text in texts)
    # The sections after the long value are still there, each page has its footer.
    assert "Vos droits" in whole and "Où sont ces données" in whole
    assert all(f"Page {n}/{len(texts)}" in text for n, text in enumerate(texts, 1))


def test_encrypted_folder_keeps_it_sealed_and_exports_plaintext_only_to_exports(tmp_path):
    folder = tmp_path / "coffre"
    key = fill_encrypted_demo_folder(folder)
    before = {p for p in folder.rglob("*") if p.is_file()}
    with DossierStore(folder, clock=frozen_clock, key=key) as store:
        dossier = next(s.id for s in store.list() if s.applicant_name == "GUIDE Malade")
        path = _issue(store, dossier)
    made = {p for p in folder.rglob("*") if p.is_file()} - before
    kept = folder / "documents" / f"donnees-{dossier:04d}.pdf"
    assert path == folder / "exports" / f"donnees-{dossier:04d}-GUIDE-Malade.pdf"
    assert {p for p in made if not p.name.startswith("anef-tui.db")} == {kept, path}
    assert not kept.read_bytes().startswith(b"%PDF") and b"GUIDE" not in kept.read_bytes()
    whole = " ".join(pages(path.read_bytes()))
    assert "Personne : GUIDE Malade" in whole
    assert "Ces données sont chiffrées" in whole and "ne sont pas chiffrées" not in whole
