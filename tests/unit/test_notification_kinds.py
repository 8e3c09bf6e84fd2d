"""The notification kinds are data (assets/followup.toml): validated at load with French
errors, and a fifth kind added in a folder (data only) is recorded, listed and due."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from anef_tui.domain import notification_kinds
from anef_tui.domain.notification_form import read_form
from anef_tui.domain.notification_kinds import NotificationKindsError, load_kinds
from anef_tui.domain.status import DossierStatus

NOW = datetime(2026, 11, 22, 10, 30, 0)
TODAY = NOW.date()

FIFTH = """
[[kinds]]
id = "demande_ofii"
title = "Demande d'informations du médecin de l'OFII"
status = "certificat_medical"
ends_when = "superseded"

[[kinds.fields]]
id = "requested_on"
label = "Demandé le"
type = "date"
required = true
rule = "date_passee"

[kinds.deadline]
label = "Répondre au médecin de l'OFII"
from = "requested_on"
days = 15
"""


@pytest.fixture
def extra(tmp_path, monkeypatch):
    folder = tmp_path / "kinds"
    folder.mkdir()
    monkeypatch.setenv(notification_kinds.EXTRA_ENV, str(folder))
    notification_kinds.clear_caches()
    yield folder
    notification_kinds.clear_caches()


def test_shipped_kinds_load():
    domain, kinds = load_kinds()
    assert domain == "SEJOUR"
    assert list(kinds)[:4] == ["complement", "certificat_medical", "prolongation", "decision"]
    assert kinds["decision"].target_status({"favorable": False}) is (
        DossierStatus.DECISION_DEFAVORABLE)


def test_a_fifth_kind_is_data_only(extra):
    """Declared in a folder, the kind is offered by the form, checked, moves the dossier to
    its state and starts its deadline (stored: see the next test)."""
    from anef_tui.domain.notification_form import base_fields
    from anef_tui.domain.notifications import Notification, notification_deadline, open_deadlines

    (extra / "ofii.toml").write_text(FIFTH, encoding="utf-8")
    title = "Demande d'informations du médecin de l'OFII"
    assert title in base_fields()[0].choices
    kind = load_kinds()[1]["demande_ofii"]
    assert kind.target_status({}) is DossierStatus.CERTIFICAT_MEDICAL
    # The recording form asks its field, with the steps' validation.
    values = {"kind": title, "received": "22/11/2026", "requested_on": "31/11/2026"}
    result = read_form(values, slots=[], file_names={}, today=TODAY)
    assert [p.field_id for p in result.problems] == ["requested_on"]
    values["requested_on"] = "20/11/2026"
    result = read_form(values, slots=[], file_names={}, today=TODAY)
    assert not result.problems and result.data == {"requested_on": "2026-11-20"}
    when, label = notification_deadline("demande_ofii", "renouvellement", TODAY, None,
                                        result.data)
    assert (when, label) == (date(2026, 12, 5), "Répondre au médecin de l'OFII")
    n = Notification(1, 1, "demande_ofii", title, "SEJOUR", TODAY, None, result.data, when,
                     label)
    assert [d.label for d in open_deadlines(DossierStatus.CERTIFICAT_MEDICAL, [n], TODAY)] == [
        "Répondre au médecin de l'OFII"]
    missing = read_form({**values, "requested_on": ""}, slots=[], file_names={}, today=TODAY)
    assert [(p.field_id, "Demandé le" in p.message) for p in missing.problems] == [
        ("requested_on", True)]


def test_a_fifth_kind_is_stored_and_followed(extra, tmp_path):
    """Migration 7 opened `notifications.kind`: a kind declared only in data is recorded,
    moves the dossier to its state, gives it its deadline, and is listed."""
    from anef_tui.store.dossiers import DossierStore
    from anef_tui.store.followup import FollowUpStore
    from tests.store_helpers import mark_filed

    (extra / "ofii.toml").write_text(FIFTH, encoding="utf-8")
    notification_kinds.clear_caches()  # importing the store read the kinds already
    store = DossierStore(tmp_path / "donnees", clock=lambda: NOW)
    dossier_id = store.create("renouvellement", applicant_name="GUIDE Malade")
    mark_filed(store, dossier_id, numero_demande="5901202310040000310",
               filed_at="2026-11-01T10:00:00")
    followup = FollowUpStore(store)
    followup.add_notification(dossier_id, "demande_ofii", received_on=TODAY,
                              data={"requested_on": "2026-11-20"})
    [notification] = followup.list_notifications(dossier_id)
    assert notification.kind == "demande_ofii"
    record = store.get(dossier_id)
    assert record.summary.status is DossierStatus.CERTIFICAT_MEDICAL
    assert record.summary.next_deadline == "2026-12-05"
    store.close()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'nulle_part'\n", "état inconnu"),
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\n", "indiquez `status`"),
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'deposee'\nfoo = 1\n", "clé inconnue"),
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'deposee'\n"
         "[kinds.deadline]\nlabel = 'L'\nfrom = 'nulle_part'\n", "n'est pas une date"),
        ("[[kinds]]\nid = 'prolongation'\ntitle = 'X'\nstatus = 'deposee'\n", "deux fois"),
        ("[[kinds\n", "illisible"),
        # Deadline codes (issue 21): the base and the code name a deadline by its code.
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'deposee'\n"
         "[kinds.deadline]\ncode = 'fin_prolongation'\nlabel = 'L'\n",
         "le code d'échéance « fin_prolongation » est déjà pris"),
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'deposee'\n"
         "[[kinds.checklist]]\nid = 'rdv'\nlabel = 'R'\ndeadline_label = 'Rendez-vous'\n",
         "élément « rdv » : `deadline_label` demande un `deadline_code`"),
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'deposee'\n"
         "[[kinds.checklist]]\nid = 'rdv'\nlabel = 'R'\ndeadline_code = 'rdv'\n",
         "`deadline_code` sans `deadline_label`"),
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'deposee'\n"
         "[kinds.deadline]\ncode = 'Fin prolongation'\nlabel = 'L'\n",
         "clé « code » : identifiant « Fin prolongation » non permis"),
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'deposee'\n"
         "[[kinds.checklist]]\nid = 'rdv'\nlabel = 'R'\ndeadline_label = 'Rendez-vous'\n"
         "deadline_code = 'convocation_ofii'\n", "« convocation_ofii » est déjà pris"),
        # The state once answered or done (issue 21): known, and one a notification gives
        # (issue 22: the states are derived from the notifications, not moved by hand).
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'complement_demande'\n"
         "ends_when = 'answered'\n", "`status_when_ended` manque"),
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'certificat_medical'\n"
         "ends_when = 'checklist.fait'\nstatus_when_ended = 'envoyee'\n"
         "[[kinds.checklist]]\nid = 'fait'\nlabel = 'F'\n", "état inconnu « envoyee »"),
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'certificat_medical'\n"
         "ends_when = 'checklist.fait'\nstatus_when_ended = 'cloturee'\n"
         "[[kinds.checklist]]\nid = 'fait'\nlabel = 'F'\n",
         "« cloturee » n'est pas un état que donne une notification"),
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'brouillon'\n",
         "« brouillon » n'est pas un état que donne une notification"),
        # Issue 22: a checklist task names other items of its list, `days` after one.
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'deposee'\n"
         "[[kinds.checklist]]\nid = 'fait'\nlabel = 'F'\n"
         "task = { code = 't', label = 'T', after = 'ailleurs', days = 15 }\n",
         "la tâche lit « ailleurs »"),
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'deposee'\n"
         "[[kinds.checklist]]\nid = 'fait'\nlabel = 'F'\n"
         "task = { code = 't', label = 'T', days = 15 }\n", "`days` demande `after`"),
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'deposee'\n"
         "[[kinds.checklist]]\nid = 'fait'\nlabel = 'F'\nif_field = 'personne'\n",
         "`if_field` « personne » n'est pas un champ"),
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'deposee'\n"
         "[[kinds.checklist]]\nid = 'fait'\nlabel = 'F'\n"
         "task = { code = 'timbre_fiscal', label = 'T' }\n", "« timbre_fiscal » est déjà pris"),
        ("[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'deposee'\nends_when = 'superseded'\n"
         "status_when_ended = 'complement_envoye'\n", "demande `status` et `ends_when`"),
    ],
)
def test_a_bad_kinds_file_is_refused_in_french(extra, text, message):
    (extra / "bad.toml").write_text(text, encoding="utf-8")
    with pytest.raises(NotificationKindsError, match=message):
        load_kinds()


# --- a kinds file is untrusted input too (issue #19: data_limits) ------------------------------

_KIND = "[[kinds]]\nid = 'x'\ntitle = 'X'\nstatus = 'deposee'\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # Nesting: refused on the text, before tomllib could recurse (1,000 deep crashed it).
        (_KIND + "texts = " + "[" * 1000 + "]" * 1000 + "\n", "ligne 5 : imbrication"),
        (_KIND + ".".join(["a"] * 20_000) + " = 1\n", "ligne 5 : imbrication"),
        # Identifiers: widget ids of the recording form (f-…, check-…), keys of the data.
        (_KIND.replace("'x'", "'x y'"), "ligne 2 : notification « x y », clé « id » : "
                                        "identifiant « x y » non permis"),
        (_KIND + "[[kinds.checklist]]\nid = 'fait/à'\nlabel = 'Fait'\n",
         "ligne 6 : notification « x », élément « fait/à », clé « id » : identifiant"),
        (_KIND + '[[kinds.fields]]\nid = "d\\u0000"\nlabel = "D"\ntype = "date"\n',
         "identifiant « dU+0000 » non permis"),
        (_KIND + "ends_when = 'checklist.a b'\n", "identifiant « checklist.a b »"),
        # Counts and texts.
        ("".join(_KIND.replace("'x'", f"'k{i}'") for i in range(51)),
         "51e élément de « kinds » (il y en a 51, 50 au plus)"),
        (_KIND.replace("'X'", "'" + "X" * 2001 + "'"), "ligne 3 : notification « x », clé "
                                                       "« title » : texte de 2001 caractères"),
        # pydantic's problems name their line too.
        (_KIND + "foo = 1\n", "ligne 5 : notification « x », clé « foo » : clé inconnue"),
    ],
    ids=["array", "dotted", "kind-id", "checklist-id", "field-id", "ends_when", "count",
         "text", "pydantic"],
)
def test_a_kinds_file_beyond_the_limits_is_refused_at_its_line(extra, text, message):
    (extra / "bad.toml").write_text(text, encoding="utf-8")
    with pytest.raises(NotificationKindsError) as caught:
        load_kinds()
    assert "« bad.toml »" in str(caught.value)
    assert message in str(caught.value)


def test_a_kinds_file_over_the_size_limit_is_not_read(extra, monkeypatch):
    from pathlib import Path

    from anef_tui.domain.data_limits import MAX_BYTES

    with (extra / "gros.toml").open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)

    def no_read(*args, **kwargs):
        raise AssertionError("read")

    notification_kinds._shipped()  # the shipped file is read before the patch
    monkeypatch.setattr(Path, "open", no_read)
    with pytest.raises(NotificationKindsError, match="« gros.toml » refusé : .*n'a pas été lu"):
        load_kinds()


def test_the_shipped_kinds_file_passes_the_limits():
    from anef_tui.domain.data_limits import shape_problems, toml_nesting
    from anef_tui.domain.notification_kinds import KINDS_SHAPE
    from anef_tui.paths import assets_dir

    text = (assets_dir() / "followup.toml").read_text(encoding="utf-8")
    toml_nesting(text)
    import tomllib

    assert shape_problems(tomllib.loads(text), KINDS_SHAPE) == []
