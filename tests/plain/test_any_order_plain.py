"""Issue 22 in the plain mode (`anef-tui texte`) and the CLI `liste`: the guide's own sequence
of notifications (seed 000: a « Demande de complément », the blank medical certificate form
the next day, then an attestation de prolongation) is recorded without a refusal, and the
dossier's states and deadlines are said together, as the full-screen app shows them; the
OFII's request and a favourable decision's tasks are recorded with their deadlines."""

from __future__ import annotations

from anef_tui.cli import main
from anef_tui.demo import fill_demo
from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock
from tests.plain.helpers import plain

STATES = "Complément demandé, Certificat médical à envoyer, Instruction prolongée"
RENEWAL_DOCUMENTS = 5  # the renewal's document slots, asked in turn by a complément's form


def demo(data_dir) -> None:
    store = DossierStore(data_dir, clock=frozen_clock)
    fill_demo(store)
    store.close()


def guide_sequence() -> list[str]:
    """GUIDE Malade (dossier 1, filed on 19/11/2026): its confirmation menu, then the three
    notifications as the guide has them, each on its day (today is 22/11/2026)."""
    return [
        "1",  # open GUIDE Malade: its confirmation and what comes after
        "4", "1", "20/11/2026", "20/11/2026",  # « Demande de complément », read that day
        "2", "Copie illisible", *[""] * (RENEWAL_DOCUMENTS - 1),  # one document non valide
        "4", "2", "21/11/2026", "", "",  # the certificate form, the next day
        "4", "3", "22/11/2026", "22/11/2026", "22/11/2026", "21/02/2027",  # the attestation
    ]


def test_the_guides_sequence_in_the_plain_mode_and_the_cli(data_dir, capsys):
    demo(data_dir)
    out = plain(data_dir, [
        *guide_sequence(),
        "3",  # « Mes notifications »: the three, each with its deadline
        "",  # back to the confirmation menu
        "5",  # « Retour à Mes dossiers »
        "liste", "echeances", "", ":quitter",
    ])
    assert "ne peut pas passer" not in out
    assert "Notification enregistrée : Mise à disposition de votre formulaire vierge de " \
           "certificat médical." in out
    assert "Notification enregistrée : Notification de prolongation de l'instruction." in out
    assert f"État : {STATES}" in out
    assert f"Mes Notifications : 3. État du dossier : {STATES}" in out
    for due in ("20/12/2026 (dans 28 jours) : Répondre au complément",
                "21/12/2026 (dans 29 jours) : Envoyer le certificat médical à l'OFII",
                "21/02/2027 (dans 91 jours) : Fin de la prolongation"):
        assert f"   Échéance : {due}" in out, due
        assert f"GUIDE Malade, dossier 1 : {due}" in out, due  # « Échéances »
    assert f"Dossier 1 : GUIDE Malade, Renouvellement, {STATES}." in out
    # The CLI says the same: one line per state under the first, the next deadline.
    assert main(["--data-dir", str(data_dir), "liste"]) == 0
    listing = capsys.readouterr().out.splitlines()
    [row] = [i for i, line in enumerate(listing) if "GUIDE Malade" in line]
    assert "Complément demandé" in listing[row] and "20/12/2026 Répondre au complément" in listing[row]
    assert listing[row + 1].strip() == "Certificat médical à envoyer"
    assert listing[row + 2].strip() == "Instruction prolongée"
    column = listing[row].index("Complément demandé")
    assert listing[row + 1].index("Certificat") == listing[row + 2].index("Instruction") == column
    assert main(["--data-dir", str(data_dir), "liste", "--json"]) == 0
    import json

    [guide] = [d for d in json.loads(capsys.readouterr().out) if d["applicant"] == "GUIDE Malade"]
    assert guide["states"] == ["complement_demande", "certificat_medical",
                               "instruction_prolongee"]
    assert guide["status"] == "complement_demande"


def test_the_ofii_steps_and_the_decisions_tasks_in_the_plain_mode(data_dir):
    """The OFII doctor's request (15 days), its two convocations as two dates, then after a
    favourable decision the timbre fiscal and the card: each said with its deadline."""
    demo(data_dir)
    out = plain(data_dir, [
        "1",
        "4", "2", "10/11/2026", "", "",  # the certificate form
        "3", "1",  # « Mes notifications », open it (the only one): its checklist
        "", "",  # certificate, consent
        "12/11/2026",  # the envelope sent
        "20/11/2026", "",  # the OFII doctor asked for more on 20/11; nothing sent yet
        "01/12/2026", "15/12/2026",  # the OFII doctor's convocation, the collège's
        "",  # back to the confirmation menu
        "4", "4", "22/11/2026", "", "1", "", "", "",  # a favourable decision, today
        "3", "1", "1",  # « Mes notifications », open the decision (the newest)
        "", "30/01/2027", "",  # no timbre yet; the rendez-vous; the card not collected
        "",  # no official document
        "", "5", ":quitter",
    ])
    before, after = out.split("Notification enregistrée : Notification de décision.", 1)
    assert "Si le médecin de l'OFII a besoin de plus d'informations : demande reçue — le " \
           "(JJ/MM/AAAA)" in before
    assert "Convocation du collège de médecins pour une visite médicale, date (s'il y en a " \
           "une) — le (JJ/MM/AAAA)" in before
    assert "État : Certificat médical envoyé" in before
    # « Mes notifications » again, after the checklist: each deadline it gives, its own.
    for due in ("05/12/2026 (dans 13 jours) : Répondre au médecin de l'OFII",
                "01/12/2026 (dans 9 jours) : Convocation du médecin de l'OFII",
                "15/12/2026 (dans 23 jours) : Convocation du collège de médecins"):
        assert f"   Échéance : {due}" in before, due
    assert "Prochaine échéance : 01/12/2026 (dans 9 jours) : Convocation du médecin de " \
           "l'OFII" in before
    # After the decision: the certificate's deadlines end, its tasks are said.
    assert "État : Décision favorable" in after
    assert "Prochaine échéance : sans date : Acheter le timbre fiscal (225 €)" \
        in after
    assert "Aide anef-tui : après la décision favorable, d'après l'attestation : achetez au " \
           "préalable le timbre électronique de 225 €" in after
    assert "• sans date : Acheter le timbre fiscal (225 €)" in after
    assert "• sans date : Retirer le titre en préfecture" in after
    assert "Suivi après la décision enregistré." in after
    # The rendez-vous dates the card: dated, it comes before the undated timbre.
    assert "Prochaine échéance : 30/01/2027 (dans 69 jours) : Retirer le titre en préfecture" \
        in after
    store = DossierStore(data_dir, clock=frozen_clock)
    try:
        from anef_tui.store.deadlines import DeadlineIndex

        due = [(d.date and d.date.isoformat(), d.code)
               for d in DeadlineIndex(store).of_dossier(1, frozen_clock().date())]
        assert due == [("2027-01-30", "retrait_titre"), (None, "timbre_fiscal")]
    finally:
        store.close()


def test_the_anefs_filing_confirmation_is_attached_in_the_plain_mode(data_dir, tmp_path):
    """The official PDF of the filing, downloaded from the ANEF, kept with the dossier from
    its confirmation menu, and said with its references (issue 22)."""
    from fpdf import FPDF

    pdf = tmp_path / "confirmation-depot.pdf"
    document = FPDF()
    document.add_page()
    document.output(str(pdf))
    demo(data_dir)
    out = plain(data_dir, [
        "1",
        "7",  # « Joindre la confirmation de dépôt délivrée par l'ANEF »
        "1", str(pdf),  # « Joindre un fichier », its path
        "",  # done
        "5", ":quitter",
    ])
    assert "7. Joindre la confirmation de dépôt délivrée par l'ANEF" in out
    assert "Confirmation de dépôt délivrée par l'ANEF : aucun fichier joint." in out
    assert "Aide anef-tui : la confirmation de dépôt que délivre l'ANEF" in out
    after = out.split("Fichier « confirmation-depot.pdf » joint", 1)[1]
    # Listed with the dossier's references, each time its confirmation is said.
    assert ("État : Déposée\nConfirmation de dépôt délivrée par l'ANEF :\n"
            "1. confirmation-depot.pdf\nQue voulez-vous faire ?") in after
    store = DossierStore(data_dir, clock=frozen_clock)
    try:
        from anef_tui.store.attachments import AttachmentStore

        assert [a.original_name for a in AttachmentStore(store).list(1, "officiel:depot")] == [
            "confirmation-depot.pdf"]
    finally:
        store.close()
