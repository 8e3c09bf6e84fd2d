"""Deadline rules of the instruction: month arithmetic, each rule, words for the time left."""

from __future__ import annotations

from datetime import date

import pytest

from anef_tui.domain.deadlines import (
    Deadline,
    add_days,
    add_months,
    certificate_deadline,
    complement_deadline,
    days_left,
    describe,
    prolongation_warning,
)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),  # month end, common year
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # month end, leap year
        (date(2024, 2, 29), 1, date(2024, 3, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # leap day, next year has none
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),  # December -> January
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 10, 4), 3, date(2027, 1, 4)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 5, 10), 0, date(2026, 5, 10)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_add_days_crosses_months_and_years():
    assert add_days(date(2026, 12, 20), 15) == date(2027, 1, 4)
    assert add_days(date(2024, 2, 20), 10) == date(2024, 3, 1)
    assert add_days(date(2026, 3, 1), -1) == date(2026, 2, 28)


def test_renewal_complement_runs_30_days_from_reading():
    received = date(2023, 10, 5)
    assert complement_deadline("renouvellement", date(2023, 10, 7), received) == date(2023, 11, 6)
    assert complement_deadline("renouvellement", date(2026, 12, 10), received) == date(2027, 1, 9)


def test_unread_renewal_complement_has_no_deadline_yet():
    assert complement_deadline("renouvellement", None, date(2023, 10, 5)) is None


def test_first_application_complement_runs_15_days_from_receipt():
    received = date(2026, 12, 20)
    assert complement_deadline("premiere_demande", None, received) == date(2027, 1, 4)
    # Reading it later changes nothing: the 15 days run « dès réception de ce message ».
    assert complement_deadline("premiere_demande", date(2026, 12, 30), received) == date(2027, 1, 4)


def test_unknown_procedure_is_refused():
    with pytest.raises(ValueError, match="Procédure inconnue"):
        complement_deadline("naturalisation", None, date(2026, 1, 1))


def test_certificate_one_month_or_three_from_asylum_application():
    assert certificate_deadline(date(2023, 10, 31)) == date(2023, 11, 30)
    assert certificate_deadline(date(2024, 1, 31)) == date(2024, 2, 29)
    assert certificate_deadline(date(2026, 12, 15)) == date(2027, 1, 15)
    assert certificate_deadline(date(2026, 1, 10), asylum_applied_on=date(2025, 11, 30)) == date(
        2026, 2, 28
    )


def test_prolongation_warning():
    end = date(2024, 2, 7)
    assert not prolongation_warning(end, date(2024, 1, 1))
    assert prolongation_warning(end, date(2024, 1, 23))  # 15 days left
    assert not prolongation_warning(end, date(2024, 1, 22))  # 16 days left
    assert prolongation_warning(end, date(2024, 2, 8))  # ended
    assert prolongation_warning(end, date(2024, 1, 1), days=40)


def test_days_left_and_words():
    today = date(2026, 12, 30)
    assert days_left(date(2027, 1, 4), today) == 5
    assert describe(5) == "dans 5 jours"
    assert describe(2) == "dans 2 jours"
    assert describe(1) == "demain"
    assert describe(0) == "aujourd'hui"
    assert describe(-1) == "en retard d'un jour"
    assert describe(-3) == "en retard de 3 jours"


def test_deadline_record():
    deadline = Deadline(date(2027, 1, 4), "Répondre au complément", dossier_id=7)
    assert deadline.dossier_id == 7 and deadline.notification_id is None
    assert deadline.days_left(date(2027, 1, 1)) == 3
    assert deadline.describe(date(2027, 1, 7)) == "en retard de 3 jours"


def test_prolongation_end_in_words():
    from anef_tui.domain.deadlines import prolongation_end

    assert prolongation_end(date(2027, 2, 7), date(2027, 1, 30)) == (
        "prend fin le 07/02/2027 (dans 8 jours)")
    assert prolongation_end(date(2027, 2, 7), date(2027, 2, 7)) == (
        "prend fin le 07/02/2027 (aujourd'hui)")
    assert prolongation_end(date(2027, 2, 7), date(2027, 2, 9)) == (
        "a pris fin le 07/02/2027 (en retard de 2 jours)")
