"""The documents a « Demande de complément » asks for, named as the ANEF e-mail of a first
application names them: « « JUSTIFICATIF_IDENTITE » (Document manquant) : veuillez joindre un
autre document »."""

from __future__ import annotations

#: What the e-mail says when the agent wrote no observation of their own.
DEFAULT_OBSERVATION = "veuillez joindre un autre document"
#: The two lists of a complément's data, with the state the e-mail gives their documents.
STATES: tuple[tuple[str, str], ...] = (
    ("invalid", "Document non valide"),
    ("missing", "Document manquant"),
)


def requested_documents(data: dict) -> list[tuple[dict, str]]:
    """Every document of a complément's data with its state, invalid ones first."""
    return [(doc, state) for key, state in STATES for doc in data.get(key, [])]


def request_line(doc: dict, state: str) -> str:
    """« « JUSTIFICATIF_IDENTITE » (Document manquant) : veuillez joindre un autre document »."""
    observations = doc.get("observations") or DEFAULT_OBSERVATION
    return f"« {doc['slot_id'].upper()} » ({state}) : {observations}"
