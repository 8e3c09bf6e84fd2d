"""The README's recovery path, walked literally with the real command (a process each time,
the real clock): list the backups, restore one, not the right one, another, another,
another, then back to the copy of the base as it was before, then confirm. At every point
the newest base's dossiers can still be got back."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from anef_tui.store import driver
from anef_tui.store.backups import KEEP_OTHER
from anef_tui.store.dossiers import DossierStore

ROOT = Path(__file__).resolve().parents[2]
APPLICANTS = ["Awa", "Bintou", "Chen", "Diallo", "Emeka", "Farah"]
KEPT = "gardée jusqu'à confirmation"


def anef_tui(data: Path, *args: str) -> subprocess.CompletedProcess:
    """`anef-tui --data-dir DATA ARGS…` as a user types it (the installed script)."""
    script = Path(sys.executable).with_name("anef-tui")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "anef_tui.cli"]
    return subprocess.run(
        [*command, "--data-dir", str(data), *args],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )


def listing(data: Path) -> dict[str, str]:
    """`anef-tui sauvegardes`: each backup's name and the rest of its line."""
    done = anef_tui(data, "sauvegardes")
    assert done.returncode == 0, done.stderr
    rows = {}
    for line in done.stdout.splitlines():
        match = re.match(r"^  (anef-tui-\S+\.db)  (.*)$", line)
        if match:
            rows[match[1]] = match[2]
    return rows


def applicants_in(path: Path) -> set[str]:
    conn = driver.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT applicant_name FROM dossiers")}
    finally:
        conn.close()


def shown_by_the_app(data: Path) -> set[str]:
    """What `anef-tui list` shows (the user checks the restored base)."""
    done = anef_tui(data, "list", "--json")
    assert done.returncode == 0, done.stderr
    return {row["applicant"] for row in json.loads(done.stdout)}


def newest_is_recoverable(data: Path) -> str:
    """The newest base is in a backup the listing offers: its name."""
    folder = data / "sauvegardes"
    holding = [name for name in listing(data) if applicants_in(folder / name) == set(APPLICANTS)]
    assert holding, "the newest base is in no backup any more"
    return holding[0]


def restore(data: Path, name: str) -> str:
    done = anef_tui(data, "sauvegardes", "--restaurer", name)
    assert done.returncode == 0, done.stderr
    assert f"Sauvegarde « {name} » restaurée" in done.stdout
    assert "anef-tui sauvegardes --confirmer" in done.stdout
    return done.stdout


def test_the_readme_recovery_path_never_loses_the_newest_base(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("- **Restaurer une sauvegarde**"):]
    for command in ("`anef-tui sauvegardes`", "`anef-tui sauvegardes --restaurer NOM`",
                    "`anef-tui liste`", "`anef-tui sauvegardes --confirmer`", KEPT):
        assert command in section  # the path below is the one the README gives
    data = tmp_path / "donnees"
    start = datetime.now().replace(microsecond=0) - timedelta(days=len(APPLICANTS))
    for day, applicant in enumerate(APPLICANTS):  # a start a day, a dossier added each day
        with DossierStore(data, clock=lambda moment=start + timedelta(days=day): moment) as s:
            s.create("renouvellement", applicant_name=applicant)

    backups = list(listing(data))  # 2. the list, the newest first
    assert len(backups) == len(APPLICANTS)
    first = restore(data, backups[0])  # 3. the newest backup: one dossier short
    assert shown_by_the_app(data) == set(APPLICANTS[:-1])  # 4. not the right one
    copy = re.search(r"La base d'avant vos restaurations reste dans « (\S+) »", first)[1]
    assert KEPT in listing(data)[copy]
    assert newest_is_recoverable(data) == copy
    for tried, name in enumerate(backups[1:4], start=2):  # … another, another, another
        restore(data, name)
        assert shown_by_the_app(data) == set(APPLICANTS[: len(APPLICANTS) - tried])
        assert newest_is_recoverable(data) == copy
        assert KEPT in listing(data)[copy]
    restore(data, copy)  # back to the base as it was before the restorations
    assert shown_by_the_app(data) == set(APPLICANTS)
    assert newest_is_recoverable(data) == copy

    done = anef_tui(data, "sauvegardes", "--confirmer")  # 5. it is the right one
    assert done.returncode == 0 and "Base restaurée confirmée" in done.stdout
    assert shown_by_the_app(data) == set(APPLICANTS)
    rows = listing(data)
    assert not [row for row in rows.values() if KEPT in row]
    assert len([row for row in rows.values() if "avant une restauration" in row]) == KEEP_OTHER
