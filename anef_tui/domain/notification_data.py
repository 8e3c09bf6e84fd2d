"""What the user copies from a notification: its kind-specific data and the certificate's
checklist, checked and put in stored form (ISO dates); every refusal a French ValueError.

Nothing medical is ever stored: the certificate checklist only holds dates.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from anef_tui.domain.notification_kinds import Kind, get_kind
from anef_tui.domain.notification_model import fr_date


class FieldValueError(ValueError):
    """A value refused (French), and the id of the field it belongs to: the recording form
    puts the message under that field (never found by looking for a label in the text)."""

    def __init__(self, message: str, field_id: str) -> None:
        super().__init__(message)
        self.field_id = field_id


def parse_iso(value: Any, what: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"{what} : date invalide « {value} » (attendu AAAA-MM-JJ).")


def optional_iso(value: Any, what: str) -> str | None:
    if value is None or value == "":
        return None
    return parse_iso(value, what).isoformat()


def text_value(value: Any, what: str, *, required: bool) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValueError(f"{what} : un texte est attendu.")
    value = value.strip()
    if required and not value:
        raise ValueError(f"{what} est obligatoire.")
    return value


def refuse_unknown(given: dict, allowed: frozenset[str] | set[str], what: str) -> None:
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        raise ValueError(f"{what} : élément(s) inconnu(s) : {', '.join(unknown)}.")


def _documents(items: Any, *, invalid: bool) -> list[dict]:
    what = "Documents non valides" if invalid else "Documents manquants"
    if items is None:
        return []
    if not isinstance(items, list):
        raise ValueError(f"{what} : une liste est attendue.")
    allowed = {"slot_id", "title", "observations"} | ({"file_name"} if invalid else set())
    seen: set[str] = set()
    documents = []
    for item in items:
        if not isinstance(item, dict):
            raise ValueError(f"{what} : chaque document doit être décrit.")
        refuse_unknown(item, allowed, what)
        slot_id = text_value(item.get("slot_id"), f"{what} : l'identifiant du document",
                             required=True)
        if slot_id in seen:
            raise ValueError(f"{what} : le document « {slot_id} » figure deux fois.")
        seen.add(slot_id)
        document = {"slot_id": slot_id,
                    "title": text_value(item.get("title"), f"{what} : le nom du document",
                                        required=True)}
        if invalid:
            document["file_name"] = text_value(item.get("file_name"), f"{what} : le fichier",
                                               required=False)
        document["observations"] = text_value(item.get("observations"),
                                              f"{what} : les observations", required=False)
        documents.append(document)
    return documents


def normalise_checklist(kind: Kind, given: Any, current: dict, *, received_on: date,
                        today: date) -> dict:
    """The checklist with `given` merged in (ISO dates or None); ValueError (French)."""
    if given is None:
        given = {}
    if not isinstance(given, dict):
        raise ValueError("Liste de contrôle du certificat : un dictionnaire est attendu.")
    items = {item.id: item for item in kind.checklist}
    refuse_unknown(given, set(items), "Liste de contrôle du certificat")
    result = {key: current.get(key) for key in items}
    for key, value in given.items():
        item = items[key]
        iso = optional_iso(value, f"« {item.label} »")
        if iso is not None and item.done:
            day = date.fromisoformat(iso)
            if day > today:
                raise ValueError(f"« {item.label} » : la date ne peut pas être dans le futur.")
            if day < received_on:
                raise ValueError(
                    f"« {item.label} » : la date ne peut pas précéder la mise à disposition du "
                    f"formulaire ({fr_date(received_on)})."
                )
        result[key] = iso
    return result


def _field_value(kind: Kind, field, value: Any, dates: dict[str, date | None],
                 today: date) -> Any:
    """One declared field, checked and in stored form."""
    from anef_tui.domain.rules import FieldError, validate

    what = f"{kind.title} : « {field.label} »"
    if value in (None, "") and field.default is not None:
        value = dates.get(field.default)
    if value in (None, ""):
        if field.required:
            raise ValueError(f"{kind.title} : « {field.label} » est obligatoire.")
        return None
    if field.type == "date":
        day = parse_iso(value, field.label)
        if field.rule == "date_passee" and day > today:
            raise ValueError(f"La date « {field.label} » ne peut pas être dans le futur.")
        return day.isoformat()
    if field.type in ("choice", "yesno"):
        if field.values:
            if isinstance(value, str) and value in field.values:
                return field.values[value]
            if value in list(field.values.values()):
                return value
            raise ValueError(f"{what} : précisez une des réponses proposées "
                             f"({', '.join(field.choices)}).")
        if value not in (field.choices or ["Oui", "Non"]):
            raise ValueError(f"{what} : choisissez une des réponses proposées.")
        return value
    if field.type == "checkbox":
        return bool(value)
    if not isinstance(value, str):
        raise ValueError(f"{what} : un texte est attendu.")
    if field.rule == "date" and not re.fullmatch(r"\s*\d{1,2}/\d{1,2}/\d{4}\s*", value):
        raise ValueError(f"{field.label} invalide : « {value} » (attendu JJ/MM/AAAA).")
    if field.rule:
        try:
            return validate(field.rule, field.label, value, today=today)
        except FieldError as exc:
            raise ValueError(f"{exc.message} (attendu JJ/MM/AAAA)" if field.type == "text"
                             and field.rule == "date" else exc.message) from None
    return value.strip()


def _shown(field, values: dict, kind: Kind) -> bool:
    cond = field.show_if
    if cond is None:
        return True
    value = values.get(cond.field)
    source = kind.field(cond.field)
    label = next((k for k, v in source.values.items() if v == value), value)
    return label in cond.any_of


def normalise_data(kind_id: str, data: dict | None, *, received_on: date, today: date) -> dict:
    """The kind-specific data of a notification, checked and in stored form (ISO dates).

    Raise ValueError (one French sentence) for an unknown key, a missing value or a bad date.
    """
    kind = get_kind(kind_id)
    data = dict(data or {})
    allowed = {f.id for f in kind.fields}
    if kind.documents:
        allowed |= {"invalid", "missing"}
    if kind.checklist:
        allowed.add("checklist")
    refuse_unknown(data, allowed, kind.title)
    result: dict[str, Any] = {}
    dates: dict[str, date | None] = {"received_on": received_on}
    for field in kind.fields:
        try:
            value = _field_value(kind, field, data.get(field.id), dates, today)
        except FieldValueError:
            raise
        except ValueError as exc:
            raise FieldValueError(str(exc), field.id) from exc
        if not _shown(field, {**data, **result}, kind):
            value = None
        result[field.id] = value
        if field.type == "date":
            dates[field.id] = date.fromisoformat(value) if value else None
    for field in kind.fields:
        for ref, later in ((field.not_before, True), (field.not_after, False)):
            if not ref:
                continue
            mine, other = dates.get(field.id), dates.get(ref)
            if mine is None or other is None:
                continue
            if later and mine < other:
                raise FieldValueError(f"« {field.label} » : cette date précède son début "
                                      f"(« {_label(kind, ref)} »).", field.id)
            if not later and mine > other:
                raise FieldValueError(f"« {field.label} » : la date ne peut pas être "
                                      f"postérieure à « {_label(kind, ref)} ».", field.id)
    if kind.documents:
        invalid = _documents(data.get("invalid"), invalid=True)
        missing = _documents(data.get("missing"), invalid=False)
        if not invalid and not missing:
            raise ValueError(
                f"{kind.title} : indiquez au moins un document non valide ou manquant."
            )
        result["invalid"], result["missing"] = invalid, missing
    if kind.checklist:
        result["checklist"] = normalise_checklist(kind, data.get("checklist"), {},
                                                  received_on=received_on, today=today)
    return result


def _label(kind: Kind, ref: str) -> str:
    if ref == "received_on":
        return "Reçue le"
    if ref == "read_on":
        return "Lu le"
    return kind.field(ref).label
