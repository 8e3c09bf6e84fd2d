"""A plain-mode session ends cleanly however it ends (issue 20): a reader that goes away,
SIGTERM, Ctrl+C during the filing (its PDFs are made first), a session killed after its
filing (the next start makes the PDFs it owed)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from anef_tui.plain import depot
from anef_tui.plain.cli import INTERRUPTED, run
from anef_tui.store.dossier_pdfs import dossier_documents
from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock
from tests.plain.journeys import renewal, scan
from tests.vault_helpers import plain_folder

REPO_ROOT = Path(__file__).resolve().parents[2]


def _texte(data_dir: Path, **kwargs) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT)
    return subprocess.Popen(
        [sys.executable, "-m", "anef_tui", "--data-dir", str(data_dir), "texte"],
        env=env, cwd=REPO_ROOT, **kwargs,
    )


def test_a_reader_that_goes_away_ends_the_session_without_a_report(tmp_path):
    """`anef-tui texte | head -1`: no crash report, nothing on the error output."""
    data_dir = plain_folder(tmp_path / "donnees")
    typed = tmp_path / "saisie.txt"
    typed.write_bytes(b"nouveau\n1\n\n\n" * 50 + b":quitter\n")
    head = subprocess.Popen(["head", "-1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    with typed.open("rb") as stdin:
        proc = _texte(data_dir, stdin=stdin, stdout=head.stdin, stderr=subprocess.PIPE)
    assert head.stdin is not None and head.stdout is not None
    head.stdin.close()  # only `head` holds the pipe's reading end now
    first = head.stdout.read()
    head.wait(timeout=30)
    head.stdout.close()
    assert first.strip()
    _, errors = proc.communicate(timeout=60)
    assert proc.returncode == 0, errors
    assert errors == b""
    assert not (data_dir / "rapports").exists()


def test_sigterm_ends_the_session_with_a_french_line(tmp_path):
    data_dir = plain_folder(tmp_path / "donnees")
    proc = _texte(data_dir, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                  stderr=subprocess.PIPE)
    assert proc.stdout is not None
    seen = b""
    deadline = time.monotonic() + 30
    while b"> " not in seen and time.monotonic() < deadline:
        seen += os.read(proc.stdout.fileno(), 4096)
    proc.send_signal(signal.SIGTERM)
    rest, errors = proc.communicate(timeout=30)
    assert proc.returncode == 143, errors
    assert INTERRUPTED in (seen + rest).decode("utf-8")
    assert errors == b""


def test_ctrl_c_during_the_filing_waits_for_its_pdfs(data_dir, tmp_path, monkeypatch):
    lines = renewal(scan(tmp_path / "facture.png"), scan(tmp_path / "recepisse.png"))
    real = depot.say_pdf
    calls = []

    def interrupted_pdf(ctx, kind, dossier_id):
        if not calls:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl+C while the first PDF is written
        calls.append(kind)
        return real(ctx, kind, dossier_id)

    monkeypatch.setattr(depot, "say_pdf", interrupted_pdf)
    out = io.BytesIO()
    code = run(data_dir, stdin=io.BytesIO("\n".join(lines).encode() + b"\n"), stdout=out,
               clock=frozen_clock)
    assert code == 130
    assert calls == ["confirmation", "recapitulatif"]
    assert INTERRUPTED in out.getvalue().decode("utf-8")
    with DossierStore(data_dir, clock=frozen_clock) as store:
        [row] = store.list()
        assert row.numero_demande and store.documents_owed() == []
    names = {p.name.split("-")[0] for p in dossier_documents(data_dir, row.id)}
    assert names == {"confirmation", "mandat", "recapitulatif"}  # mandat: issue 24


def test_a_filing_killed_before_its_pdfs_gets_them_at_the_next_start(data_dir, tmp_path):
    lines = renewal(scan(tmp_path / "facture.png"), scan(tmp_path / "recepisse.png"))
    confirm = lines.index("oui", len(lines) - 4)
    out = io.BytesIO()
    run(data_dir, stdin=io.BytesIO("\n".join(lines[:confirm]).encode() + b"\n"), stdout=out,
        clock=frozen_clock)
    with DossierStore(data_dir, clock=frozen_clock) as store:
        [row] = store.list()
        # As a session killed (SIGKILL) right after the filing's commit would leave it.
        store.save_step(row.id, "depot", store.get(row.id).drafts.get("depot", {}),
                        next_step=None)
        store.file_dossier(row.id, filed_at=frozen_clock(), documents_due=True)
        assert store.documents_owed() == [row.id]
    out = io.BytesIO()
    assert run(data_dir, stdin=io.BytesIO(b":quitter\n"), stdout=out, clock=frozen_clock) == 0
    said = out.getvalue().decode("utf-8")
    assert f"Le dossier n° {row.id} a été déposé pendant une session interrompue" in said
    names = {p.name.split("-")[0] for p in dossier_documents(data_dir, row.id)}
    assert names == {"confirmation", "mandat", "recapitulatif"}  # mandat: issue 24
    with DossierStore(data_dir, clock=frozen_clock) as store:
        assert store.documents_owed() == []
