"""The plain mode driven through pipes: whole journeys, errors and corrections, resume,
follow-up; never an escape sequence, always UTF-8."""

from __future__ import annotations

import os
import subprocess
import sys

from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock
from tests.plain.helpers import plain
from tests.plain.journeys import PROFILE, first_application, renewal, scan
from tests.vault_helpers import plain_folder


def _store(data_dir):
    return DossierStore(data_dir, clock=frozen_clock)


def test_whole_renewal_through_subprocess_pipes(tmp_path):
    data_dir = plain_folder(tmp_path / "donnees")
    lines = renewal(scan(tmp_path / "facture.png"), scan(tmp_path / "recepisse.png"))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80"}
    done = subprocess.run(
        [sys.executable, "-m", "anef_tui.cli", "--data-dir", str(data_dir), "texte"],
        input=("\n".join([*lines, ":quitter"]) + "\n").encode("utf-8"),
        capture_output=True, env=env, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"\x1b" not in done.stdout and b"\x1b" not in done.stderr
    out = done.stdout.decode("utf-8")  # valid UTF-8, or this raises
    assert not any(c in out for c in "┌─│╭")  # no box drawing
    assert "Question : N° étranger" in out
    assert "Étape 4 sur 5 : Dépôt de la demande." in out
    assert "Aide anef-tui : vos réponses, étape par étape, pour les vérifier avant le dépôt." in out
    assert "Justificatif de domicile datant de moins de 6 mois * : facture.png" in out
    assert "Demande déposée : N° de la demande 59" in out
    store = _store(data_dir)
    [row] = store.list()
    assert row.status.value == "deposee" and row.applicant_name == "GUIDE Malade"
    assert store.get(row.id).answers["depot"]["observations"] == "Mon adresse n'a pas changé."
    store.close()
    for kind in ("confirmation", "recapitulatif"):
        [pdf] = (data_dir / "documents").glob(f"{kind}-0001-*.pdf")
        assert f"enregistré : {pdf}" in out
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_mode & 0o077 == 0


def test_renewal_does_not_ask_nor_list_the_annex_only_documents(data_dir, tmp_path):
    """Étape 3 of the renewal, and the dépôt that sums it up, have no « Justificatif
    d'identité » nor « Justificatif d'entrée régulière »: the site lists them in its annex
    only (seed 000 l. 1750-1760), as the full-screen app."""
    lines = renewal(scan(tmp_path / "facture.png"), scan(tmp_path / "recepisse.png"))
    out = plain(data_dir, [*lines, ":quitter"])
    assert "Demande déposée" in out
    assert "Justificatif de nationalité : Aucun fichier" in out  # the dépôt's summary
    assert "Justificatif d'identité" not in out
    assert "Justificatif d'entrée régulière" not in out


def test_whole_first_application(data_dir, tmp_path):
    passport = scan(tmp_path / "passeport.png")
    lines = first_application(passport, scan(tmp_path / "facture.png"),
                              scan(tmp_path / "recepisse.png"))
    out = plain(data_dir, [*lines, "liste", ":quitter"])
    assert "Merci, nous avons bien pris en compte votre situation." in out
    assert "Email : okafor@yopmail.com (non modifiable)." in out
    assert "Prénom(s) : Chinedu, Emeka" in out  # read out in the dépôt's summary
    store = _store(data_dir)
    [row] = store.list()
    assert row.status.value == "deposee"
    assert row.applicant_name == "OKAFOR Chinedu"
    answers = store.get(row.id).answers
    assert answers["informations_personnelles"]["nationalites"] == ["Nigériane"]
    store.close()
    assert "Dossier 1 : OKAFOR Chinedu, Première demande, Déposée." in out


def test_errors_are_read_back_and_the_question_asked_again(data_dir):
    out = plain(data_dir, [
        "nouveau", "1", "Essai", "",
        "123",  # N° étranger: 10 digits expected
        "5903007229",
        "9999999999",
        "31/02/2022",  # no such day
        "05/10/2022",
        "04/10/2023",
        "GUIDE", "", "Malade",
        "7",  # no 7th choice
        "fém",  # a unique start of « Féminin »
        ":retour",  # back to « Sexe »
        "",  # kept
        ":quitter", ":quitter",
    ])
    assert "« N° étranger » doit comporter 10 chiffres" in out
    after = out.split("doit comporter 10 chiffres", 1)[1]
    assert after.splitlines()[1] == "Question : N° étranger"
    assert "« Date de début de validité » : la date 31/02/2022 n'existe pas" in out
    assert "par son numéro (1 à 2) ou son texte" in out
    assert "Réponse enregistrée : Féminin." in out
    assert "Valeur actuelle : Féminin." in out  # asked again after « :retour »
    store = _store(data_dir)
    [row] = store.list()
    draft = store.get(row.id).drafts["titre_actuel"]
    assert draft["n_etranger"] == "5903007229" and draft["sexe"] == "Féminin"
    assert draft["date_debut_validite"] == "05/10/2022"
    store.close()


def test_end_of_input_saves_and_the_dossier_resumes_at_the_same_question(data_dir):
    out = plain(data_dir, ["nouveau", "1", "", "", *PROFILE[:5]], end_newline=False)
    assert out.rstrip().endswith("Fin de l'entrée : tout est enregistré. Au revoir.")
    out = plain(data_dir, ["1", ":ou", ":reste", *[":retour"] * 5, ":quitter", ":quitter"])
    assert "Avant l'étape 1 (sur 5) : Mon titre actuel." in out
    assert "Question : Nom d'usage (facultatif)." in out  # « :ou » names the question
    # Every answer given is there; going back, the questions come with their values.
    assert "Valeur actuelle : 5903007229." in out
    remaining = out.split("Questions obligatoires encore sans réponse :", 1)[1]
    assert "• Prénom(s)" in remaining and "• N° étranger" not in remaining


def test_commands_help_and_a_literal_colon(data_dir):
    out = plain(data_dir, ["nouveau", "1", "", "", ":aide", ":inconnue", ":repeter",
                           "::5903007229", ":quitter", ":quitter"])
    assert ":quitter : Quitter et revenir plus tard" in out
    assert "Commande inconnue « :inconnue »" in out
    # « ::x » is the answer « :x », refused by the rule like any other text.
    assert "« N° étranger » ne doit contenir que des chiffres" in out


def test_no_escape_sequence_even_when_the_user_types_one(data_dir):
    """Refused and asked again (issue 20): it used to be stored, then shown as « \ufffd[31m »."""
    from anef_tui.plain.io import CONTROLS_REFUSED

    out = plain(data_dir, ["nouveau", "1", "\x1b[31mROUGE\x1b[0m", "", ":quitter", ":quitter"])
    assert CONTROLS_REFUSED in out and "[31m" not in out


def test_bytes_that_are_not_utf8_do_not_crash(data_dir):
    import io

    from anef_tui.plain.cli import run

    out = io.BytesIO()
    run(data_dir, stdin=io.BytesIO(b"nouveau\n1\n\xff\xfeNom\n\n:quitter\n:quitter\n"),
        stdout=out, clock=frozen_clock)
    assert "Dossier 1 créé" in out.getvalue().decode("utf-8")


def test_filing_needs_an_explicit_yes(data_dir, tmp_path):
    lines = renewal(scan(tmp_path / "facture.png"), scan(tmp_path / "recepisse.png"))
    confirm = lines.index("oui", len(lines) - 4)
    out = plain(data_dir, [*lines[:confirm], "non", "3", ":quitter"])
    assert "Rien n'est déposé." in out
    store = _store(data_dir)
    [row] = store.list()
    assert row.status.value == "brouillon" and row.current_step == "depot"
    store.close()


def test_complement_recorded_and_answered_after_the_filing(data_dir, tmp_path):
    lines = renewal(scan(tmp_path / "facture.png"), scan(tmp_path / "recepisse.png"))
    update = scan(tmp_path / "nouvelle-facture.png")
    # Justificatif de domicile : document non valide, with the agent's observations.
    slots = ["", "", "", "2", "Facture trop ancienne", ""]
    out = plain(data_dir, [
        *lines[:-1],
        "4", "Demande de complément", "", "", *slots,  # received today, not read yet
        "3", "1",  # Mes notifications, open it (the only one)
        "2", str(update), "",  # Mettre à jour le Document, one file
        "Voici une facture récente.",  # Message à l'agent
        "oui",  # Valider et envoyer
        "", "5", ":quitter",
    ])
    assert "Notification enregistrée : Demande de complément." in out
    assert "Observations : Facture trop ancienne" in out
    assert "Justificatif de domicile datant de moins de 6 mois :\nfacture.png\n" in out
    assert "Fichier « nouvelle-facture.png » joint." in out
    assert "Réponse enregistrée comme envoyée." in out
    store = _store(data_dir)
    [row] = store.list()
    assert row.status.value == "complement_envoye"
    store.close()


def test_liste_follows_the_sites_download_link(data_dir):
    """The préambule says the site's « Télécharger la liste des pièces justificatives. »
    (seed 000 l. 421) and how to follow it: « :liste » writes the list's PDF, from any
    question of the dossier (issue 22)."""
    plain(data_dir, ["nouveau", "1", "", "", *PROFILE, "1", "1"], end_newline=True)
    out = plain(data_dir, ["1", ":liste", ":quitter", ":quitter"])
    assert ("Télécharger la liste des pièces justificatives. (tapez :liste pour "
            "l'enregistrer en PDF)") in out
    [pdf] = (data_dir / "documents").glob("liste-0001-*.pdf")
    assert f"enregistré : {pdf}" in out
