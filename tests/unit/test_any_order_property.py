"""Issue 22, item 1, as a property: notifications of any kinds, in any order, answered or
ticked at any point, never crash the store, never lose a deadline, and the dossier's states
are a function of its notifications (the same notifications recorded in another order give
the same states and the same deadlines).

The expected deadlines are worked out here from the guide's rules, apart from the code:
a complément not answered is due, a certificate not sent is due and so is the information
the OFII doctor asked for until sent, a convocation to come, the latest attestation de
prolongation's end; a decision ends all that and leaves, when favourable, the timbre
fiscal and the card to collect; a closure ends everything.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from anef_tui.domain.dossier_state import derive_states
from anef_tui.domain.status import DossierStatus
from anef_tui.store.deadlines import DeadlineIndex
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.errors import StoreError
from anef_tui.store.followup import FollowUpStore
from tests.store_helpers import mark_filed

TODAY = date(2024, 6, 1)
START = date(2023, 10, 5)  # the day after the filing
COMPLEMENT = {
    "invalid": [{"slot_id": "justificatif_nationalite", "title": "Justificatif de nationalité",
                 "file_name": "234.PNG", "observations": "Illisible."}],
    "missing": [],
}
KEEP = {"invalid": {"justificatif_nationalite": {"choice": "maintenir",
                                                  "reason": "Le document est lisible."}}}

# One step: (what, day offset, a choice) — recorded or done in the order drawn.
KINDS = ("complement", "certificat_medical", "prolongation", "favorable", "defavorable")
ACTIONS = ("answer", "envelope", "ofii_request", "ofii_sent", "convocation", "college",
           "timbre", "rendez_vous", "collected", "closure")
steps = st.lists(
    st.tuples(st.sampled_from(KINDS + ACTIONS), st.integers(0, 200), st.integers(0, 3)),
    max_size=9,
)


def day(offset: int) -> date:
    return START + timedelta(days=offset)


def record(follow: FollowUpStore, dossier_id: int, what: str, offset: int) -> int:
    received = day(offset)
    if what == "complement":
        return follow.add_notification(dossier_id, "complement", received_on=received,
                                       read_on=received, data=COMPLEMENT)
    if what == "certificat_medical":
        return follow.add_notification(dossier_id, what, received_on=received, data={})
    if what == "prolongation":
        until = received + timedelta(days=90)
        return follow.add_notification(
            dossier_id, what, received_on=received,
            data={"valid_from": received.isoformat(), "valid_until": until.isoformat()})
    return follow.add_notification(
        dossier_id, "decision", received_on=received,
        data={"favorable": what == "favorable", "decided_on": received.isoformat()})


#: An action -> the kind it acts on and the checklist item it dates.
ITEMS = {
    "envelope": ("certificat_medical", "enveloppe_envoyee"),
    "ofii_request": ("certificat_medical", "demande_informations_ofii"),
    "ofii_sent": ("certificat_medical", "informations_envoyees"),
    "convocation": ("certificat_medical", "convocation_ofii"),
    "college": ("certificat_medical", "convocation_college"),
    "timbre": ("decision", "timbre_achete"),
    "rendez_vous": ("decision", "rendez_vous_retrait"),
    "collected": ("decision", "titre_retire"),
}


def act(follow: FollowUpStore, dossier_id: int, what: str, offset: int, pick: int) -> None:
    """Do what a person would: answer a complément, date a checklist item, record the
    closure. What is refused must be refused in French, for a reason the guide gives."""
    from anef_tui.domain.notification_kinds import kinds

    notifications = follow.list_notifications(dossier_id)
    if what == "closure":
        try:
            follow.record_closure(dossier_id)
        except ValueError as exc:  # after a favourable decision, or closed already
            assert "ne peut pas passer" in str(exc)
        return
    if what == "answer":
        asked = [n for n in notifications if n.kind == "complement"]
        if not asked:
            return
        n = asked[pick % len(asked)]
        try:
            follow.send_complement_answer(n.id, KEEP, max(n.received_on, min(day(offset), TODAY)))
        except StoreError as exc:  # answered already, or ended by a decision or closure
            assert "n'attend plus de réponse" in str(exc) or "a été envoyée" in str(exc)
        return
    kind, item = ITEMS[what]
    candidates = [n for n in notifications if n.kind == kind
                  and item in {i.id for i in kinds()[kind].checklist_for(n.data)}]
    if not candidates:
        return
    n = candidates[pick % len(candidates)]
    spec = next(i for i in kinds()[kind].checklist if i.id == item)
    when = n.received_on + timedelta(days=offset % 60)
    if spec.done:
        when = min(when, TODAY)
    follow.update_certificate_checklist(n.id, {item: when.isoformat()})


def expected_deadlines(follow: FollowUpStore, dossier_id: int, closed: bool) -> list[tuple]:
    """(notification id, code) of everything that must still be due, by the guide's rules."""
    if closed:
        return []
    notifications = sorted(follow.list_notifications(dossier_id),
                           key=lambda n: (n.received_on, n.id))
    decisions = [n for n in notifications if n.kind == "decision"]
    if decisions:
        last = decisions[-1]
        if not last.data.get("favorable"):
            return []
        checklist = last.data["checklist"]
        return sorted(
            [(last.id, "timbre_fiscal")] * (not checklist["timbre_achete"])
            + [(last.id, "retrait_titre")] * (not checklist["titre_retire"]))
    found = []
    prolongations = [n for n in notifications if n.kind == "prolongation"]
    if prolongations:
        found.append((prolongations[-1].id, "fin_prolongation"))
    for n in notifications:
        if n.kind == "complement" and n.done_on is None:
            found.append((n.id, "repondre_complement"))
        if n.kind == "certificat_medical":
            checklist = n.data["checklist"]
            if not checklist["enveloppe_envoyee"]:
                found.append((n.id, "envoyer_certificat"))
            if checklist["demande_informations_ofii"] and not checklist["informations_envoyees"]:
                found.append((n.id, "informations_ofii"))
            for item in ("convocation_ofii", "convocation_college"):
                if checklist[item] and date.fromisoformat(checklist[item]) >= TODAY:
                    found.append((n.id, item))
    return sorted(found)


def check(store: DossierStore, follow: FollowUpStore, dossier_id: int) -> None:
    summary = store.get(dossier_id).summary
    closed = summary.status is DossierStatus.CLOTUREE
    notifications = follow.list_notifications(dossier_id)
    # The states are a function of the notifications.
    if closed:
        assert summary.states == (DossierStatus.CLOTUREE,)
    else:
        assert list(summary.states) == derive_states(notifications)
        assert summary.status is summary.states[0]
    # No deadline is lost (nor kept too long).
    kept = DeadlineIndex(store).of_dossier(dossier_id, TODAY)
    assert sorted((d.notification_id, d.code) for d in kept) == expected_deadlines(
        follow, dossier_id, closed)
    # The list shows the first of them (the undated tasks come last).
    if kept:
        assert summary.next_deadline_label == kept[0].label
    else:
        assert summary.next_deadline is None and summary.next_deadline_label is None


def fresh(folder: Path) -> tuple[DossierStore, FollowUpStore, int]:
    store = DossierStore(folder, clock=lambda: datetime(2024, 6, 1, 10, 0))
    dossier_id = store.create("renouvellement", applicant_name="GUIDE Malade")
    mark_filed(store, dossier_id, numero_demande="5901202310040000310",
               filed_at="2023-10-04T10:00:00")
    return store, FollowUpStore(store), dossier_id


@settings(max_examples=60, deadline=None)
@given(steps)
def test_any_order_never_crashes_never_loses_a_deadline(drawn):
    with tempfile.TemporaryDirectory() as folder:
        store, follow, dossier_id = fresh(Path(folder) / "a")
        try:
            for what, offset, pick in drawn:
                closed = store.get(dossier_id).summary.status is DossierStatus.CLOTUREE
                if what in KINDS:
                    try:
                        record(follow, dossier_id, what, offset)
                    except ValueError as exc:
                        assert closed and "Clôturée" in str(exc)
                else:
                    act(follow, dossier_id, what, offset, pick)
                check(store, follow, dossier_id)
            if store.get(dossier_id).summary.status is DossierStatus.CLOTUREE:
                return
            # The same notifications, recorded the other way round, give the same dossier
            # (two decisions or two attestations the same day aside: which came last is
            # then only the order they were recorded in).
            mine = follow.list_notifications(dossier_id)  # newest first
            days = [(n.kind, n.received_on) for n in mine if n.kind != "complement"]
            if len(days) != len(set(days)):
                return
            other_store, other, other_id = fresh(Path(folder) / "b")
            try:
                twins = {n.id: other.add_notification(
                    other_id, n.kind, received_on=n.received_on, read_on=n.read_on,
                    data={k: v for k, v in n.data.items() if k != "checklist"})
                    for n in mine}  # the newest first: the reverse of the order they came
                for n in mine:
                    dated = {k: v for k, v in (n.data.get("checklist") or {}).items() if v}
                    if dated:
                        other.update_certificate_checklist(twins[n.id], dated)
                    if n.kind == "complement" and n.done_on is not None:
                        try:
                            other.send_complement_answer(twins[n.id], KEEP, n.done_on)
                        except StoreError:  # a decision is there already: it ended it
                            pass
                assert other_store.get(other_id).summary.states == (
                    store.get(dossier_id).summary.states)
                ours = sorted((d.date or date.max, d.code)
                              for d in DeadlineIndex(store).of_dossier(dossier_id, TODAY))
                theirs = sorted((d.date or date.max, d.code)
                                for d in DeadlineIndex(other_store).of_dossier(other_id, TODAY))
                assert theirs == ours
            finally:
                other_store.close()
        finally:
            store.close()
