"""After the filing, the rules: what a notification's data must hold, the deadline it starts,
what is still due on a dossier, what a complément answer needs before it is sent.

The vocabulary (kinds, fields, states, deadlines, texts) is data (`assets/followup.toml`,
domain/notification_kinds.py); the state machine is domain/status.py. Nothing here touches
the database (store/followup.py) or the screen.

Nothing medical is ever stored: the certificate checklist only holds dates.

This module is the public face of four siblings, one per responsibility:
`notification_model` (`Notification`, the shipped kinds' names, slot ids),
`notification_data` (what the user copies, checked and in stored form),
`notification_deadlines` (the deadline a notification starts, what is still due) and
`notification_texts` (the kind's sentences, filled in). Import from here.
"""

from __future__ import annotations

from anef_tui.domain.notification_data import (
    normalise_checklist,
    normalise_data,
    optional_iso,
    parse_iso,
    refuse_unknown,
    text_value,
)
from anef_tui.domain.notification_deadlines import (
    appointment_codes,
    done_on,
    notification_deadline,
    open_deadlines,
    warning_codes,
)
from anef_tui.domain.notification_model import (
    CERTIFICAT_MEDICAL,
    COMPLEMENT,
    COMPLEMENT_CHOICES,
    COMPLEMENT_SLOT_PREFIX,
    DECISION,
    DEFAULT_MAX_FILES,
    DOCUMENT_STATES,
    FILING_SLOT_ID,
    MAINTENIR,
    METTRE_A_JOUR,
    NOTHING_DUE,
    OBSERVATIONS_LABEL,
    OFFICIAL_MAX_FILES,
    OFFICIAL_SLOT_PREFIX,
    PROLONGATION,
    Notification,
    complement_slot_id,
    default_domain,
    fr_date,
    has_official_document,
    kind_title,
    official_document_title,
    official_slot_id,
)
from anef_tui.domain.notification_texts import (
    ShownText,
    complement_days,
    fill,
    kind_lines,
    kind_texts,
)

__all__ = [
    "CERTIFICAT_MEDICAL",
    "COMPLEMENT",
    "COMPLEMENT_CHOICES",
    "COMPLEMENT_SLOT_PREFIX",
    "DECISION",
    "DEFAULT_MAX_FILES",
    "DOCUMENT_STATES",
    "FILING_SLOT_ID",
    "NOTHING_DUE",
    "MAINTENIR",
    "METTRE_A_JOUR",
    "OBSERVATIONS_LABEL",
    "OFFICIAL_MAX_FILES",
    "OFFICIAL_SLOT_PREFIX",
    "PROLONGATION",
    "Notification",
    "ShownText",
    "complement_days",
    "appointment_codes",
    "complement_slot_id",
    "default_domain",
    "done_on",
    "fill",
    "fr_date",
    "has_official_document",
    "kind_lines",
    "kind_texts",
    "kind_title",
    "normalise_checklist",
    "normalise_data",
    "notification_deadline",
    "official_document_title",
    "official_slot_id",
    "open_deadlines",
    "optional_iso",
    "parse_iso",
    "refuse_unknown",
    "text_value",
    "warning_codes",
]
