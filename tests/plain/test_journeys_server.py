"""A whole journey once on a structure's PostgreSQL base (issue 25 item 5): the plain
mode's first application, its scans sealed into the base, the dossier filed there."""

from __future__ import annotations

import io

from anef_tui.plain.cli import run
from anef_tui.store import base_choice
from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock
from tests.plain.journeys import first_application, scan
from tests.vault_helpers import make_vault


def test_a_first_application_filed_on_the_server(tmp_path, postgres_server):
    url = postgres_server.fresh_database()
    key = make_vault(tmp_path / "cle").key  # the structure's key (the accounts bring it)
    lines = first_application(scan(tmp_path / "passeport.png"), scan(tmp_path / "facture.png"),
                              scan(tmp_path / "recepisse.png"))
    out = io.BytesIO()
    base_choice.choose(url)  # as `--base URL texte` does
    try:
        code = run(tmp_path / "poste", clock=frozen_clock, key=key, stdout=out,
                   stdin=io.BytesIO(("\n".join([*lines, ":quitter"]) + "\n").encode()))
    finally:
        base_choice.choose(None)
    said = out.getvalue().decode("utf-8")
    assert code == 0 and "Merci, nous avons bien pris en compte votre situation." in said
    with DossierStore(tmp_path / "autre-poste", clock=frozen_clock, base=url,
                      key=key) as other:  # another desk of the structure
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
