"""The certificate checklist read as a step's fields (domain/notification_form.py): each date
refused names its own field, a date done cannot be in the future, an appointment may be."""

from __future__ import annotations

from datetime import date

from anef_tui.domain.notification_form import checklist_fields, read_checklist
from anef_tui.domain.notification_kinds import kinds

TODAY = date(2026, 11, 22)


def certificate():
    return next(k for k in kinds().values() if k.checklist)


def test_one_date_field_per_item_with_the_screen_label():
    kind = certificate()
    fields = checklist_fields(kind)
    assert [f.id for f in fields] == [f"check-{i.id}" for i in kind.checklist]
    assert all(f.type == "date" and f.display_label.endswith("— le (JJ/MM/AAAA) :")
               for f in fields)


def test_dates_read_as_iso_and_blank_as_none():
    kind = certificate()
    done = next(i for i in kind.checklist if i.done)
    ahead = next(i for i in kind.checklist if not i.done)
    checklist, problems = read_checklist(
        kind, {f"check-{done.id}": "3/11/2026", f"check-{ahead.id}": "15/12/2026"}, today=TODAY)
    assert not problems
    assert checklist[done.id] == "2026-11-03" and checklist[ahead.id] == "2026-12-15"
    assert all(checklist[i.id] is None for i in kind.checklist if i not in (done, ahead))


def test_each_refused_date_names_its_field():
    kind = certificate()
    first, second = [i for i in kind.checklist if i.done][:2]
    values = {f"check-{first.id}": "31/02/2026", f"check-{second.id}": "01/01/2030"}
    checklist, problems = read_checklist(kind, values, today=TODAY)
    assert checklist == {}
    assert [p.field_id for p in problems] == [f"check-{first.id}", f"check-{second.id}"]
    assert "n'existe pas" in problems[0].message and "futur" in problems[1].message
