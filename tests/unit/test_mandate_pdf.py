"""Issue 24: the « Mandat / consentement » sheet, read back with pypdf — plain French, the
démarche, the duration, the local-preparation notice on every page; kept like the other
PDFs (sealed and exported in an encrypted folder) and its sha256 recorded."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime

from anef_tui.domain.consent import ConsentTerms
from anef_tui.domain.procedure_index import procedure_index
from anef_tui.store.consents import ConsentStore
from anef_tui.store.dossiers import DossierStore

NOW = datetime(2026, 12, 6, 9, 0)


def pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [" ".join((p.extract_text() or "").split())
            for p in PdfReader(io.BytesIO(data)).pages]


def test_the_sheet_says_who_what_how_long_and_how_to_withdraw(tmp_path):
    from anef_tui.documents.mandat import issue_mandate

    with DossierStore(tmp_path / "d", clock=lambda: NOW) as store:
        dossier = store.create("renouvellement", applicant_name="DIALLO Awa",
                               consent=ConsentTerms("formulaire_signe", 6))
        consent = ConsentStore(store.database).current(dossier)
        assert consent is not None
        label = procedure_index()["renouvellement"].short_label
        path = issue_mandate(store, consent, label)
        data = path.read_bytes()
        assert path.name == f"mandat-{dossier:04d}-DIALLO-Awa.pdf"
        assert ConsentStore(store.database).current(dossier).mandate_sha256 == \
            hashlib.sha256(data).hexdigest()
    texts = pages(data)
    whole = " ".join(texts)
    for words in ("DIALLO Awa", label, "6 mois", "06/06/2027 à 9 h 00",
                  "Formulaire « Mandat / consentement » signé", "Retirer votre consentement",
                  "effacées", "La personne accompagnée (nom et signature)",
                  "Le travailleur social (nom, structure et signature)",
                  "sur cet ordinateur seulement",
                  # What the worker can do for the person (issue 24 items 3 and 5).
                  "« Effacer cette personne »", "y compris dans ses sauvegardes",
                  "« Ce que anef-tui sait de vous »"):
        assert words in " ".join(whole.split()), words
    assert all("Document préparé localement avec anef-tui le 06/12/2026" in t for t in texts)


def test_in_an_encrypted_folder_it_is_sealed_and_exported(tmp_path):
    from anef_tui.documents.mandat import issue_mandate
    from tests.vault_helpers import make_vault

    folder = tmp_path / "coffre"
    key = make_vault(folder).key
    with DossierStore(folder, clock=lambda: NOW, key=key) as store:
        dossier = store.create("premiere_demande", applicant_name="SECRET Nom",
                               consent=ConsentTerms("oral", 0))
        consent = ConsentStore(store.database).current(dossier)
        assert consent is not None
        path = issue_mandate(store, consent, "Première demande")
        assert path.parent == folder / "exports"
        assert "un jour" in " ".join(pages(path.read_bytes()))
        kept = list((folder / "documents").iterdir())
        assert [p.name for p in kept] == [f"mandat-{dossier:04d}.pdf"]
        assert b"SECRET" not in kept[0].read_bytes()
        # Journalled as every PDF the app makes: made, and exported in plain to print.
        from anef_tui.store.journal.reading import dossier_entries

        done = [(e.action, e.details.get("document")) for e in
                dossier_entries(store.database, dossier)][-2:]
        assert done == [("pdf_made", "mandat"), ("pdf_exported", "mandat")]


def test_where_the_data_is_kept_is_said_truly_on_both_engines(tmp_path, store_base, store_key):
    """The sheet the person signs, and « Ce que anef-tui sait de vous », say where their
    data is: on a structure's server (issue 25) not « sur cet ordinateur seulement » (they
    said so, seen by hand in tmux), but the structure's base, who reads what there, and
    that the backups are the server administrator's."""
    from anef_tui.documents.donnees import issue_donnees
    from anef_tui.documents.mandat import issue_mandate

    with DossierStore(tmp_path / "poste", clock=lambda: NOW, base=store_base,
                      key=store_key) as store:
        dossier = store.create("renouvellement", applicant_name="DIALLO Awa",
                               consent=ConsentTerms("formulaire_signe", 6))
        consent = ConsentStore(store.database).current(dossier)
        assert consent is not None
        mandate = " ".join(pages(issue_mandate(store, consent, "Renouvellement").read_bytes()))
        donnees = " ".join(pages(issue_donnees(store, dossier, now=NOW).read_bytes()))
    for whole in (mandate, donnees):
        if store_base is None:
            assert "sur cet ordinateur seulement" in whole
            assert "serveur" not in whole
        else:
            assert "sur cet ordinateur seulement" not in whole
            assert "dans la base de la structure, sur son serveur" in whole
            assert "l'administrateur du serveur peut lire" in whole
            assert "chiffrés sur cet ordinateur avant d'être envoyés" in whole
    if store_base is not None:
        assert "y compris dans ses sauvegardes" not in mandate
        assert "sauvegardes faites par l'administrateur du serveur" in mandate


def test_donnees_says_who_keeps_and_where_erased_truly_on_both_engines(
        tmp_path, store_base, store_key):
    """« Ce que anef-tui sait de vous » on a structure's server said « Le travailleur social
    qui vous accompagne, sur cet ordinateur » and « supprimés de cet ordinateur »: the
    structure's base, there. (« fait … sur cet ordinateur » and « chiffrés sur cet
    ordinateur » stay: both are true on a server.)"""
    from anef_tui.documents.donnees import issue_donnees

    with DossierStore(tmp_path / "poste", clock=lambda: NOW, base=store_base,
                      key=store_key) as store:
        dossier = store.create("renouvellement", applicant_name="DIALLO Awa")
        donnees = " ".join(pages(issue_donnees(store, dossier, now=NOW).read_bytes()))
    here = ("Le travailleur social qui vous accompagne, sur cet ordinateur",
            "sont alors supprimés de cet ordinateur")
    there = ("Les travailleurs sociaux de la structure qui vous accompagne, dans la base "
             "de la structure", "sont alors supprimés de la base de la structure, sur son "
             "serveur")
    said, unsaid = (here, there) if store_base is None else (there, here)
    for phrase in said:
        assert phrase in donnees
    for phrase in unsaid:
        assert phrase not in donnees
