"""A complément's answer, the rules: what it may hold and what still prevents sending it.

Pure domain code: the store hands in the notification and how many files each complément
slot holds (`counts`, by `complement_slot_id`).
"""

from __future__ import annotations

from anef_tui.domain.catalogue import Field
from anef_tui.domain.notifications import (
    COMPLEMENT_CHOICES,
    MAINTENIR,
    METTRE_A_JOUR,
    Notification,
    complement_slot_id,
    refuse_unknown,
    text_value,
)
from anef_tui.domain.validation import Problem


def complement_documents(notification: Notification) -> tuple[dict, dict]:
    """(invalid, missing) documents of a complément, by slot id."""
    invalid = {doc["slot_id"]: doc for doc in notification.data.get("invalid", [])}
    missing = {doc["slot_id"]: doc for doc in notification.data.get("missing", [])}
    return invalid, missing


def normalise_answers(notification: Notification, answers: dict | None) -> dict:
    """The answer in stored form; ValueError (French) for what it may not hold."""
    invalid_docs, missing_docs = complement_documents(notification)
    answers = dict(answers or {})
    refuse_unknown(answers, frozenset({"invalid", "missing"}), "Réponse au complément")
    result: dict[str, dict] = {"invalid": {}, "missing": {}}
    given_invalid = answers.get("invalid") or {}
    given_missing = answers.get("missing") or {}
    if not isinstance(given_invalid, dict) or not isinstance(given_missing, dict):
        raise ValueError("Réponse au complément : un dictionnaire par section est attendu.")
    for slot_id, value in given_invalid.items():
        if slot_id not in invalid_docs:
            raise ValueError(
                f"Réponse au complément : « {slot_id} » n'est pas un document non valide "
                "de cette demande."
            )
        value = dict(value or {})
        refuse_unknown(value, frozenset({"choice", "reason", "message"}),
                       invalid_docs[slot_id]["title"])
        choice = value.get("choice") or None
        if choice is not None and choice not in COMPLEMENT_CHOICES:
            raise ValueError(f"Réponse au complément : choix inconnu « {choice} ».")
        result["invalid"][slot_id] = {
            "choice": choice,
            "reason": text_value(value.get("reason"), "La raison du maintien", required=False),
            "message": text_value(value.get("message"), "Le message à l'agent", required=False),
        }
    for slot_id, value in given_missing.items():
        if slot_id not in missing_docs:
            raise ValueError(
                f"Réponse au complément : « {slot_id} » n'est pas un document manquant "
                "de cette demande."
            )
        value = dict(value or {})
        refuse_unknown(value, frozenset({"attached"}), missing_docs[slot_id]["title"])
        result["missing"][slot_id] = {"attached": bool(value.get("attached"))}
    return result


def answer_problems(notification: Notification, answers: dict,
                    counts: dict[str, int]) -> list[str]:
    """What still prevents sending this (normalised) answer, one French line each."""
    return [p.message for p in answer_problem_list(notification, answers, counts)]


def answer_problem_list(notification: Notification, answers: dict,
                        counts: dict[str, int]) -> list[Problem]:
    """The same problems, each with the question it is about: the choice, the reason
    (`answer_field_ids`) or the complément slot that takes the files (`complement_slot_id`)."""
    invalid_docs, missing_docs = complement_documents(notification)
    problems: list[Problem] = []

    def has_files(slot_id: str) -> bool:
        return bool(counts.get(complement_slot_id(notification.id, slot_id)))

    def add(field_id: str, title: str, message: str) -> None:
        problems.append(Problem(field_id, title, message))

    for slot_id, doc in invalid_docs.items():
        title = doc["title"]
        answer = answers["invalid"].get(slot_id) or {}
        choice = answer.get("choice")
        choice_id, reason_id, _ = answer_field_ids(slot_id)
        files_id = complement_slot_id(notification.id, slot_id)
        if notification.resumes_application:
            # « veuillez joindre un autre document »: no keep-or-replace choice here.
            if not has_files(slot_id):
                add(files_id, title,
                    f"{title} : joignez un autre document (« Joindre un document »).")
        elif choice is None:
            add(choice_id, title,
                f"{title} : choisissez « Maintenir le Document » ou « Mettre à jour le "
                "Document ».")
        elif choice == MAINTENIR and not answer.get("reason"):
            add(reason_id, title,
                f"{title} : veuillez préciser les raisons du maintien du document.")
        elif choice == METTRE_A_JOUR and not has_files(slot_id):
            add(files_id, title,
                f"{title} : joignez au moins un fichier pour mettre à jour le document.")
    for slot_id, doc in missing_docs.items():
        if not has_files(slot_id):
            add(complement_slot_id(notification.id, slot_id), doc["title"],
                f"{doc['title']} : joignez au moins un document (document manquant).")
    return problems


def answer_field_ids(slot_id: str) -> tuple[str, str, str]:
    """The ids of the three questions about document `slot_id`: choice, reason, message."""
    return f"answer-{slot_id}", f"reason-{slot_id}", f"message-{slot_id}"


def answer_fields(slot_id: str) -> tuple[Field, Field, Field]:
    """The questions of the renewal's answer about one document « non valide », as the site
    asks them, for the steps' field engine: « Votre réponse », then « Veuillez préciser les
    raisons du maintien du document » (Maintenir) or « Message à l'agent » (Mettre à jour)."""
    choice_id, reason_id, message_id = answer_field_ids(slot_id)
    return (
        Field(id=choice_id, label="Votre réponse", type="choice", required=True,
              choices=list(COMPLEMENT_CHOICES.values())),
        Field(id=reason_id, label="Veuillez préciser les raisons du maintien du document",
              type="text", required=True),
        Field(id=message_id, label="Message à l'agent", type="text"),
    )


def choice_of(label: object) -> str | None:
    """The stored value of a choice's label (None: nothing chosen)."""
    return next((key for key, text in COMPLEMENT_CHOICES.items() if text == label), None)
