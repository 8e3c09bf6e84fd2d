"""A whole journey once on a structure's PostgreSQL base (issue 25 item 5): the plain
mode's first application, its scans sealed into the base with the structure's key the
worker's login unsealed, the dossier filed there."""

from __future__ import annotations

import io

from anef_tui.accounts import login
from anef_tui.plain.cli import run
from anef_tui.store import base_choice
from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.journal.actor import PLAIN
from tests.accounts_helpers import REFERENT, REFERENT_PHRASE, with_referent
from tests.conftest import frozen_clock
from tests.plain.journeys import first_application, scan


def test_a_first_application_filed_on_the_server(tmp_path, postgres_server):
    url = postgres_server.fresh_database()
    with_referent(tmp_path / "poste", aidant=False, base=url)  # nobody works without one
    lines = first_application(scan(tmp_path / "passeport.png"), scan(tmp_path / "facture.png"),
                              scan(tmp_path / "recepisse.png"))
    out = io.BytesIO()
    base_choice.choose(url)  # as `--base URL texte` does
    try:
        # No key given: the login unseals the structure's (`Database.logged_in`).
        code = run(tmp_path / "poste", clock=frozen_clock, stdout=out, account=REFERENT,
                   account_phrase=REFERENT_PHRASE,
                   stdin=io.BytesIO(("\n".join([*lines, ":quitter"]) + "\n").encode()))
    finally:
        base_choice.choose(None)
    said = out.getvalue().decode("utf-8")
    assert code == 0 and "Merci, nous avons bien pris en compte votre situation." in said
    other = DossierStore(tmp_path / "autre-poste", clock=frozen_clock, base=url)
    session = login(other.database, REFERENT, REFERENT_PHRASE, front_end=PLAIN)
    assert other.database.key is not None and other.database.key == session.structure_key
    with other:  # another desk of the structure
        [row] = other.list()
        assert (row.status.value, row.applicant_name) == ("deposee", "OKAFOR Chinedu")
        files = AttachmentStore(other)
        scans = files.list(row.id)
        assert len(scans) >= 3
        assert all(files.read_bytes(a).startswith(b"\x89PNG") or
                   files.read_bytes(a).startswith(b"%PDF") for a in scans)
        with other.database.reading() as conn:  # its PDFs kept sealed in the base too
            kept = {r[0] for r in conn.execute("SELECT name FROM kept_documents")}
        assert {f"confirmation-{row.id:04d}.pdf", f"recapitulatif-{row.id:04d}.pdf"} <= kept
    for folder in ("pieces", "documents"):  # nothing of the person kept on the desk
        found = tmp_path / "poste" / folder
        assert not found.exists() or not any(p.is_file() for p in found.rglob("*"))
