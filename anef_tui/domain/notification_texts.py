"""A notification's texts as shown: the kind's sentences, placeholders filled from its data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from anef_tui.domain.notification_kinds import get_kind, kinds
from anef_tui.domain.notification_model import COMPLEMENT, Notification, fr_date


@dataclass(frozen=True)
class ShownText:
    """One text of a notification as shown: filled in, with how to show it."""

    text: str
    link: bool = False  # a link of the site (its words; it cannot work offline)
    app: bool = False  # anef-tui's own words
    help: str | None = None  # anef-tui's help said after it
    part: str = "notification"  # or « document »: quoted from the document joined to it


def kind_lines(notification: Notification, extra: dict | None = None) -> list[ShownText]:
    """The kind's texts for this notification: placeholders filled from its data, then from
    `extra` (the dossier's values: prenom, nom, numero_demande, depose_le, or a default for a
    field left blank); a text whose value is missing or whose condition is not met is left
    out."""
    kind = kinds().get(notification.kind)
    if kind is None:
        return []
    extra = extra or {}
    field_types = {f.id: f.type for f in kind.fields}
    out: list[ShownText] = []
    for text in kind.texts:
        if text.if_field is not None and notification.data.get(text.if_field) != text.equals:
            continue
        line = fill(text.text, notification.data, extra, field_types)
        if line is None:
            continue
        out.append(ShownText(line, text.link, text.app, text.help, text.part))
    return out


def fill(text: str, data: dict, extra: dict, field_types: dict | None = None) -> str | None:
    """`text` with its « {name} » filled (a date field as JJ/MM/AAAA), or None when one has
    no value."""
    field_types = field_types or {}
    names = re.findall(r"\{([a-z0-9_]+)\}", text)
    shown: dict[str, str] = {}
    for name in names:
        value = data.get(name)
        if value in (None, ""):
            value = extra.get(name)
        if value in (None, ""):
            return None
        if field_types.get(name) == "date" and isinstance(value, str):
            try:
                value = fr_date(date.fromisoformat(value))
            except ValueError:
                pass
        elif isinstance(value, date):
            value = fr_date(value)
        shown[name] = str(value)
    for name, value in shown.items():
        text = text.replace(f"{{{name}}}", value)
    return text


def kind_texts(notification: Notification, extra: dict | None = None) -> list[str]:
    """The kind's texts for this notification (placeholders filled, conditions met)."""
    return [t.text for t in kind_lines(notification, extra)]


def complement_days(procedure_id: str) -> tuple[int, bool]:
    """(days to answer a complément, counted from receipt?) for that procedure."""
    kind = get_kind(COMPLEMENT)
    if kind.deadline is None:
        return 0, True
    rule = kind.deadline.rule_for(procedure_id, {})
    return rule.days, rule.from_ == "received_on"
