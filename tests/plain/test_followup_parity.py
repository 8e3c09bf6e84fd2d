"""The plain mode checks and follows a dossier as the full-screen app does: cross-step checks
with the whole dossier, « Lu le » starting the deadline, closed deadlines not listed, the
closure, abandon — each through the real plain entry point."""

from __future__ import annotations

from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock
from tests.plain.helpers import plain
from tests.plain.journeys import first_application, renewal, scan


def test_an_entry_before_the_birth_saved_in_another_step_is_refused(data_dir, tmp_path):
    passport = scan(tmp_path / "passeport.png")
    lines = first_application(passport, scan(tmp_path / "f.png"), scan(tmp_path / "r.png"))
    at = lines.index("01/02/2020")
    out = plain(data_dir, [*lines[:at], "01/02/1989", "01/02/2020", *lines[at + 1:],
                           ":quitter"])
    assert ("« Date d'entrée en France » ne peut pas être antérieure à votre année de "
            "naissance (1990) : vérifiez cette date.") in out
    store = DossierStore(data_dir, clock=frozen_clock)
    [row] = store.list()
    assert store.get(row.id).answers["motif_sejour"]["date_entree"] == "01/02/2020"
    store.close()


def test_read_on_the_site_starts_the_deadline_and_a_closure_ends_it(data_dir, tmp_path):
    lines = renewal(scan(tmp_path / "facture.png"), scan(tmp_path / "recepisse.png"))
    out = plain(data_dir, [
        *lines[:-1],
        # Read on the ANEF on 21/10, recorded today (22/11): due 30 days after the reading.
        "4", "Demande de complément", "20/10/2026",
        "1/1/2027",  # « Lu le » to come: refused, the rest typed is kept
        "21/10/2026", "", "", "", "3", "", "",
        "3",  # Mes notifications
        "4", "oui",  # La préfecture a clôturé la demande
        "", "5", ":quitter",
    ])
    assert "Notification enregistrée : Demande de complément." in out
    listing = out.split("Mes Notifications : 1.", 1)[1]
    assert "Échéance : 20/11/2026 (EN RETARD de 2 jours) : Répondre au complément" in listing
    assert "Dossier enregistré comme « Clôturée »." in out
    after = out.split("Dossier enregistré comme « Clôturée ».", 1)[1]
    assert "Échéance" not in after.split("Que voulez-vous faire ?", 1)[0]
    store = DossierStore(data_dir, clock=frozen_clock)
    [row] = store.list()
    assert row.status.value == "cloturee" and row.next_deadline is None
    store.close()


def test_abandon_a_draft_after_a_yes(data_dir):
    out = plain(data_dir, ["nouveau", "1", "Essai", "", ":quitter", "abandonner 1", "non",
                           "abandonner 1", "oui", ":quitter"])
    assert "Rien n'est abandonné." in out
    assert "La demande de Essai a été abandonnée." in out
    store = DossierStore(data_dir, clock=frozen_clock)
    assert store.list() == []
    store.close()


SIXTH = """
[[kinds]]
id = "rendez_vous_prefecture"
title = "Convocation en préfecture"
status = "certificat_medical"
ends_when = "superseded"

[[kinds.checklist]]
id = "presente"
label = "Présenté(e) au rendez-vous"
done = true
"""


def _opened(data_dir, kind: str) -> str:
    """A filed renewal with one notification of `kind`, opened in the plain mode."""
    from datetime import timedelta

    from anef_tui.store.followup import FollowUpStore

    store = DossierStore(data_dir, clock=frozen_clock)
    dossier_id = store.create("renouvellement", applicant_name="CÔTÉ Noé",
                              answers={"titre_actuel": {"code_postal": "59000"}})
    store.file_dossier(dossier_id, filed_at=frozen_clock() - timedelta(days=30))
    FollowUpStore(store).add_notification(dossier_id, kind,
                                          received_on=frozen_clock().date() - timedelta(days=5))
    store.close()
    return plain(data_dir, ["1", "3", "1", "", ":quitter"])  # the dossier, its notifications


def test_the_ofii_notice_only_where_the_data_puts_it(tmp_path, monkeypatch):
    """The notice in brief before a checklist is the kind's `checklist_help`: the
    certificate's says the OFII's; a kind with a checklist and none says nothing of the
    OFII, and still asks its checklist."""
    from anef_tui.domain import notification_kinds

    certificate = _opened(tmp_path / "a", "certificat_medical")
    assert "Aide anef-tui : ce que dit la notice explicative, en bref :" in certificate
    assert "  • Informations sur votre dossier OFII : 01 53 69 53 90 — infoem@ofii.fr" in (
        certificate)
    folder = tmp_path / "kinds"
    folder.mkdir()
    (folder / "prefecture.toml").write_text(SIXTH, encoding="utf-8")
    monkeypatch.setenv(notification_kinds.EXTRA_ENV, str(folder))
    notification_kinds.clear_caches()
    try:
        other = _opened(tmp_path / "b", "rendez_vous_prefecture")
    finally:
        monkeypatch.delenv(notification_kinds.EXTRA_ENV)
        notification_kinds.clear_caches()
    assert "Convocation en préfecture" in other
    assert "Présenté(e) au rendez-vous — le (JJ/MM/AAAA) : actuellement aucune." in other
    assert "notice explicative" not in other and "OFII" not in other


def test_the_abandon_question_says_where_the_answers_are_deleted_from(
        tmp_path, store_base, store_key):
    """The plain mode's « abandonner N » said « supprimées de cet ordinateur » on a
    structure's server too: the structure's base, there."""
    import io

    from anef_tui.plain.abandon import abandon
    from anef_tui.plain.context import Context
    from anef_tui.plain.io import PlainIO

    out = io.BytesIO()
    with DossierStore(tmp_path / "poste", clock=frozen_clock, base=store_base,
                      key=store_key) as store:
        dossier = store.create("renouvellement", applicant_name="Essai")
        ctx = Context(PlainIO(io.BytesIO(b"oui\n"), out), store, frozen_clock)
        assert abandon(ctx, dossier)
        assert store.list() == []
    said = " ".join(out.getvalue().decode("utf-8").split())
    where = ("supprimées de la base de la structure, sur son serveur."
             if store_base is not None else "supprimées de cet ordinateur.")
    assert f"Abandonner la demande de Essai ? Ses réponses et ses pièces jointes seront {where}" in said
    assert (store_base is not None) is ("cet ordinateur" not in said)
