"""What « Ce que anef-tui sait de vous » says (issue 24 item 3), read from the stores and
put into words, every string ready to print: the dossier, who keeps it and where, its
answers step by step (the procedure's own labels), its files (names, sizes, dates — never
their content), notifications, deadlines, consents and journal. `documents/donnees.py`
lays it out. No Textual.

Labels come from the data files (procedures, followup.toml, consent.toml, journal.toml);
codes are only looked up. Whatever a person typed is data: control characters removed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from anef_tui.controls import strip_controls

if TYPE_CHECKING:
    from anef_tui.domain.catalogue import Procedure
    from anef_tui.domain.notifications import Notification
    from anef_tui.store.attachments import Attachment
    from anef_tui.store.consents import Consent
    from anef_tui.store.dossiers import DossierRecord, DossierStore
    from anef_tui.store.journal.reading import Entry

EMPTY = "—"
#: Where the folder stands (`Facts.folder`); SERVER: the structure's base on a PostgreSQL
#: server (issue 25), not a folder of this desk.
ENCRYPTED, DEMO, PLAIN, SERVER = "chiffre", "demonstration", "non_chiffre", "serveur"

Pair = tuple[str, str]


@dataclass(frozen=True)
class Block:
    """A titled group of « label : value » lines (a step, a notification, a consent)."""

    title: str
    pairs: list[Pair] = field(default_factory=list)
    note: str = ""


@dataclass(frozen=True)
class Facts:
    dossier_id: int
    applicant_name: str
    demarche: str
    state: str
    numero: str
    filed_on: str
    prepared_on: date
    prepared_by: str
    workers: list[str]
    data_dir: str
    folder: str
    linked: list[str]
    answers: list[Block]
    files: list[str]
    notifications: list[Block]
    deadlines: list[str]
    consents: list[Block]
    consent_now: str
    journal: list[str]
    #: The journal an imported dossier brought from its source desk (oldest first; shown
    #: before `journal`, this desk's own entries), [] for a dossier made here.
    journal_brought: list[str] = field(default_factory=list)


def text(value: Any) -> str:
    """A stored value as printed: Oui/Non, lists joined, dates JJ/MM/AAAA, « — » when empty;
    never a control character."""
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if value is None:
        return EMPTY
    if isinstance(value, list | tuple):
        parts = [p for p in (text(v) for v in value) if p != EMPTY]
        return ", ".join(parts) if parts else EMPTY
    if isinstance(value, dict):
        parts = [f"{strip_controls(str(k))} : {text(v)}" for k, v in value.items()]
        return " ; ".join(parts) if parts else EMPTY
    shown = " ".join(strip_controls(str(value)).split(" ")).strip()
    return _iso_day(shown) or shown or EMPTY


def _iso_day(value: str) -> str:
    """« 2026-12-02 » → « 02/12/2026 »; "" for anything else."""
    if len(value) != 10 or value[4] != "-":
        return ""
    try:
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    except ValueError:
        return ""


def _moment(value: str | datetime | None) -> str:
    """An ISO moment as « 06/12/2026 à 14 h 03 »."""
    if value is None:
        return EMPTY
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return text(value)
    return f"{moment:%d/%m/%Y} à {moment.hour} h {moment.minute:02d}"


def _label(label: str) -> str:
    return label if label.endswith(("?", ".", ":", "!")) else label + " :"


# -- answers -------------------------------------------------------------------------------
def answer_blocks(procedure: Procedure | None, record: DossierRecord) -> list[Block]:
    """Each saved step with its visible fields' labels and values, in the procedure's order
    (the profile first when it holds values no step copies). A procedure no longer known:
    the saved values under their codes, so that nothing held is left out."""
    if procedure is None:
        return [Block(strip_controls(step), [(strip_controls(k), text(v))
                                             for k, v in values.items()])
                for step, values in record.answers.items() if isinstance(values, dict)]
    from anef_tui.documents.confirmation import profile_values
    from anef_tui.documents.recapitulatif import is_visible

    profile = profile_values(procedure, record)
    blocks = []
    model = getattr(procedure, "profile", None)
    if model is not None and profile:
        copied = {f.source for step in procedure.steps for f in step.fields() if f.source}
        pairs = [(_label(f.label), text(profile.get(f.id))) for f in model.fields()
                 if f.id not in copied and not f.confirm_of and f.type != "info"]
        if pairs:
            blocks.append(Block(model.title, pairs))
    for step in procedure.steps:
        saved = record.answers.get(step.id)
        if step.kind == "confirmation" or not step.fields():
            continue
        title = f"{step.number}. {step.title}"
        if not isinstance(saved, dict):
            blocks.append(Block(title, note="Étape pas encore enregistrée."))
            continue
        pairs = []
        for section in step.sections:
            for item in section.fields:
                if item.confirm_of or item.type == "info":
                    continue
                if not is_visible(item, saved, record.answers):
                    continue
                value = saved.get(item.id)
                if item.source and item.source in profile and (
                        item.readonly or value in (None, "", [])):
                    value = profile[item.source]
                pairs.append((_label(item.label), text(value)))
        blocks.append(Block(title, pairs))
    return blocks


# -- files ---------------------------------------------------------------------------------
def slot_label(procedure: Procedure | None, slot_id: str,
               notifications: dict[int, Notification]) -> str:
    """What a file was kept for, in the data files' words."""
    from anef_tui.domain.notification_kinds import filing_document_title
    from anef_tui.domain.notification_model import (
        COMPLEMENT_SLOT_PREFIX,
        FILING_SLOT_ID,
        OFFICIAL_SLOT_PREFIX,
    )
    from anef_tui.domain.notifications import official_document_title

    titles = {s.id: s.title for s in procedure.all_slots()} if procedure is not None else {}
    if slot_id in titles:
        return titles[slot_id]
    if slot_id == FILING_SLOT_ID:
        return filing_document_title()
    if slot_id.startswith(COMPLEMENT_SLOT_PREFIX):
        inner = slot_id.removeprefix(COMPLEMENT_SLOT_PREFIX).partition(":")[2]
        return f"{titles.get(inner, inner)} (réponse à une demande de complément)"
    if slot_id.startswith(OFFICIAL_SLOT_PREFIX):
        number = slot_id.removeprefix(OFFICIAL_SLOT_PREFIX)
        found = notifications.get(int(number)) if number.isdigit() else None
        title = official_document_title(found.kind, found.data) if found else None
        return title or "Document officiel joint à une notification"
    return strip_controls(slot_id)


def file_lines(procedure: Procedure | None, attachments: list[Attachment],
               notifications: dict[int, Notification]) -> list[str]:
    """« passeport.pdf — 1,2 Mo — ajouté le 06/12/2026 à 14 h 03 — pour : Passeport »."""
    from anef_tui.files.checks import format_size

    lines = []
    for a in sorted(attachments, key=lambda a: (a.added_at, a.id)):
        lines.append(f"{text(a.original_name)} — {format_size(a.size)} — ajouté le "
                     f"{_moment(a.added_at)} — pour : "
                     f"{slot_label(procedure, a.slot_id, notifications)}")
    return lines


# -- notifications -------------------------------------------------------------------------
def notification_block(n: Notification) -> Block:
    """The kind's French label (followup.toml) and what was recorded, field by field."""
    from anef_tui.domain.notification_kinds import kinds

    kind = kinds().get(n.kind)
    pairs: list[Pair] = [("Reçue le :", n.received_on.strftime("%d/%m/%Y"))]
    if n.read_on is not None:
        pairs.append(("Lue le :", n.read_on.strftime("%d/%m/%Y")))
    if kind is None:
        pairs += [(strip_controls(k) + " :", text(v)) for k, v in n.data.items()]
        return Block(text(n.title), pairs)
    for item in kind.fields:
        value = n.data.get(item.id)
        if value in (None, "", [], {}):
            continue
        chosen = [label for label, stored in item.values.items() if stored == value]
        pairs.append((_label(item.label), chosen[0] if chosen else text(value)))
    checklist = n.data.get("checklist") or {}
    if isinstance(checklist, dict):
        for step in kind.checklist:
            if checklist.get(step.id):
                pairs.append((_label(step.label), text(checklist[step.id])))
    for key, said in (("missing", "Document manquant :"), ("invalid", "Document non valide :")):
        for doc in n.data.get(key) or []:
            if isinstance(doc, dict):
                words = text(doc.get("title"))
                if doc.get("observations"):
                    words += f" — observations de l'agent : {text(doc['observations'])}"
                pairs.append((said, words))
    return Block(kind.title, pairs)


# -- consents ------------------------------------------------------------------------------
def consent_block(consent: Consent, number: int, demarche: str) -> Block:
    from anef_tui.domain.consent import duration_text, manner_label, until_text

    pairs: list[Pair] = [
        ("Donné le :", _moment(consent.given_at)),
        ("Pour la démarche :", demarche),
        ("Manière :", manner_label(consent.manner)),
        ("Durée :", f"{duration_text(consent.months)}, jusqu'au "
                    f"{until_text(consent.valid_until)}"),
        ("Retiré :", f"oui, le {_moment(consent.withdrawn_at)}" if consent.withdrawn_at
         else "non"),
    ]
    if consent.mandate_sha256:
        pairs.append(("Formulaire « Mandat / consentement » :",
                      "fait par anef-tui, son empreinte est gardée"))
    return Block(f"Consentement n° {number}", pairs)


def consent_now(consent: Consent | None, now: datetime) -> str:
    from anef_tui.domain import consent as c
    from anef_tui.domain.consent import until_text

    if consent is None:
        return ("Aucun consentement n'est enregistré : ce dossier a été créé avant que anef-tui "
                "note le consentement. Il ne peut pas être modifié tant que vous ne l'avez "
                "pas donné.")
    standing = consent.standing(now)
    if standing == c.WITHDRAWN:
        return (f"Vous avez retiré votre consentement le {_moment(consent.withdrawn_at)}. "
                "Le dossier ne peut plus être modifié.")
    if standing == c.EXPIRED:
        return (f"Votre consentement a pris fin le {until_text(consent.valid_until)}. "
                "Le dossier ne peut plus être modifié, sauf si vous redonnez votre accord.")
    return f"Votre consentement est en cours, jusqu'au {until_text(consent.valid_until)}."


# -- the whole ------------------------------------------------------------------------------
def _demarche(code: str) -> str:
    from anef_tui.domain.procedure_index import procedure_index

    ref = procedure_index().get(code)
    return ref.short_label if ref is not None else strip_controls(code)


def _folder(store: DossierStore) -> str:
    from anef_tui.vault.folder import FolderKind, folder_kind

    if getattr(store.database, "on_server", False):
        return SERVER
    if store.database.key is not None:
        return ENCRYPTED
    return DEMO if folder_kind(store.data_dir) is FolderKind.DEMO else PLAIN


def _journal_line(entry: Entry) -> str:
    return (f"{entry.when} — {entry.label} — par {text(entry.worker_shown)} "
            f"({entry.front_end_shown})")


def gather(store: DossierStore, dossier_id: int, *, now: datetime) -> Facts:
    """Everything the document says about dossier `dossier_id` (DossierGone if none)."""
    from anef_tui.display import display_path
    from anef_tui.domain.catalogue import CatalogueError, load_procedure
    from anef_tui.store.attachments import AttachmentStore
    from anef_tui.store.consents import ConsentStore
    from anef_tui.store.errors import StoreError
    from anef_tui.store.followup import FollowUpStore
    from anef_tui.store.journal.imported import imported_entries
    from anef_tui.store.journal.reading import dossier_entries

    if now.tzinfo is not None:  # the consents' moments are local and naive
        now = now.astimezone().replace(tzinfo=None)
    record = store.get(dossier_id)
    summary = record.summary
    try:
        procedure: Procedure | None = load_procedure(summary.procedure)
    except (CatalogueError, KeyError):
        procedure = None
    followup = FollowUpStore(store)
    notifications = followup.list_notifications(dossier_id)
    by_id = {n.id: n for n in notifications}
    consents = ConsentStore(store.database)
    history = consents.history(dossier_id)
    entries = dossier_entries(store.database, dossier_id)
    workers = list(dict.fromkeys(text(e.worker) for e in entries if e.worker))
    today = now.date()
    deadlines = [f"{d.label} : " + (d.date.strftime("%d/%m/%Y") if d.date else "sans date")
                 for d in followup.open_deadlines(dossier_id, today)]
    linked = []
    for other, relation in store.linked(dossier_id):
        try:
            label = _demarche(store.get(other).summary.procedure)
        except StoreError:  # removed meanwhile: the number alone
            label = ""
        said = ("ce dossier renouvelle le dossier n° {n}" if relation == "parent"
                else "le dossier n° {n} a été fait à partir de celui-ci")
        linked.append(said.format(n=other) + (f" ({label})" if label else ""))
    filed = ""
    if summary.filed_at:
        filed = _moment(summary.filed_at)
    return Facts(
        dossier_id=dossier_id,
        applicant_name=text(summary.applicant_name) if summary.applicant_name else "",
        demarche=_demarche(summary.procedure),
        state=summary.states_label,
        numero=text(summary.numero_demande) if summary.numero_demande else "",
        filed_on=filed,
        prepared_on=today,
        prepared_by=text(store.database.actor.shown_name),
        workers=workers,
        data_dir=display_path(store.data_dir),
        folder=_folder(store),
        linked=linked,
        answers=answer_blocks(procedure, record),
        files=file_lines(procedure, AttachmentStore(store).list(dossier_id), by_id),
        notifications=[notification_block(n) for n in reversed(notifications)],
        deadlines=deadlines,
        consents=[consent_block(c, i, _demarche(c.procedure))
                  for i, c in enumerate(history, 1)],
        consent_now=consent_now(history[-1] if history else None, now),
        journal=[_journal_line(e) for e in entries],
        journal_brought=[_journal_line(e)
                         for e in imported_entries(store.database, dossier_id)],
    )
