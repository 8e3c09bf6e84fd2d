"""Issue 23 in the plain mode: in an encrypted folder « :liste » keeps the PDF encrypted in
documents/ and exports it in plain; « exports » lists the exports, « nettoyer » removes
them, and leaving says how many remain."""

from __future__ import annotations

import io
from pathlib import Path

from anef_tui.plain.context import Context
from anef_tui.plain.home import Home
from anef_tui.plain.io import PlainIO
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.exports import keep_document, list_exports
from anef_tui.vault import files as vault_files
from tests.conftest import frozen_clock
from tests.french import assert_french
from tests.vault_helpers import make_vault


def session(data_dir: Path, lines: list[str]) -> str:
    """`Mes dossiers` of the plain mode on an encrypted folder (the key given as the
    start-up will give it), fed `lines`; everything it said."""
    key = make_vault(data_dir).key
    store = DossierStore(data_dir, clock=frozen_clock, key=key)
    store.create("renouvellement", applicant_name="GUIDE Malade")
    out = io.BytesIO()
    text = "\n".join(lines) + "\n"
    try:
        Home(Context(PlainIO(io.BytesIO(text.encode()), out), store, frozen_clock)).run()
    finally:
        store.close()
    return out.getvalue().decode("utf-8")


def test_a_pdf_is_exported_listed_and_cleaned(data_dir):
    said = session(data_dir, ["1", ":liste", ":quitter", "exports", "nettoyer", "exports",
                              ":quitter"])
    [kept] = (data_dir / "documents").glob("liste-*.pdf")
    assert vault_files.is_encrypted(kept) and kept.name == "liste-0001.pdf"
    assert "exporté en clair : " in said and "exports/liste-0001-GUIDE-Malade.pdf" in said
    assert "1. liste-0001-GUIDE-Malade.pdf" in said
    assert "Nettoyer les exports : 1 fichier supprimé." in said
    assert "Aucun fichier exporté." in said
    assert "SSD" in said
    assert list_exports(data_dir) == []
    assert "Attention" not in said  # nothing left at « quitter »


def test_leaving_says_how_many_exports_remain(data_dir):
    data_dir.mkdir(parents=True, exist_ok=True)
    keep_document(data_dir, "liste-0009.pdf", b"%PDF-1.4\n%%EOF\n", None)
    (data_dir / "exports").mkdir(mode=0o700)
    (data_dir / "exports" / "a.pdf").write_bytes(b"%PDF")
    (data_dir / "exports" / "b.pdf").write_bytes(b"%PDF")
    said = session(data_dir, [":aide", ":quitter"])
    assert "nettoyer : « Nettoyer les exports »" in said
    [line] = [x.removeprefix("> ") for x in said.splitlines() if "Attention :" in x]
    assert "2 fichiers exportés en clair restent" in line and "lisibles" in line
    assert_french(line)
