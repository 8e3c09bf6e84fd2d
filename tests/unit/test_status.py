"""The dossier state machine: the path the issue describes, and what it forbids."""

from __future__ import annotations

import pytest

from anef_tui.domain.status import (
    FROM_NOTIFICATIONS,
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
        # What is recorded by hand: filed, then closed by the préfecture.
        [S.BROUILLON, S.DEPOSEE, S.CLOTUREE],
        # Closed whatever the notifications say (a complément not answered in time).
        [S.COMPLEMENT_DEMANDE, S.CLOTUREE],
        [S.INSTRUCTION_PROLONGEE, S.CLOTUREE],
        [S.DECISION_DEFAVORABLE, S.CLOTUREE],
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
        # The states the notifications give are derived (domain/dossier_state.py), never
        # set by hand (issue 22): no transition leads to one.
        (S.DEPOSEE, S.COMPLEMENT_DEMANDE),
        (S.COMPLEMENT_DEMANDE, S.DECISION_FAVORABLE),
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


def test_no_transition_leads_to_a_state_the_notifications_give():
    for targets in TRANSITIONS.values():
        assert not targets & (FROM_NOTIFICATIONS - {S.DEPOSEE})


def test_every_state_has_a_label_and_transitions():
    assert set(STATUS_LABELS) == set(DossierStatus) == set(TRANSITIONS)
    assert [s for s in DossierStatus if s.editable] == [S.BROUILLON]
    # Final states lead nowhere.
    assert TRANSITIONS[S.DECISION_FAVORABLE] == TRANSITIONS[S.CLOTUREE] == frozenset()
    assert TRANSITIONS[S.ABANDONNEE] == frozenset()
