"""After the filing, the rules: what a notification's data must hold, the deadline it starts,
what is still due on a dossier, what a complément answer needs before it is sent.

The vocabulary (kinds, fields, states, deadlines, texts) is data (`assets/followup.toml`,
domain/notification_kinds.py); the state machine is domain/status.py. Nothing here touches
the database (store/followup.py) or the screen.

Nothing medical is ever stored: the certificate checklist only holds dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from anef_tui.domain import deadlines as rules
from anef_tui.domain.deadlines import Deadline
from anef_tui.domain.notification_kinds import Kind, get_kind, kinds, load_kinds
from anef_tui.domain.status import DossierStatus

# The kinds the shipped file declares (names for code that must single one out).
COMPLEMENT = "complement"
CERTIFICAT_MEDICAL = "certificat_medical"
PROLONGATION = "prolongation"
DECISION = "decision"

MAINTENIR = "maintenir"
METTRE_A_JOUR = "mettre_a_jour"
COMPLEMENT_CHOICES: dict[str, str] = {
    MAINTENIR: "Maintenir le Document",
    METTRE_A_JOUR: "Mettre à jour le Document",
}
COMPLEMENT_SLOT_PREFIX = "complement:"
OFFICIAL_SLOT_PREFIX = "officiel:"
OFFICIAL_MAX_FILES = 3
DEFAULT_MAX_FILES = 3

#: The documents of a complément's recording form: state label -> list it goes to.
DOCUMENT_STATES: dict[str, str | None] = {
    "Non concerné": None,
    "Document non valide": "invalid",
    "Document manquant": "missing",
}
OBSERVATIONS_LABEL = "Observations de l'agent"

#: Once the préfet has decided (or the request is closed) nothing is due any more.
FINISHED = frozenset(
    {
        DossierStatus.DECISION_FAVORABLE,
        DossierStatus.DECISION_DEFAVORABLE,
        DossierStatus.CLOTUREE,
        DossierStatus.ABANDONNEE,
        DossierStatus.BROUILLON,
    }
)


def default_domain() -> str:
    return load_kinds()[0]


def kind_title(kind_id: str) -> str:
    return get_kind(kind_id).title


def complement_slot_id(notification_id: int, slot_id: str) -> str:
    """The attachment slot id of the files answering document `slot_id` of a complément."""
    return f"{COMPLEMENT_SLOT_PREFIX}{int(notification_id)}:{slot_id}"


def official_slot_id(notification_id: int) -> str:
    """The attachment slot id of the official document of a prolongation or decision."""
    return f"{OFFICIAL_SLOT_PREFIX}{int(notification_id)}"


def has_official_document(kind_id: str) -> bool:
    kind = kinds().get(kind_id)
    return kind is not None and kind.official_title({}) is not None


def official_document_title(kind_id: str, data: dict) -> str:
    """The name of the document the administration issues with this notification."""
    title = get_kind(kind_id).official_title(data)
    if title is None:
        raise ValueError("Cette notification n'a pas de document officiel à joindre.")
    return title


def fr_date(d: date) -> str:
    return d.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Notification:
    id: int
    dossier_id: int
    kind: str
    title: str
    domain: str
    received_on: date
    read_on: date | None
    data: dict
    deadline: date | None
    deadline_label: str | None
    #: The day the deadline was met: a complément answered, the certificate's envelope sent.
    done_on: date | None = None
    #: The dossier's procedure id.
    procedure: str = ""

    @property
    def resumes_application(self) -> bool:
        """A complément answered with « Reprendre ma demande » (étape 4 reopened) and
        « Déposer les compléments », not document by document."""
        from anef_tui.domain.policy import resumes_application

        kind = kinds().get(self.kind)
        return kind is not None and kind.documents and resumes_application(self.procedure)

    @property
    def read(self) -> bool:
        return self.read_on is not None

    @property
    def read_label(self) -> str:
        """« lue » / « non lue », as in « Mes Notifications »."""
        return "lue" if self.read_on is not None else "non lue"


# --------------------------------------------------------------------------------------
# What the user copies


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
        value = _field_value(kind, field, data.get(field.id), dates, today)
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
                raise ValueError(f"« {field.label} » : cette date précède son début "
                                 f"(« {_label(kind, ref)} »).")
            if not later and mine > other:
                raise ValueError(f"« {field.label} » : la date ne peut pas être postérieure à "
                                 f"« {_label(kind, ref)} ».")
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


# --------------------------------------------------------------------------------------
# Deadlines


def notification_deadline(
    kind_id: str, procedure_id: str, received_on: date, read_on: date | None, data: dict
) -> tuple[date | None, str | None]:
    """The date a notification must be acted on by, and its label (None, None if none)."""
    kind = kinds().get(kind_id)
    if kind is None or kind.deadline is None:
        return None, None
    rule = kind.deadline.rule_for(procedure_id, data)
    if rule.from_ == "received_on":
        start: date | None = received_on
    elif rule.from_ == "read_on":
        start = read_on
    else:
        value = data.get(rule.from_)
        start = date.fromisoformat(value) if value else None
    if start is None:
        return None, None
    when = rules.add_months(rules.add_days(start, rule.days), rule.months)
    return when, kind.deadline.notice or kind.deadline.label


def done_on(kind_id: str, data: dict, answered_on: str | None) -> date | None:
    """The day the notification's deadline was met (None while it is due)."""
    kind = kinds().get(kind_id)
    ends = kind.ends_when if kind else None
    if ends == "answered":
        return date.fromisoformat(answered_on) if answered_on else None
    if ends and ends.startswith("checklist."):
        value = (data.get("checklist") or {}).get(ends.removeprefix("checklist."))
        return date.fromisoformat(value) if value else None
    return None


def open_deadlines(status: DossierStatus, notifications: list[Notification],
                   today: date) -> list[Deadline]:
    """Everything still due on a dossier (its notifications newest first), soonest first."""
    if status in FINISHED:
        return []
    if any(kinds().get(n.kind) is not None and kinds()[n.kind].ends_all
           for n in notifications):
        return []
    found: list[Deadline] = []
    superseded: set[str] = set()
    for n in notifications:
        kind = kinds().get(n.kind)
        if kind is None or kind.deadline is None:
            continue
        if n.deadline is not None and n.done_on is None and n.kind not in superseded:
            found.append(Deadline(n.deadline, kind.deadline.label, n.dossier_id, n.id))
        if kind.ends_when == "superseded":
            superseded.add(n.kind)  # only the latest one counts
        for item in kind.checklist:
            value = (n.data.get("checklist") or {}).get(item.id)
            if item.deadline_label and value and date.fromisoformat(value) >= today:
                found.append(Deadline(date.fromisoformat(value), item.deadline_label,
                                      n.dossier_id, n.id))
    found.sort(key=lambda d: (d.date, d.dossier_id or 0, d.notification_id or 0))
    return found


def warning_labels() -> set[str]:
    """The deadline labels warned about ahead (an attestation de prolongation's end)."""
    return {k.deadline.label for k in kinds().values() if k.warning and k.deadline}


# --------------------------------------------------------------------------------------
# Texts


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
