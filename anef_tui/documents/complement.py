"""« Réponse à la demande de complément »: what was answered, document by document, as kept
on this computer (the same answer is to be given on the ANEF site)."""

from __future__ import annotations

from datetime import date

from anef_tui.documents import layout
from anef_tui.domain.complement import DEFAULT_OBSERVATION, requested_documents


def _fr(iso: str | None) -> str:
    return date.fromisoformat(iso[:10]).strftime("%d/%m/%Y") if iso else "—"


def _start(
    title: str, applicant: str, numero_demande: str | None, notification, sent_label: str,
    answer: dict, prepared_on: date,
):
    """A new document with its title and who, which request, when it was answered."""
    pdf = layout.new_document(title, prepared_on=prepared_on)
    layout.title(pdf, title.upper())
    layout.label_value(pdf, "Demandeur :", applicant or "—", bold_value=True)
    layout.label_value(pdf, "N° de la demande :", numero_demande or "—", bold_value=True)
    layout.label_value(pdf, "Demande reçue le :", _fr(str(notification.received_on)))
    layout.label_value(pdf, sent_label, _fr(answer.get("sent_on")))
    return pdf


def complement_answer_pdf(
    applicant: str,
    numero_demande: str | None,
    notification,
    answer: dict,
    files: dict[str, list[str]],
    *,
    prepared_on: date,
) -> bytes:
    """`notification`: a FollowUpStore Notification (kind complement); `answer`: its saved
    answer ({"data": …, "sent_on": …}); `files`: file names attached per document slot."""
    if getattr(notification, "resumes_application", False):
        return _first_application_pdf(
            applicant, numero_demande, notification, answer, files, prepared_on=prepared_on
        )
    pdf = _start(
        "Réponse à la demande de complément", applicant, numero_demande, notification,
        "Réponse envoyée le :", answer, prepared_on,
    )
    data = answer.get("data", {})
    invalid = notification.data.get("invalid", [])
    if invalid:
        layout.heading(pdf, "Les documents mentionnés ci-dessous ne sont pas valides :")
        for doc in invalid:
            given = data.get("invalid", {}).get(doc["slot_id"], {})
            layout.subheading(pdf, doc["title"])
            layout.label_value(pdf, "Document :", doc.get("file_name") or "—")
            layout.label_value(pdf, "Observations :", doc.get("observations") or "—")
            if given.get("choice") == "maintenir":
                layout.label_value(pdf, "Votre réponse :", "Maintenir le Document", bold_value=True)
                layout.label_value(pdf, "Raisons du maintien :", given.get("reason") or "—")
            else:
                layout.label_value(pdf, "Votre réponse :", "Mettre à jour le Document",
                                   bold_value=True)
                layout.label_value(pdf, "Fichiers joints :",
                                   ", ".join(files.get(doc["slot_id"], [])) or "—")
                layout.label_value(pdf, "Message à l'agent :", given.get("message") or "—")
    missing = notification.data.get("missing", [])
    if missing:
        layout.heading(pdf, "Les documents mentionnés ci-dessous sont manquants :")
        for doc in missing:
            layout.subheading(pdf, doc["title"])
            layout.label_value(pdf, "Observations :", doc.get("observations") or "—")
            layout.label_value(pdf, "Fichiers joints :",
                               ", ".join(files.get(doc["slot_id"], [])) or "—")
    return layout.to_bytes(pdf)


def _first_application_pdf(
    applicant: str,
    numero_demande: str | None,
    notification,
    answer: dict,
    files: dict[str, list[str]],
    *,
    prepared_on: date,
) -> bytes:
    """A first application's compléments (« Déposer les compléments »): per document asked
    for in the e-mail, the files joined."""
    pdf = _start(
        "Compléments déposés", applicant, numero_demande, notification,
        "Compléments déposés le :", answer, prepared_on,
    )
    layout.heading(pdf, "Les précisions nécessaires portaient sur :")
    for doc, state in requested_documents(notification.data):
        layout.subheading(pdf, f"« {doc['slot_id'].upper()} » ({state}) — {doc['title']}")
        layout.label_value(pdf, "Observations :", doc.get("observations") or DEFAULT_OBSERVATION)
        layout.label_value(pdf, "Fichiers joints :", ", ".join(files.get(doc["slot_id"], [])) or "—")
    return layout.to_bytes(pdf)
