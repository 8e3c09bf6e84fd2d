"""The applicant's consent (issue 24): its terms (how long, how it was given) and where it
stands on a given day. The durations, manners and the warning window are data
(`assets/consent.toml`); codes are read here, labels only shown."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from anef_tui.paths import assets_dir

CONSENT_FILE = "consent.toml"


@dataclass(frozen=True)
class ConsentRules:
    max_months: int
    default_months: int
    warning_days: int
    default_manner: str
    one_day_label: str
    months_label: str
    #: code -> French label, in the file's order.
    manners: dict[str, str]


@cache
def consent_rules() -> ConsentRules:
    """The shipped consent file, read once (bounded like every data file)."""
    import tomllib

    from anef_tui.domain.data_limits import read_bounded, toml_nesting

    text = read_bounded(assets_dir() / CONSENT_FILE)
    toml_nesting(text)
    data = tomllib.loads(text)
    manners = {str(m["code"]): str(m["label"]) for m in data["manners"]}
    rules = ConsentRules(
        max_months=int(data["max_months"]),
        default_months=int(data["default_months"]),
        warning_days=int(data["warning_days"]),
        default_manner=str(data["default_manner"]),
        one_day_label=str(data["one_day_label"]),
        months_label=str(data["months_label"]),
        manners=manners,
    )
    if rules.default_manner not in manners or not 0 <= rules.default_months <= rules.max_months:
        raise ValueError(f"{CONSENT_FILE} : valeurs par défaut incohérentes.")
    return rules


@dataclass(frozen=True)
class ConsentTerms:
    """What the worker chose: how it was given (a code of `manners`) and for how long
    (`months`; 0 is one day)."""

    manner: str
    months: int

    def check(self) -> None:
        """ValueError (French) for a manner or a duration the file does not allow."""
        rules = consent_rules()
        if self.manner not in rules.manners:
            raise ValueError(f"Manière de consentir inconnue : « {self.manner} ».")
        if not 0 <= self.months <= rules.max_months:
            raise ValueError(
                f"La durée du consentement va d'un jour à {rules.max_months} mois."
            )


def default_terms() -> ConsentTerms:
    rules = consent_rules()
    return ConsentTerms(rules.default_manner, rules.default_months)


def valid_until(given: datetime, months: int) -> datetime:
    """The moment the consent ends: 24 hours after for one day, else the same time the
    same day `months` later (the month's last day when it is shorter)."""
    if months <= 0:
        return given + timedelta(days=1)
    month0 = given.month - 1 + months
    year, month = given.year + month0 // 12, month0 % 12 + 1
    day = min(given.day, calendar.monthrange(year, month)[1])
    return given.replace(year=year, month=month, day=day)


def duration_text(months: int) -> str:
    """« un jour », « 1 mois », « 12 mois »."""
    return "un jour" if months <= 0 else f"{months} mois"


def manner_label(code: str) -> str:
    """The manner's French label; a code of a newer version is shown as it is."""
    return consent_rules().manners.get(code, code)


def parse_months(text: str) -> int | None:
    """A duration typed by the worker: « 1 jour » / « jour » → 0, « 6 » / « 6 mois » → 6;
    None when it is not one the file allows."""
    words = text.strip().lower().split()
    if not words:
        return None
    if words[-1] in ("jour", "jours") and words[:-1] in ([], ["1"], ["un"]):
        return 0
    if len(words) == 2 and words[1] != "mois" or len(words) > 2:
        return None
    if not (words[0].isascii() and words[0].isdigit()):
        return None
    months = int(words[0])
    return months if 1 <= months <= consent_rules().max_months else None


# -- where a dossier's consent stands ----------------------------------------------------
VALID = "valide"
ENDING = "bientot"  # valid, ends within `warning_days`
EXPIRED = "expire"
WITHDRAWN = "retire"
MISSING = "absent"  # a dossier made before consents were recorded


def standing(until: datetime | None, withdrawn: bool, now: datetime) -> str:
    """One of the codes above for the dossier's latest consent (None: none at all)."""
    if until is None:
        return MISSING
    if withdrawn:
        return WITHDRAWN
    if now >= until:
        return EXPIRED
    if until - now <= timedelta(days=consent_rules().warning_days):
        return ENDING
    return VALID


def short_date(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def until_text(moment: datetime) -> str:
    """« 06/12/2027 à 9 h 00 »: when a consent ends."""
    return f"{short_date(moment.date())} à {moment.hour} h {moment.minute:02d}"


def standing_words(standing_code: str, until: datetime | None, *, missing: str = "") -> str:
    """A consent not simply in force, in words: « expiré le 23/11/2026, modification
    bloquée », « prend fin le 07/12/2026 à 10 h 37 »… `missing`: what is added after « à
    recueillir » (the full-screen list says why it is missing)."""
    if standing_code == MISSING:
        return f"à recueillir{missing}, modification bloquée"
    if standing_code == WITHDRAWN:
        return "retiré, modification bloquée"
    if until is None:  # an expired or ending consent always has its end
        return "modification bloquée"
    if standing_code == EXPIRED:
        return f"expiré le {short_date(until.date())}, modification bloquée"
    return f"prend fin le {until_text(until)}"
