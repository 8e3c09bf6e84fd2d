"""A watch, for the whole test suite, on descriptors opened on a live SQLite base.

On POSIX, closing *any* descriptor of a file drops every lock the process holds on it
(SQLite's « How To Corrupt An SQLite Database File », 2.2): a Python `open()` of
`anef-tui.db`, its `-wal` or its `-shm` while one of our SQLite connections holds its locks
makes the next process to close believe it is the last one, checkpoint and delete the
`-wal` under our feet — every later save is lost (issue 19).

The watch is an audit hook (`sys.addaudithook`): every `open` event (builtins.open,
io.open, os.open, pathlib) on a file named like a base is checked against `/proc/locks`:
if this process holds a lock on that base or its `-shm`, the open is recorded with the
stack that made it, and `tests/conftest.py` fails the test. SQLite's own opens are C calls,
not audited, and are safe (SQLite tracks its descriptors per inode).
"""

from __future__ import annotations

import os
import re
import sys
import threading
import traceback

_BASE_NAME = re.compile(r"\.db(-wal|-shm|-journal)?$")
_lock = threading.Lock()
_busy = threading.local()
#: Opens that happened while this process held a lock on the base (path, stack).
violations: list[tuple[str, str]] = []


def _inode(path: str) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return os.major(info.st_dev), os.minor(info.st_dev), info.st_ino


def _held_inodes() -> set[tuple[int, int, int]]:
    """The (major, minor, inode) of every file this process holds a POSIX lock on."""
    pid = str(os.getpid())
    held = set()
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as fh:
            lines = fh.readlines()
    except OSError:
        return held
    for line in lines:
        parts = line.split()
        # "1: POSIX  ADVISORY  READ 3881 fe:00:2146499 128 128" (a "->" marks a waiter)
        if "->" in parts:
            parts.remove("->")
        if len(parts) < 6 or parts[1] != "POSIX" or parts[4] != pid:
            continue
        try:
            major, minor, inode = parts[5].split(":")
            held.add((int(major, 16), int(minor, 16), int(inode)))
        except ValueError:
            continue
    return held


def _path_of(arg: object) -> str | None:
    if isinstance(arg, int):
        return None  # an existing descriptor: its open was checked
    try:
        path = os.fsdecode(os.fspath(arg))  # type: ignore[arg-type]
    except TypeError:
        return None
    return path


def _hook(event: str, args: tuple) -> None:
    if event != "open" or not args or getattr(_busy, "on", False):
        return
    path = _path_of(args[0])
    if path is None or not _BASE_NAME.search(path):
        return
    _busy.on = True
    try:
        base = _BASE_NAME.sub(".db", path)
        mine = {_inode(base), _inode(base + "-shm")} - {None}
        if mine and mine & _held_inodes():
            stack = "".join(traceback.format_stack(limit=12)[:-2])
            with _lock:
                violations.append((path, stack))
    finally:
        _busy.on = False


def install() -> None:
    """Install the hook once per process (audit hooks cannot be removed)."""
    if sys.platform.startswith("linux") and not getattr(sys, "_anef_descriptor_guard", False):
        sys._anef_descriptor_guard = True  # type: ignore[attr-defined]
        sys.addaudithook(_hook)


def take() -> list[tuple[str, str]]:
    """The violations recorded since the last call, and forget them."""
    with _lock:
        found = list(violations)
        violations.clear()
    return found
