"""The PDFs anef-tui makes: confirmation, « Liste des documents justificatifs à fournir »,
« Récapitulatif de la demande », and the `anef-tui pdf` command body.

Each PDF is read back with pypdf; whitespace is normalised before comparing, since text
extraction splits lines where the layout wraps them.
"""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from anef_tui.documents import KINDS, ascii_slug, default_filename, make_pdf
from anef_tui.documents.cli_pdf import run
from anef_tui.documents.confirmation import confirmation_pdf
from anef_tui.documents.layout import notice_text
from anef_tui.documents.liste import documents_list_pdf
from anef_tui.documents.recapitulatif import recapitulatif_pdf
from anef_tui.domain.catalogue import load_procedure
from anef_tui.store.attachments import Attachment
from anef_tui.store.dossiers import DossierRecord, DossierStore
from tests.store_helpers import mark_filed

FILED_ON = date(2023, 10, 4)
NOTICE = notice_text(FILED_ON)

GUIDE_PROFILE = {
    "n_etranger": "5903007229",
    "n_titre": "9999999999",
    "date_debut_validite": "05/10/2022",
    "date_fin_validite": "04/10/2023",
    "nom_naissance": "GUIDE",
    "nom_usage": "",
    "prenoms": ["Malade"],
    "sexe": "Masculin",
    "date_naissance": "03/10/2000",
    "pays_naissance": "Mexique",
    "lieu_naissance": "Mexico",
    "nationalite": "Mexicaine",
    "adresse": "20 rue Nationale",
    "numero_voie": "20",
    "voie": "rue Nationale",
    "complement": "",
    "code_postal": "59000",
    "ville": "Lille",
    "pays": "France",
    "code_insee": "59350",
    "email": "guideem@yopmail.com",
}
GUIDE_STEP1 = {
    **{k: v for k, v in GUIDE_PROFILE.items() if k not in ("n_etranger", "n_titre")},
    "telephone": "01 02 03 04 05",
}
MOTIF_SINGLE = {
    "situation_familiale": "Célibataire",
    "enfants_charge": "Non",
    "attestation_polygamie": True,
    "attestation_sanctions": True,
}
JUSTIFICATIFS = {
    "ephoto": "1234567890123456789012",
    "ephoto_confirmation": "1234567890123456789012",
}
OBSERVATIONS = "Loyer de 450 € versé chaque mois à l’hébergeant, 3 rue de l'Œuvre."


def pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def pdf_text(data: bytes) -> str:
    return " ".join(pdf_pages(data))


@pytest.fixture
def store(tmp_path: Path):
    s = DossierStore(tmp_path / "donnees", clock=lambda: datetime(2023, 10, 4, 9, 0))
    yield s
    s.close()


def renewal(
    store: DossierStore,
    *,
    filed: bool = True,
    step1: dict | None = None,
    motif: dict | None = None,
    observations: str = OBSERVATIONS,
) -> DossierRecord:
    step1 = step1 or GUIDE_STEP1
    # As in the app: « Mon titre actuel » is typed once and step 1 copies it.
    profile = {**GUIDE_PROFILE, **{k: v for k, v in step1.items() if k in GUIDE_PROFILE}}
    dossier_id = store.create("renouvellement", applicant_name="GUIDE Malade")
    store.save_step(dossier_id, "titre_actuel", profile, next_step=None)
    store.save_step(dossier_id, "informations_personnelles", step1, next_step="motif_sejour")
    store.save_step(dossier_id, "motif_sejour", motif or MOTIF_SINGLE, next_step="justificatifs")
    store.save_step(dossier_id, "justificatifs", JUSTIFICATIFS, next_step="depot")
    store.save_step(dossier_id, "depot", {"observations": observations}, next_step="confirmation")
    if filed:
        mark_filed(store, dossier_id, numero_demande="5901202310040000310", filed_at="2023-10-04T10:00:00")
    return store.get(dossier_id)


def first_application(store: DossierStore) -> DossierRecord:
    dossier_id = store.create("premiere_demande", applicant_name="GUIDE Malade")
    store.save_step(
        dossier_id,
        "situation",
        {
            "situation": "Je suis un ressortissant étranger résidant habituellement en France et "
            "mon état de santé nécessite une prise en charge médicale exceptionnelle"
        },
        next_step="informations_personnelles",
    )
    step2 = {
        **{k: v for k, v in GUIDE_STEP1.items() if k != "nationalite"},
        "date_naissance": "02/04/2000",
        "nationalites": ["Mexicaine"],
        "code_postal": "59800",
        "email": "guideemx@yopmail.com",
    }
    store.save_step(dossier_id, "informations_personnelles", step2, next_step="motif_sejour")
    store.save_step(
        dossier_id,
        "motif_sejour",
        {**MOTIF_SINGLE, "date_entree": "01/09/2021"},
        next_step="justificatifs",
    )
    mark_filed(store, dossier_id, numero_demande="5901202310050000316", filed_at="2023-10-05T09:30:00")
    return store.get(dossier_id)


def attachment(n: int, slot_id: str, name: str, fmt: str, size: int, pages: int | None):
    return Attachment(
        id=n,
        dossier_id=1,
        slot_id=slot_id,
        sha256=f"{n:064x}",
        original_name=name,
        format=fmt,
        size=size,
        pages=pages,
        warnings=(),
        added_at="2023-10-03T18:00:00",
        stored_path=Path("/nonexistent") / name,
        position=n,
    )


# --- confirmation ------------------------------------------------------------------------------


def test_confirmation_renewal_has_the_seed_text(store):
    record = renewal(store)
    proc = load_procedure("renouvellement")
    text = pdf_text(confirmation_pdf(proc, record, issued=FILED_ON))
    for expected in (
        "CONFIRMATION DU DÉPÔT D'UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR",
        "VOS RÉFÉRENCES :",
        "Identifiant (N° étranger) : 5903007229",
        "N° de la demande : 5901202310040000310",
        "DATE D'ÉMISSION : 04/10/2023",
        "Nom de naissance : GUIDE",
        "Nom d'usage : Prénom : MALADE",  # empty « Nom d'usage », as in the seed
        "Né(e) le : 03/10/2000",
        "A : MEXICO, MEXIQUE",
        "Nationalité : MEXICAINE",
        "Adresse : 20 RUE NATIONALE 59000 LILLE FRANCE",
        "Le 04/10/2023, vous avez déposé avec succès une demande de titre de séjour qui sera "
        "examinée par la préfecture compétente.",
        "Ce document constitue la preuve de dépôt de votre demande.",
        "Il ne constitue pas une preuve de régularité du séjour et ne permet pas l'ouverture de "
        "droits associés à un séjour régulier.",
        "Ce document n'autorise pas le franchissement des frontières de l'espace Schengen.",
        "Vous serez informé(e) de l'avancement et de la suite donnée à votre démarche par un "
        "courrier électronique vous invitant à vous connecter à votre espace personnel.",
        NOTICE,
        "Page 1/1",
    ):
        assert expected in text, expected


def test_confirmation_dates_are_the_filing_date_not_the_printing_date(store):
    """The guide prints the filing date as « DATE D'ÉMISSION » (issue 13); only the local
    notice carries the day the PDF is printed."""
    record = renewal(store)
    proc = load_procedure("renouvellement")
    text = pdf_text(confirmation_pdf(proc, record, issued=date(2024, 1, 15)))
    assert "DATE D'ÉMISSION : 04/10/2023" in text
    assert "15/01/2024" not in text.replace(notice_text(date(2024, 1, 15)), "")
    assert "Le 04/10/2023, vous avez déposé avec succès" in text
    assert notice_text(date(2024, 1, 15)) in text


def test_confirmation_first_application_has_an_empty_identifiant(store):
    record = first_application(store)
    proc = load_procedure("premiere_demande")
    text = pdf_text(make_pdf("confirmation", proc, record, [], today=date(2023, 10, 5)))
    assert "CONFIRMATION DU DÉPÔT D'UNE PRÉ-DEMANDE" in text
    assert "RENOUVELLEMENT" not in text
    assert "Identifiant (N° étranger) : N° de la demande : 5901202310050000316" in text
    assert "DATE D'ÉMISSION : 05/10/2023" in text
    assert "Né(e) le : 02/04/2000" in text
    assert "Nationalité : MEXICAINE" in text
    assert "Adresse : 20 RUE NATIONALE 59800 LILLE FRANCE" in text
    assert "Le 05/10/2023, vous avez déposé avec succès" in text


def test_confirmation_of_a_draft_is_refused(store):
    record = renewal(store, filed=False)
    proc = load_procedure("renouvellement")
    with pytest.raises(ValueError, match="pas encore déposé"):
        confirmation_pdf(proc, record, issued=FILED_ON)
    with pytest.raises(ValueError, match="pas encore déposé"):
        make_pdf("confirmation", proc, record, [], today=FILED_ON)


def test_unicode_survives_upper_case_and_extraction(store):
    step1 = {
        **GUIDE_STEP1,
        "nom_usage": "Lefèvre",
        "adresse": "3 rue de l'Œuvre",
        "numero_voie": "3",
        "voie": "rue de l'Œuvre",
        "complement": "Résidence du Cœur",
        "code_postal": "13002",
        "ville": "Marseille",
    }
    record = renewal(store, step1=step1)
    proc = load_procedure("renouvellement")
    text = pdf_text(confirmation_pdf(proc, record, issued=FILED_ON))
    assert "Nom d'usage : LEFÈVRE" in text
    assert "Adresse : 3 RUE DE L'ŒUVRE RÉSIDENCE DU CŒUR 13002 MARSEILLE FRANCE" in text

    recap = pdf_text(recapitulatif_pdf(proc, record, [], prepared_on=FILED_ON))
    assert "Voie : rue de l'Œuvre" in recap
    assert "Complément d'adresse : Résidence du Cœur" in recap
    assert "Loyer de 450 € versé chaque mois à l’hébergeant, 3 rue de l'Œuvre." in recap
    for char in "œŒ’€éèÉ":
        assert char in recap, char


# --- liste ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("procedure_id", "title"),
    [
        ("renouvellement", "DEMANDE DE TITRE DE SÉJOUR VIE PRIVÉE ET FAMILIALE - ÉTRANGER MALADE"),
        (
            "premiere_demande",
            "PRÉ-DEMANDE DE TITRE DE SÉJOUR VIE PRIVÉE ET FAMILIALE - ÉTRANGER MALADE",
        ),
    ],
)
def test_documents_list_has_every_entry_and_the_rules(procedure_id, title):
    proc = load_procedure(procedure_id)
    pages = pdf_pages(documents_list_pdf(proc, prepared_on=FILED_ON))
    text = " ".join(pages)
    assert title in text
    assert "Liste des documents justificatifs à fournir" in text
    assert (
        "Vous devez respecter les formats suivants : .jpg, .pdf, .png, .bmp, .tiff et ne pas "
        "dépasser 10Mo par fichier." in text
    )
    for entry in proc.documents_list:
        assert entry.section in text
        assert entry.title in text
        for group in entry.accepted:
            for part in [group.heading, group.lead, *group.items]:
                if part:
                    assert part in text, part
    assert "Photographie d'identité récente - Numéro EPhoto" in text
    assert "Formats acceptés : .jpg, .png, .pdf, .tiff, .bmp." in text
    assert "Taille maximale : 10 Mo par fichier." in text
    assert (
        "3 fichiers maximum par document, sauf « Justificatif de résidence habituelle » : "
        "6 fichiers maximum." in text
    )
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert NOTICE in page
        assert f"Page {number}/{len(pages)}" in page


# --- récapitulatif ----------------------------------------------------------------------------


def many_attachments() -> list[Attachment]:
    files = [
        attachment(1, "justificatif_nationalite", "passeport.pdf", "pdf", 1_200_000, 2),
        attachment(2, "justificatif_domicile", "facture-électricité.jpg", "jpeg", 35_000, None),
    ]
    for n in range(6):
        files.append(
            attachment(
                10 + n,
                "justificatif_residence",
                f"releve-bancaire-{2022 + n // 3}-{n + 1:02d}.pdf",
                "pdf",
                512_000 + n,
                3,
            )
        )
    return files


def test_recapitulatif_filed_renewal(store):
    motif = {
        "situation_familiale": "Marié(e)",
        "date_union": "12/06/2019",
        "pays_union": "France",
        "enfants_charge": "Oui",
        "enfants_conjoint": "Non",
        "attestation_polygamie": True,
        "attestation_sanctions": True,
    }
    step1 = {**GUIDE_STEP1, "prenoms": ["Malade", "José"]}
    record = renewal(store, motif=motif, step1=step1)
    proc = load_procedure("renouvellement")
    pages = pdf_pages(recapitulatif_pdf(proc, record, many_attachments(), prepared_on=FILED_ON))
    text = " ".join(pages)
    for expected in (
        "Récapitulatif de la demande",
        "État du dossier : Déposée",
        "N° de la demande : 5901202310040000310",
        "Déposée le : 04/10/2023",
        "Identifiant (N° étranger) : 5903007229",
        "1. Informations personnelles",
        "ÉTAT CIVIL",
        "Nom de naissance : GUIDE",
        "Nom d'usage (facultatif) : —",
        "Prénom(s) : Malade, José",
        "Date de naissance : 03/10/2000",
        "Nationalité : Mexicaine",
        "Téléphone : 01 02 03 04 05",
        "2. Motif de séjour",
        "Quelle est votre situation familiale actuelle ? Marié(e)",
        "Date de début de l'union : 12/06/2019",
        "Pays de l'union : France",
        "Avez-vous des enfants à votre charge ? Oui",
        "Avez-vous des enfants à la charge de votre conjoint ? Non",
        "Ne pas vivre en France en état de polygamie, même si mon pays d'origine l'autorise. Oui",
        "3. Justificatifs",
        "Numéro ephoto (22 chiffres) : 1234567890123456789012",
        "Justificatif de nationalité",
        "passeport.pdf — PDF, 1,2 Mo, 2 pages",
        "facture-électricité.jpg — JPG, 35 Ko",
        "releve-bancaire-2022-01.pdf — PDF, 512 Ko, 3 pages",
        "releve-bancaire-2023-06.pdf — PDF, 512 Ko, 3 pages",
        "4. Dépôt de la demande",
        "Observations à destination de l'administration",
        OBSERVATIONS,
    ):
        assert expected in text, expected
    # The observations come last.
    assert text.index(OBSERVATIONS) > text.index("releve-bancaire-2023-06.pdf")
    assert "5. Confirmation" not in text
    # Long enough for two pages: the notice and the page number are on every one.
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert NOTICE in page
        assert f"Page {number}/{len(pages)}" in page


def test_read_only_etat_civil_comes_from_the_current_title(store):
    """Step 1 of a renewal is read-only: a stale copy never wins over « Mon titre actuel »."""
    record = renewal(store, filed=False)
    store.save_step(
        record.id,
        "informations_personnelles",
        {**GUIDE_STEP1, "nom_naissance": "ANCIEN"},
        next_step=None,
    )
    mark_filed(store, record.id, numero_demande="5901202310040000310", filed_at="2023-10-04T10:00:00")
    proc = load_procedure("renouvellement")
    record = store.get(record.id)
    confirmation = pdf_text(confirmation_pdf(proc, record, issued=FILED_ON))
    recap = pdf_text(recapitulatif_pdf(proc, record, [], prepared_on=FILED_ON))
    assert "ANCIEN" not in confirmation and "Nom de naissance : GUIDE" in confirmation
    assert "ANCIEN" not in recap and "Nom de naissance : GUIDE" in recap
    # The current title's own values (not copied by any step) are summarised once.
    assert "Mon titre actuel" in recap
    assert "N° de votre visa ou de votre titre de séjour : 9999999999" in recap
    assert "Date de fin de validité : 04/10/2023" in recap
    assert "Confirmer le numéro ephoto" not in recap  # repeats the e-photo number


def test_recapitulatif_of_a_draft_hides_conditional_fields(store):
    record = renewal(store, filed=False, observations="")
    proc = load_procedure("renouvellement")
    text = pdf_text(recapitulatif_pdf(proc, record, [], prepared_on=FILED_ON))
    assert "État du dossier : En cours de saisie" in text
    assert "N° de la demande" not in text
    assert "Quelle est votre situation familiale actuelle ? Célibataire" in text
    assert "Date de début de l'union" not in text  # hidden unless Marié(e) / Pacsé(e)
    assert "à la charge de votre conjoint" not in text  # hidden unless Marié(e)
    assert "Avoir connaissance des sanctions pénales" in text
    assert "Justificatif de domicile datant de moins de 6 mois Aucun fichier" in text
    assert "Justificatif de résidence habituelle Aucun fichier" in text
    assert "Observations à destination de l'administration —" in text


def test_recapitulatif_first_application_steps_not_saved(store):
    dossier_id = store.create("premiere_demande", applicant_name="BENALI Zoé")
    record = store.get(dossier_id)
    proc = load_procedure("premiere_demande")
    text = pdf_text(recapitulatif_pdf(proc, record, [], prepared_on=FILED_ON))
    assert "1. Votre situation Étape pas encore enregistrée." in text
    assert "Justificatif d'identité Aucun fichier" in text
    assert "Demandeur : BENALI Zoé" in text


@pytest.mark.parametrize("procedure", ["renouvellement", "premiere_demande"])
def test_recapitulatif_headings_have_no_star(store, procedure):
    """Issue 21: the site's « * » (a field to fill) is not printed in the récapitulatif's
    headings; the titles are otherwise the site's, verbatim."""
    record = renewal(store) if procedure == "renouvellement" else first_application(store)
    proc = load_procedure(procedure)
    text = pdf_text(recapitulatif_pdf(proc, record, many_attachments(), prepared_on=FILED_ON))
    assert "*" not in text
    for slot in proc.all_slots():
        if slot.required and slot.shown_on_screen:
            assert slot.title in text


def test_recapitulatif_has_no_medical_wording(store):
    record = renewal(store)
    proc = load_procedure("renouvellement")
    text = pdf_text(recapitulatif_pdf(proc, record, many_attachments(), prepared_on=FILED_ON))
    for word in ("diagnostic", "traitement", "pathologie", "certificat médical", "OFII"):
        assert word.casefold() not in text.casefold(), word


# --- shared: determinism, metadata, file names, kinds -------------------------------------------


def test_same_inputs_give_identical_bytes(store):
    record = renewal(store)
    proc = load_procedure("renouvellement")
    files = many_attachments()
    for kind in KINDS:
        first = make_pdf(kind, proc, record, files, today=FILED_ON)
        second = make_pdf(kind, proc, record, files, today=FILED_ON)
        assert first == second, kind
        assert first.startswith(b"%PDF-")
    other_day = make_pdf("liste", proc, record, files, today=date(2023, 10, 5))
    assert other_day != make_pdf("liste", proc, record, files, today=FILED_ON)


def test_metadata(store):
    from pypdf import PdfReader

    record = renewal(store)
    proc = load_procedure("renouvellement")
    meta = PdfReader(
        io.BytesIO(make_pdf("confirmation", proc, record, [], today=FILED_ON))
    ).metadata
    assert meta.title == proc.confirmation_title
    assert meta.creator == "anef-tui"
    assert meta.creation_date.date() == FILED_ON


def test_default_filename(store):
    record = renewal(store, filed=False)
    assert default_filename("confirmation", record) == "confirmation-0001-GUIDE-Malade.pdf"
    assert default_filename("liste", record) == "liste-0001-GUIDE-Malade.pdf"
    named = replace(
        record, summary=replace(record.summary, id=42, applicant_name="Zoé L’Œuvre / ß")
    )
    assert default_filename("recapitulatif", named) == "recapitulatif-0042-Zoe-L-OEuvre-ss.pdf"
    nameless = replace(record, summary=replace(record.summary, applicant_name=" ? "))
    assert default_filename("liste", nameless) == "liste-0001.pdf"
    assert ascii_slug("Ñúñez  Çé") == "Nunez-Ce"
    with pytest.raises(ValueError, match="inconnu"):
        default_filename("facture", record)


def test_unknown_kind(store):
    record = renewal(store)
    with pytest.raises(ValueError, match="Type de document inconnu"):
        make_pdf("facture", load_procedure("renouvellement"), record, [], today=FILED_ON)


def test_documents_package_stays_light():
    """Importing the document modules (as the app does) loads neither fpdf nor pypdf."""
    code = (
        "import anef_tui.documents, anef_tui.documents.layout, anef_tui.documents.confirmation, "
        "anef_tui.documents.liste, anef_tui.documents.recapitulatif, anef_tui.documents.cli_pdf\n"
        "import sys\nprint(' '.join(sorted(sys.modules)))"
    )
    modules = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.split()
    for heavy in ("fpdf", "pypdf", "fontTools", "textual"):
        assert heavy not in modules, heavy


# --- anef-tui pdf -----------------------------------------------------------------------------


def test_cli_writes_a_private_file(store, capsys):
    record = renewal(store)
    data_dir = store.data_dir
    code = run(data_dir, record.id, "confirmation", None, today=FILED_ON)
    out, err = capsys.readouterr()
    assert code == 0, err
    target = data_dir / "documents" / "confirmation-0001-GUIDE-Malade.pdf"
    assert out.strip() == str(target)
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(target.parent).st_mode) == 0o700
    assert "5901202310040000310" in pdf_text(target.read_bytes())
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary left


def test_cli_explicit_output_and_every_kind(store, tmp_path, capsys):
    record = renewal(store)
    for kind in KINDS:
        target = tmp_path / f"sortie-{kind}.pdf"
        assert run(store.data_dir, record.id, kind, target, today=FILED_ON) == 0
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
        assert target.read_bytes() == make_pdf(
            kind, load_procedure("renouvellement"), record, [], today=FILED_ON
        )
    capsys.readouterr()


def test_cli_errors_are_one_french_line(store, tmp_path, capsys):
    draft = renewal(store, filed=False)
    assert run(store.data_dir, 999, "recapitulatif", None, today=FILED_ON) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "aucun dossier n° 999" in err

    assert run(store.data_dir, draft.id, "confirmation", None, today=FILED_ON) == 1
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "pas encore déposé" in err
    assert not (store.data_dir / "documents" / "confirmation-0001-GUIDE-Malade.pdf").exists()

    assert run(store.data_dir, draft.id, "facture", None, today=FILED_ON) == 1
    assert "inconnu" in capsys.readouterr().err

    missing = tmp_path / "absent" / "sortie.pdf"
    assert run(store.data_dir, draft.id, "liste", missing, today=FILED_ON) == 1
    assert "impossible d'écrire" in capsys.readouterr().err


# --- complément answers ------------------------------------------------------------------


def _notification(procedure: str, data: dict):
    from anef_tui.store.followup import Notification

    return Notification(
        id=7, dossier_id=1, kind="complement", title="Demande de complément", domain="SEJOUR",
        received_on=date(2026, 11, 19), read_on=None, data=data, deadline=None,
        deadline_label=None, procedure=procedure,
    )


def test_complement_answer_renewal_document_by_document():
    from anef_tui.documents.complement import complement_answer_pdf

    notification = _notification("renouvellement", {
        "invalid": [
            {"slot_id": "justificatif_domicile", "title": "Justificatif de domicile",
             "file_name": "facture.png", "observations": "Illisible."},
            {"slot_id": "justificatif_residence", "title": "Justificatif de résidence habituelle",
             "file_name": "recu.png", "observations": "Trop ancien."},
        ],
        "missing": [{"slot_id": "justificatif_identite", "title": "Justificatif d'identité",
                     "observations": "Acte de naissance."}],
    })
    answer = {"sent_on": "2026-11-22", "data": {"invalid": {
        "justificatif_domicile": {"choice": "maintenir", "reason": "La copie comporte 2 pages"},
        "justificatif_residence": {"choice": "mettre_a_jour", "message": "Quittance d’octobre"},
    }}}
    files = {"justificatif_residence": ["quittance.png"], "justificatif_identite": ["acte.pdf"]}
    data = complement_answer_pdf("SILVA Mariana", "7501202611010000001", notification, answer,
                                 files, prepared_on=date(2026, 11, 22))
    text = pdf_text(data)
    for expected in (
        "RÉPONSE À LA DEMANDE DE COMPLÉMENT", "SILVA Mariana", "Réponse envoyée le : 22/11/2026",
        "Maintenir le Document", "La copie comporte 2 pages", "Mettre à jour le Document",
        "quittance.png", "Quittance d’octobre", "sont manquants", "acte.pdf",
    ):
        assert expected in text, expected
    for page in pdf_pages(data):
        assert notice_text(date(2026, 11, 22)) in page


def test_complement_first_application_lists_what_was_deposited():
    from anef_tui.documents.complement import complement_answer_pdf

    notification = _notification("premiere_demande", {
        "missing": [{"slot_id": "justificatif_identite", "title": "Justificatif d'identité",
                     "observations": ""}],
    })
    answer = {"sent_on": "2026-11-22", "data": {"invalid": {}, "missing": {
        "justificatif_identite": {"attached": True}}}}
    data = complement_answer_pdf("KOUASSI Awa", None, notification, answer,
                                 {"justificatif_identite": ["acte-integral.png"]},
                                 prepared_on=date(2026, 11, 22))
    text = pdf_text(data)
    assert "COMPLÉMENTS DÉPOSÉS" in text
    assert "Compléments déposés le : 22/11/2026" in text
    assert ("« JUSTIFICATIF_IDENTITE » (Document manquant) — Justificatif d'identité"
            in text)
    assert "veuillez joindre un autre document" in text
    assert "acte-integral.png" in text
    assert "Maintenir" not in text and "Votre réponse" not in text
    for page in pdf_pages(data):
        assert notice_text(date(2026, 11, 22)) in page
