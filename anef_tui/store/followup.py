"""Follow-up of a filed dossier: the notifications of the administration and their answers.

The user copies here what the ANEF sent (on the official site, « Mes Notifications », or by
e-mail): a « Demande de complément », the « formulaire vierge de certificat médical », a
prolongation of the instruction, the decision. Recording one moves the dossier to the matching
state (domain/status.py) in the same transaction, and every change recomputes the dossier's
next deadline (domain/deadlines.py), shown in « Mes dossiers » and by `anef-tui list --json`.

Nothing medical is ever stored: the certificate checklist only holds dates (« ticks »).

A complément answer keeps its files in the dossier's attachments, under the slot id
`complement:<notification_id>:<slot_id>` (see `complement_slot_id`). AttachmentStore refuses
any file on a filed dossier, so such files go through `attach_complement_file`, which opens
only those slots, only while the complément is unanswered. The official document of a
prolongation or a decision (the PDF the ANEF issues) is kept the same way, under
`officiel:<notification_id>`, through `attach_official_file`.

A first application's complément is answered as the ANEF does it: « Reprendre ma demande »
reopens the Justificatifs step with the filed files in place, the new files go to the
complément's slots, and « Déposer les compléments » is `send_complement_answer`.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from anef_tui.domain import deadlines as rules
from anef_tui.domain.deadlines import Deadline
from anef_tui.domain.policy import resumes_application
from anef_tui.domain.status import DossierStatus, check_transition
from anef_tui.store.db import StoreError
from anef_tui.store.dossiers import NotEditable

if TYPE_CHECKING:
    from anef_tui.store.attachments import Attachment, AttachmentStore
    from anef_tui.store.dossiers import DossierStore

# --------------------------------------------------------------------------------------
# Vocabulary

COMPLEMENT = "complement"
CERTIFICAT_MEDICAL = "certificat_medical"
PROLONGATION = "prolongation"
DECISION = "decision"

NOTIFICATION_KINDS: tuple[str, ...] = (COMPLEMENT, CERTIFICAT_MEDICAL, PROLONGATION, DECISION)

#: The titles the ANEF gives these notifications in « Mes Notifications ».
NOTIFICATION_TITLES: dict[str, str] = {
    COMPLEMENT: "Demande de complément",
    CERTIFICAT_MEDICAL: "Mise à disposition de votre formulaire vierge de certificat médical",
    PROLONGATION: "Notification de prolongation de l'instruction",
    DECISION: "Notification de décision",
}

DEFAULT_DOMAIN = "SEJOUR"

#: Short labels of the deadlines, written in the dossier list.
LABEL_COMPLEMENT = "Répondre au complément"
LABEL_CERTIFICATE = "Envoyer le certificat médical à l'OFII"
LABEL_PROLONGATION = "Fin de la prolongation"
LABEL_CONVOCATION = "Convocation à l'OFII"
#: The longer label of a prolongation's deadline on the notification itself.
LABEL_PROLONGATION_NOTIFICATION = "Fin de l'attestation de prolongation"

#: The certificate checklist: item -> French label. Values are ISO dates (or None).
CHECKLIST_ITEMS: dict[str, str] = {
    "certificat_rempli_signe": "Certificat rempli et signé par le médecin, daté et signé par moi",
    "consentement_signe": "« Demande de communication d'informations médicales » signée",
    "enveloppe_envoyee": "Enveloppe « secret médical » envoyée à l'OFII",
    "convocation_ofii": "Convocation à l'OFII (facultatif)",
}
#: Items that record something done (no date in the future, none before the form was made
#: available); « convocation_ofii » is the date of an appointment and may be ahead.
_DONE_ITEMS = ("certificat_rempli_signe", "consentement_signe", "enveloppe_envoyee")

MAINTENIR = "maintenir"
METTRE_A_JOUR = "mettre_a_jour"
COMPLEMENT_CHOICES: dict[str, str] = {
    MAINTENIR: "Maintenir le Document",
    METTRE_A_JOUR: "Mettre à jour le Document",
}

COMPLEMENT_SLOT_PREFIX = "complement:"
#: Where the official document of a prolongation or a decision is kept (see
#: `official_slot_id`).
OFFICIAL_SLOT_PREFIX = "officiel:"
#: Files per official document (a PDF, or a scan of a paper one in a few pages).
OFFICIAL_MAX_FILES = 3
#: The official document that comes with a notification, by kind.
OFFICIAL_DOCUMENTS: dict[str, str] = {
    PROLONGATION: "Attestation de prolongation d'instruction",
    DECISION: "Décision de la préfecture",
}
#: Files per complement slot when the document is not one of the procedure's slots.
DEFAULT_MAX_FILES = 3

_TARGET_STATUS: dict[str, DossierStatus] = {
    COMPLEMENT: DossierStatus.COMPLEMENT_DEMANDE,
    CERTIFICAT_MEDICAL: DossierStatus.CERTIFICAT_MEDICAL,
    PROLONGATION: DossierStatus.INSTRUCTION_PROLONGEE,
}
#: Once the préfet has decided (or the request is closed) nothing is due any more.
_FINISHED = frozenset(
    {
        DossierStatus.DECISION_FAVORABLE,
        DossierStatus.DECISION_DEFAVORABLE,
        DossierStatus.CLOTUREE,
        DossierStatus.ABANDONNEE,
        DossierStatus.BROUILLON,
    }
)

EVENT_KINDS: frozenset[str] = frozenset(
    {"notification", "notification_read", "complement_sent", "certificate_checklist"}
)

_KEYS: dict[str, frozenset[str]] = {
    COMPLEMENT: frozenset({"invalid", "missing"}),
    CERTIFICAT_MEDICAL: frozenset({"registered_on", "asylum_applied_on", "checklist"}),
    PROLONGATION: frozenset({"valid_from", "valid_until"}),
    DECISION: frozenset({"favorable", "decided_on", "card_valid_from", "card_valid_until"}),
}


def complement_slot_id(notification_id: int, slot_id: str) -> str:
    """The attachment slot id of the files answering document `slot_id` of a complément."""
    return f"{COMPLEMENT_SLOT_PREFIX}{int(notification_id)}:{slot_id}"


def official_document_title(kind: str, data: dict) -> str:
    """The name of the document the administration issues with this notification."""
    if kind == DECISION and data.get("favorable"):
        return "Attestation de décision favorable"
    return OFFICIAL_DOCUMENTS[kind]


def official_slot_id(notification_id: int) -> str:
    """The attachment slot id of the official document of a prolongation or decision."""
    return f"{OFFICIAL_SLOT_PREFIX}{int(notification_id)}"


def fr_date(d: date) -> str:
    return d.strftime("%d/%m/%Y")


# --------------------------------------------------------------------------------------
# Records


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
    #: Complément: the day the answer was sent; certificate: the day the envelope was sent.
    done_on: date | None = None
    #: The dossier's procedure (« renouvellement » / « premiere_demande »).
    procedure: str = ""

    @property
    def resumes_application(self) -> bool:
        """A first application's complément: answered with « Reprendre ma demande » (the
        Justificatifs step reopened) and « Déposer les compléments », not document by
        document."""
        return self.kind == COMPLEMENT and resumes_application(self.procedure)

    @property
    def read(self) -> bool:
        return self.read_on is not None

    @property
    def read_label(self) -> str:
        """« lue » / « non lue », as in « Mes Notifications »."""
        return "lue" if self.read_on is not None else "non lue"


# --------------------------------------------------------------------------------------
# Validation of what the user copies


def _parse_iso(value: Any, what: str) -> date:
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


def _optional_iso(value: Any, what: str) -> str | None:
    if value is None or value == "":
        return None
    return _parse_iso(value, what).isoformat()


def _text(value: Any, what: str, *, required: bool) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValueError(f"{what} : un texte est attendu.")
    value = value.strip()
    if required and not value:
        raise ValueError(f"{what} est obligatoire.")
    return value


def _refuse_unknown(given: dict, allowed: frozenset[str], what: str) -> None:
    unknown = sorted(set(given) - allowed)
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
        _refuse_unknown(item, frozenset(allowed), what)
        slot_id = _text(item.get("slot_id"), f"{what} : l'identifiant du document", required=True)
        if slot_id in seen:
            raise ValueError(f"{what} : le document « {slot_id} » figure deux fois.")
        seen.add(slot_id)
        document = {
            "slot_id": slot_id,
            "title": _text(item.get("title"), f"{what} : le nom du document", required=True),
        }
        if invalid:
            document["file_name"] = _text(
                item.get("file_name"), f"{what} : le fichier", required=False
            )
        document["observations"] = _text(
            item.get("observations"), f"{what} : les observations", required=False
        )
        documents.append(document)
    return documents


def _checklist(given: Any, current: dict, *, received_on: date, today: date) -> dict:
    if given is None:
        given = {}
    if not isinstance(given, dict):
        raise ValueError("Liste de contrôle du certificat : un dictionnaire est attendu.")
    _refuse_unknown(given, frozenset(CHECKLIST_ITEMS), "Liste de contrôle du certificat")
    result = {key: current.get(key) for key in CHECKLIST_ITEMS}
    for key, value in given.items():
        label = CHECKLIST_ITEMS[key]
        iso = _optional_iso(value, f"« {label} »")
        if iso is not None and key in _DONE_ITEMS:
            day = date.fromisoformat(iso)
            if day > today:
                raise ValueError(f"« {label} » : la date ne peut pas être dans le futur.")
            if day < received_on:
                raise ValueError(
                    f"« {label} » : la date ne peut pas précéder la mise à disposition du "
                    f"formulaire ({fr_date(received_on)})."
                )
        result[key] = iso
    return result


def normalise_data(kind: str, data: dict | None, *, received_on: date, today: date) -> dict:
    """The kind-specific data of a notification, checked and in stored form (ISO dates).

    Raise ValueError (one French sentence) for an unknown key, a missing value or a bad date.
    """
    if kind not in NOTIFICATION_KINDS:
        raise ValueError(f"Type de notification inconnu : « {kind} ».")
    data = dict(data or {})
    _refuse_unknown(data, _KEYS[kind], NOTIFICATION_TITLES[kind])
    if kind == COMPLEMENT:
        invalid = _documents(data.get("invalid"), invalid=True)
        missing = _documents(data.get("missing"), invalid=False)
        if not invalid and not missing:
            raise ValueError(
                "Demande de complément : indiquez au moins un document non valide ou manquant."
            )
        return {"invalid": invalid, "missing": missing}
    if kind == CERTIFICAT_MEDICAL:
        registered = data.get("registered_on") or None
        if registered is not None:
            try:
                registered = fr_date(datetime.strptime(str(registered).strip(), "%d/%m/%Y"))
            except ValueError as exc:
                raise ValueError(
                    f"Date d'enregistrement de la demande invalide : « {registered} » "
                    "(attendu JJ/MM/AAAA)."
                ) from exc
        asylum = _optional_iso(data.get("asylum_applied_on"), "Date de la demande d'asile")
        if asylum is not None and date.fromisoformat(asylum) > today:
            raise ValueError("La date de la demande d'asile ne peut pas être dans le futur.")
        checklist = _checklist(data.get("checklist"), {}, received_on=received_on, today=today)
        return {"registered_on": registered, "asylum_applied_on": asylum, "checklist": checklist}
    if kind == PROLONGATION:
        start = _parse_iso(data.get("valid_from"), "Début de validité de l'attestation")
        end = _parse_iso(data.get("valid_until"), "Fin de validité de l'attestation")
        if end < start:
            raise ValueError(
                "La fin de validité de l'attestation de prolongation précède son début."
            )
        return {"valid_from": start.isoformat(), "valid_until": end.isoformat()}
    # DECISION
    favorable = data.get("favorable")
    if not isinstance(favorable, bool):
        raise ValueError("Notification de décision : précisez si la décision est favorable.")
    decided = _parse_iso(data.get("decided_on"), "Date de la décision")
    card_from = _optional_iso(data.get("card_valid_from"), "Début de validité du titre")
    card_until = _optional_iso(data.get("card_valid_until"), "Fin de validité du titre")
    if card_from and card_until and card_until < card_from:
        raise ValueError("La fin de validité du titre précède son début.")
    return {
        "favorable": favorable,
        "decided_on": decided.isoformat(),
        "card_valid_from": card_from,
        "card_valid_until": card_until,
    }


def notification_deadline(
    kind: str, procedure_id: str, received_on: date, read_on: date | None, data: dict
) -> tuple[date | None, str | None]:
    """The date a notification must be acted on by, and its label (None, None if none)."""
    if kind == COMPLEMENT:
        when = rules.complement_deadline(procedure_id, read_on, received_on)
        return (when, LABEL_COMPLEMENT) if when is not None else (None, None)
    if kind == CERTIFICAT_MEDICAL:
        asylum = data.get("asylum_applied_on")
        when = rules.certificate_deadline(
            received_on, asylum_applied_on=date.fromisoformat(asylum) if asylum else None
        )
        return when, LABEL_CERTIFICATE
    if kind == PROLONGATION:
        return date.fromisoformat(data["valid_until"]), LABEL_PROLONGATION_NOTIFICATION
    return None, None


# --------------------------------------------------------------------------------------
# The store


class _NotificationWindow:
    """The DossierStore as AttachmentStore sees it while files are added to a notification.

    A filed dossier is read-only. This view opens it for the files of one notification only:

    * a complément (`kind` COMPLEMENT): while the dossier is « Complément demandé » and that
      complément is unanswered;
    * a prolongation or a decision (`kind` OFFICIAL): the official PDF the administration
      issued, kept with the notification, at any time.

    The caller makes sure only that notification's slots are touched.
    """

    OFFICIAL = "official"

    def __init__(self, store: DossierStore, notification_id: int, kind: str) -> None:
        self._store = store
        self._notification_id = notification_id
        self._kind = kind

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def _require_editable(self, conn: sqlite3.Connection, dossier_id: int) -> None:
        status = self._store._status(conn, dossier_id)
        row = conn.execute(
            "SELECT n.dossier_id, n.kind, a.sent_on FROM notifications n "
            "LEFT JOIN complement_answers a ON a.notification_id = n.id WHERE n.id = ?",
            (self._notification_id,),
        ).fetchone()
        if row is None or row[0] != dossier_id:
            raise NotEditable("Cette notification ne concerne pas ce dossier.")
        if self._kind == self.OFFICIAL:
            if row[1] not in OFFICIAL_DOCUMENTS:
                raise NotEditable(
                    "Seules une prolongation et une décision ont un document officiel à joindre."
                )
            return
        if row[1] != COMPLEMENT or row[2] is not None or (
            status is not DossierStatus.COMPLEMENT_DEMANDE
        ):
            raise NotEditable(
                "Cette demande de complément n'attend plus de réponse : ses documents ne "
                "peuvent plus être modifiés."
            )


class FollowUpStore:
    """Notifications, complément answers, certificate checklist and deadlines.

    Shares the connection, lock and clock of a DossierStore (like AttachmentStore); every
    write is one transaction that also refreshes the dossier's next deadline.
    """

    def __init__(self, store: DossierStore) -> None:
        self.store = store

    # ---------------------------------------------------------------- helpers

    def _today(self) -> date:
        moment = self.store.now()
        if moment.tzinfo is not None:
            moment = moment.astimezone().replace(tzinfo=None)
        return moment.date()

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self.store._reading() as conn:
            yield conn

    def _log(self, conn: sqlite3.Connection, dossier_id: int, kind: str, detail: str) -> None:
        """An audit event; `detail` never holds personal data (a kind, item names)."""
        assert kind in EVENT_KINDS, kind
        conn.execute(
            "INSERT INTO events (dossier_id, at, kind, detail) VALUES (?, ?, ?, ?)",
            (dossier_id, self.store._now(), kind, detail),
        )

    def _not_future(self, day: date, what: str) -> None:
        if day > self._today():
            raise ValueError(f"{what} ne peut pas être dans le futur ({fr_date(day)}).")

    @staticmethod
    def _loads(text: str | None) -> dict:
        if not text:
            return {}
        try:
            value = json.loads(text)
        except ValueError as exc:
            raise StoreError(
                "Les données d'une notification sont illisibles : restaurez une sauvegarde."
            ) from exc
        return value if isinstance(value, dict) else {}

    @staticmethod
    def _dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    _SELECT = (
        "SELECT n.id, n.dossier_id, n.kind, n.title, n.domain, n.received_on, n.read_on, n.data, "
        "d.procedure, a.sent_on FROM notifications n JOIN dossiers d ON d.id = n.dossier_id "
        "LEFT JOIN complement_answers a ON a.notification_id = n.id"
    )

    def _notification(self, row: tuple) -> Notification:
        nid, dossier_id, kind, title, domain, received, read, data_json, procedure, sent = row
        received_on = date.fromisoformat(received)
        read_on = date.fromisoformat(read) if read else None
        data = self._loads(data_json)
        when, label = notification_deadline(kind, procedure, received_on, read_on, data)
        done: date | None = None
        if kind == COMPLEMENT and sent:
            done = date.fromisoformat(sent)
        elif kind == CERTIFICAT_MEDICAL:
            sent_envelope = (data.get("checklist") or {}).get("enveloppe_envoyee")
            done = date.fromisoformat(sent_envelope) if sent_envelope else None
        return Notification(
            id=nid,
            dossier_id=dossier_id,
            kind=kind,
            title=title,
            domain=domain,
            received_on=received_on,
            read_on=read_on,
            data=data,
            deadline=when,
            deadline_label=label,
            done_on=done,
            procedure=procedure,
        )

    def _get(self, conn: sqlite3.Connection, notification_id: int) -> Notification:
        row = conn.execute(f"{self._SELECT} WHERE n.id = ?", (notification_id,)).fetchone()
        if row is None:
            raise StoreError(f"La notification n° {notification_id} est introuvable.")
        return self._notification(row)

    def _complement(self, conn: sqlite3.Connection, notification_id: int) -> Notification:
        notification = self._get(conn, notification_id)
        if notification.kind != COMPLEMENT:
            raise ValueError("Cette notification n'est pas une demande de complément.")
        return notification

    @staticmethod
    def _answer_row(conn: sqlite3.Connection, notification_id: int) -> tuple | None:
        return conn.execute(
            "SELECT data, sent_on FROM complement_answers WHERE notification_id = ?",
            (notification_id,),
        ).fetchone()

    def _require_unanswered(self, conn: sqlite3.Connection, notification_id: int) -> None:
        row = self._answer_row(conn, notification_id)
        if row is not None and row[1] is not None:
            raise StoreError(
                f"La réponse à cette demande de complément a été envoyée le "
                f"{fr_date(date.fromisoformat(row[1]))} : elle ne peut plus être modifiée."
            )

    # ---------------------------------------------------------------- reads

    def get(self, notification_id: int) -> Notification:
        with self._reading() as conn:
            return self._get(conn, notification_id)

    def list_notifications(
        self, dossier_id: int | None = None, *, only_unread: bool = False
    ) -> builtins.list[Notification]:
        """The notifications (of one dossier if given), newest first."""
        sql = f"{self._SELECT} WHERE 1"
        params: builtins.list[object] = []
        if dossier_id is not None:
            sql += " AND n.dossier_id = ?"
            params.append(dossier_id)
        if only_unread:
            sql += " AND n.read_on IS NULL"
        sql += " ORDER BY n.received_on DESC, n.id DESC"
        with self._reading() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [self._notification(row) for row in rows]

    def get_complement_answer(self, notification_id: int) -> dict | None:
        """The answer kept for a complément, or None if there is none yet:
        {"notification_id": int, "data": {"invalid": {...}, "missing": {...}},
        "sent_on": ISO date, or None while it is a draft}."""
        with self._reading() as conn:
            self._complement(conn, notification_id)
            row = self._answer_row(conn, notification_id)
        if row is None:
            return None
        return {"notification_id": notification_id, "data": self._loads(row[0]), "sent_on": row[1]}

    # ---------------------------------------------------------------- notifications

    def add_notification(
        self,
        dossier_id: int,
        kind: str,
        *,
        received_on: date,
        data: dict | None = None,
        read_on: date | None = None,
    ) -> int:
        """Record a notification of the administration and move the dossier to the state it
        implies; return its id.

        `read_on`: the day it was first opened on the ANEF site (« Lu le »), when it was read
        there before being recorded here; it starts the deadline from that day.

        StoreError on a draft (or an unknown dossier), TransitionError (French) when the
        current state cannot become that one, ValueError for bad `data` or a date to come.
        """
        if kind not in NOTIFICATION_KINDS:
            raise ValueError(f"Type de notification inconnu : « {kind} ».")
        received_on = _parse_iso(received_on, "Date de réception")
        self._not_future(received_on, "La date de réception")
        if read_on is not None:
            read_on = _parse_iso(read_on, "Date de lecture")
            self._not_future(read_on, "La date de lecture")
            if read_on < received_on:
                raise ValueError(
                    f"La date de lecture ne peut pas précéder la réception de la notification "
                    f"({fr_date(received_on)})."
                )
        clean = normalise_data(kind, data, received_on=received_on, today=self._today())
        if kind == DECISION:
            new = (
                DossierStatus.DECISION_FAVORABLE
                if clean["favorable"]
                else DossierStatus.DECISION_DEFAVORABLE
            )
        else:
            new = _TARGET_STATUS[kind]
        with self.store.transaction() as db:
            conn = db.conn
            current = self.store._status(conn, dossier_id)
            if current.editable:
                raise StoreError(
                    "Déposez d'abord la demande : les notifications de l'administration "
                    "s'enregistrent une fois le dossier déposé."
                )
            check_transition(current, new)
            cursor = conn.execute(
                "INSERT INTO notifications (dossier_id, kind, title, domain, received_on, "
                "read_on, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    dossier_id,
                    kind,
                    NOTIFICATION_TITLES[kind],
                    DEFAULT_DOMAIN,
                    received_on.isoformat(),
                    read_on.isoformat() if read_on else None,
                    self._dumps(clean),
                    self.store._now(),
                ),
            )
            notification_id = int(cursor.lastrowid)
            self._log(conn, dossier_id, "notification", kind)
            if read_on is not None:
                self._log(conn, dossier_id, "notification_read", kind)
            self.store.set_status(dossier_id, new, detail=kind)
            self._refresh(dossier_id, self._today())
        return notification_id

    def mark_read(self, notification_id: int, read_on: date) -> date:
        """Record the first opening of a notification (it starts the renewal complément's
        30 days); a later call changes nothing. Return the date of the first reading."""
        read_on = _parse_iso(read_on, "Date de lecture")
        with self.store.transaction() as db:
            conn = db.conn
            notification = self._get(conn, notification_id)
            if notification.read_on is not None:
                return notification.read_on
            self._not_future(read_on, "La date de lecture")
            if read_on < notification.received_on:
                raise ValueError(
                    f"La date de lecture ne peut pas précéder la réception de la notification "
                    f"({fr_date(notification.received_on)})."
                )
            conn.execute(
                "UPDATE notifications SET read_on = ? WHERE id = ?",
                (read_on.isoformat(), notification_id),
            )
            self._log(conn, notification.dossier_id, "notification_read", notification.kind)
            self._refresh(notification.dossier_id, self._today())
        return read_on

    # ---------------------------------------------------------------- complément

    def _complement_documents(self, notification: Notification) -> tuple[dict, dict]:
        invalid = {doc["slot_id"]: doc for doc in notification.data.get("invalid", [])}
        missing = {doc["slot_id"]: doc for doc in notification.data.get("missing", [])}
        return invalid, missing

    def _normalise_answers(self, notification: Notification, answers: dict | None) -> dict:
        invalid_docs, missing_docs = self._complement_documents(notification)
        answers = dict(answers or {})
        _refuse_unknown(answers, frozenset({"invalid", "missing"}), "Réponse au complément")
        result: dict[str, dict] = {"invalid": {}, "missing": {}}
        given_invalid = answers.get("invalid") or {}
        given_missing = answers.get("missing") or {}
        if not isinstance(given_invalid, dict) or not isinstance(given_missing, dict):
            raise ValueError("Réponse au complément : un dictionnaire par section est attendu.")
        for slot_id, value in given_invalid.items():
            if slot_id not in invalid_docs:
                raise ValueError(
                    f"Réponse au complément : « {slot_id} » n'est pas un document non valide "
                    "de cette demande."
                )
            value = dict(value or {})
            _refuse_unknown(
                value, frozenset({"choice", "reason", "message"}), invalid_docs[slot_id]["title"]
            )
            choice = value.get("choice") or None
            if choice is not None and choice not in COMPLEMENT_CHOICES:
                raise ValueError(f"Réponse au complément : choix inconnu « {choice} ».")
            result["invalid"][slot_id] = {
                "choice": choice,
                "reason": _text(value.get("reason"), "La raison du maintien", required=False),
                "message": _text(value.get("message"), "Le message à l'agent", required=False),
            }
        for slot_id, value in given_missing.items():
            if slot_id not in missing_docs:
                raise ValueError(
                    f"Réponse au complément : « {slot_id} » n'est pas un document manquant "
                    "de cette demande."
                )
            value = dict(value or {})
            _refuse_unknown(value, frozenset({"attached"}), missing_docs[slot_id]["title"])
            result["missing"][slot_id] = {"attached": bool(value.get("attached"))}
        return result

    def _write_answer(
        self, conn: sqlite3.Connection, notification_id: int, answers: dict, sent_on: date | None
    ) -> None:
        conn.execute(
            "INSERT INTO complement_answers (notification_id, data, sent_on) VALUES (?, ?, ?) "
            "ON CONFLICT(notification_id) DO UPDATE SET data = excluded.data, "
            "sent_on = excluded.sent_on",
            (notification_id, self._dumps(answers), sent_on.isoformat() if sent_on else None),
        )

    def save_complement_answer(self, notification_id: int, answers: dict) -> None:
        """Keep a draft of the answer to a complément (incomplete answers are fine)."""
        with self.store.transaction() as db:
            conn = db.conn
            notification = self._complement(conn, notification_id)
            self._require_unanswered(conn, notification_id)
            clean = self._normalise_answers(notification, answers)
            self._write_answer(conn, notification_id, clean, None)

    def complement_problems(self, notification_id: int, answers: dict) -> builtins.list[str]:
        """What still prevents sending this answer, one French line each ([] when none)."""
        with self._reading() as conn:
            notification = self._complement(conn, notification_id)
            return self._problems(
                conn, notification, self._normalise_answers(notification, answers)
            )

    def _slot_counts(self, conn: sqlite3.Connection, dossier_id: int) -> dict[str, int]:
        rows = conn.execute(
            "SELECT slot_id, count(*) FROM attachments WHERE dossier_id = ? AND slot_id LIKE ? "
            "GROUP BY slot_id",
            (dossier_id, f"{COMPLEMENT_SLOT_PREFIX}%"),
        ).fetchall()
        return {slot: int(n) for slot, n in rows}

    def _problems(
        self, conn: sqlite3.Connection, notification: Notification, answers: dict
    ) -> builtins.list[str]:
        invalid_docs, missing_docs = self._complement_documents(notification)
        counts = self._slot_counts(conn, notification.dossier_id)
        problems: builtins.list[str] = []
        for slot_id, doc in invalid_docs.items():
            title = doc["title"]
            answer = answers["invalid"].get(slot_id) or {}
            choice = answer.get("choice")
            if notification.resumes_application:
                # « veuillez joindre un autre document »: no keep-or-replace choice here.
                if not counts.get(complement_slot_id(notification.id, slot_id)):
                    problems.append(
                        f"{title} : joignez un autre document (« Joindre un document »)."
                    )
            elif choice is None:
                problems.append(
                    f"{title} : choisissez « Maintenir le Document » ou « Mettre à jour le "
                    "Document »."
                )
            elif choice == MAINTENIR and not answer.get("reason"):
                problems.append(f"{title} : veuillez préciser les raisons du maintien du document.")
            elif choice == METTRE_A_JOUR and not counts.get(
                complement_slot_id(notification.id, slot_id)
            ):
                problems.append(
                    f"{title} : joignez au moins un fichier pour mettre à jour le document."
                )
        for slot_id, doc in missing_docs.items():
            if not counts.get(complement_slot_id(notification.id, slot_id)):
                problems.append(
                    f"{doc['title']} : joignez au moins un document (document manquant)."
                )
        return problems

    def send_complement_answer(self, notification_id: int, answers: dict, sent_on: date) -> None:
        """« Valider et envoyer »: check the answer, keep it, « Complément demandé » ->
        « Complément envoyé ».

        ValueError with one French line per problem (joined by "\\n") when a document has no
        answer, a kept document no reason, an updated or missing document no file.
        """
        sent_on = _parse_iso(sent_on, "Date d'envoi")
        with self.store.transaction() as db:
            conn = db.conn
            notification = self._complement(conn, notification_id)
            self._require_unanswered(conn, notification_id)
            clean = self._normalise_answers(notification, answers)
            problems = self._problems(conn, notification, clean)
            if problems:
                raise ValueError("\n".join(problems))
            self._not_future(sent_on, "La date d'envoi")
            if sent_on < notification.received_on:
                raise ValueError(
                    f"La date d'envoi ne peut pas précéder la réception de la demande "
                    f"({fr_date(notification.received_on)})."
                )
            check_transition(
                self.store._status(conn, notification.dossier_id),
                DossierStatus.COMPLEMENT_ENVOYE,
            )
            counts = self._slot_counts(conn, notification.dossier_id)
            invalid_docs, missing_docs = self._complement_documents(notification)
            if notification.resumes_application:
                for slot_id in invalid_docs:
                    clean["invalid"].setdefault(slot_id, {"reason": "", "message": ""})
                    clean["invalid"][slot_id]["choice"] = METTRE_A_JOUR
            for slot_id in missing_docs:
                clean["missing"][slot_id] = {
                    "attached": bool(counts.get(complement_slot_id(notification_id, slot_id)))
                }
            self._write_answer(conn, notification_id, clean, sent_on)
            if notification.read_on is None:
                # Answering means the notification was opened, at the latest that day.
                conn.execute(
                    "UPDATE notifications SET read_on = ? WHERE id = ?",
                    (sent_on.isoformat(), notification_id),
                )
            self._log(conn, notification.dossier_id, "complement_sent", COMPLEMENT)
            self.store.set_status(
                notification.dossier_id, DossierStatus.COMPLEMENT_ENVOYE, detail=COMPLEMENT
            )
            self._refresh(notification.dossier_id, self._today())

    def _max_files(self, procedure_id: str, slot_id: str) -> int:
        from anef_tui.domain.catalogue import load_procedure

        try:
            return load_procedure(procedure_id).slot(slot_id.lower()).max_files
        except KeyError:
            return DEFAULT_MAX_FILES

    def attach_complement_file(
        self, notification_id: int, slot_id: str, source: str | os.PathLike
    ) -> Attachment:
        """Attach a file answering document `slot_id` (invalid, « Mettre à jour », or
        missing) of an unanswered complément, under `complement_slot_id(...)` (`slot_id` may
        be that complement slot id already).

        NotEditable once the answer is sent or the dossier is no longer « Complément
        demandé »; ValueError for a document the complément does not ask for.

        The file is checked like any attachment (AttachmentError, French); the slot takes as
        many files as the procedure's slot of that id (3 otherwise).
        """

        with self._reading() as conn:
            notification = self._complement(conn, notification_id)
            procedure_id = self.store._summary(
                self.store._row(conn, notification.dossier_id)
            ).procedure
        # The full complement slot id is accepted too.
        slot_id = slot_id.removeprefix(complement_slot_id(notification_id, ""))
        invalid_docs, missing_docs = self._complement_documents(notification)
        doc = invalid_docs.get(slot_id) or missing_docs.get(slot_id)
        if doc is None:
            raise ValueError(
                f"« {slot_id} » n'est pas un document demandé par cette demande de complément."
            )
        return self._opened(notification_id, COMPLEMENT).attach(
            notification.dossier_id,
            complement_slot_id(notification_id, slot_id),
            source,
            max_files=self._max_files(procedure_id, slot_id),
            slot_title=doc["title"],
        )

    def complement_files(
        self, notification_id: int, slot_id: str | None = None
    ) -> builtins.list[Attachment]:
        """The files of a complément's answer (of one document if given)."""
        from anef_tui.store.attachments import AttachmentStore

        notification = self.get(notification_id)
        prefix = complement_slot_id(notification_id, "")
        files = AttachmentStore(self.store).list(notification.dossier_id)
        return [
            f
            for f in files
            if f.slot_id.startswith(prefix)
            and (slot_id is None or f.slot_id == complement_slot_id(notification_id, slot_id))
        ]

    def _opened(self, notification_id: int, kind: str) -> AttachmentStore:
        """An AttachmentStore that may write the files of this notification only (see
        _NotificationWindow)."""
        from anef_tui.store.attachments import AttachmentStore

        return AttachmentStore(_NotificationWindow(self.store, notification_id, kind))  # type: ignore[arg-type]

    def _slot_of(self, attachment_id: int) -> str | None:
        with self._reading() as conn:
            row = conn.execute(
                "SELECT slot_id FROM attachments WHERE id = ?", (attachment_id,)
            ).fetchone()
        return row[0] if row else None

    def remove_complement_file(self, notification_id: int, attachment_id: int) -> None:
        """« SUPPRIMER » one file of an unanswered complément's answer."""
        from anef_tui.store.attachments import AttachmentError

        slot = self._slot_of(attachment_id)
        if slot is None or not slot.startswith(complement_slot_id(notification_id, "")):
            raise AttachmentError(
                f"La pièce jointe n° {attachment_id} ne fait pas partie de cette réponse."
            )
        self._opened(notification_id, COMPLEMENT).remove(attachment_id)

    # ---------------------------------------------------------------- official documents

    def attach_official_file(self, notification_id: int, source: str | os.PathLike) -> Attachment:
        """Keep the official document of a prolongation or a decision (« Attestation de
        prolongation d'instruction », attestation de décision…) with its notification.

        The file goes through the same checks as any attachment (AttachmentError, French),
        at most OFFICIAL_MAX_FILES files; ValueError for another kind of notification.
        """
        notification = self.get(notification_id)
        if notification.kind not in OFFICIAL_DOCUMENTS:
            raise ValueError(
                "Seules une prolongation et une décision ont un document officiel à joindre."
            )
        return self._opened(notification_id, _NotificationWindow.OFFICIAL).attach(
            notification.dossier_id,
            official_slot_id(notification_id),
            source,
            max_files=OFFICIAL_MAX_FILES,
            slot_title=official_document_title(notification.kind, notification.data),
        )

    def official_files(self, notification_id: int) -> builtins.list[Attachment]:
        """The official document(s) kept with a prolongation or a decision."""
        from anef_tui.store.attachments import AttachmentStore

        notification = self.get(notification_id)
        return AttachmentStore(self.store).list(
            notification.dossier_id, official_slot_id(notification_id)
        )

    def remove_official_file(self, notification_id: int, attachment_id: int) -> None:
        """« SUPPRIMER » one file of a notification's official document."""
        from anef_tui.store.attachments import AttachmentError

        if self._slot_of(attachment_id) != official_slot_id(notification_id):
            raise AttachmentError(
                f"La pièce jointe n° {attachment_id} n'est pas un document officiel de cette "
                "notification."
            )
        self._opened(notification_id, _NotificationWindow.OFFICIAL).remove(attachment_id)

    # ---------------------------------------------------------------- certificate

    def update_certificate_checklist(
        self, notification_id: int, checklist: dict[str, str | None]
    ) -> dict[str, str | None]:
        """Set (ISO date) or clear (None) items of the certificate checklist; return it whole.

        Only the items of CHECKLIST_ITEMS (ValueError otherwise): dates, nothing medical.
        """
        with self.store.transaction() as db:
            conn = db.conn
            notification = self._get(conn, notification_id)
            if notification.kind != CERTIFICAT_MEDICAL:
                raise ValueError(
                    "Cette notification n'est pas la mise à disposition du formulaire vierge "
                    "de certificat médical."
                )
            data = dict(notification.data)
            merged = _checklist(
                checklist,
                data.get("checklist") or {},
                received_on=notification.received_on,
                today=self._today(),
            )
            data["checklist"] = merged
            conn.execute(
                "UPDATE notifications SET data = ? WHERE id = ?",
                (self._dumps(data), notification_id),
            )
            self._log(
                conn,
                notification.dossier_id,
                "certificate_checklist",
                ", ".join(sorted(checklist or {})),
            )
            self._refresh(notification.dossier_id, self._today())
        return merged

    # ---------------------------------------------------------------- deadlines

    def open_deadlines(self, dossier_id: int, today: date) -> builtins.list[Deadline]:
        """Everything still due on a dossier, soonest (or most overdue) first."""
        with self._reading() as conn:
            status = self.store._status(conn, dossier_id)
        if status in _FINISHED:
            return []
        return self._open(status, self.list_notifications(dossier_id), today)

    @staticmethod
    def _open(
        status: DossierStatus, notifications: builtins.list[Notification], today: date
    ) -> builtins.list[Deadline]:
        if status in _FINISHED or any(n.kind == DECISION for n in notifications):
            return []
        found: builtins.list[Deadline] = []
        latest_prolongation = True  # notifications come newest first
        for n in notifications:
            if n.kind == COMPLEMENT and n.done_on is None and n.deadline is not None:
                found.append(Deadline(n.deadline, LABEL_COMPLEMENT, n.dossier_id, n.id))
            elif n.kind == CERTIFICAT_MEDICAL:
                if n.done_on is None and n.deadline is not None:
                    found.append(Deadline(n.deadline, LABEL_CERTIFICATE, n.dossier_id, n.id))
                convocation = (n.data.get("checklist") or {}).get("convocation_ofii")
                if convocation and date.fromisoformat(convocation) >= today:
                    found.append(
                        Deadline(
                            date.fromisoformat(convocation), LABEL_CONVOCATION, n.dossier_id, n.id
                        )
                    )
            elif n.kind == PROLONGATION and latest_prolongation and n.deadline is not None:
                latest_prolongation = False
                found.append(Deadline(n.deadline, LABEL_PROLONGATION, n.dossier_id, n.id))
        found.sort(key=lambda d: (d.date, d.dossier_id or 0, d.notification_id or 0))
        return found

    def next_deadline(self, dossier_id: int, today: date) -> Deadline | None:
        """The soonest thing due on the dossier (overdue included), or None."""
        found = self.open_deadlines(dossier_id, today)
        return found[0] if found else None

    def _refresh(self, dossier_id: int, today: date) -> Deadline | None:
        # Kept in the `deadlines` table too, read by « Échéances » and the alerts (issue 14).
        from anef_tui.store.deadlines import refresh_deadline

        return refresh_deadline(self.store, dossier_id, today)

    def refresh_deadline(self, dossier_id: int, today: date) -> Deadline | None:
        """Write the dossier's next deadline (date and short label) into the dossier list;
        return it."""
        with self.store.transaction():
            return self._refresh(dossier_id, today)

    def upcoming_deadlines(self, today: date) -> builtins.list[Deadline]:
        """Everything due across dossiers, soonest first (overdue first)."""
        with self._reading() as conn:
            statuses = {
                row[0]: DossierStatus(row[1])
                for row in conn.execute(
                    "SELECT id, status FROM dossiers WHERE id IN "
                    "(SELECT DISTINCT dossier_id FROM notifications)"
                )
            }
        by_dossier: dict[int, builtins.list[Notification]] = {}
        for n in self.list_notifications():
            by_dossier.setdefault(n.dossier_id, []).append(n)
        found: builtins.list[Deadline] = []
        for dossier_id, notifications in by_dossier.items():
            found.extend(self._open(statuses[dossier_id], notifications, today))
        found.sort(key=lambda d: (d.date, d.dossier_id or 0, d.notification_id or 0))
        return found

    def record_closure(self, dossier_id: int) -> None:
        """The administration closed the request (« clôturée », e.g. a complément not
        answered in time): the dossier becomes « Clôturée » and nothing is due any more.

        TransitionError (French) from a state that cannot be closed (a draft, a favourable
        decision, an already closed dossier)."""
        with self.store.transaction():
            self.store.set_status(dossier_id, DossierStatus.CLOTUREE, detail="cloture")
            self._refresh(dossier_id, self._today())

    def prolongation_warnings(self, today: date) -> builtins.list[Deadline]:
        """The attestations de prolongation that end within PROLONGATION_WARNING_DAYS days
        (or have ended) on dossiers still waiting for a decision, soonest first."""
        return [
            d
            for d in self.upcoming_deadlines(today)
            if d.label == LABEL_PROLONGATION and rules.prolongation_warning(d.date, today)
        ]

