"""`anef-tui liste [--json]`: the dossiers, written as they are read."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from json.encoder import encode_basestring as _quote  # C (c_encode_basestring) if built
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anef_tui.cli.common import open_store

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey

#: One dossier of `liste --json`, laid out as `json.dumps(rows, indent=2)` lays out each
#: element of the list (keys in this order, values filled in by `_json_value`).
_JSON_ROW = (
    '{{\n    "id": {},\n    "applicant": {},\n    "procedure": {},\n    "status": {},\n'
    '    "states": {},\n    "step": {},\n    "updated_at": {},\n    "next_deadline": {},\n'
    '    "next_deadline_label": {},\n    "consent": {}\n  }}'
)
#: The consent of a dossier in `liste --json`: codes and ISO dates, never words.
_JSON_CONSENT = (
    '{{\n      "standing": {},\n      "valid_until": {},\n      "withdrawn_at": {}\n    }}'
)


def _json_value(value: object) -> str:
    """One value as `json.dumps(value, ensure_ascii=False)` writes it, through the C
    encoder's own string escaping (`json.encoder.encode_basestring`): `indent` would send
    the whole document through the pure-Python encoder, twice as slow at 100,000 dossiers
    (bench/listing.py)."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    return _quote(str(value))


def _json_states(states) -> str:
    """The dossier's states, a list laid out as `json.dumps(..., indent=2)` lays it out
    inside an element of the list."""
    if not states:
        return "[]"
    return "[\n      " + ",\n      ".join(_quote(str(s)) for s in states) + "\n    ]"


def _json_consent(state) -> str:
    """The dossier's consent (`ConsentState.data()`), or null when not read."""
    if state is None:
        return "null"
    data = state.data()
    return _JSON_CONSENT.format(*(_json_value(data[k]) for k in
                                  ("standing", "valid_until", "withdrawn_at")))


def _json_row(row, state=None) -> str:
    """One dossier, indented as an element of the list."""
    q = _quote
    name, step, label = row.applicant_name, row.current_step, row.next_deadline_label
    deadline = row.next_deadline
    return _JSON_ROW.format(
        _json_value(row.id),
        q(name) if name.__class__ is str else _json_value(name),
        _json_value(row.procedure), q(str(row.status)), _json_states(row.states),
        q(step) if step.__class__ is str else _json_value(step),
        _json_value(row.updated_at),
        q(deadline) if deadline.__class__ is str else _json_value(deadline),
        q(label) if label.__class__ is str else _json_value(label),
        _json_consent(state),
    )


#: Dossiers written at a time (one write, one control check each).
JSON_BATCH = 500


def with_consents(rows, standings: Callable[[list[int]], dict] | None
                  ) -> Iterator[tuple[Any, Any]]:
    """Each row with its consent's state (`ConsentStore.standings`, asked JSON_BATCH rows
    at a time: the memory stays flat), or None without `standings`."""
    batch: list = []
    for row in rows:
        batch.append(row)
        if len(batch) >= JSON_BATCH:
            yield from _paired(batch, standings)
            batch = []
    yield from _paired(batch, standings)


def _paired(batch: list, standings) -> Iterator[tuple[Any, Any]]:
    found = standings([row.id for row in batch]) if standings and batch else {}
    for row in batch:
        yield row, found.get(row.id)


def json_chunks(rows, standings: Callable[[list[int]], dict] | None = None
                ) -> Iterator[str]:
    """`json.dumps(list_of_rows, indent=2, ensure_ascii=False)` and a final line break, in
    pieces of JSON_BATCH dossiers as they are read; C1, DEL, bidi controls and lone
    surrogates escaped as `\\uXXXX` (`controls.json_text`), as everywhere else. Each
    dossier's « consent » comes from `standings` (null without)."""
    from anef_tui.controls import json_text

    batch: list[str] = []
    opened = False
    for row, state in with_consents(rows, standings):
        batch.append(",\n  " if opened else "[\n  ")
        opened = True
        batch.append(_json_row(row, state))
        if len(batch) >= 2 * JSON_BATCH:
            yield json_text("".join(batch))
            batch = []
    batch.append("\n]\n" if opened else "[]\n")
    yield json_text("".join(batch))


def cmd_list(data_dir: Path, as_json: bool, key: VaultKey | None = None) -> int:
    """Written as read (`DossierStore.iter`, a batch at a time): the memory used does not
    grow with the number of dossiers."""
    from anef_tui.store.db import procedure_label

    store = open_store(data_dir, key)
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
    from anef_tui.store.consents import ConsentStore

    rows = store.iter()
    standings = ConsentStore(store.database).standings
    if as_json:
        for chunk in json_chunks(rows, standings):
            out.write(chunk)
        return 0
    from anef_tui.domain.deadlines import NO_DATE
    from anef_tui.domain.procedure_index import step_position
    from anef_tui.domain.status import DossierStatus

    state_width = max(len(s.label) for s in DossierStatus)
    empty = True
    for r, consent in with_consents(rows, standings):
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
        if consent is not None:  # issue 24: a line of its own, in words
            out.write(f"{'':>5}  consentement : {consent.words()}\n")
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
