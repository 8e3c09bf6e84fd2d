"""Dossier states: their labels, the few changes recorded by hand (filing, abandon,
closure), and the states the notifications give, derived (domain/dossier_state.py)."""

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

#: The states a filed dossier takes from its notifications: never set one by one, always
#: derived from the notifications still open (domain/dossier_state.py, issue 22), several at
#: once when the administration sends several things (a complément and the certificate form).
FROM_NOTIFICATIONS = frozenset({
    S.DEPOSEE,
    S.COMPLEMENT_DEMANDE,
    S.COMPLEMENT_ENVOYE,
    S.CERTIFICAT_MEDICAL,
    S.CERTIFICAT_ENVOYE,
    S.INSTRUCTION_PROLONGEE,
    S.DECISION_FAVORABLE,
    S.DECISION_DEFAVORABLE,
})

#: What is recorded by hand, the life of the dossier itself: filed or abandoned while being
#: typed, closed by the préfecture (« Clôturée ») unless a favourable decision came. Between
#: the states its notifications give, nothing is a transition: they are derived.
TRANSITIONS: dict[DossierStatus, frozenset[DossierStatus]] = {
    S.BROUILLON: frozenset({S.DEPOSEE, S.ABANDONNEE}),
    **{s: frozenset({S.CLOTUREE}) for s in FROM_NOTIFICATIONS - {S.DECISION_FAVORABLE}},
    S.DECISION_FAVORABLE: frozenset(),
    S.CLOTUREE: frozenset(),
    S.ABANDONNEE: frozenset(),
}


def states_matching(word: str) -> list[DossierStatus]:
    """The states a typed search word names: those whose label has a word that begins with
    it, accents and case ignored (« compl » → « Complément demandé », « Complément
    envoyé »). The label is read where it is kept (`label`), so a reworded label is found by
    its new words; the search matches the dossiers' `status`, which every change of state
    writes, and `dossier_states` the other states a dossier is in at once (issue 22)."""
    folded = fold(word)
    if not folded:
        return []
    return [s for s in DossierStatus
            if any(w.startswith(folded) for w in fold(s.label).replace("'", " ").split())]


def states_label(states) -> str:
    """« Complément demandé, Certificat médical à envoyer »: every state, in words, in order."""
    return ", ".join(DossierStatus(s).label for s in states)


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
