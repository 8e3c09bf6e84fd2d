"""An answers file names each answer by its question's ids (`anef-tui texte --reponses`,
issue 20, item 4): applied where the question is asked, whatever its place in the file;
unknown ids and refused values said in French with their line; the typed lines still
answer the rest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from anef_tui.store.dossiers import DossierStore
from tests.vault_helpers import plain_folder

REPO_ROOT = Path(__file__).resolve().parents[2]

ANSWERS = """\
# Renouvellement de GUIDE Malade : l'ordre des lignes ne compte pas.
titre_actuel.nom_naissance = GUIDE
titre_actuel.n_etranger = 5903007229
titre_actuel.n_titre = 9999999999
titre_actuel.date_debut_validite = 5/10/2022
titre_actuel.date_fin_validite = 04/10/2023
titre_actuel.prenoms = Malade
titre_actuel.sexe = 7
titre_actuel.date_naissance = 3/10/2000
titre_actuel.nmo = X
titre_actuel.pays_naissance = Mexique
titre_actuel.lieu_naissance = Mexico
titre_actuel.nationalite = mexicaine
titre_actuel.adresse = 20 rue Nationale
titre_actuel.numero_voie = 20
titre_actuel.voie = rue Nationale
titre_actuel.code_postal = 59000
titre_actuel.ville = Lille
titre_actuel.email = guideem@yopmail.com
titre_actuel.email_confirmation = guideem@yopmail.com
pour_qui = 1
situation_actuelle = 1
preambule =
informations_personnelles.telephone = 01 02 03 04 05
"""


def _texte(data_dir: Path, *args: str, stdin: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT)
    return subprocess.run(
        [sys.executable, "-m", "anef_tui", "--data-dir", str(data_dir), "texte", *args],
        input=stdin.encode("utf-8"), capture_output=True, env=env, cwd=REPO_ROOT,
        timeout=120, check=False,
    )


def test_answers_named_by_id_are_given_where_their_question_is_asked(tmp_path):
    data_dir = plain_folder(tmp_path / "donnees")
    answers = tmp_path / "reponses.txt"
    answers.write_text(ANSWERS, encoding="utf-8")
    typed = [
        "nouveau", "1", "", "",  # on « Mes dossiers », typed
        "",  # nom d'usage: not in the file, typed (Entrée)
        "2",  # sexe: the file's « 7 » is refused, the question is asked, typed
        "", "", "",  # complément, pays, code INSEE: not in the file
        # Étape 1: the address keeps the values copied from the profile (8 × Entrée); the
        # file gives the telephone, wherever it was in the file.
        *[""] * 8,
        ":quitter", ":quitter",
    ]
    done = _texte(data_dir, "--reponses", str(answers), stdin="\n".join(typed) + "\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode("utf-8")
    assert "Fichier de réponses : 23 réponse(s)" in out
    assert ("Fichier de réponses, ligne 10 (titre_actuel.nmo) : aucune question « nmo » "
            "dans « titre_actuel » ; ligne ignorée.") in out
    assert ("Fichier de réponses, ligne 8 (titre_actuel.sexe) : « Sexe » : choisissez une "
            "des réponses proposées") in out
    assert "Nom de naissance : GUIDE (fichier de réponses, ligne 2)." in out
    with DossierStore(data_dir) as store:
        [row] = store.list()
        record = store.get(row.id)
    profile = record.answers["titre_actuel"]
    assert profile["nom_naissance"] == "GUIDE" and profile["n_etranger"] == "5903007229"
    assert profile["sexe"] == "Féminin" and profile["ville"] == "Lille"
    assert profile["nom_usage"] == "" and profile["date_naissance"] == "03/10/2000"
    assert record.answers["pour_qui"] and record.answers["situation_actuelle"]
    # The step was validated with the telephone of the file's last line.
    assert record.answers["informations_personnelles"]["telephone"] == "01 02 03 04 05"
    assert row.current_step == "motif_sejour"


def test_a_file_that_is_not_answers_is_refused_with_its_lines(tmp_path):
    answers = tmp_path / "reponses.txt"
    answers.write_text("titre_actuel.nom_naissance = GUIDE\nNom : GUIDE\n"
                       "Titre_Actuel.n_titre = 1\n", encoding="utf-8")
    done = _texte(plain_folder(tmp_path / "donnees"), "--reponses", str(answers),
                  stdin=":quitter\n")
    assert done.returncode == 2
    out = done.stdout.decode("utf-8")
    assert f"Fichier de réponses « {answers} », ligne 2 : « Nom : GUIDE » n'est pas une " \
           "réponse ; attendu « écran.question = valeur »" in out
    assert "ligne 3 : « Titre_Actuel.n_titre = 1 »" in out
    assert "ligne 1" not in out
    missing = _texte(tmp_path / "donnees", "--reponses", str(tmp_path / "absent.txt"),
                     stdin=":quitter\n")
    assert missing.returncode == 2
    assert "absent.txt" in missing.stdout.decode("utf-8")
    assert b"Errno" not in missing.stdout + missing.stderr
