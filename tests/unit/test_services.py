"""Screens reach the stores through typed services (issue 11, item 5).

`anef_tui/ui/services.py` holds the stores, catalogue, clock and file helpers; a screen reads
them through `self.services`. The attachment and follow-up stores are built on first use, so
their modules stay off the first paint.
"""

from __future__ import annotations

import ast
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

import anef_tui
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.services import Services, services_of

UI = Path(anef_tui.__file__).parent / "ui"
#: What screens once read from an untyped `self.app`: now `self.services.<name>`.
MOVED = {"store", "attachments", "followup", "catalogue", "clock", "index", "last_folder",
         "remember_folder", "save_pdf", "scratch_dir"}


def at(day: str):
    return lambda: datetime.fromisoformat(day)


@pytest.fixture
def services(tmp_path):
    store = DossierStore(tmp_path / "data", clock=at("2026-03-04T10:00:00"))
    yield Services(store, clock=at("2026-03-04T10:00:00"))
    store.close()


def test_the_stores_are_built_once_on_first_use(services):
    assert services._attachments is None and services._followup is None
    assert services.attachments is services.attachments
    assert services.followup is services.followup
    assert services.attachments.store is services.dossiers


def test_clock_data_dir_and_catalogue(services, tmp_path):
    assert services.today().isoformat() == "2026-03-04"
    assert services.data_dir == tmp_path / "data"
    assert services.documents_dir == tmp_path / "data" / "documents"
    dossier = services.dossiers.create(next(iter(services.index)), applicant_name="TEST Ada")
    assert services.procedure_of(dossier).id == services.dossiers.get(dossier).summary.procedure
    assert set(services.index) == set(services.catalogue)


def test_a_document_is_written_owner_only_whatever_the_umask(services):
    import os

    old = os.umask(0)
    try:
        path = services.write_document("essai.pdf", b"%PDF-1.4\n%%EOF\n")
    finally:
        os.umask(old)
    assert path.read_bytes() == b"%PDF-1.4\n%%EOF\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert not list(path.parent.glob("*.tmp"))


def test_a_damaged_last_folder_preference_falls_back_to_home(services):
    (services.data_dir / "preferences.json").write_text('{"last_folder": 123}')
    assert services.last_folder() == Path.home()
    services.remember_folder(services.data_dir)
    assert services.last_folder() == services.data_dir


def test_services_of_refuses_an_app_without_services():
    with pytest.raises(TypeError):
        services_of(object())


def test_building_the_services_imports_no_heavy_module(tmp_path):
    DossierStore(tmp_path / "d").close()  # made here: a new base's migrations use sqlite_utils
    probe = (
        "import sys\n"
        "from anef_tui.store.dossiers import DossierStore\n"
        "from anef_tui.ui.services import Services\n"
        f"s = Services(DossierStore({str(tmp_path / 'd')!r}))\n"
        "s.dossiers.list()\n"
        "print(' '.join(sorted(sys.modules)))\n"
        "s.attachments; s.followup\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True,
                         text=True).stdout.split("\n")
    before, after = set(out[0].split()), set(out[1].split())
    lazy = {"anef_tui.store.attachments", "anef_tui.store.followup"}
    assert not lazy & before
    assert not {"fpdf", "pypdf", "PIL", "pydantic", "sqlite_utils"} & before
    assert lazy <= after


def _untyped_reads(path: Path, root: Path = UI) -> list[str]:
    """`<something>.app.<moved name>` anywhere in the module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Attribute) and node.attr in MOVED
                and isinstance(node.value, ast.Attribute) and node.value.attr == "app"):
            found.append(f"{path.relative_to(root)}:{node.lineno} app.{node.attr}")
    return found


def test_the_finder_sees_an_untyped_read(tmp_path):
    sample = tmp_path / "ui" / "x.py"
    sample.parent.mkdir()
    sample.write_text("def f(self):\n    return self.app.store.get(1)\n")
    assert _untyped_reads(sample, sample.parent) == ["x.py:2 app.store"]


def test_screens_reach_the_stores_only_through_typed_services():
    found = [hit for path in sorted(UI.rglob("*.py")) for hit in _untyped_reads(path)]
    assert not found, "use self.services (ui/services.py): " + ", ".join(found)


def test_widgets_never_reach_the_stores():
    for path in sorted((UI / "widgets").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                assert not module.startswith("anef_tui.store"), f"{path.name} imports {module}"
                assert module != "anef_tui.ui.services", path.name
            if isinstance(node, ast.Import):
                assert not any(a.name == "sqlite3" for a in node.names), path.name
            if isinstance(node, ast.Attribute):
                assert node.attr != "services", f"{path.name}:{node.lineno}"


def test_the_pickers_last_folder_stays_in_memory_in_an_encrypted_folder(tmp_path):
    """A folder's name may name a person, and preferences.json is plain (issue 23)."""
    from tests.vault_helpers import make_vault

    data = tmp_path / "donnees"
    key = make_vault(data).key
    chosen = tmp_path / "NDIAYE Awa"
    chosen.mkdir()
    with DossierStore(data, key=key) as store:
        services = Services(store)
        services.remember_folder(chosen)
        assert services.last_folder() == chosen
        assert "NDIAYE" not in (data / "preferences.json").read_text(encoding="utf-8") \
            if (data / "preferences.json").exists() else True
    with DossierStore(data, key=key) as store:
        assert Services(store).last_folder() == Path.home()
    plain = tmp_path / "clair"
    with DossierStore(plain) as store:
        Services(store).remember_folder(chosen)
    with DossierStore(plain) as store:
        assert Services(store).last_folder() == chosen  # a plain folder remembers it
