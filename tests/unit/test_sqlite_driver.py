"""One SQLite library in the process, reached through one module (issue 23, issue 19's lost -wal): every connection of
anef_tui is made by `store.driver` through sqlcipher3, plain folders included.

Two SQLite libraries do not share their POSIX lock table per inode: closing a stdlib
`sqlite3` connection to the base would drop the locks sqlcipher3 holds. Checked twice: the
source (no module but the driver names the stdlib's `sqlite3`), and a real run in a fresh
interpreter whose audit hook sees every stdlib `sqlite3.connect` (sqlcipher3 raises no such
event) while the store lives a whole life: new base, dossiers, attachment, backup, integrity
check, restore.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from anef_tui.store import driver
from anef_tui.store.errors import StoreBusy, is_busy, translate_error

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [*sorted((ROOT / "anef_tui").rglob("*.py")), ROOT / "tests" / "multiprocess" / "worker.py",
           *sorted((ROOT / "bench").glob("*.py"))]


def _stdlib_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names
                      if a.name.split(".")[0] in ("sqlite3", "sqlcipher3")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in (
            "sqlite3", "sqlcipher3"
        ):
            found.append(f"from {node.module}")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and (
            node.value.id == "sqlite3"
        ):
            found.append(f"sqlite3.{node.attr}")
    return found


def test_no_module_names_the_stdlib_sqlite3():
    assert len(SOURCES) > 100  # the walk found the package
    offenders = {}
    for path in SOURCES:
        uses = _stdlib_uses(path)
        if path == ROOT / "anef_tui" / "store" / "driver.py":
            # sqlcipher3 itself; the stdlib's only for mypy, under TYPE_CHECKING (the same
            # interface, never loaded).
            assert sorted(uses) == ["from sqlcipher3", "from sqlite3"], uses
            continue
        if uses:
            offenders[str(path.relative_to(ROOT))] = uses
    assert offenders == {}


_LIFE = textwrap.dedent("""
    import sys
    from datetime import datetime
    from pathlib import Path
    events = []
    sys.addaudithook(lambda name, args: events.append(name) if name.startswith("sqlite3.") else None)
    from anef_tui.store.dossiers import DossierStore
    from anef_tui.domain.consent import ConsentTerms
    from anef_tui.store.attachments import AttachmentStore
    from anef_tui.store.backups import list_backups, restore_backup
    from anef_tui.store.db import check_integrity
    from anef_tui.store import driver
    data = Path(sys.argv[1])
    store = DossierStore(data, clock=lambda: datetime(2026, 12, 6, 10, 0))
    dossier = store.create("renouvellement", applicant_name="Test Driver",
                           consent=ConsentTerms("oral", 1))
    scan = data.parent / "scan.png"
    from PIL import Image
    Image.new("RGB", (40, 40), "white").save(scan)
    AttachmentStore(store).attach(dossier, "passeport", scan, max_files=3, slot_title="Passeport")
    store.abandon(dossier)  # the attachment cleanup
    store.database.db.utils.table_names()  # sqlite-utils on our connection
    assert type(store.database.db.conn).__module__.startswith("sqlcipher3")
    store.close()
    check_integrity(data / "anef-tui.db")
    name = list_backups(data)[0].name
    restore_backup(data, name)
    DossierStore(data).close()
    print("EVENTS", events)
""")


def test_a_whole_life_opens_no_stdlib_sqlite3_connection(tmp_path: Path):
    data = tmp_path / "donnees"
    out = subprocess.run([sys.executable, "-c", _LIFE, str(data)], capture_output=True,
                         text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "EVENTS []" in out.stdout, out.stdout


@pytest.mark.parametrize("message, busy", [("database is locked", True), ("no such table", False)])
def test_the_drivers_errors_are_the_ones_the_store_words(message: str, busy: bool):
    error = driver.OperationalError(message)
    assert is_busy(error) is busy
    assert isinstance(translate_error(error, "/d/anef-tui.db"), StoreBusy) is busy
    assert not issubclass(driver.Error, __import__("sqlite3").Error)
