"""The two entry points: `check_file` (one file) and `check_slot` (files for one slot)."""

from __future__ import annotations

import io
import os
import stat
import time
from collections.abc import Sequence
from dataclasses import replace

from anef_tui.files.checks.image import check_image
from anef_tui.files.checks.limits import (
    ACCEPTED,
    CHECK_SECONDS,
    MAX_BYTES,
    Budget,
    Clock,
    OutOfTime,
)
from anef_tui.files.checks.messages import (
    extension_fix,
    format_fix,
    limit_text,
    oversize_text,
    slot_limit_message,
    too_slow_reason,
)
from anef_tui.files.checks.pdf import check_pdf
from anef_tui.files.checks.result import CheckResult, display_name
from anef_tui.files.checks.sniff import HEAD_BYTES, refine_zip, sniff
from anef_tui.oserrors import advice, reason


def check_file(
    path: str | bytes | os.PathLike,
    *,
    max_bytes: int = MAX_BYTES,
    clock: Clock = time.monotonic,
    time_budget: float = CHECK_SECONDS,
) -> CheckResult:
    """Check one file: exists, not empty, not too big, accepted format, right extension, opens.

    Never raises for a bad file: every problem becomes a refused CheckResult with a French reason.
    A check that takes more than ``time_budget`` seconds on ``clock`` is refused as « trop long
    à vérifier ». ``path`` may be bytes (a name that is not UTF-8): ``result.path`` is then its
    ``os.fsdecode`` form, which opens the same file.
    """
    budget = Budget(clock, time_budget)
    path_str = os.fsdecode(path) if isinstance(path, bytes) else os.fspath(path)
    if isinstance(path_str, bytes):
        path_str = os.fsdecode(path_str)
    name = display_name(path_str)
    the_file = f"Le fichier « {name} »"

    def refused(reason: str, **facts) -> CheckResult:
        return CheckResult(path=path_str, accepted=False, reason=reason + ".", **facts)

    def unreadable(exc: OSError) -> CheckResult:
        return refused(f"{the_file} ne peut pas être lu ({reason(exc)}) : {advice(exc)}")

    try:
        st = os.stat(path_str)  # follows symlinks: a dangling one is « missing »
    except FileNotFoundError:
        return refused(f"{the_file} est introuvable : vérifiez son nom et son emplacement")
    except OSError as exc:
        return unreadable(exc)
    except ValueError:  # a NUL byte in the path
        return refused(
            f"{the_file} est introuvable : son chemin contient un caractère nul, vérifiez-le"
        )
    if stat.S_ISDIR(st.st_mode):
        return refused(f"« {name} » est un dossier : choisissez un fichier à l'intérieur")
    if not stat.S_ISREG(st.st_mode):
        # Never open a FIFO or a device: reading it could block forever.
        return refused(
            f"« {name} » n'est pas un fichier ordinaire : choisissez un PDF ou une image"
        )
    try:
        fh = open(path_str, "rb")  # closed by the « with » below; shared by every reader
    except OSError as exc:
        return unreadable(exc)
    with fh:
        try:
            size = os.fstat(fh.fileno()).st_size
        except OSError as exc:
            return unreadable(exc)
        return _check_open(fh, size, path_str, the_file, name, max_bytes, budget, refused,
                           unreadable)


def check_bytes(
    data: bytes,
    name: str,
    *,
    max_bytes: int = MAX_BYTES,
    clock: Clock = time.monotonic,
    time_budget: float = CHECK_SECONDS,
) -> CheckResult:
    """Check a file made in memory (a conversion, an assembled PDF) as `check_file` checks
    one on disk: nothing is written anywhere. ``name`` is its file name (its extension is
    checked); ``result.path`` is that name."""
    budget = Budget(clock, time_budget)
    shown = display_name(name)
    the_file = f"Le fichier « {shown} »"

    def refused(reason: str, **facts) -> CheckResult:
        return CheckResult(path=name, accepted=False, reason=reason + ".", **facts)

    def unreadable(exc: OSError) -> CheckResult:
        return refused(f"{the_file} ne peut pas être lu ({reason(exc)}) : {advice(exc)}")

    return _check_open(io.BytesIO(data), len(data), name, the_file, shown, max_bytes, budget,
                       refused, unreadable)


def _check_open(fh, size: int, path_str: str, the_file: str, name: str, max_bytes: int,
                budget: Budget, refused, unreadable) -> CheckResult:
    """The checks of an open file (on disk or in memory) of `size` bytes."""
    try:
        head = fh.read(HEAD_BYTES)
    except OSError as exc:
        return unreadable(exc)
    detected = sniff(head)
    if detected == "zip":
        detected = refine_zip(fh)
    fmt = detected if detected in ACCEPTED else None
    facts = {"size": size, "detected": detected, "format": fmt}

    if size == 0:
        return refused(
            f"{the_file} est vide : choisissez le bon fichier ou numérisez à nouveau le document",
            **facts,
        )
    if size > max_bytes:
        return refused(
            f"{the_file} doit faire moins de {limit_text(max_bytes)} "
            f"(il fait {oversize_text(size, max_bytes)}) : réduisez sa taille ou sa résolution",
            **facts,
        )
    if fmt is None:
        return refused(f"{the_file} {format_fix(detected)}", **facts)
    rename = extension_fix(fmt, name)
    if rename:
        return refused(f"{the_file} {rename}", **facts)

    fh.seek(0)
    try:
        if fmt == "pdf":
            return check_pdf(fh, path_str, the_file, size, facts, budget)
        return check_image(fh, path_str, the_file, fmt, facts, budget)
    except OutOfTime:
        return refused(too_slow_reason(the_file, budget.seconds), **facts)


def check_slot(
    paths: Sequence[str | os.PathLike],
    *,
    max_files: int,
    slot_title: str,
    already: int = 0,
    max_bytes: int = MAX_BYTES,
    clock: Clock = time.monotonic,
    time_budget: float = CHECK_SECONDS,
) -> list[CheckResult]:
    """Check files meant for one document slot that already holds ``already`` files.

    Every file is checked. Only accepted files take a place in the slot (a refused file would
    not be attached); accepted files beyond ``max_files`` are refused with the slot-limit message.
    """
    results = []
    used = already
    for path in paths:
        result = check_file(path, max_bytes=max_bytes, clock=clock, time_budget=time_budget)
        if result.accepted:
            used += 1
            message = slot_limit_message(used, max_files, slot_title)
            if message:
                result = replace(result, accepted=False, reason=message)
        results.append(result)
    return results
