"""Backups you can trust (issue 19, item 3): trying backups one after the other never loses
the newest base, a file that is not an anef-tui base is never restored, and the daily backup
survives a clock that jumps forward or back."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from anef_tui.cli import main
from anef_tui.paths import DB_NAME
from anef_tui.store import driver
from anef_tui.store.backups import (
    KEEP_DAILY,
    KEEP_OTHER,
    PENDING_FILE,
    backups_dir,
    confirm_restore,
    list_backups,
    read_pending,
    restore_backup,
)
from anef_tui.store.db import SCHEMA_VERSION, StoreError
from anef_tui.store.dossiers import DossierStore

NOW = datetime(2026, 11, 22, 10, 30, 0)


class Clock:
    def __init__(self, start: datetime = NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "donnees"


def names_in(path: Path) -> set[str]:
    """The applicants of the dossiers in a base file, read through a read-only connection."""
    conn = driver.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT applicant_name FROM dossiers")}
    finally:
        conn.close()


def build_history(data: Path, clock: Clock, applicants: list[str]) -> None:
    """One start a day, one dossier added each day: the daily backup of day k holds the
    first k applicants; the base holds them all (its newest content is in no backup)."""
    for day, applicant in enumerate(applicants):
        clock.now = NOW + timedelta(days=day)
        with DossierStore(data, clock=clock) as store:
            store.create("renouvellement", applicant_name=applicant)


def daily(data: Path) -> list[str]:
    return [b.name for b in list_backups(data) if b.reason == ""]


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


# --- trying backups one after the other ---------------------------------------------------


def test_trying_many_backups_in_a_row_keeps_the_copy_of_the_newest_base(data):
    applicants = ["Awa", "Bintou", "Chen", "Diallo", "Emeka", "Farah"]
    clock = Clock()
    build_history(data, clock, applicants)
    tries = daily(data)[:5]
    moment = clock.now + timedelta(hours=1)
    first = restore_backup(data, tries[0], now=moment)
    assert first.previous_kept and first.before_restorations == first.previous
    assert names_in(first.previous) == set(applicants)
    for name in tries[1:]:  # four more, in the same second or not
        done = restore_backup(data, name, now=moment)
        assert not done.previous_kept  # a copy of the backup restored just before
        assert done.before_restorations == first.previous
        assert first.previous.exists()
    copies = [b for b in list_backups(data) if b.kind == "avant-restauration"]
    assert len(copies) == KEEP_OTHER + 1  # the 3 newest, and the kept one
    back = restore_backup(data, first.previous.name, now=moment)
    assert names_in(data / DB_NAME) == set(applicants)
    assert back.before_restorations == first.previous
    with DossierStore(data, clock=clock) as store:
        assert {d.applicant_name for d in store.list()} == set(applicants)


def test_confirming_lets_the_kept_copies_follow_the_rule_again(data):
    clock = Clock()
    build_history(data, clock, ["Awa", "Bintou", "Chen"])
    moment = clock.now + timedelta(hours=1)
    first = restore_backup(data, daily(data)[0], now=moment)
    for name in daily(data)[1:3] + daily(data)[0:2]:
        restore_backup(data, name, now=moment)
    assert read_pending(backups_dir(data)).protected == (first.previous.name,)
    confirmed = confirm_restore(data, now=moment)
    assert confirmed.released == (first.previous.name,)
    assert confirmed.deleted == [first.previous]  # the oldest of 4 copies before restores
    assert not (backups_dir(data) / PENDING_FILE).exists()
    assert confirm_restore(data, now=moment) is None
    # The next try starts again from the confirmed base: its copy is kept.
    again = restore_backup(data, daily(data)[1], now=moment)
    assert again.previous_kept and read_pending(backups_dir(data)).protected == (
        again.previous.name,
    )


def test_a_restored_base_changed_before_the_next_try_is_kept_too(data):
    clock = Clock()
    build_history(data, clock, ["Awa", "Bintou", "Chen"])
    first = restore_backup(data, daily(data)[-1], now=clock.now)  # the oldest: empty
    clock.now += timedelta(minutes=5)
    with DossierStore(data, clock=clock) as store:  # someone works in it meanwhile
        store.create("renouvellement", applicant_name="Gaspard")
    second = restore_backup(data, daily(data)[0], now=clock.now)
    assert second.previous_kept and names_in(second.previous) == {"Gaspard"}
    for _ in range(KEEP_OTHER + 1):
        restore_backup(data, daily(data)[1], now=clock.now)
    assert first.previous.exists() and second.previous.exists()
    assert read_pending(backups_dir(data)).protected == (
        first.previous.name, second.previous.name,
    )


def test_an_unreadable_state_file_keeps_every_copy_made_by_a_restore(data):
    clock = Clock()
    build_history(data, clock, ["Awa", "Bintou"])
    moment = clock.now + timedelta(hours=1)
    for name in daily(data)[:2]:
        restore_backup(data, name, now=moment)
    (backups_dir(data) / PENDING_FILE).write_text("{pas du json", encoding="utf-8")
    restore_backup(data, daily(data)[0], now=moment)
    copies = [b.name for b in list_backups(data) if b.kind == "avant-restauration"]
    assert len(copies) == 3
    assert sorted(read_pending(backups_dir(data)).protected) == sorted(copies)  # on no guess
    for name in daily(data)[:2] * 2:
        restore_backup(data, name, now=moment)
    remaining = {b.name for b in list_backups(data) if b.kind == "avant-restauration"}
    assert set(copies) < remaining and len(remaining) == 3 + KEEP_OTHER


def test_the_state_and_the_copies_are_owner_only_and_listed_as_kept(data, capsys):
    clock = Clock()
    build_history(data, clock, ["Awa", "Bintou"])
    done = restore_backup(data, daily(data)[0], now=clock.now + timedelta(hours=1))
    assert mode(backups_dir(data) / PENDING_FILE) == 0o600
    assert mode(done.previous) == 0o600 and mode(data / DB_NAME) == 0o600
    assert not [p for p in os.listdir(data) if p.startswith(".nouvelle-base-")]
    assert main(["--data-dir", str(data), "sauvegardes"]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if done.previous.name in line)
    assert "gardée jusqu'à confirmation" in line
    assert "anef-tui sauvegardes --confirmer" in out
    assert main(["--data-dir", str(data), "sauvegardes", "--confirmer"]) == 0
    assert "Base restaurée confirmée" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "sauvegardes", "--confirmer"]) == 0
    assert "Aucune restauration n'attend de confirmation" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "sauvegardes", "--restaurer", done.backup.name,
                 "--confirmer"]) == 2
    assert "ne vont pas ensemble" in capsys.readouterr().err


def test_a_damaged_base_set_aside_is_kept_until_confirmation(data):
    clock = Clock()
    build_history(data, clock, ["Awa", "Bintou"])
    (data / DB_NAME).write_bytes(b"abime" * 1000)
    moment = clock.now + timedelta(hours=1)
    aside = restore_backup(data, daily(data)[0], now=moment)
    assert aside.previous_kept and aside.previous.name.endswith("-endommagee.db")
    for name in daily(data) * 2:
        restore_backup(data, name, now=moment)
    assert aside.previous.read_bytes() == b"abime" * 1000
    assert read_pending(backups_dir(data)).protected == (aside.previous.name,)


def test_backups_taken_in_the_same_second_are_one_kind_the_last_number_newest(data):
    folder = backups_dir(data)
    folder.mkdir(parents=True)
    stem = "anef-tui-20261122-103000"
    for suffix in ("", "-2", "-10", "-avant-restauration", "-avant-restauration-2",
                   "-avant-restauration-10", "-avant-migration-7", "-avant-migration-7-2"):
        (folder / f"{stem}{suffix}.db").write_bytes(b"")
    found = list_backups(data)
    assert {b.kind for b in found} == {"", "avant-restauration", "avant-migration"}
    restores = [b.name for b in found if b.kind == "avant-restauration"]
    assert restores == [f"{stem}-avant-restauration-10.db", f"{stem}-avant-restauration-2.db",
                        f"{stem}-avant-restauration.db"]
    assert [b.reason for b in found if b.kind == "avant-migration"] == ["avant-migration-7"] * 2


# --- what may be restored -------------------------------------------------------------------


def _sqlite_file(path: Path, *statements: str) -> None:
    conn = driver.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _empty(path: Path, good: Path) -> None:
    path.write_bytes(b"")


def _not_sqlite(path: Path, good: Path) -> None:
    path.write_text("Ceci est une liste de courses, pas une base.\n" * 50, encoding="utf-8")


def _other_sqlite(path: Path, good: Path) -> None:
    _sqlite_file(path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, nom TEXT)",
                 "PRAGMA user_version = 3")


def _no_schema_version(path: Path, good: Path) -> None:
    _sqlite_file(path, "CREATE TABLE dossiers (id INTEGER PRIMARY KEY)")


def _newer_schema(path: Path, good: Path) -> None:
    path.write_bytes(good.read_bytes())
    _sqlite_file(path, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def _damaged(path: Path, good: Path) -> None:
    raw = bytearray(good.read_bytes())
    raw[4096:] = b"\xff" * (len(raw) - 4096)  # every page but the first overwritten
    path.write_bytes(bytes(raw))


REFUSED = {
    "vide": (_empty, "le fichier est vide"),
    "pas une base": (_not_sqlite, "n'est pas une base de données"),
    "une autre base": (_other_sqlite, "pas une base d'anef-tui"),
    "sans version": (_no_schema_version, "pas une base d'anef-tui"),
    "plus récente": (_newer_schema, "Mettez anef-tui à jour"),
    "endommagée": (_damaged, "endommagée"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_file_that_is_not_a_sound_anef_tui_base_is_refused_and_nothing_is_written(
    data, case, capsys
):
    make, said = REFUSED[case]
    clock = Clock()
    build_history(data, clock, ["Awa", "Bintou"])
    good = list_backups(data)[0].path
    bad = backups_dir(data) / "anef-tui-20261125-080000.db"  # the newest name of the list
    make(bad, good)
    base = data / DB_NAME
    before_bytes = base.read_bytes()
    before_files = sorted(os.listdir(data)), sorted(os.listdir(backups_dir(data)))
    with pytest.raises(StoreError) as refused:
        restore_backup(data, bad.name, now=clock.now + timedelta(hours=1))
    message = str(refused.value)
    assert said in message
    assert "ne peut pas être restaurée" in message and "Rien n'a été changé" in message
    assert "anef-tui" in message.rsplit(".", 2)[-2]  # ends by saying what to do
    assert main(["--data-dir", str(data), "sauvegardes", "--restaurer", bad.name]) == 1
    assert said in capsys.readouterr().err
    assert base.read_bytes() == before_bytes
    assert (sorted(os.listdir(data)), sorted(os.listdir(backups_dir(data)))) == before_files
    assert read_pending(backups_dir(data)) is None
    with DossierStore(data, clock=clock) as store:
        assert {d.applicant_name for d in store.list()} == {"Awa", "Bintou"}


# --- the daily backup and the clock ----------------------------------------------------------


def _start(data: Path, clock: Clock, moment: datetime) -> None:
    clock.now = moment
    DossierStore(data, clock=clock).close()


def test_a_run_with_the_clock_in_2031_does_not_stop_the_daily_backups(data):
    clock = Clock()
    _start(data, clock, NOW)
    for day in range(KEEP_DAILY + 2):  # a week and more in 2031
        _start(data, clock, datetime(2031, 1, 1, 9) + timedelta(days=day))
    for day in range(1, KEEP_DAILY + 2):  # back to 2026: a backup each day, none pruned
        _start(data, clock, NOW + timedelta(days=day))
        assert NOW + timedelta(days=day) in {b.taken_at for b in list_backups(data)}
        _start(data, clock, NOW + timedelta(days=day, hours=5))  # once a day, not more
    taken = sorted(b.taken_at for b in list_backups(data) if b.reason == "")
    assert len(taken) == KEEP_DAILY
    assert taken == [NOW + timedelta(days=d) for d in range(2, KEEP_DAILY + 2)]  # 2031 gone


def test_a_clock_going_back_does_not_stop_the_daily_backups(data):
    clock = Clock()
    for day in range(3):
        _start(data, clock, NOW + timedelta(days=day))
    back = NOW - timedelta(days=30)
    for day in range(3):
        _start(data, clock, back + timedelta(days=day))
        _start(data, clock, back + timedelta(days=day, hours=2))
    taken = {b.taken_at for b in list_backups(data)}
    assert {back + timedelta(days=d) for d in range(3)} <= taken
    assert {NOW + timedelta(days=d) for d in range(3)} <= taken  # 6 of 7: nothing pruned
    assert back + timedelta(hours=2) not in taken
