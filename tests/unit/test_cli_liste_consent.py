"""journal2 item 5: `anef-tui liste` says where each dossier's consent stands (a line under
its row, in words), and `liste --json` has it as data (codes and ISO dates)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from anef_tui.cli import main
from anef_tui.domain.consent import ConsentTerms
from anef_tui.store.consents import ConsentStore
from anef_tui.store.dossiers import DossierStore
from tests.consent_helpers import no_default_consent  # noqa: F401 - fixture
from tests.french import assert_french

pytestmark = pytest.mark.usefixtures("no_default_consent")

#: Sixty days ago (the command reads the real clock): 1 month has ended, 12 have not.
SEPT = (datetime.now() - timedelta(days=60)).replace(microsecond=0)


def until(months: int) -> datetime:
    from anef_tui.domain.consent import valid_until

    return valid_until(SEPT, months)


def fr(moment: datetime) -> str:
    return moment.strftime("%d/%m/%Y")


def four_dossiers(data_dir) -> None:
    """In force (12 months), expired (1 month from 01/09/2026), withdrawn, and none."""
    with DossierStore(data_dir, clock=lambda: SEPT) as store:
        store.create("renouvellement", applicant_name="VALIDE Awa",
                     consent=ConsentTerms("formulaire_signe", 12))
        store.create("renouvellement", applicant_name="EXPIRE Ali",
                     consent=ConsentTerms("oral", 1))
        retire = store.create("renouvellement", applicant_name="RETIRE Léa",
                              consent=ConsentTerms("oral", 12))
        ConsentStore(store.database).withdraw(retire)
        store.create("renouvellement", applicant_name="SANS Noé")


def test_the_list_says_each_consent_in_words(data_dir, capsys):
    four_dossiers(data_dir)
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "liste"]) == 0
    lines = capsys.readouterr().out.splitlines()
    said = {}
    for above, line in zip(lines, lines[1:], strict=False):
        if line.strip().startswith("consentement :"):
            said[above.split()[1]] = line.strip()
            assert_french(line)
    assert said == {
        "VALIDE": f"consentement : jusqu'au {fr(until(12))}",
        "EXPIRE": f"consentement : expiré le {fr(until(1))}",
        "RETIRE": f"consentement : retiré le {fr(SEPT)}",
        "SANS": "consentement : à recueillir",
    }


def test_the_json_list_has_the_consent_as_codes_and_dates(data_dir, capsys):
    four_dossiers(data_dir)
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "liste", "--json"]) == 0
    rows = {r["applicant"]: r["consent"] for r in json.loads(capsys.readouterr().out)}
    assert rows == {
        "VALIDE Awa": {"standing": "valide", "valid_until": until(12).isoformat(),
                       "withdrawn_at": None},
        "EXPIRE Ali": {"standing": "expire", "valid_until": until(1).isoformat(),
                       "withdrawn_at": None},
        "RETIRE Léa": {"standing": "retire", "valid_until": until(12).isoformat(),
                       "withdrawn_at": SEPT.isoformat()},
        "SANS Noé": {"standing": "absent", "valid_until": None, "withdrawn_at": None},
    }
