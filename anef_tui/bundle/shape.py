"""The dossier's JSON inside a bundle: what it holds (`DOSSIER_KEYS`) and every check of it
before anything is written — types, sizes, known codes of the data files (procedure, step,
status, notification kind, consent manner, document kind, file format), references between
its lists, no control character anywhere. Names are data, never paths."""

from __future__ import annotations

import re
from typing import Any

from anef_tui.bundle.container import HEX64, ISO_TIME
from anef_tui.bundle.errors import BundleRefused
from anef_tui.bundle.limits import MAX_FILES, MAX_JOURNAL_ENTRIES, MAX_ROWS, MAX_STRING

DOSSIER_KEYS = frozenset({
    "procedure", "status", "states", "current_step", "applicant_name", "created_at",
    "updated_at", "numero_demande", "filed_at", "documents_due", "next_deadline",
    "next_deadline_label", "answers", "drafts", "attachments", "notifications", "deadlines",
    "consents", "documents",
})
ATTACHMENT_KEYS = frozenset({"slot", "sha256", "name", "warnings", "added_at", "position",
                             "format", "pages"})
NOTIFICATION_KEYS = frozenset({"ref", "kind", "title", "domain", "received_on", "read_on",
                               "data", "created_at", "answer"})
DEADLINE_KEYS = frozenset({"notification", "date", "label", "code"})
CONSENT_KEYS = frozenset({"procedure", "given_at", "valid_until", "manner", "months",
                          "mandate_sha256", "withdrawn_at"})
DOCUMENT_KEYS = frozenset({"kind", "notification", "sha256"})
JOURNAL_KEYS = frozenset({"seq", "at", "content", "content_hash", "chain_hash"})
#: The PDFs of a dossier the app keeps (store/dossier_pdfs.py): « complement » belongs to
#: one of its notifications.
DOCUMENT_KINDS = ("confirmation", "liste", "mandat", "recapitulatif", "complement")
IDENT = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLOT = re.compile(r"^(?:complement:(\d{1,9}):([a-z][a-z0-9_]{0,39})|officiel:(\d{1,9}|depot)"
                   r"|([a-z][a-z0-9_]{0,39}))$")


def refuse(why: str) -> BundleRefused:
    return BundleRefused(why)


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def text(value: Any, what: str, *, multiline: bool = False, null: bool = False) -> None:
    """A string of the bundle: bounded, no control character. Brackets are text like any
    other (« [b] » in a name is kept and shown as typed: the app never reads text as
    markup), so a dossier whose name or answers hold some is handed over whole."""
    from anef_tui.controls import has_controls

    if value is None and null:
        return
    if not isinstance(value, str):
        raise refuse(f"{what} n'est pas un texte")
    if len(value) > MAX_STRING:
        raise refuse(f"{what} est trop long")
    if has_controls(value, multiline=multiline):
        raise refuse(f"{what} contient un caractère de contrôle")


def moment(value: Any, what: str, *, null: bool = False) -> None:
    if value is None and null:
        return
    if not isinstance(value, str) or not (ISO_TIME.match(value) or DAY.match(value)):
        raise refuse(f"{what} n'est pas une date")


def code(value: Any, known: set[str] | frozenset[str] | tuple[str, ...], what: str) -> None:
    if not isinstance(value, str) or value not in known:
        raise refuse(f"{what} n'est pas un code connu de cette version d'anef-tui")


def rows(value: Any, keys: frozenset[str], what: str, limit: int = MAX_ROWS) -> list[dict]:
    if not isinstance(value, list) or len(value) > limit:
        raise refuse(f"la liste des {what} n'a pas la forme attendue")
    for row in value:
        if not isinstance(row, dict) or set(row) != keys:
            raise refuse(f"une ligne des {what} n'a pas la forme attendue")
    return value


def free_data(value: Any, what: str) -> None:
    """Answers and notifications' data: objects with identifier keys, whose leaves are
    texts, numbers, booleans or null (depth is bounded by the container)."""
    stack = [value]
    seen = 0
    while stack:
        item = stack.pop()
        seen += 1
        if seen > 100_000:
            raise refuse(f"{what} compte trop de valeurs")
        if isinstance(item, dict):
            for key, inner in item.items():
                if not IDENT.match(key):
                    raise refuse(f"{what} contient une clé invalide")
                stack.append(inner)
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            text(item, what, multiline=True)
        elif item is not None and not isinstance(item, (bool, int, float)):
            raise refuse(f"{what} contient une valeur invalide")


def check_dossier(dossier: Any) -> None:
    """Every check of the dossier's JSON; BundleRefused (French) at the first problem."""
    from anef_tui.bundle.codes import known_codes

    if not isinstance(dossier, dict) or set(dossier) != DOSSIER_KEYS:
        raise refuse("le dossier n'a pas la forme attendue")
    codes = known_codes(dossier.get("procedure"))
    code(dossier["status"], codes.statuses, "l'état du dossier")
    states = dossier["states"]
    if not isinstance(states, str) or any(
            s not in codes.statuses for s in states.split(" ") if states):
        raise refuse("les états du dossier ne sont pas des codes connus")
    if dossier["current_step"] is not None:
        code(dossier["current_step"], codes.steps, "l'étape en cours")
    text(dossier["applicant_name"], "le nom de la personne")
    for key in ("created_at", "updated_at"):
        moment(dossier[key], "une date du dossier")
    moment(dossier["filed_at"], "la date de dépôt", null=True)
    moment(dossier["next_deadline"], "l'échéance", null=True)
    text(dossier["numero_demande"], "le numéro de la demande", null=True)
    text(dossier["next_deadline_label"], "l'échéance", null=True)
    if not isinstance(dossier["documents_due"], bool):
        raise refuse("le dossier n'a pas la forme attendue")
    for key in ("answers", "drafts"):
        if not isinstance(dossier[key], dict):
            raise refuse("les réponses n'ont pas la forme attendue")
        for step in dossier[key]:
            if not IDENT.match(step):
                raise refuse("les réponses nomment une étape invalide")
        free_data(dossier[key], "une réponse")
    refs = _notifications(dossier, codes)
    _attachments(dossier, codes, refs)
    for row in rows(dossier["deadlines"], DEADLINE_KEYS, "échéances"):
        if row["notification"] not in refs:
            raise refuse("une échéance renvoie à une notification absente")
        moment(row["date"], "la date d'une échéance")
        text(row["label"], "une échéance")
        code(row["code"], codes.deadlines, "le code d'une échéance")
    for row in rows(dossier["consents"], CONSENT_KEYS, "consentements"):
        code(row["procedure"], {dossier["procedure"]}, "la démarche d'un consentement")
        moment(row["given_at"], "la date d'un consentement")
        moment(row["valid_until"], "la date d'un consentement")
        moment(row["withdrawn_at"], "la date d'un consentement", null=True)
        code(row["manner"], codes.manners, "la manière d'un consentement")
        if not _int(row["months"]) or not 0 <= row["months"] <= codes.max_months:
            raise refuse("la durée d'un consentement est hors limites")
        if row["mandate_sha256"] is not None and not (
                isinstance(row["mandate_sha256"], str) and HEX64.match(row["mandate_sha256"])):
            raise refuse("l'empreinte d'un mandat est invalide")
    seen: set[tuple[str, int | None]] = set()
    for row in rows(dossier["documents"], DOCUMENT_KEYS, "documents", MAX_FILES):
        code(row["kind"], DOCUMENT_KINDS, "le type d'un document")
        wanted = row["kind"] == "complement"
        if wanted != (row["notification"] is not None) or (
                wanted and row["notification"] not in refs):
            raise refuse("un document renvoie à une notification absente")
        if not isinstance(row["sha256"], str) or not HEX64.match(row["sha256"]):
            raise refuse("l'empreinte d'un document est invalide")
        if (row["kind"], row["notification"]) in seen:
            raise refuse("un document figure deux fois dans le paquet")
        seen.add((row["kind"], row["notification"]))


def _notifications(dossier: dict, codes: Any) -> set[int]:
    refs: set[int] = set()
    for row in rows(dossier["notifications"], NOTIFICATION_KEYS, "notifications"):
        if not _int(row["ref"]) or not 1 <= row["ref"] <= MAX_ROWS or row["ref"] in refs:
            raise refuse("une notification est numérotée deux fois ou hors limites")
        refs.add(row["ref"])
        code(row["kind"], codes.kinds, "le type d'une notification")
        text(row["title"], "le titre d'une notification")
        text(row["domain"], "le domaine d'une notification")
        moment(row["received_on"], "la date d'une notification")
        moment(row["read_on"], "la date d'une notification", null=True)
        moment(row["created_at"], "la date d'une notification")
        if not isinstance(row["data"], dict):
            raise refuse("une notification n'a pas la forme attendue")
        free_data(row["data"], "une notification")
        answer = row["answer"]
        if answer is not None:
            if not isinstance(answer, dict) or set(answer) != {"data", "sent_on"} or \
                    not isinstance(answer["data"], dict):
                raise refuse("la réponse à un complément n'a pas la forme attendue")
            free_data(answer["data"], "la réponse à un complément")
            moment(answer["sent_on"], "la date d'envoi d'un complément", null=True)
    return refs


def _attachments(dossier: dict, codes: Any, refs: set[int]) -> None:
    places: set[tuple[str, int]] = set()
    for row in rows(dossier["attachments"], ATTACHMENT_KEYS, "pièces jointes", MAX_FILES):
        slot = row["slot"]
        found = _SLOT.match(slot) if isinstance(slot, str) else None
        if found is None:
            raise refuse("une pièce jointe a un emplacement invalide")
        if found[1] is not None:
            if int(found[1]) not in refs or found[2] not in codes.slots:
                raise refuse("une pièce jointe renvoie à une notification ou une pièce inconnue")
        elif found[3] is not None and found[3] != "depot":
            if int(found[3]) not in refs:
                raise refuse("une pièce jointe renvoie à une notification absente")
        elif found[4] is not None:
            code(found[4], codes.slots, "l'emplacement d'une pièce jointe")
        if not isinstance(row["sha256"], str) or not HEX64.match(row["sha256"]):
            raise refuse("l'empreinte d'une pièce jointe est invalide")
        text(row["name"], "le nom d'une pièce jointe")
        if not isinstance(row["warnings"], list) or len(row["warnings"]) > 20:
            raise refuse("une pièce jointe n'a pas la forme attendue")
        for warning in row["warnings"]:
            text(warning, "une remarque sur une pièce jointe")
        moment(row["added_at"], "la date d'une pièce jointe")
        if not _int(row["position"]) or not 1 <= row["position"] <= MAX_FILES:
            raise refuse("une pièce jointe a une position hors limites")
        if (slot, row["position"]) in places:
            raise refuse("une pièce jointe figure deux fois au même endroit")
        places.add((slot, row["position"]))
        code(row["format"], codes.formats, "le format d'une pièce jointe")
        if row["pages"] is not None and (not _int(row["pages"]) or not 0 <= row["pages"] <= 10_000):
            raise refuse("une pièce jointe a un nombre de pages hors limites")


def check_journal(journal: Any) -> None:
    """The source desk's entries: kept as a record, each checked for its shape."""
    if isinstance(journal, list):  # the source dossier's number, carried since journal2
        journal = [{k: v for k, v in row.items() if k != "dossier_id"}
                   if isinstance(row, dict) and set(row) == JOURNAL_KEYS | {"dossier_id"}
                   and _int(row["dossier_id"]) and row["dossier_id"] >= 1 else row
                   for row in journal]
    for row in rows(journal, JOURNAL_KEYS, "entrées du journal", MAX_JOURNAL_ENTRIES):
        if not _int(row["seq"]) or row["seq"] < 1:
            raise refuse("une entrée du journal a un numéro invalide")
        moment(row["at"], "la date d'une entrée du journal")
        text(row["content"], "une entrée du journal", null=True)
        for key in ("content_hash", "chain_hash"):
            if not isinstance(row[key], str) or not HEX64.match(row[key]):
                raise refuse("une empreinte du journal est invalide")
    seqs = [row["seq"] for row in journal]
    if len(set(seqs)) != len(seqs):
        raise refuse("une entrée du journal figure deux fois")
