"""The dossier state machine: the path the issue describes, and what it forbids."""

from __future__ import annotations

import pytest

from anef_tui.domain.status import (
    STATUS_LABELS,
    TRANSITIONS,
    DossierStatus,
    TransitionError,
    can_transition,
    check_transition,
)

S = DossierStatus


@pytest.mark.parametrize(
    "path",
    [
        # déposée → complément demandé → complément envoyé → certificat → prolongée → décision
        [S.BROUILLON, S.DEPOSEE, S.COMPLEMENT_DEMANDE, S.COMPLEMENT_ENVOYE,
         S.CERTIFICAT_MEDICAL, S.INSTRUCTION_PROLONGEE, S.DECISION_FAVORABLE],
        [S.BROUILLON, S.DEPOSEE, S.CERTIFICAT_MEDICAL, S.DECISION_DEFAVORABLE, S.CLOTUREE],
        # A second attestation de prolongation, then another request for documents.
        [S.DEPOSEE, S.INSTRUCTION_PROLONGEE, S.INSTRUCTION_PROLONGEE, S.COMPLEMENT_DEMANDE,
         S.COMPLEMENT_ENVOYE, S.DECISION_FAVORABLE],
        # Unanswered in time: the request is closed.
        [S.DEPOSEE, S.COMPLEMENT_DEMANDE, S.CLOTUREE],
        [S.BROUILLON, S.ABANDONNEE],
    ],
)
def test_allowed_paths(path):
    for current, new in zip(path, path[1:], strict=False):
        check_transition(current, new)  # raises if not allowed


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (S.BROUILLON, S.COMPLEMENT_DEMANDE),  # not filed yet
        (S.DEPOSEE, S.BROUILLON),  # a filed dossier cannot be edited again
        (S.DEPOSEE, S.ABANDONNEE),
        (S.COMPLEMENT_DEMANDE, S.DECISION_FAVORABLE),  # answer the request first
        (S.COMPLEMENT_DEMANDE, S.COMPLEMENT_DEMANDE),
        (S.DECISION_FAVORABLE, S.COMPLEMENT_DEMANDE),
        (S.DECISION_FAVORABLE, S.CLOTUREE),
        (S.CLOTUREE, S.DEPOSEE),
        (S.ABANDONNEE, S.BROUILLON),
    ],
)
def test_forbidden_transitions_say_so_in_french(current, new):
    assert not can_transition(current, new)
    with pytest.raises(TransitionError) as info:
        check_transition(current, new)
    assert str(info.value) == (
        f"Un dossier « {current.label} » ne peut pas passer à l'état « {new.label} »."
    )


def test_every_state_has_a_label_and_transitions():
    assert set(STATUS_LABELS) == set(DossierStatus) == set(TRANSITIONS)
    assert [s for s in DossierStatus if s.editable] == [S.BROUILLON]
    # Final states lead nowhere.
    assert TRANSITIONS[S.DECISION_FAVORABLE] == TRANSITIONS[S.CLOTUREE] == frozenset()
    assert TRANSITIONS[S.ABANDONNEE] == frozenset()
