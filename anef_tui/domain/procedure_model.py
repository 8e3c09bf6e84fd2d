"""The typed, frozen models of a procedure file (pydantic); the names they allow are in
`procedure_names.py`.

See `catalogue.py` for the rendering conventions every front end shares."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from anef_tui.domain.data_limits import IDENT
from anef_tui.domain.procedure_names import (
    YESNO_CHOICES,
    FieldType,
    StepKind,
)
from anef_tui.domain.procedure_refs import DEFAULT_ORDER

# A procedure id is a key in the database and a file name: lower-case letters, digits, « _ »;
# every other identifier of a procedure file follows the same rule (`data_limits.IDENT`).
PROCEDURE_ID = IDENT


class CatalogueError(Exception):
    """The procedure catalogue is unusable; the message is French.

    `problems` lists each problem on its own (« fichier, ligne 12 : … » when the file and line
    are known)."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems: list[str] = problems if problems is not None else [message]


class ProcedureFileUnreadable(CatalogueError):
    """The procedure file cannot be read at all (missing, no permission)."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Condition(_Model):
    """`field` (same step, or « step_id.field_id ») must hold one of `any_of`."""

    field: str
    any_of: list[str]


class CheckSpec(_Model):
    """A named cross-field check and its parameters (`anef_tui.domain.checks`)."""

    name: str
    years: int | None = None  # « age_minimum »
    message: str | None = None  # French; « {label} » stands for the field's label


class Field(_Model):
    id: str
    label: str  # verbatim, without the trailing « * : »
    type: FieldType
    required: bool = False
    readonly: bool = False
    rule: str | None = None
    choices: list[str] = []
    # Values of `choices` that anef-tui covers; empty means every choice is covered.
    in_scope_choices: list[str] = []
    out_of_scope_note: str | None = None  # shown when a value outside in_scope_choices is picked
    repeatable: bool = False  # several prénoms / nationalités
    add_label: str | None = None  # « + Ajouter un prénom »
    hint: str | None = None  # the site's own text under the label
    # The label exactly as the site prints it, when it is not « label * : » (e.g. « Date de
    # naissance : » then « Jour : Mois : Année * : »); `label` stays the name used in messages.
    display_label: str | None = None
    # anef-tui's own help (never the site's text): shown apart, « Aide anef-tui : … ».
    app_help: str | None = None
    # The site's link beside the value once filed (« ✖ Supprimer le numéro ephoto »,
    # seed 002 l. 1041), shown — marked as the site's — on « Reprendre ma demande ».
    remove_label: str | None = None
    show_if: Condition | None = None
    confirm_of: str | None = None  # id of the field (same step) this one confirms
    prefill: str | None = None  # fixed read-only text (the motif de séjour)
    # A suggestion shown in the field while it is empty (« Pays » : France), as if typed: the
    # person may change it; stored only when the form is saved (`catalogue.with_defaults`).
    default: str | None = None
    # Name of the applicant-profile value that pre-fills the field (read-only or editable).
    source: str | None = None
    # What the code needs of this field (`roles.FIELD_ROLES`: « nom », « code_postal »…).
    role: str | None = None
    # Cross-field checks (`checks.CHECKS`): [{ name = "apres_naissance" }, …].
    checks: list[CheckSpec] = []

    @model_validator(mode="before")
    @classmethod
    def _yesno_choices(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("type") == "yesno" and not data.get("choices"):
            return {**data, "choices": list(YESNO_CHOICES)}
        return data


class Section(_Model):
    id: str
    title: str | None = None  # « ÉTAT CIVIL », « ADRESSE »…
    group: str | None = None  # parent heading, e.g. « INFORMATIONS PERSONNELLES »
    group_intro: list[str] = []  # paragraphs under the parent heading
    intro: list[str] = []
    app_help: list[str] = []  # anef-tui's own help, shown apart from the site's text
    fields: list[Field] = []


class AcceptedGroup(_Model):
    # The annex PDF starts a new page before this group, repeats its title and prints this
    # heading (« DOMICILE (SUITE) »), where the guide's annex does.
    new_page_heading: str | None = None
    heading: str | None = None  # « Si hébergement à l'hôtel : »
    lead: str | None = None  # « Veuillez joindre un des justificatifs suivants : »
    items: list[str] = []


class DocumentSlot(_Model):
    id: str
    title: str
    section: str  # id of the step section it sits in: « etat_civil », « domiciliation »…
    required: bool
    condition: str | None = None  # French sentence for conditional slots
    shown_on_screen: bool = True
    max_files: int = 3
    accepted: list[AcceptedGroup] = []


class Step(_Model):
    id: str
    number: int
    title: str  # progress-bar name
    heading: str = ""  # the screen's heading; "" where the site shows none (002's dépôt)
    description: str | None = None  # one-line description from the préambule
    kind: StepKind
    intro: list[str] = []
    sections: list[Section] = []
    slots: list[DocumentSlot] = []
    progress_percent: int | None = None
    # Shown at the top of the next step once this one is validated (first application, step
    # 1: « Merci, nous avons bien pris en compte votre situation. », seed 002 l. 251-268),
    # with a button back to this step and the pièces-justificatives list link.
    after_texts: list[str] = []
    revise_label: str | None = None  # « Modifier ma situation »
    after_download_label: str | None = None
    download_label: str | None = None  # the pièces-justificatives list link on this step
    submit_label: str | None = None  # None: Procedure.nav.save_continue
    # The dépôt: the site's sentences anef-tui's filing dialog quotes after the heading
    # (`domain.filing.filing_question`).
    confirm_texts: list[str] = []
    show_back: bool = True
    show_save_later: bool = True
    role: str | None = None  # `roles.STEP_ROLES`: « identite », « justificatifs »…

    def fields(self) -> list[Field]:
        return [f for s in self.sections for f in s.fields]

    def slots_in(self, section: Section) -> list[DocumentSlot]:
        """The document slots printed after `section`'s fields (named by its id)."""
        return [slot for slot in self.slots if slot.section == section.id]


class Profile(_Model):
    """What the applicant types once, before the steps, and the steps copy (`Field.source`).

    `validation.validate_step` accepts a Profile as it accepts a Step (it reads `sections`).
    """

    id: str  # the key of its answers: "titre_actuel" (renewal), "compte" (first application)
    title: str  # « Mon titre actuel »
    intro: list[str] = []
    sections: list[Section] = []

    def fields(self) -> list[Field]:
        return [f for s in self.sections for f in s.fields]

    def field(self, field_id: str) -> Field:
        for f in self.fields():
            if f.id == field_id:
                return f
        raise KeyError(f"Champ inconnu : « {self.id}.{field_id} ».")


class Choice(_Model):
    # What is saved when it is chosen (a label may be reworded: the answer stays); answers
    # saved before choices had ids hold the label, still recognised (`Preliminary.choice_of`).
    id: str | None = None
    label: str
    in_scope: bool
    note: str | None = None  # why it is not covered
    in_section: bool = False  # listed under Preliminary.section_label

    @property
    def value(self) -> str:
        """What the answer « choix » holds once this choice is saved."""
        return self.id or self.label


class Preliminary(_Model):
    id: str
    heading: str
    text: list[str] = []
    choices: list[Choice] = []
    section_label: str | None = None
    button: str
    secondary_buttons: list[str] = []
    show_steps: bool = False  # list the numbered steps (with descriptions) after `text`
    # The site's page heading (the procedure's `title`) above this screen's own: the
    # préambule has it (seed 000 l. 379), the screens before it only a breadcrumb.
    page_title: bool = False
    steps_heading: str | None = None  # « DÉPOSEZ VOTRE DEMANDE EN 5 ÉTAPES »
    after_text: list[str] = []
    download_label: str | None = None

    def choice_of(self, saved: object) -> Choice | None:
        """The choice a saved « choix » names: by its id, or by its label as saved before
        choices had ids."""
        if not isinstance(saved, str) or not saved:
            return None
        by_id = next((c for c in self.choices if c.id == saved), None)
        return by_id or next((c for c in self.choices if c.label == saved), None)


class NavLabels(_Model):
    back: str
    abandon: str
    save_later: str
    save_continue: str


class DocumentsListEntry(_Model):
    """One entry of the downloadable « Liste des documents justificatifs à fournir » (annex)."""

    section: str
    title: str
    slot: str | None = None  # the matching DocumentSlot id (None for the e-photo entry)
    text: list[str] = []
    accepted: list[AcceptedGroup] = []


ComplementStart = Literal["reception", "lecture"]


ComplementMode = Literal["par_document", "reprise_etape"]


class FollowupPolicy(_Model):
    """What follows the dépôt, for this procedure: how a « Demande de complément » is answered.

    - `complement_days` days from `complement_from`: « reception » (the day it arrived, read
      or not) or « lecture » (the day it was first opened: no deadline while unread);
    - `complement_mode`: « par_document » (each document kept or replaced, then « Valider
      et envoyer ») or « reprise_etape » (the step of role `complement_step` is reopened,
      then « Déposer les compléments »);
    - `complement_warning`: the sentence the answer screen shows about the delay.
    """

    complement_days: int
    complement_from: ComplementStart
    complement_mode: ComplementMode
    complement_step: str | None = None  # a step role, for « reprise_etape »
    complement_warning: str
    # The line under the title of an official document the administration issues with a
    # notification, by notification kind (the renewal's attestations: « D'UNE DEMANDE DE
    # RENOUVELLEMENT DE TITRE DE SÉJOUR »); none where the guide shows no such document.
    official_subtitles: dict[str, str] = {}


class RenewalFrom(_Model):
    """This procedure can be started from an earlier dossier of any procedure (Ctrl+R): its
    profile's fields whose role is in `roles` are pre-filled with the earlier answers of the
    same role, and so are (as drafts) its steps' editable fields that are not copies of the
    profile (the phone). The title's number and dates are not listed: the person holds a
    new title."""

    roles: list[str]


class Procedure(_Model):
    id: str  # PROCEDURE_ID; the file name need not match
    brick: str  # the « Nouveau dossier » dialog's choice: the ANEF's brick
    short_label: str  # « Renouvellement »: lists, titles, `anef-tui list`
    compact_label: str | None = None  # « Renouv. »: « Mes dossiers » at < 110 columns
    order: int = DEFAULT_ORDER  # position in the « Nouveau dossier » dialog and lists
    title: str
    nav: NavLabels
    profile: Profile | None = None
    preliminaries: list[Preliminary] = []
    steps: list[Step]
    documents_list_title: str
    documents_list_subtitle: str
    documents_list_intro: list[str] = []
    documents_list: list[DocumentsListEntry] = []
    confirmation_title: str
    confirmation_references_title: str
    confirmation_labels: dict[str, str] = {}
    confirmation_body: list[str]  # « {date} » stands for JJ/MM/AAAA
    email_text: list[str]  # « {prenom} » / « {nom} » placeholders
    followup: FollowupPolicy
    renewal_from: RenewalFrom | None = None

    @property
    def preamble(self) -> list[str]:
        """The préambule's text (empty when the path has none), steps list heading included."""
        for prelim in self.preliminaries:
            if prelim.show_steps:
                heading = [prelim.steps_heading] if prelim.steps_heading else []
                return [*prelim.text, *heading, *prelim.after_text]
        return []

    @staticmethod
    def sentence(text: str) -> str:
        """`text` ending as a sentence (a heading quoted before another sentence)."""
        text = text.rstrip()
        return text if text.endswith((".", "!", "?", "…")) else f"{text}."

    def step_of_kind(self, kind: str) -> Step | None:
        """The procedure's first step of that kind (« depot », « confirmation »), if any."""
        return next((s for s in self.steps if s.kind == kind), None)

    def submit_label(self, step: Step) -> str:
        """The words of the button that validates `step` (« Déposer la demande »): its own
        `submit_label`, else the procedure's « Enregistrer et poursuivre » (`[nav]`)."""
        return step.submit_label or self.nav.save_continue

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(f"Étape inconnue : « {step_id} ».")

    def step_index(self, step_id: str) -> int:
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        raise KeyError(f"Étape inconnue : « {step_id} ».")

    def next_step_id(self, step_id: str) -> str | None:
        index = self.step_index(step_id)
        return self.steps[index + 1].id if index + 1 < len(self.steps) else None

    def previous_step_id(self, step_id: str) -> str | None:
        index = self.step_index(step_id)
        return self.steps[index - 1].id if index > 0 else None

    def all_slots(self) -> list[DocumentSlot]:
        return [slot for step in self.steps for slot in step.slots]

    def slot(self, slot_id: str) -> DocumentSlot:
        for slot in self.all_slots():
            if slot.id == slot_id:
                return slot
        raise KeyError(f"Justificatif inconnu : « {slot_id} ».")

    def required_slots(self) -> list[str]:
        return [slot.id for slot in self.all_slots() if slot.required]

    def field(self, step_id: str, field_id: str) -> Field:
        for f in self.step(step_id).fields():
            if f.id == field_id:
                return f
        raise KeyError(f"Champ inconnu : « {step_id}.{field_id} ».")


