"""The models of a notification kinds file (pydantic) and the names they allow; read and
validated by `notification_kinds`, which re-exports them."""

from __future__ import annotations

import re

from pydantic import model_validator

from anef_tui.domain.catalogue import Field, _Model
from anef_tui.domain.kinds_error import FILE_ENV as FILE_ENV
from anef_tui.domain.kinds_error import NotificationKindsError as NotificationKindsError
from anef_tui.domain.status import DossierStatus

#: A folder of extra notification kinds (tests, a new kind before it is shipped).
EXTRA_ENV = "ANEF_TUI_NOTIFICATIONS"
FILE_NAME = "followup.toml"
# FILE_ENV (`ANEF_TUI_FOLLOWUP`): a file read in place of the shipped `followup.toml` (tests
# that reword its labels; a service trying its own wording before it is shipped).
#: Dates every notification has, usable as `from`, `not_before`, `not_after`, `default`.
BASE_DATES = ("received_on", "read_on")
#: Ids the recording form uses for itself.
RESERVED_IDS = frozenset({"kind", "received", "read_on", "received_on", "invalid", "missing",
                          "checklist"})
_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)\}")
#: Placeholders a text may cite besides its kind's fields: values of the dossier itself,
#: given by the screen that shows the notification (the applicant's name as the ANEF
#: writes it, the N° de la demande, the filing date JJ/MM/AAAA).
DOSSIER_PLACEHOLDERS = frozenset({"prenom", "nom", "numero_demande", "depose_le"})
#: Where a kind's text is shown: in the notification, or quoted from the document the
#: administration joins to it (after the closing, under that document's title).
TEXT_PARTS = ("notification", "document")


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
    # What names this deadline in the base and the code (never `label`): an identifier,
    # unique among every deadline of every kind; the kind's id when not given.
    code: str | None = None
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


class ChecklistTask(_Model):
    """Something still to do until its checklist item is dated (issue 22): the information
    the OFII doctor asked for, the timbre fiscal, the card to collect. Listed with the
    deadlines, with a date when the data gives one, without one otherwise."""

    code: str  # what names it in the base and the code, as a deadline's code
    label: str  # short, in the dossier list and « Échéances »
    after: str | None = None  # an item whose date starts it (not to do before it is dated)
    days: int = 0  # with `after`: due that many days after that date
    on: str | None = None  # an item whose date is its day (an appointment told later)


class ChecklistItem(_Model):
    id: str
    label: str
    screen_label: str | None = None
    done: bool = False  # something done: no date in the future, none before the receipt
    deadline_label: str | None = None  # a date ahead that is an échéance (an appointment)
    deadline_code: str | None = None  # its code (required with `deadline_label`)
    task: ChecklistTask | None = None  # to do until this item is dated
    # Asked only when the notification's field has that value (after a favourable decision).
    if_field: str | None = None
    equals: bool | str | None = None

    def applies(self, data: dict) -> bool:
        return self.if_field is None or data.get(self.if_field) == self.equals


class Kind(_Model):
    id: str
    title: str
    status: str | None = None
    status_by: str | None = None  # the choice field that decides the status
    statuses: dict[str, str] = {}  # its choice label -> status name
    fields: list[NotificationField] = []
    documents: bool = False  # per document of the procedure: state + observations
    checklist: list[ChecklistItem] = []
    # anef-tui's words shown before the checklist (a line « - … » is a bullet); none if empty.
    checklist_help: list[str] = []
    # Said once the checklist's dates are saved.
    checklist_saved: str = "Dates enregistrées."
    deadline: DeadlineSpec | None = None
    ends_when: str | None = None  # « answered », « superseded », « checklist.<item> »
    # The state the dossier moves to once `ends_when` is met (the answer sent, the envelope
    # sent), when it is still in the state `status` this kind brought; back to `status` when
    # it is no longer met (the checklist's date cleared).
    status_when_ended: str | None = None
    ends_all: bool = False  # once recorded, nothing is due on the dossier any more
    warning: bool = False  # warn before its deadline (prolongation)
    official_document: str | None = None
    official_documents: dict[str, str] = {}  # status_by choice label -> document title
    texts: list[KindText] = []

    @property
    def deadline_code(self) -> str | None:
        """The code of the deadline this kind starts (None if it starts none)."""
        if self.deadline is None:
            return None
        return self.deadline.code or self.id

    def checklist_for(self, data: dict) -> list[ChecklistItem]:
        """The checklist items asked for a notification holding `data` (`if_field`)."""
        return [item for item in self.checklist if item.applies(data)]

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
    # The official PDF the ANEF issues at the filing, kept with the dossier (issue 22).
    filing_document: str = "Confirmation de dépôt"
    kinds: list[Kind] = []
