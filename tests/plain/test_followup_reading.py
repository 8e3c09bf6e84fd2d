"""What the plain mode reads and keeps after (and just before) a filing, as the full-screen
app does: the certificate checklist ending « Envoyer le certificat médical à l'OFII » and
its deadline leaving « Échéances », a decision's text verbatim with its official document
kept, the 15-day prolongation warning, a sent complément read back, the unread filter,
the confirmation's texts (ameli.fr, the e-mail) and the « Liste des pièces » PDF before
filing — each through the real plain entry point."""

from __future__ import annotations

from anef_tui.plain.followup_store import FollowUp
from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock
from tests.plain.helpers import plain
from tests.plain.journeys import first_application, renewal, scan

CERTIFICATE = "Mise à disposition de votre formulaire vierge de certificat médical"
SEND = "Envoyer le certificat médical à l'OFII"


def _filed_renewal(tmp_path) -> list[str]:
    """A filed renewal, left on its confirmation menu (1 PDF, 2 N°, 3 Mes notifications,
    4 Enregistrer une notification reçue, 5 Retour à Mes dossiers, 6 Relire)."""
    return renewal(scan(tmp_path / "facture.png"), scan(tmp_path / "recepisse.png"))[:-1]


def test_the_certificate_checklist_ends_its_deadline_in_echeances(data_dir, tmp_path):
    out = plain(data_dir, [
        *_filed_renewal(tmp_path),
        "4", "Mise", "", "", "",  # recorded today, not read yet, no asylum date
        "5", "echeances", "1",  # « Échéances », open the dossier's notifications
        "1",  # the only notification: its texts, then the checklist
        "", "",  # certificate, consent: not yet
        "22/11/2026",  # « Enveloppe « secret médical » envoyée à l'OFII » today
        "", "",  # no request of the OFII doctor, nothing sent
        "", "",  # no convocation, of the OFII doctor nor of the collège de médecins
        "", "echeances", ":quitter",
    ])
    before, after = out.split("Suivi du certificat médical enregistré.", 1)
    assert ("1 échéance(s), la plus proche en premier :\n1. GUIDE Malade, dossier 1 : "
            f"22/12/2026 (dans 30 jours) : {SEND}\n") in before
    assert f"Aide anef-tui : à faire avant le 22/12/2026 (dans 30 jours) : {SEND}" in before
    # The notification's text and the OFII notice, verbatim.
    assert ("Vous disposez d'un délai d'un mois pour envoyer votre certificat renseigné par "
            "ce médecin à l'Office Français de l'Immigration et de l'Intégration (OFII).") in before
    assert "  • Informations sur votre dossier OFII : 01 53 69 53 90 — infoem@ofii.fr" in before
    assert ("Enveloppe « secret médical » envoyée à l'OFII — le (JJ/MM/AAAA) : actuellement "
            "aucune.\n> Enregistré.") in before
    assert "Aucune échéance : aucune notification en attente de réponse." in after
    assert SEND not in after
    store = DossierStore(data_dir, clock=frozen_clock)
    [row] = store.list()
    assert row.next_deadline is None
    [n] = FollowUp(store).notifications(row.id)
    assert n.data["checklist"]["enveloppe_envoyee"] == "2026-11-22"
    store.close()


def test_a_favourable_decision_read_verbatim_and_its_attestation_kept(data_dir, tmp_path):
    attestation = scan(tmp_path / "attestation.png")
    out = plain(data_dir, [
        *_filed_renewal(tmp_path),
        "4", "Notification de décision", "", "", "1", "", "", "",  # favourable, today
        "3", "1",  # Mes notifications, open it
        "", "", "",  # what is left to do after it: the timbre, the rendez-vous, the card
        "1", str(attestation), "",  # Joindre un fichier, then done
        "", "5", ":quitter",
    ])
    assert ("Vous devrez à cette occasion vous acquitter de 225 € correspondant au montant des "
            "taxes que vous réglerez par timbre électronique acheté au préalable en ligne, "
            "dans un bureau de tabac ou sur les bornes installées dans certains services "
            "fiscaux.") in out
    assert "ATTESTATION DE DÉCISION FAVORABLE" in out
    assert "Attestation de décision favorable : aucun fichier joint." in out
    assert ("Fichier « attestation.png » joint à « Attestation de décision favorable ».\n"
            "Attestation de décision favorable :\n1. attestation.png\n") in out
    store = DossierStore(data_dir, clock=frozen_clock)
    [row] = store.list()
    follow = FollowUp(store)
    [n] = follow.notifications(row.id)
    assert [a.original_name for a in follow.official_files(n.id)] == ["attestation.png"]
    store.close()


WARNING = ("Attention : l'attestation de prolongation d'instruction prend fin le {end} "
           "(dans {days} jours). Sans nouvelle attestation ni décision d'ici là, vérifiez "
           "votre espace ANEF.")


def _prolongation(data_dir, tmp_path, valid_until: str) -> str:
    return plain(data_dir, [
        *_filed_renewal(tmp_path),
        "4", "Notification de prolongation", "", "", "01/09/2026", valid_until,
        "3", "1", "", "", "5", "echeances", "", ":quitter",
    ])


def test_a_prolongation_ending_within_15_days_is_warned_of(data_dir, tmp_path):
    out = _prolongation(data_dir, tmp_path, "01/12/2026")
    warning = WARNING.format(end="01/12/2026", days=9)
    opened = out.split("Notification de prolongation de l'instruction\nReçue le", 1)[1]
    assert warning in opened.split("Cordialement", 1)[0]
    assert f"Échéances\nGUIDE Malade — {warning}\n" in out


def test_a_prolongation_ending_later_is_not_warned_of(data_dir, tmp_path):
    out = _prolongation(data_dir, tmp_path, "30/12/2026")
    assert "Aide anef-tui : à faire avant le 30/12/2026 (dans 38 jours)" in out
    assert "Attention : l'attestation de prolongation" not in out


def test_a_sent_complement_is_read_back(data_dir, tmp_path):
    update = scan(tmp_path / "nouvelle-facture.png")
    out = plain(data_dir, [
        *_filed_renewal(tmp_path),
        "4", "Demande de complément", "", "", "", "", "", "2", "Facture trop ancienne", "",
        "3", "1", "2", str(update), "", "Voici une facture récente.", "oui",
        "1",  # back on the list: open it again
        "", "5", ":quitter",
    ])
    again = out.split("Réponse enregistrée comme envoyée.", 1)[1]
    assert "Réponse envoyée le 22/11/2026." in again
    assert "Votre réponse : Mettre à jour le Document" in again
    assert "Fichiers joints : nouvelle-facture.png." in again
    assert "Message à l'agent : Voici une facture récente." in again
    assert "Votre réponse (Entrée : plus tard) :" not in again  # read, not asked again


def test_the_unread_filter_lists_only_the_unread(data_dir, tmp_path):
    out = plain(data_dir, [
        *_filed_renewal(tmp_path),
        "4", "Notification de prolongation", "18/11/2026", "20/11/2026", "01/09/2026",
        "30/12/2026",
        "4", "Mise", "", "", "",
        "3", "3",  # Mes notifications, « Toutes les notifications / non lues »
        "3", "", "5", ":quitter",  # back to all
    ])
    listed = out.split("Mes Notifications : ")[1:4]
    every, unread, again = (part.split("Que voulez-vous faire ?", 1)[0] for part in listed)
    assert every.startswith("2. État du dossier")
    assert "Filtrer mes notifications : Toutes les notifications" in every
    assert ("2. SEJOUR : Notification de prolongation de l'instruction lue, reçue le "
            "18/11/2026") in every
    assert unread.startswith("1. État du dossier")
    assert "Filtrer mes notifications : Notifications non lues" in unread
    assert f"1. SEJOUR : {CERTIFICATE} non lue, reçue le 22/11/2026." in unread
    assert "prolongation" not in unread
    assert again == every


def test_the_confirmation_says_ameli_and_the_email_after_filing(data_dir, tmp_path):
    lines = first_application(scan(tmp_path / "p.png"), scan(tmp_path / "f.png"),
                              scan(tmp_path / "r.png"))
    out = plain(data_dir, [*lines, ":quitter"])
    after = out.split("Demande déposée : N° de la demande", 1)[1]
    assert ("Vous devez obligatoirement avoir une couverture sociale. Rendez-vous sur le site "
            "suivant : ameli.fr") in after
    email = after.split("vous recevrez ce message à l'adresse email du dossier :\n", 1)[1]
    assert email.startswith("Bonjour Chinedu OKAFOR,\nVotre souhait de demande de titre de "
                            "séjour a bien été transmis.")
    assert "Ce message est généré automatiquement, merci de ne pas y répondre.\nFin du " \
           "message." in email


def test_the_list_of_documents_pdf_before_filing(data_dir, tmp_path):
    from pypdf import PdfReader

    lines = first_application(scan(tmp_path / "p.png"), scan(tmp_path / "f.png"),
                              scan(tmp_path / "r.png"))
    out = plain(data_dir, [*lines[:-3], "4", "3", ":quitter"])  # the PDF, then later
    [pdf] = (data_dir / "documents").glob("liste-0001-*.pdf")
    assert f"PDF « liste des pièces justificatives » enregistré : {pdf}" in out
    assert "Demande déposée" not in out
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Justificatif de nationalité" in " ".join(text.split())
    store = DossierStore(data_dir, clock=frozen_clock)
    [row] = store.list()
    assert row.status.value == "brouillon"
    store.close()
