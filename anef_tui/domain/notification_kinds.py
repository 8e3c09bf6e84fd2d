"""The notification kinds of the follow-up, read from `assets/followup.toml` and validated.

The file says, for each kind the administration sends (complément, certificat médical vierge,
prolongation, décision…), what the recording form asks (the same Field model as the
procedures), which state the dossier moves to, the deadline it starts and the texts shown.
A folder of extra kinds (`ANEF_TUI_NOTIFICATIONS`, every `*.toml` holding `[[kinds]]`) adds
to them: a new kind is data only.

Errors are French (`NotificationKindsError`), each naming the file and the place.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from pathlib import Path

from pydantic import ValidationError, model_validator

from anef_tui.display import display_path
from anef_tui.domain.catalogue import Condition, Field, _describe_loc, _Model, _pydantic_message
from anef_tui.domain.procedure_messages import _toml_error
from anef_tui.domain.status import DossierStatus
from anef_tui.oserrors import advice, reason

#: A folder of extra notification kinds (tests, a new kind before it is shipped).
EXTRA_ENV = "ANEF_TUI_NOTIFICATIONS"
FILE_NAME = "followup.toml"
#: Dates every notification has, usable as `from`, `not_before`, `not_after`, `default`.
BASE_DATES = ("received_on", "read_on")
#: Ids the recording form uses for itself.
RESERVED_IDS = frozenset({"kind", "received", "read_on", "received_on", "invalid", "missing",
                          "checklist"})
_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")
_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")
#: Placeholders a text may cite besides its kind's fields: values of the dossier itself,
#: given by the screen that shows the notification (the applicant's name as the ANEF
#: writes it, the N° de la demande, the filing date JJ/MM/AAAA).
DOSSIER_PLACEHOLDERS = frozenset({"prenom", "nom", "numero_demande", "depose_le"})
#: Where a kind's text is shown: in the notification, or quoted from the document the
#: administration joins to it (after the closing, under that document's title).
TEXT_PARTS = ("notification", "document")


class NotificationKindsError(ValueError):
    """The notification kinds file is invalid (French, names its place)."""


class NotificationField(Field):
    """A field of the recording form: a procedure Field plus how it is stored and compared."""

    values: dict[str, bool | str] = {}  # choice label -> stored value (else the label)
    not_before: str | None = None  # a date field id (or « received_on »)
    not_after: str | None = None
    default: str | None = None  # a date taken when left blank
    in_form: bool = True  # False: accepted in the data, not asked by the form


class DeadlineRule(_Model):
    from_: str = "received_on"
    days: int = 0
    months: int = 0
    procedure: str | None = None  # this rule for that procedure only
    when_given: str | None = None  # this rule when that field has a value

    model_config = {**_Model.model_config, "populate_by_name": True}

    @model_validator(mode="before")
    @classmethod
    def _from(cls, data: object) -> object:
        if isinstance(data, dict) and "from" in data:
            data = {**data, "from_": data["from"]}
            del data["from"]
        return data


class DeadlineSpec(DeadlineRule):
    label: str  # short, in the dossier list and « Échéances »
    notice: str | None = None  # on the notification itself (else `label`)
    overrides: list[DeadlineRule] = []
    # The days and their start are the procedure's own (`[followup]` of its file): a
    # complément's delay is part of each procedure's follow-up policy, not of this file.
    from_procedure: bool = False

    def rule_for(self, procedure: str, data: dict) -> DeadlineRule:
        if self.from_procedure:
            from anef_tui.domain.policy import UnknownProcedure, followup_policy

            try:
                policy = followup_policy(procedure)
            except UnknownProcedure:
                return self
            start = "received_on" if policy.complement_from == "reception" else "read_on"
            return DeadlineRule(from_=start, days=policy.complement_days)
        for rule in self.overrides:
            if rule.procedure is not None and rule.procedure != procedure:
                continue
            if rule.when_given is not None and not data.get(rule.when_given):
                continue
            return rule
        return self


class KindText(_Model):
    text: str
    if_field: str | None = None
    equals: bool | str | None = None
    # A link of the site (the words it shows; it cannot work offline).
    link: bool = False
    # anef-tui's own words (« Aide anef-tui : … »), never shown as the site's.
    app: bool = False
    # anef-tui's help said after this text, in its own voice.
    help: str | None = None
    part: str = "notification"  # or « document »: quoted from the document joined to it


class ChecklistItem(_Model):
    id: str
    label: str
    screen_label: str | None = None
    done: bool = False  # something done: no date in the future, none before the receipt
    deadline_label: str | None = None  # a date ahead that is an échéance


class Kind(_Model):
    id: str
    title: str
    status: str | None = None
    status_by: str | None = None  # the choice field that decides the status
    statuses: dict[str, str] = {}  # its choice label -> status name
    fields: list[NotificationField] = []
    documents: bool = False  # per document of the procedure: state + observations
    checklist: list[ChecklistItem] = []
    deadline: DeadlineSpec | None = None
    ends_when: str | None = None  # « answered », « superseded », « checklist.<item> »
    ends_all: bool = False  # once recorded, nothing is due on the dossier any more
    warning: bool = False  # warn before its deadline (prolongation)
    official_document: str | None = None
    official_documents: dict[str, str] = {}  # status_by choice label -> document title
    texts: list[KindText] = []

    def field(self, field_id: str) -> NotificationField:
        for field in self.fields:
            if field.id == field_id:
                return field
        raise KeyError(field_id)

    @property
    def form_fields(self) -> list[NotificationField]:
        return [f for f in self.fields if f.in_form]

    def target_status(self, data: dict) -> DossierStatus:
        if self.status_by is None:
            return DossierStatus(str(self.status))  # one of the two is set (checked at load)
        field = self.field(self.status_by)
        value = data.get(self.status_by)
        label = next((k for k, v in field.values.items() if v == value), value)
        return DossierStatus(self.statuses[str(label)])

    def official_title(self, data: dict) -> str | None:
        if self.status_by is not None and self.official_documents:
            field = self.field(self.status_by)
            value = data.get(self.status_by)
            label = next((k for k, v in field.values.items() if v == value), value)
            if label in self.official_documents:
                return self.official_documents[label]
        return self.official_document


class KindsFile(_Model):
    domain: str = "SEJOUR"
    # Every notification opened on the ANEF begins and ends the same way.
    greeting: str = ""  # « Bonjour {prenom} {nom}, »
    closing: list[str] = []  # « Cordialement, » / « L'agent Instructeur » / …
    kinds: list[Kind] = []


def _problems(kinds: list[Kind]) -> list[str]:
    """What pydantic cannot see: references between fields, statuses, unique ids."""
    problems: list[str] = []
    statuses = {s.value for s in DossierStatus}
    seen_kinds: set[str] = set()
    seen_fields: dict[str, str] = {}
    for kind in kinds:
        where = f"notification « {kind.id} »"
        if not _ID.fullmatch(kind.id):
            problems.append(f"{where} : identifiant non permis (lettres minuscules, chiffres, _)")
        if kind.id in seen_kinds:
            problems.append(f"{where} : déclarée deux fois")
        seen_kinds.add(kind.id)
        dates = {f.id for f in kind.fields if f.type == "date"} | set(BASE_DATES)
        ids = {f.id for f in kind.fields}
        if (kind.status is None) == (kind.status_by is None):
            problems.append(f"{where} : indiquez `status` ou bien `status_by` (un seul)")
        if kind.status is not None and kind.status not in statuses:
            problems.append(f"{where} : état inconnu « {kind.status} »")
        if kind.status_by is not None:
            if kind.status_by not in ids:
                problems.append(f"{where} : `status_by` « {kind.status_by} » n'est pas un champ")
            else:
                choices = set(kind.field(kind.status_by).choices)
                if set(kind.statuses) != choices:
                    problems.append(f"{where} : `statuses` doit donner un état par choix de "
                                    f"« {kind.status_by} »")
            problems += [f"{where} : état inconnu « {s} »" for s in kind.statuses.values()
                         if s not in statuses]
        for field in kind.fields:
            if field.id in RESERVED_IDS or not _ID.fullmatch(field.id):
                problems.append(f"{where}, champ « {field.id} » : identifiant non permis")
            if field.id in seen_fields:
                problems.append(f"{where}, champ « {field.id} » : déjà un champ de la "
                                f"notification « {seen_fields[field.id]} »")
            seen_fields[field.id] = kind.id
            for ref in (field.not_before, field.not_after, field.default):
                if ref is not None and ref not in dates:
                    problems.append(f"{where}, champ « {field.id} » : « {ref} » n'est pas une "
                                    "date de cette notification")
            if field.show_if is not None and field.show_if.field not in ids:
                problems.append(f"{where}, champ « {field.id} » : `show_if` lit « "
                                f"{field.show_if.field} », qui n'est pas un champ")
            if field.values and set(field.values) != set(field.choices):
                problems.append(f"{where}, champ « {field.id} » : `values` doit donner une "
                                "valeur par choix")
        if kind.deadline is not None:
            for rule in (kind.deadline, *kind.deadline.overrides):
                if rule.from_ not in dates:
                    problems.append(f"{where} : l'échéance part de « {rule.from_} », qui "
                                    "n'est pas une date de cette notification")
        ends = kind.ends_when
        items = {item.id for item in kind.checklist}
        if ends is not None and ends not in ("answered", "superseded") and not (
            ends.startswith("checklist.") and ends.removeprefix("checklist.") in items
        ):
            problems.append(f"{where} : `ends_when` « {ends} » inconnu (answered, superseded, "
                            "checklist.<élément>)")
        for text in kind.texts:
            if text.part not in TEXT_PARTS:
                problems.append(f"{where} : `part` « {text.part} » inconnu (notification, "
                                "document)")
            for name in _PLACEHOLDER.findall(text.text):
                if name not in ids and name not in DOSSIER_PLACEHOLDERS:
                    problems.append(f"{where} : le texte cite « {{{name}}} », qui n'est pas un "
                                    "champ")
            if text.if_field is not None and text.if_field not in ids:
                problems.append(f"{where} : `if_field` « {text.if_field} » n'est pas un champ")
    return problems


def parse_kinds(toml_text: str, source: str) -> KindsFile:
    """Parse and validate one kinds file; NotificationKindsError (French) otherwise."""
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        line, detail = _toml_error(exc)
        where = f", ligne {line}" if line is not None else ""
        raise NotificationKindsError(
            f"Fichier des notifications « {display_path(source)} » illisible (TOML invalide"
            f"{where}) : {detail}."
        ) from exc
    try:
        parsed = KindsFile.model_validate(data)
    except ValidationError as exc:
        problems = [
            _describe_loc(data, tuple(err["loc"])) + _pydantic_message(err)
            for err in exc.errors()
        ]
        raise NotificationKindsError(
            f"Fichier des notifications « {display_path(source)} » invalide : "
            + " ; ".join(problems) + "."
        ) from None
    return parsed


def _extra_files() -> list[Path]:
    folder = os.environ.get(EXTRA_ENV)
    if not folder:
        return []
    return sorted(Path(folder).glob("*.toml"))


@functools.cache
def _shipped() -> KindsFile:
    from anef_tui.paths import assets_dir

    path = assets_dir() / FILE_NAME
    return parse_kinds(path.read_text(encoding="utf-8"), FILE_NAME)


def frame() -> tuple[str, list[str]]:
    """(greeting, closing lines) of every notification, from the shipped file."""
    shipped = _shipped()
    return shipped.greeting, list(shipped.closing)


@functools.cache
def load_kinds() -> tuple[str, dict[str, Kind]]:
    """(domain, kinds by id in file order): the shipped file, then the extra folder."""
    shipped = _shipped()
    kinds = list(shipped.kinds)
    for extra in _extra_files():
        try:
            text = extra.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise NotificationKindsError(
                f"Fichier des notifications « {display_path(extra.name)} » illisible "
                f"({reason(exc)}) : {advice(exc)}."
            ) from exc
        kinds += parse_kinds(text, extra.name).kinds
    problems = _problems(kinds)
    if problems:
        raise NotificationKindsError(
            "Notifications invalides : " + " ; ".join(problems) + "."
        )
    return shipped.domain, {kind.id: kind for kind in kinds}


def clear_caches() -> None:
    load_kinds.cache_clear()
    _shipped.cache_clear()


def kinds() -> dict[str, Kind]:
    return load_kinds()[1]


def get_kind(kind_id: str) -> Kind:
    """The kind of that id; ValueError (French) for an unknown one."""
    try:
        return kinds()[kind_id]
    except KeyError:
        raise ValueError(f"Type de notification inconnu : « {kind_id} ».") from None


__all__ = [
    "ChecklistItem",
    "Condition",
    "DeadlineSpec",
    "Kind",
    "KindText",
    "NotificationField",
    "NotificationKindsError",
    "clear_caches",
    "frame",
    "get_kind",
    "kinds",
    "load_kinds",
    "parse_kinds",
]
