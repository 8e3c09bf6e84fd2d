"""bench/desks.py (issue 25 item 6) still runs: its short mode — 3 desks as separate
processes on a real PostgreSQL server the bench starts and stops itself, 1,000 dossiers —
saves steps with no lost update and no error, and every kind of action ran. Timings are
the bench's business, never asserted here. And its lost-update check does see one."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from anef_tui.store.dossiers import DossierStore
from tests.multiprocess.test_several_processes import REPO_ROOT, _env
from tests.unit.test_bench_seeds import bench_module

pytestmark = pytest.mark.xdist_group("multiprocess")


def test_the_short_bench_of_three_desks_loses_no_update_and_meets_no_error(tmp_path):
    out = tmp_path / "desks.json"
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "desks.py"), "--court", "--json", str(out)],
        capture_output=True, text=True, env=_env(), cwd=REPO_ROOT, timeout=240,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["desks"], report["dossiers"]) == (3, 1000)
    assert report["server"]["errors"] == []
    assert report["lost"] == 0
    assert report["checked"] > 0  # saves were accepted, then re-read from the server
    assert all(n > 0 for n in report["server"]["n"].values()), report["server"]["n"]
    assert "fsync" in report["settings"]


def test_the_lost_update_check_sees_two_saves_from_one_read(tmp_path):
    desks = bench_module("desks")
    with DossierStore(tmp_path / "d") as store:
        from anef_tui.domain.consent import default_terms

        dossier = store.create("renouvellement", applicant_name="A B", consent=default_terms())
        read = store.version(dossier)
        saves = []
        for token in ("premier", "second"):  # « Garder ma saisie » twice from one read
            got = store.save_step(dossier, desks.STEP, {"banc": token}, next_step=None)
            saves.append({"dossier": dossier, "read": read, "got": got, "token": token})
        assert desks.lost_updates([{"saves": saves}], store) == (1, 2)
        saves[1]["read"] = saves[0]["got"]  # the second read after the first: no loss
        assert desks.lost_updates([{"saves": saves}], store) == (0, 2)
        store.save_step(dossier, desks.STEP, {"banc": "ailleurs"}, next_step=None)
        assert desks.lost_updates([{"saves": saves}], store) == (1, 2)  # not the last one


def test_a_desk_attaching_to_a_full_slot_removes_the_oldest_first(tmp_path):
    """On a small base (5,000 dossiers, few drafts) the desks filled the « Passeport » slots
    and every further attach was counted as an error (« c'est le maximum »): the worker
    removes the oldest file first, as the refusal says."""
    desks = bench_module("desks")
    scan = desks.scan_template(tmp_path)
    with DossierStore(tmp_path / "d") as store:
        from anef_tui.domain.consent import default_terms

        dossier = store.create("renouvellement", applicant_name="A B", consent=default_terms())
        desk = desks.Desk(1, store, {"drafts": [dossier]}, scan, seed=1)
        for _ in range(4):
            desk.attach()
        assert len(desk.files.list(dossier, "passeport")) == 3
        assert desk.conflicts == 0
