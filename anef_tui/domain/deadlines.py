"""Deadlines of the instruction (after the dépôt): pure date arithmetic, `today` injected.

The rules come from the official guides:

* « Demande de complément »: as many days as the procedure's file says (`[followup]`), from
  its reception or from the day it was first read (renewal: 30 days after it was read,
  « L'ouverture d'une notification fait office, pour l'administration, d'accusé de
  réception et déclenche donc le délai dans lequel vous devez répondre à une demande de
  l'agent en charge de votre dossier. », no deadline while it is unread; first application: 15 days « dès réception de
  ce message »);
* blank medical certificate: 1 month to send it to the OFII, 3 months from the asylum
  application for asylum seekers;
* a request for more information from the OFII doctor: 15 days (« dans un délai de quinze
  jours », seed 000 l. 1900: a task of the certificate's checklist in `followup.toml`);
* an « attestation de prolongation d'instruction » is only valid until its end date.

Only dates: nothing medical is ever computed or stored here.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

CERTIFICATE_MONTHS = 1
CERTIFICATE_MONTHS_ASYLUM = 3
PROLONGATION_WARNING_DAYS = 15


# --------------------------------------------------------------------------------------
# Arithmetic


def add_days(d: dt.date, n: int) -> dt.date:
    """`d` plus `n` days (n may be negative)."""
    return d + dt.timedelta(days=n)


def add_months(d: dt.date, n: int) -> dt.date:
    """`d` plus `n` calendar months; a day past the end of the target month becomes its
    last day (31/01 + 1 month = 28/02, or 29/02 in a leap year)."""
    index = d.year * 12 + (d.month - 1) + n
    year, month = divmod(index, 12)
    month += 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError(f"Date hors limites : {d.isoformat()} + {n} mois.")
    day = min(d.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


# --------------------------------------------------------------------------------------
# Rules


def complement_due(
    days: int, starts: str, read_on: dt.date | None, received_on: dt.date
) -> dt.date | None:
    """`days` days after the complément was received (`starts` « reception ») or first read
    (« lecture »: None while it is unread, the deadline starts when it is opened)."""
    if starts == "lecture":
        return None if read_on is None else add_days(read_on, days)
    if starts == "reception":
        return add_days(received_on, days)
    raise ValueError(f"Point de départ du délai inconnu : « {starts} ».")


def complement_deadline(
    procedure_id: str, read_on: dt.date | None, received_on: dt.date
) -> dt.date | None:
    """When a « Demande de complément » of a dossier of `procedure_id` must be answered, as
    its file's `[followup]` says. ValueError (French) for a procedure no file describes."""
    from anef_tui.domain.policy import followup_policy

    policy = followup_policy(procedure_id)
    return complement_due(policy.complement_days, policy.complement_from, read_on, received_on)


def certificate_deadline(
    made_available_on: dt.date, *, asylum_applied_on: dt.date | None = None
) -> dt.date:
    """When the filled-in medical certificate must be sent to the OFII: 1 month after the
    blank form was made available, or 3 months from the asylum application for an asylum
    seeker."""
    if asylum_applied_on is not None:
        return add_months(asylum_applied_on, CERTIFICATE_MONTHS_ASYLUM)
    return add_months(made_available_on, CERTIFICATE_MONTHS)


def prolongation_warning(
    valid_until: dt.date, today: dt.date, days: int = PROLONGATION_WARNING_DAYS
) -> bool:
    """True when an attestation de prolongation ends within `days` days (or has ended)."""
    return days_left(valid_until, today) <= days


# --------------------------------------------------------------------------------------
# Display


@dataclass(frozen=True)
class Deadline:
    """One thing to do; `label` is a short French phrase (« Répondre au complément »),
    `code` what names it in the data (`followup.toml`: the deadline's `code`), never the
    label. `date` is None for a task the guide gives no date (the timbre fiscal): it stays
    until it is done."""

    date: dt.date | None
    label: str
    dossier_id: int | None = None
    notification_id: int | None = None
    code: str = ""

    def days_left(self, today: dt.date) -> int | None:
        return None if self.date is None else days_left(self.date, today)

    def describe(self, today: dt.date) -> str:
        left = self.days_left(today)
        return NO_DATE if left is None else describe(left)


#: What a task without a date says where a deadline says « dans 3 jours ».
NO_DATE = "sans date"


def days_left(deadline_date: dt.date, today: dt.date) -> int:
    """Days from `today` to `deadline_date`: 0 on the day, negative once it has passed."""
    return (deadline_date - today).days


def prolongation_end(valid_until: dt.date, today: dt.date) -> str:
    """« prend fin le 07/02/2027 (dans 8 jours) », or once past « a pris fin le 07/02/2027
    (en retard de 2 jours) »: the end of an attestation de prolongation, in words."""
    left = days_left(valid_until, today)
    verb = "a pris fin le" if left < 0 else "prend fin le"
    return f"{verb} {valid_until.strftime('%d/%m/%Y')} ({describe(left)})"


def describe(days: int) -> str:
    """The time left in words, so it never depends on colour alone."""
    if days == 0:
        return "aujourd'hui"
    if days == 1:
        return "demain"
    if days > 1:
        return f"dans {days} jours"
    if days == -1:
        return "en retard d'un jour"
    return f"en retard de {-days} jours"


def deadline_words(day: dt.date | None, label: str | None, today: dt.date) -> str:
    """« 22/12/2026 (dans 30 jours) : Répondre au complément », overdue in capitals (« EN
    RETARD de 2 jours »); a task the guide gives no date: « sans date : Acheter le timbre
    fiscal électronique (225 €) ». One line of a dossier's deadlines, in every front end."""
    if day is None:
        return NO_DATE + (f" : {label}" if label else "")
    days = days_left(day, today)
    if days < 0:
        when = f"EN RETARD de {-days} jour{'s' if -days > 1 else ''}"
    elif days == 0:
        when = "aujourd'hui"
    else:
        when = f"dans {days} jour{'s' if days > 1 else ''}"
    return f"{day.strftime('%d/%m/%Y')} ({when})" + (f" : {label}" if label else "")


def prolongation_alert(valid_until: dt.date, today: dt.date) -> str:
    """The warning shown when an attestation de prolongation ends soon (or has ended), in
    every front end."""
    advice = (
        "Vérifiez votre espace ANEF : une nouvelle attestation ou la décision doit y figurer."
        if valid_until < today else
        "Sans nouvelle attestation ni décision d'ici là, vérifiez votre espace ANEF."
    )
    return (
        f"Attention : l'attestation de prolongation d'instruction "
        f"{prolongation_end(valid_until, today)}. {advice}"
    )
