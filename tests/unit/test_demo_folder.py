"""The tests' demo folder (`conftest.fill_demo_folder`) is a copy of one filled once per
process: it must hold what `fill_demo` itself makes in a new folder — the same dossiers,
answers, notifications and files — and be a folder of its own."""

from __future__ import annotations

import os
import stat

from anef_tui.demo import fill_demo
from anef_tui.store.dossiers import DossierStore
from tests.conftest import fill_demo_folder, frozen_clock


def _content(folder):
    with DossierStore(folder, clock=frozen_clock) as store:
        rows = store.list(limit=1000)
        records = [store.get(r.id) for r in rows]
        dossiers = [(r.summary.applicant_name, r.summary.status, r.answers, r.drafts)
                    for r in records]
    files = sorted(
        (p.relative_to(folder).as_posix(), p.read_bytes())
        for p in (folder / "pieces").rglob("*") if p.is_file()
    )
    return dossiers, files


def test_the_copied_demo_folder_is_what_fill_demo_makes(tmp_path):
    made = tmp_path / "made"
    with DossierStore(made, clock=frozen_clock) as store:
        fill_demo(store)
    first, second = tmp_path / "a" / "donnees", tmp_path / "b" / "donnees"
    fill_demo_folder(first)
    fill_demo_folder(second)
    assert _content(first) == _content(made)
    assert len(_content(first)[0]) >= 10 and _content(first)[1]
    # A folder of its own: a change in one is not seen in the other.
    with DossierStore(first, clock=frozen_clock) as store:
        store.create("renouvellement", applicant_name="SEUL Ici")
    assert len(_content(first)[0]) == len(_content(second)[0]) + 1
    # Owner-only, as the store makes it.
    assert stat.S_IMODE(os.stat(first).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(first / "anef-tui.db").st_mode) == 0o600
