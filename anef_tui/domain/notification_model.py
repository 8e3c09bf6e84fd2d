"""A notification as the domain sees it (`Notification`), the names of the shipped kinds, and
the slot ids of the files that go with one (a complément's answers, an official document).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from anef_tui.domain.notification_kinds import get_kind, kinds, load_kinds
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

#: Nothing is due on a dossier being typed, closed or abandoned. A decision ends every other
#: notification's deadline but leaves its own tasks (the timbre fiscal, the card to collect):
#: domain/dossier_state.py.
NOTHING_DUE = frozenset(
    {
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


#: The slot of the official PDF of the filing, kept with the dossier (issue 22).
FILING_SLOT_ID = f"{OFFICIAL_SLOT_PREFIX}depot"


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
