"""Dossier states and the transitions the procedure allows between them."""

from __future__ import annotations

from enum import StrEnum

from anef_tui.domain.text import fold


class DossierStatus(StrEnum):
    """Where a dossier stands. Values are stored in the database: never rename one."""

    BROUILLON = "brouillon"
    DEPOSEE = "deposee"
    COMPLEMENT_DEMANDE = "complement_demande"
    COMPLEMENT_ENVOYE = "complement_envoye"
    CERTIFICAT_MEDICAL = "certificat_medical"
    CERTIFICAT_ENVOYE = "certificat_envoye"
    INSTRUCTION_PROLONGEE = "instruction_prolongee"
    DECISION_FAVORABLE = "decision_favorable"
    DECISION_DEFAVORABLE = "decision_defavorable"
    CLOTUREE = "cloturee"
    ABANDONNEE = "abandonnee"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def editable(self) -> bool:
        """Only a draft can be edited: a filed (« déposée ») dossier is read-only."""
        return self is DossierStatus.BROUILLON


STATUS_LABELS: dict[DossierStatus, str] = {
    DossierStatus.BROUILLON: "En cours de saisie",
    DossierStatus.DEPOSEE: "Déposée",
    DossierStatus.COMPLEMENT_DEMANDE: "Complément demandé",
    DossierStatus.COMPLEMENT_ENVOYE: "Complément envoyé",
    DossierStatus.CERTIFICAT_MEDICAL: "Certificat médical à envoyer",
    DossierStatus.CERTIFICAT_ENVOYE: "Certificat médical envoyé",
    DossierStatus.INSTRUCTION_PROLONGEE: "Instruction prolongée",
    DossierStatus.DECISION_FAVORABLE: "Décision favorable",
    DossierStatus.DECISION_DEFAVORABLE: "Décision défavorable",
    DossierStatus.CLOTUREE: "Clôturée",
    DossierStatus.ABANDONNEE: "Abandonnée",
}

S = DossierStatus
_AFTER_FILING = {
    S.COMPLEMENT_DEMANDE,
    S.CERTIFICAT_MEDICAL,
    S.INSTRUCTION_PROLONGEE,
    S.DECISION_FAVORABLE,
    S.DECISION_DEFAVORABLE,
    S.CLOTUREE,
}

TRANSITIONS: dict[DossierStatus, frozenset[DossierStatus]] = {
    S.BROUILLON: frozenset({S.DEPOSEE, S.ABANDONNEE}),
    S.DEPOSEE: frozenset(_AFTER_FILING),
    S.COMPLEMENT_DEMANDE: frozenset({S.COMPLEMENT_ENVOYE, S.CLOTUREE}),
    S.COMPLEMENT_ENVOYE: frozenset(_AFTER_FILING),
    # The envelope sent to the OFII (the checklist): the instruction goes on, as after a
    # complément sent; the date cleared again, the certificate is again to send.
    S.CERTIFICAT_MEDICAL: frozenset(_AFTER_FILING - {S.CERTIFICAT_MEDICAL} | {S.CERTIFICAT_ENVOYE}),
    S.CERTIFICAT_ENVOYE: frozenset(_AFTER_FILING),
    # A new attestation de prolongation may follow the first one.
    S.INSTRUCTION_PROLONGEE: frozenset(_AFTER_FILING),
    S.DECISION_FAVORABLE: frozenset(),
    S.DECISION_DEFAVORABLE: frozenset({S.CLOTUREE}),
    S.CLOTUREE: frozenset(),
    S.ABANDONNEE: frozenset(),
}


def states_matching(word: str) -> list[DossierStatus]:
    """The states a typed search word names: those whose label has a word that begins with
    it, accents and case ignored (« compl » → « Complément demandé », « Complément
    envoyé »). The label is read where it is kept (`label`), so a reworded label is found by
    its new words; the search matches the dossiers' `status`, which every change of state
    writes: nothing else to keep in step."""
    folded = fold(word)
    if not folded:
        return []
    return [s for s in DossierStatus
            if any(w.startswith(folded) for w in fold(s.label).replace("'", " ").split())]


class TransitionError(ValueError):
    """A change of state the procedure does not allow; the message is in French."""


def can_transition(current: DossierStatus, new: DossierStatus) -> bool:
    return new in TRANSITIONS[current]


def check_transition(current: DossierStatus, new: DossierStatus) -> None:
    """Raise TransitionError unless `current` may become `new`."""
    if not can_transition(current, new):
        raise TransitionError(
            f"Un dossier « {current.label} » ne peut pas passer à l'état « {new.label} »."
        )
