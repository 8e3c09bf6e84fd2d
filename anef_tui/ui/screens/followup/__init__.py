"""After the filing: « Mes notifications », recording what the administration sent, answering
a request for documents, the OFII medical-certificate checklist, and « Échéances ».

What is recorded here is copied by the user from the official site or e-mail; nothing is
sent anywhere. No medical content: dates and ticks only.
"""

from __future__ import annotations

from anef_tui.ui.screens.followup.deadlines import DeadlinesScreen
from anef_tui.ui.screens.followup.notification import NotificationScreen
from anef_tui.ui.screens.followup.notifications import NotificationsScreen
from anef_tui.ui.screens.followup.record import RecordNotificationScreen
from anef_tui.ui.screens.followup_common import (
    DRAFT_INTERVAL,
    days_words,
    delay_text,
    fr,
    prolongation_alert,
)

__all__ = [
    "DRAFT_INTERVAL",
    "DeadlinesScreen",
    "NotificationScreen",
    "NotificationsScreen",
    "RecordNotificationScreen",
    "days_words",
    "delay_text",
    "fr",
    "prolongation_alert",
]
