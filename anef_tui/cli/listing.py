"""`anef-tui liste [--json]`: the dossiers, written as they are read."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path

from anef_tui.cli.common import open_store


def _json_line(row) -> str:
    from anef_tui.controls import json_text

    return json_text(json.dumps(
        {
            "id": row.id,
            "applicant": row.applicant_name,
            "procedure": row.procedure,
            "status": str(row.status),
            "states": [str(s) for s in row.states],
            "step": row.current_step,
            "updated_at": row.updated_at,
            "next_deadline": row.next_deadline,
            "next_deadline_label": row.next_deadline_label,
        },
        ensure_ascii=False,
        indent=2,
    ))


def cmd_list(data_dir: Path, as_json: bool) -> int:
    """Written as read (`DossierStore.iter`, a batch at a time): the memory used does not
    grow with the number of dossiers."""
    from anef_tui.store.db import procedure_label

    store = open_store(data_dir)
    out = sys.stdout
    try:
        return _write_list(store, out, as_json, procedure_label)
    except BrokenPipeError:
        # The reader stopped (`anef-tui list | head`): not an error of ours.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        store.close()


def _write_list(store, out, as_json: bool, procedure_label) -> int:
    rows = store.iter()
    if as_json:
        # The same document as json.dumps(list, indent=2), one dossier at a time.
        first = True
        for r in rows:
            out.write("[\n  " if first else ",\n  ")
            out.write(_json_line(r).replace("\n", "\n  "))
            first = False
        out.write("[]\n" if first else "\n]\n")
        return 0
    from anef_tui.domain.deadlines import NO_DATE
    from anef_tui.domain.procedure_index import step_position
    from anef_tui.domain.status import DossierStatus

    state_width = max(len(s.label) for s in DossierStatus)
    empty = True
    for r in rows:
        if empty:
            out.write(f"{'N°':>5}  {'Personne':<28}  {'Démarche':<16}  {'État':<{state_width}}"
                      f"  {'Étape':<16}  {'Enregistré le':<16}  Prochaine échéance\n")
        empty = False
        name = r.applicant_name or "(sans nom)"
        proc = procedure_label(r.procedure)
        if r.next_deadline:
            deadline = f"{_fr_date(r.next_deadline)} {r.next_deadline_label or ''}".strip()
        else:  # a task the guide gives no date, or nothing due
            deadline = f"{NO_DATE} : {r.next_deadline_label}" if r.next_deadline_label else "—"
        first, *others = r.states
        out.write(
            f"{r.id:>5}  {name:<28.28}  {proc:<16.16}  {first.label:<{state_width}}  "
            f"{step_position(r.procedure, r.current_step):<16.16}  "
            f"{_fr_datetime(r.updated_at):<16}  {deadline}\n"
        )
        # Several states at once (issue 22): one line each, under the first.
        for state in others:
            out.write(f"{'':>5}  {'':<28}  {'':<16}  {state.label}\n")
    if empty:
        out.write("Aucun dossier. Lancez « anef-tui » puis Ctrl+N pour en créer un.\n")
    return 0


def _fr_date(iso: str) -> str:
    """« 2026-11-22 » -> « 22/11/2026 » (as stored; anything else is shown as it is)."""
    parts = iso[:10].split("-")
    return "/".join(reversed(parts)) if len(parts) == 3 else iso


def _fr_datetime(iso: str | None) -> str:
    """« 2026-11-22T14:03:05 » -> « 22/11/2026 14:03 »."""
    if not iso:
        return "—"
    return f"{_fr_date(iso)} {iso[11:16]}".strip()
