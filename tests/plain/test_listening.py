"""Fast to listen to (issue 20, item 4): a reopened dossier resumes at its first question
without an answer, « :aller » reaches a step or a question, through `anef-tui texte`."""

from __future__ import annotations

from tests.plain.helpers import plain
from tests.plain.journeys import PROFILE


def _after(out: str, marker: str) -> str:
    return out.split(marker, 1)[1]


def test_a_reopened_dossier_resumes_at_its_first_question_without_an_answer(data_dir):
    plain(data_dir, ["nouveau", "1", "", "", *PROFILE[:5]], end_newline=False)
    out = plain(data_dir, ["1", ":retour", ":quitter", ":quitter"])
    opened = _after(out, "Dossier n° 1 : (sans nom), Renouvellement.\n")
    # One line says where, then the question: no replay of the five answers before it.
    first = opened.split("Nom d'usage (facultatif) : ", 1)[0]
    assert first.splitlines() == [
        "",
        "Avant l'étape 1, Mon titre actuel, question 6 sur 22 : Nom d'usage (facultatif)",
        "Facultatif.",
    ]
    assert "N° étranger" not in first
    # « :retour » still goes back, to the question answered before it.
    back = _after(opened, "Nom d'usage (facultatif) : ")
    assert "Question : Nom de naissance" in back and "Valeur actuelle : GUIDE." in back


def test_an_optional_question_passed_stays_passed_and_a_required_one_comes_first(data_dir):
    # Nom d'usage passed with Entrée, then the prénoms: the next one is « Sexe ».
    plain(data_dir, ["nouveau", "1", "", "", *PROFILE[:7]], end_newline=False)
    out = plain(data_dir, ["1", ":quitter", ":quitter"])
    assert "Mon titre actuel, question 8 sur 22 : Sexe\n" in out
    # A required answer emptied earlier comes before where the person left.
    plain(data_dir, ["1", *[":retour"] * 3, ":vide", ":quitter", ":quitter"])
    out = plain(data_dir, ["1", ":quitter", ":quitter"])
    assert "Mon titre actuel, question 5 sur 22 : Nom de naissance\n" in out


def test_aller_to_a_step_a_question_or_words_of_a_title(data_dir):
    plain(data_dir, ["nouveau", "1", "", "", *PROFILE[:2]], end_newline=False)
    out = plain(data_dir, [
        "1", ":aide",
        ":aller 2",  # a step by its number: read from its start
        ":aller 1.3",  # step 1, question 3
        ":aller nom d'usage",  # words of a question's label
        ":aller nom",  # two questions: both named, nothing moves
        ":aller passeport volant",  # nothing: said in French
        ":aller 9",
        ":aller",
        ":retour",  # back from where « :aller » went
        ":quitter", ":quitter",
    ])
    assert ":aller : aller à une étape ou à une question" in out
    assert ("\nÉtape 2 sur 5 : Motif de séjour.\nDemander un titre de séjour\n"
            "Je renseigne mon motif de séjour\n") in out
    assert "\nÉtape 1 sur 5, Informations personnelles, question 3 sur 9 : Voie\n" in out
    assert "\nAvant l'étape 1, Mon titre actuel, question 6 sur 22 : Nom d'usage" in out
    several = _after(out, "Plusieurs réponses pour « nom » :\n").split("> ", 1)[0]
    assert "question 5 : Nom de naissance" in several
    assert "question 6 : Nom d'usage (facultatif)" in several
    assert "Aucune étape ni question ne correspond à « passeport volant »." in out
    assert "Aucune étape ni question ne correspond à « 9 »." in out
    assert "Où aller ? Tapez :aller suivi d'un numéro d'étape (1 à 4)" in out
    last = out.rsplit("Où aller ?", 1)[1]
    assert "Question : Nom de naissance" in last  # « :retour » from Nom d'usage


def test_the_input_line_carries_the_question_and_its_current_value(data_dir):
    """What a braille display shows on the cursor's line: « Label [valeur] : », cut short."""
    plain(data_dir, ["nouveau", "1", "", "", *PROFILE[:5]], end_newline=False)
    out = plain(data_dir, ["1", ":retour", "", "",
                           ":aller 2", ":quitter", ":quitter"])
    lines = out.splitlines()
    assert "Nom d'usage (facultatif) : Section : ÉTAT CIVIL." in lines  # no value: no [ ]
    assert any(line.startswith("Nom de naissance [GUIDE] : ") for line in lines)
    # A long label is cut with « … »; the prompt is never a bare « > » inside a dossier.
    assert any(line.startswith("Quelle est votre situation… : ") for line in lines)
    asked = [line for line in lines if line.startswith("> ")]
    assert len(asked) == 2  # « Mes dossiers », before opening the dossier and after it


def _many(data_dir, count: int) -> list[int]:
    from anef_tui.demo import fill_many
    from anef_tui.store.dossiers import DossierStore
    from tests.conftest import frozen_clock

    with DossierStore(data_dir, clock=frozen_clock) as store:
        fill_many(store, count)
        return [row.id for row in store.list()]


def test_mes_dossiers_says_the_count_then_a_page_and_never_rereads_the_list(data_dir):
    ids = _many(data_dir, 150)
    draft = ids[-1]  # listed last: a dossier « en cours de saisie »
    out = plain(data_dir, ["suite", "precedent", "precedent", str(draft), ":quitter",
                           "liste", *["suite"] * 15, ":quitter"])
    pages = out.split("> ")
    first = pages[0]
    assert "\nMes dossiers : 150 dossiers.\nDossiers 1 à 10 :\n" in first
    assert first.count("\nDossier ") == 10
    assert f"Dossier {ids[0]} :" in first and f"Dossier {ids[10]} :" not in first
    assert "« suite » : les 10 suivants" in first
    assert "Dossiers 11 à 20 :" in pages[1] and f"Dossier {ids[10]} :" in pages[1]
    assert "Dossiers 1 à 10 :" in pages[2]
    assert "Début de la liste." in pages[3]
    # Back from a dossier: the count and how to list, not 150 lines again.
    back, after = _after(out, "Saisie enregistrée").split("> ", 2)[:2]
    assert "\nMes dossiers : 150 dossiers.\n« liste » pour les lire" in back
    assert "\nDossier " not in back
    assert "Dossiers 1 à 10 :" in after  # « liste »: the page where the person was
    assert "Dossiers 141 à 150 :" in out and f"Dossier {draft} :" in out
    assert "Fin de la liste : 150 dossiers." in out


def test_how_to_answer_a_choice_is_said_once_a_session(data_dir):
    out = plain(data_dir, ["nouveau", "1", "", "", *PROFILE[:7], ":aller motif",
                           ":quitter", ":quitter"])
    assert out.count("Choix : répondez par le numéro ou le texte.") == 1  # « Sexe »
    situation = _after(out, "Question : Quelle est votre situation familiale actuelle ?\n")
    assert situation.startswith("Obligatoire.\nChoix :\n1. Célibataire\n")
