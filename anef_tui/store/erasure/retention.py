"""The retention period (issue 24 item 5): per data folder (« conservation_mois » in
`preferences.json`), in months. A person is « à effacer » when every dossier of theirs
(the dossier and the ones linked to it) has had a decision, was closed, or is a draft left
untouched (abandoned), and nothing changed in any of them for the whole period.

Default 24 months: a « étranger malade » card lasts about a year and its renewal is made
from the old dossier (`Renouveler à partir de ce dossier`) a year or so after the
decision; after a refusal, the appeals (recours gracieux, hiérarchique, then the tribunal
administratif, which may take more than a year to judge) need the dossier as filed. Two
years covers both with a margin; a person with a renewal under way is never listed (the
renewal is not decided).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.domain.status import DossierStatus
from anef_tui.store.erasure import rows

if TYPE_CHECKING:
    from anef_tui.store.database import Database, HasDatabase

PREFERENCE = "conservation_mois"
DEFAULT_MONTHS = 24
MIN_MONTHS = 1
MAX_MONTHS = 120
#: The states after which a dossier waits for nothing more (codes of DossierStatus).
ENDED = (DossierStatus.DECISION_FAVORABLE.value, DossierStatus.DECISION_DEFAVORABLE.value,
         DossierStatus.CLOTUREE.value, DossierStatus.BROUILLON.value)


@dataclass(frozen=True)
class Due:
    """One person past the retention period: their dossiers, names, and last change."""

    dossiers: tuple[int, ...]
    names: tuple[str, ...]
    last_change: datetime


def retention_months(data_dir: Path) -> int:
    """The folder's period, in months (the default when none or an unusable one is kept)."""
    from anef_tui.preferences import load_preferences

    value = load_preferences(Path(data_dir)).get(PREFERENCE)
    try:
        months = int(str(value).strip())
    except (TypeError, ValueError):
        return DEFAULT_MONTHS
    return months if MIN_MONTHS <= months <= MAX_MONTHS else DEFAULT_MONTHS


def parse_months(text: str) -> int:
    """« 24 », « 24 mois » → 24. ValueError (French) otherwise."""
    words = str(text).strip().lower().removesuffix("mois").strip()
    if not words.isdigit() or not MIN_MONTHS <= int(words) <= MAX_MONTHS:
        raise ValueError(
            f"Donnez un nombre de mois entre {MIN_MONTHS} et {MAX_MONTHS} (par exemple "
            f"« {DEFAULT_MONTHS} »).")
    return int(words)


def save_retention_months(data_dir: Path, text: str) -> int:
    """Keep the folder's period; return it. ValueError (French) for an unusable one;
    OSError when the preferences cannot be written."""
    from anef_tui.preferences import save_preference

    months = parse_months(text)
    save_preference(Path(data_dir), PREFERENCE, str(months))
    return months


def months_before(moment: datetime, months: int) -> datetime:
    """The same time `months` earlier (the month's last day when it is shorter)."""
    month0 = moment.month - 1 - months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def due(owner: Database | HasDatabase, months: int) -> list[Due]:
    """The persons past the period by the store's clock, oldest change first."""
    from anef_tui.store.database import database_of

    database = database_of(owner)
    cutoff = months_before(database.local_now(), months).isoformat(timespec="seconds")
    marks = ",".join("?" for _ in ENDED)
    with database.reading() as conn:
        candidates = {int(r[0]): str(r[1]) for r in conn.execute(
            f"SELECT id, updated_at FROM dossiers WHERE status IN ({marks}) "
            "AND updated_at < ?", (*ENDED, cutoff))}
        found: list[Due] = []
        seen: set[int] = set()
        for dossier in sorted(candidates):
            if dossier in seen:
                continue
            family = rows.family(conn, [dossier])
            seen.update(family)
            if not all(member in candidates for member in family):
                continue
            names = tuple(str(r[0]) for r in conn.execute(
                f"SELECT applicant_name FROM dossiers WHERE id IN "
                f"({','.join('?' for _ in family)}) ORDER BY id", family))
            last = max(datetime.fromisoformat(candidates[m]) for m in family)
            found.append(Due(family, names, last))
    return sorted(found, key=lambda d: (d.last_change, d.dossiers))
