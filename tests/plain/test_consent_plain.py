"""Issue 24 in the plain mode: « nouveau » asks the consent and makes the mandate; an
expired consent is said in the list and on opening (read-only), « consentement N » renews
it, « retirer N » withdraws it after « oui »."""

from __future__ import annotations

import io
from datetime import datetime

import pytest

from anef_tui.plain.cli import run
from anef_tui.store.consents import ConsentStore
from anef_tui.store.dossiers import DossierStore
from tests.conftest import FROZEN_NOW, frozen_clock
from tests.consent_helpers import no_default_consent  # noqa: F401 - fixture
from tests.plain.helpers import plain

LATER = datetime(2026, 11, 25, 9, 0)


def typed(data_dir, lines, clock):
    out = io.BytesIO()
    text = "\n".join(lines) + "\n"
    assert run(data_dir, stdin=io.BytesIO(text.encode()), stdout=out, clock=clock) == 0
    return out.getvalue().decode("utf-8")


def current(data_dir):
    with DossierStore(data_dir, clock=frozen_clock) as store:
        return ConsentStore(store.database).current(1)


@pytest.mark.usefixtures("no_default_consent")
def test_new_dossier_asks_the_consent_then_expiry_renewal_withdrawal(data_dir):
    out = plain(data_dir, ["nouveau", "1", "TEST Plain", "3", "2 1 jour", ":quitter",
                           ":quitter"])
    assert "Consentement de la personne. Entrée : formulaire « mandat / consentement » " \
           "signé, 12 mois." in out
    assert "Je ne comprends pas : Entrée" in out  # « 3 »: no third manner
    assert "Mandat / consentement à faire signer :" in out and "mandat-0001-TEST-Plain.pdf" in out
    consent = current(data_dir)
    assert consent is not None
    assert (consent.manner, consent.months, consent.given_at) == ("oral", 0, FROZEN_NOW)
    assert consent.mandate_sha256

    out = typed(data_dir, ["liste", "1", ":quitter", ":quitter"], lambda: LATER)
    assert ("  Consentement : expiré le 23/11/2026, modification bloquée ; « consentement 1 » "
            "pour le renouveler.") in out
    assert "a expiré le 23/11/2026" in out and "Lecture seule : tapez « consentement 1 »" in out

    out = typed(data_dir, ["consentement 1", "1 6 mois", "liste", ":quitter"], lambda: LATER)
    assert "Consentement enregistré (6 mois)." in out
    assert "Consentement :" not in out.split("Consentement enregistré")[1]
    consent = current(data_dir)
    assert consent is not None and (consent.manner, consent.months) == ("formulaire_signe", 6)

    out = typed(data_dir, ["retirer 1", "non", "retirer 1", "oui", "liste", ":quitter"],
                lambda: LATER)
    assert "Rien n'est retiré." in out
    assert "Consentement de TEST Plain retiré" in out
    assert "Consentement : retiré, modification bloquée" in out


@pytest.mark.usefixtures("no_default_consent")
def test_colon_consentement_renews_from_inside_the_dossier(data_dir):
    """In a dossier whose consent expired (the full-screen F7), « :consentement » renews it
    where the worker is, and answers are saved again."""
    from anef_tui.domain.consent import ConsentTerms

    with DossierStore(data_dir, clock=frozen_clock) as store:
        store.create("renouvellement", applicant_name="TEST Plain",
                     consent=ConsentTerms("oral", 0))
    out = typed(data_dir, ["1", ":consentement", "1 6 mois", ":quitter", ":quitter"],
                lambda: LATER)
    assert "Lecture seule : tapez « consentement 1 »" in out
    assert "Consentement enregistré (6 mois)." in out
    consent = current(data_dir)
    assert consent is not None and (consent.manner, consent.months) == ("formulaire_signe", 6)
    with DossierStore(data_dir, clock=lambda: LATER) as store:
        store.save_draft(1, "etat_civil", {"nom": "X"})  # allowed again
