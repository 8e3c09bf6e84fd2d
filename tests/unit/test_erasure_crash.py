"""Issue 24 item 5: an erasure killed (SIGKILL, in a child process) after each of its
durable steps is finished at the next open of the folder: nothing of the person left in the
base, its files, its backups; the other person whole."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from anef_tui.store.dossiers import DossierStore
from anef_tui.store.erasure import pending
from tests.erasure_helpers import NOW, build, raw_scan, restored_dumps

ROOT = Path(__file__).resolve().parents[2]
STOPS = ["lignes", "pieces", "documents", "sauvegarde-copie", "sauvegarde-lien",
         "sauvegarde-remplacee", "sauvegardes"]

_KILLED = textwrap.dedent("""
    import os, signal, sys
    from datetime import datetime
    from pathlib import Path
    from anef_tui.store.dossiers import DossierStore
    from anef_tui.store.erasure import erase_person
    data, dossier, stop = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    def checkpoint(name):
        if name == stop:
            os.kill(os.getpid(), signal.SIGKILL)
    store = DossierStore(data, clock=lambda: datetime(2026, 12, 6, 9, 0))
    erase_person(store, dossier, checkpoint=checkpoint)
    print("fini sans être tué")
""")


@pytest.mark.parametrize("stop", STOPS)
def test_an_erasure_killed_at_each_step_is_finished_at_the_next_open(tmp_path, stop):
    desk = build(tmp_path / "d", tmp_path / "src")
    killed = subprocess.run([sys.executable, "-c", _KILLED, str(desk.data_dir),
                             str(desk.erased), stop], capture_output=True, text=True, cwd=ROOT)
    assert killed.returncode == -signal.SIGKILL, (killed.stdout, killed.stderr[-2000:])
    with DossierStore(desk.data_dir, clock=lambda: NOW) as store:
        assert pending(store) == ()  # finished by the open
        assert [d.id for d in store.list()] == [desk.other]
    assert raw_scan([desk.data_dir], desk.gone) == {}
    assert set(raw_scan([desk.data_dir], desk.kept)) == set(desk.kept)
    for text in restored_dumps(desk.data_dir, tmp_path / "essai", None):
        assert not [m for m in desk.gone.values() if m in text]
