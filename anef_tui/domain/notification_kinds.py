"""The notification kinds of the follow-up, read from `assets/followup.toml` and validated.

The file says, for each kind the administration sends (complément, certificat médical vierge,
prolongation, décision…), what the recording form asks (the same Field model as the
procedures), which state the dossier moves to, the deadline it starts and the texts shown.
`ANEF_TUI_FOLLOWUP` names a file read in place of the shipped one. A folder of extra kinds
(`ANEF_TUI_NOTIFICATIONS`, every `*.toml` holding `[[kinds]]`) adds
to them: a new kind is data only.

Errors are French (`NotificationKindsError`), each naming the file and the place. A file is
held to the limits of `data_limits` (size, nesting, counts, texts, identifiers) before tomllib
and pydantic read it. The models are in `notification_kinds_model` (re-exported here).
"""

from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path

from pydantic import ValidationError

from anef_tui.display import display_path
from anef_tui.domain.catalogue import Condition, _describe_loc, _pydantic_message
from anef_tui.domain.data_limits import (
    IDENT,
    MAX_EXTRA_FILES,
    MAX_FIELDS,
    MAX_KINDS,
    LimitError,
    Shape,
    capped,
    check_text_size,
    read_bounded,
    shape_problems,
    toml_nesting,
)
from anef_tui.domain.notification_kinds_model import (
    _PLACEHOLDER,
    BASE_DATES,
    DOSSIER_PLACEHOLDERS,
    EXTRA_ENV,
    FILE_ENV,
    FILE_NAME,
    RESERVED_IDS,
    TEXT_PARTS,
    ChecklistItem,
    ChecklistTask,
    DeadlineSpec,
    Kind,
    KindsFile,
    KindText,
    NotificationField,
    NotificationKindsError,
)
from anef_tui.domain.procedure_messages import _at, _LineFinder, _toml_error
from anef_tui.domain.status import FROM_NOTIFICATIONS, DossierStatus
from anef_tui.oserrors import advice, reason


def _problems(kinds: list[Kind]) -> list[str]:
    """What pydantic cannot see: references between fields, statuses, unique ids."""
    problems: list[str] = []
    statuses = {s.value for s in DossierStatus}
    seen_kinds: set[str] = set()
    seen_fields: dict[str, str] = {}
    seen_codes: set[str] = set()
    for kind in kinds:
        where = f"notification « {kind.id} »"
        if not IDENT.fullmatch(kind.id):
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
        elif kind.status is not None and DossierStatus(kind.status) not in FROM_NOTIFICATIONS:
            problems.append(f"{where} : « {kind.status} » n'est pas un état que donne une "
                            "notification")
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
            if field.id in RESERVED_IDS or not IDENT.fullmatch(field.id):
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
        problems += _code_problems(kind, seen_codes)
        ends = kind.ends_when
        items = {item.id for item in kind.checklist}
        if len(items) != len(kind.checklist):
            problems.append(f"{where} : un élément de `checklist` est déclaré deux fois")
        problems += _checklist_problems(kind, items, ids)
        if ends is not None and ends not in ("answered", "superseded") and not (
            ends.startswith("checklist.") and ends.removeprefix("checklist.") in items
        ):
            problems.append(f"{where} : `ends_when` « {ends} » inconnu (answered, superseded, "
                            "checklist.<élément>)")
        problems += _ended_problems(kind, statuses)
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


def _checklist_problems(kind: Kind, items: set[str], ids: set[str]) -> list[str]:
    """A task names items of its own checklist (`after` with `days`, or `on`); `if_field`
    names a field of the kind."""
    problems: list[str] = []
    for item in kind.checklist:
        where = f"notification « {kind.id} », élément « {item.id} »"
        if item.if_field is not None and item.if_field not in ids:
            problems.append(f"{where} : `if_field` « {item.if_field} » n'est pas un champ")
        task = item.task
        if task is None:
            continue
        for ref in (task.after, task.on):
            if ref is not None and (ref not in items or ref == item.id):
                problems.append(f"{where} : la tâche lit « {ref} », qui n'est pas un autre "
                                "élément de la liste")
        if task.after is not None and task.on is not None:
            problems.append(f"{where} : une tâche a `after` ou `on`, pas les deux")
        if task.days and task.after is None:
            problems.append(f"{where} : `days` demande `after` (la date d'où partent les jours)")
        if task.days < 0:
            problems.append(f"{where} : `days` ne peut pas être négatif")
    return problems


def _ended_problems(kind: Kind, statuses: set[str]) -> list[str]:
    """`status_when_ended`: a state a filed dossier takes from its notifications
    (domain/status.py), for a kind that ends when answered or by its checklist; answering
    must say it."""
    where = f"notification « {kind.id} »"
    ended, ends = kind.status_when_ended, kind.ends_when or ""
    if ended is None:
        if ends == "answered":
            return [f"{where} : `status_when_ended` manque (l'état une fois la réponse "
                    "envoyée)"]
        return []
    if ended not in statuses:
        return [f"{where} : état inconnu « {ended} »"]
    if kind.status is None or not (ends == "answered" or ends.startswith("checklist.")):
        return [f"{where} : `status_when_ended` demande `status` et `ends_when` « answered » "
                "ou « checklist.<élément> »"]
    if kind.status not in statuses:
        return []  # said above
    if DossierStatus(ended) not in FROM_NOTIFICATIONS:
        return [f"{where} : `status_when_ended` « {ended} » n'est pas un état que donne une "
                "notification"]
    return []


def _code_problems(kind: Kind, seen: set[str]) -> list[str]:
    """Every deadline of the kind has a code (its own, or the kind's id for its deadline)
    that no other deadline has."""
    where = f"notification « {kind.id} »"
    problems: list[str] = []
    codes = [kind.deadline_code] if kind.deadline is not None else []
    for item in kind.checklist:
        if item.deadline_label and not item.deadline_code:
            problems.append(f"{where}, élément « {item.id} » : `deadline_label` demande un "
                            "`deadline_code`")
        elif item.deadline_code and not item.deadline_label:
            problems.append(f"{where}, élément « {item.id} » : `deadline_code` sans "
                            "`deadline_label`")
        elif item.deadline_code:
            codes.append(item.deadline_code)
        if item.task is not None:
            codes.append(item.task.code)
    for code in codes:
        if code is None:
            continue
        if code in seen:
            problems.append(f"{where} : le code d'échéance « {code} » est déjà pris")
        seen.add(code)
    return problems


#: What a kinds file may hold (`data_limits`): its identifiers, kinds and fields.
KINDS_SHAPE = Shape(
    lists={"kinds": MAX_KINDS, "fields": MAX_FIELDS},
    ids=frozenset({"id", "status", "status_when_ended", "status_by", "if_field", "from", "not_before", "not_after",
                   "default", "when_given", "procedure", "rule", "role", "name", "confirm_of",
                   "source", "code", "deadline_code", "after", "on"}),
    dotted=frozenset({"field", "ends_when"}),  # « checklist.élément »
)


def _refused(source: str, what: str, problems: list[str]) -> NotificationKindsError:
    problems = capped(problems)
    return NotificationKindsError(
        f"Fichier des notifications « {display_path(source)} » {what} : "
        + " ; ".join(problems) + ".",
        problems, source,
    )


def parse_kinds(toml_text: str, source: str) -> KindsFile:
    """Parse and validate one kinds file; NotificationKindsError (French, naming the line
    where it can) otherwise. Size and nesting are checked before tomllib, counts, texts
    and identifiers before pydantic (`data_limits`), then what pydantic cannot see
    (references between fields, states, unique ids and codes) in this file alone."""
    try:
        check_text_size(toml_text)
        toml_nesting(toml_text)
    except LimitError as exc:
        raise _refused(source, "refusé", [_at("", exc.line, exc.message)]) from None
    try:
        data = tomllib.loads(toml_text)
    except tomllib.TOMLDecodeError as exc:
        line, detail = _toml_error(exc)
        raise _refused(source, "illisible", [_at("", line, f"TOML invalide, {detail}")]) from exc
    beyond = shape_problems(data, KINDS_SHAPE)
    if beyond:
        lines = _LineFinder(toml_text)
        raise _refused(source, "refusé", [
            _at("", lines.line_of_loc(loc), _describe_loc(data, loc) + problem)
            for loc, problem in beyond
        ])
    try:
        parsed = KindsFile.model_validate(data)
    except ValidationError as exc:
        lines = _LineFinder(toml_text)
        raise _refused(source, "invalide", [
            _at("", lines.line_of_loc(tuple(err["loc"])),
                _describe_loc(data, tuple(err["loc"])) + _pydantic_message(err))
            for err in exc.errors()
        ]) from None
    problems = _problems(parsed.kinds)
    if problems:
        lines = _LineFinder(toml_text)
        raise _refused(source, "invalide",
                       [_at("", lines.line_of_message(p), p) for p in problems])
    return parsed


def _read(path: Path, name: str) -> str:
    try:
        return read_bounded(path)
    except LimitError as exc:
        raise _refused(name, "refusé", [exc.message]) from None
    except (OSError, UnicodeDecodeError) as exc:
        message = (f"Fichier des notifications « {display_path(name)} » illisible "
                   f"({reason(exc)}) : {advice(exc)}.")
        raise NotificationKindsError(message, [message], name, unreadable=True) from exc


def read_kinds_file(path: Path, name: str | None = None) -> KindsFile:
    """One kinds file read, parsed and checked on its own (`anef-tui procedures
    --verifier`); NotificationKindsError naming `name` (else the path) otherwise."""
    shown = name if name is not None else str(path)
    return parse_kinds(_read(path, shown), shown)


def _extra_files() -> list[Path]:
    folder = os.environ.get(EXTRA_ENV)
    if not folder:
        return []
    found = sorted(Path(folder).glob("*.toml"))
    if len(found) > MAX_EXTRA_FILES:
        raise NotificationKindsError(
            f"Le dossier des notifications « {display_path(folder)} » contient {len(found)} fichiers .toml, "
            f"plus que les {MAX_EXTRA_FILES} permis : rangez les autres ailleurs.",
            source=folder,
        )
    return found


def files_in_use() -> list[tuple[Path, str]]:
    """(path, name shown) of every kinds file read: the shipped `followup.toml` or the file
    `ANEF_TUI_FOLLOWUP` names instead, then each file of the extra folder."""
    from anef_tui.paths import assets_dir

    instead = os.environ.get(FILE_ENV)
    path = Path(instead) if instead else assets_dir() / FILE_NAME
    first = (path, str(path))  # shown whole: the person must find it to correct it
    return [first, *((extra, extra.name) for extra in _extra_files())]


@functools.cache
def _shipped() -> KindsFile:
    """The shipped `followup.toml`, or the file `ANEF_TUI_FOLLOWUP` names instead."""
    path, name = files_in_use()[0]
    return read_kinds_file(path, name)


def filing_document_title() -> str:
    """The name of the official PDF of the filing (« Confirmation de dépôt … »)."""
    return _shipped().filing_document


def frame() -> tuple[str, list[str]]:
    """(greeting, closing lines) of every notification, from the shipped file."""
    shipped = _shipped()
    return shipped.greeting, list(shipped.closing)


@functools.cache
def load_kinds() -> tuple[str, dict[str, Kind]]:
    """(domain, kinds by id in file order): the shipped file, then the extra folder. Each
    file is checked on its own (its problems name it and their lines), then together (an
    id or a code taken by two files)."""
    shipped = _shipped()
    kinds = list(shipped.kinds)
    extras = _extra_files()
    for extra in extras:
        kinds += read_kinds_file(extra, extra.name).kinds
    problems = _problems(kinds)
    if problems:
        names = ", ".join(f"« {display_path(name)} »" for _, name in files_in_use())
        raise NotificationKindsError(
            f"Fichiers des notifications {names} incompatibles : " + " ; ".join(
                capped(problems)) + ".", capped(problems), files_in_use()[-1][1])
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
    "ChecklistTask",
    "Condition",
    "DeadlineSpec",
    "Kind",
    "KindText",
    "NotificationField",
    "NotificationKindsError",
    "clear_caches",
    "filing_document_title",
    "frame",
    "get_kind",
    "kinds",
    "load_kinds",
    "files_in_use",
    "parse_kinds",
    "read_kinds_file",
]
