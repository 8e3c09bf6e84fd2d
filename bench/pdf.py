"""How long making each PDF takes (`anef_tui.documents.make_pdf`), and the confirmation
against an fpdf2 floor measured in the same run.

Builds a filed renewal dossier (« GUIDE Malade », every step saved, eight attached files) in a
temporary data directory, then for each kind of document: the first call in this process
(it imports fpdf and fontTools and reads the fonts for the first time), reported apart, then
the median of N further calls.

The floor: what fpdf2 itself costs for the confirmation's text in the same fonts — a new
`FPDF`, the two DejaVu TTF files added with `add_font`, one page, each text of the
confirmation (title, references, état civil rows, body, header and footer) written by one
`multi_cell` in regular or bold, `output()`. Floor and confirmation are made one after the
other, in an order that turns each time, each followed by a full garbage collection (each
pays for its own garbage, not the other's); CPU time of this process per call (wall time is
printed too: the machine is shared). Printed: the medians and the median of the ratios.

`--before DIR` measures another tree too (`git archive <commit> anef_tui | tar -x -C DIR`):
rounds of child processes, one per tree in turn, each measuring its own floor and
confirmation, so that both see the same machine.

Usage: ``.venv/bin/python bench/pdf.py [--runs N] [--before DIR --rounds R]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from anef_tui.demo import _GUIDE_PROFILE, _step1
from anef_tui.documents import KINDS, make_pdf
from anef_tui.domain.catalogue import load_procedure
from anef_tui.domain.consent import default_terms
from anef_tui.store.attachments import Attachment
from anef_tui.store.dossiers import DossierStore

TODAY = date(2023, 10, 4)
TARGETS_MS = {"confirmation": 150.0}
FLOOR_TARGET = 1.2  # confirmation / floor (issue 21, item 6)

STEP1 = _step1(_GUIDE_PROFILE, "01 02 03 04 05")  # the demo's GUIDE Malade


def build_dossier(data_dir: Path):
    store = DossierStore(data_dir)
    try:
        dossier_id = store.create("renouvellement", applicant_name="GUIDE Malade",
            consent=default_terms())
        profile = {**STEP1, "n_etranger": "5903007229", "n_titre": "9999999999"}
        store.save_step(dossier_id, "titre_actuel", profile, next_step=None)
        store.save_step(dossier_id, "informations_personnelles", STEP1, next_step=None)
        store.save_step(
            dossier_id,
            "motif_sejour",
            {
                "situation_familiale": "Célibataire",
                "enfants_charge": "Non",
                "attestation_polygamie": True,
                "attestation_sanctions": True,
            },
            next_step=None,
        )
        store.save_step(
            dossier_id,
            "justificatifs",
            {"ephoto": "1" * 22, "ephoto_confirmation": "1" * 22},
            next_step=None,
        )
        store.save_step(
            dossier_id,
            "depot",
            {"observations": "Loyer de 450 € payé à l’hébergeant."},
            next_step=None,
        )
        store.file_dossier(dossier_id, filed_at=datetime(2023, 10, 4, 10, 0))
        return store.get(dossier_id)
    finally:
        store.close()


def attachments() -> list[Attachment]:
    files = [("justificatif_nationalite", "passeport.pdf", "pdf", 1_258_291, 2)]
    files.append(("justificatif_domicile", "facture.jpg", "jpeg", 35_000, None))
    files += [("justificatif_residence", f"releve-{n}.pdf", "pdf", 500_000, 3) for n in range(6)]
    return [
        Attachment(
            id=n,
            dossier_id=1,
            slot_id=slot,
            sha256=f"{n:064x}",
            original_name=name,
            format=fmt,
            size=size,
            pages=pages,
            warnings=(),
            added_at="2023-10-03T18:00:00",
            stored_path=Path("/nonexistent"),
            position=n,
        )
        for n, (slot, name, fmt, size, pages) in enumerate(files, start=1)
    ]


def floor_texts(procedure, record) -> list[tuple[str, bool]]:
    """(text, bold) of everything the confirmation prints, for the floor."""
    from anef_tui.documents import confirmation as c
    from anef_tui.documents import layout

    values = c.identity(procedure, record)
    labels = {**c.DEFAULT_LABELS, **procedure.confirmation_labels}
    texts = [(procedure.confirmation_title, True), (procedure.confirmation_references_title,
                                                    True)]
    texts += [(labels[key], False) for key in labels]
    texts += [(c._text(value), True) for value in values.values()]
    texts += [(text, False) for text in procedure.confirmation_body]
    texts += [(layout.APP_NAME, True), (procedure.confirmation_title, False),
              (layout.notice_text(TODAY), False), ("Page 1/1", False)]
    return texts


def floor_pdf(texts: list[tuple[str, bool]]) -> bytes:
    from fpdf import FPDF

    from anef_tui.documents import layout

    pdf = FPDF(unit="mm", format="A4")
    for style, name in layout.FONT_FILES.items():
        pdf.add_font("DejaVu", style, str(layout.fonts_dir() / name))
    pdf.add_page()
    for text, bold in texts:
        pdf.set_font("DejaVu", "B" if bold else "", layout.BODY_SIZE)
        pdf.multi_cell(0, layout.LINE_H, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def against_floor(procedure, record, runs: int) -> dict[str, list[float]]:
    """CPU and wall milliseconds of the floor and of the confirmation, interleaved."""
    texts = floor_texts(procedure, record)
    kinds = {
        "floor": lambda: floor_pdf(texts),
        "confirmation": lambda: make_pdf("confirmation", procedure, record, [], today=TODAY),
    }
    for make in kinds.values():  # imports, and the first document of the process
        make()
    out: dict[str, list[float]] = {f"{k} {m}": [] for k in kinds for m in ("cpu", "wall")}
    names = list(kinds)
    for run in range(runs):
        for name in names if run % 2 == 0 else names[::-1]:
            # Each pays for its own garbage (a parsed font is cycles that only a full
            # collection frees), not for the other's.
            gc.collect()
            cpu, wall = time.process_time(), time.perf_counter()
            kinds[name]()
            gc.collect()
            out[f"{name} cpu"].append((time.process_time() - cpu) * 1000)
            out[f"{name} wall"].append((time.perf_counter() - wall) * 1000)
    return out


def ratio(times: dict[str, list[float]], measure: str) -> float:
    return statistics.median(o / f for o, f in zip(times[f"confirmation {measure}"],
                                                   times[f"floor {measure}"], strict=True))


def print_floor(label: str, times: dict[str, list[float]]) -> None:
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"| {label:<12} | {med['floor cpu']:>9.1f} ms | {med['confirmation cpu']:>13.1f} ms "
          f"| {ratio(times, 'cpu'):>7.2f} | {med['floor wall']:>9.1f} ms "
          f"| {med['confirmation wall']:>13.1f} ms | {ratio(times, 'wall'):>7.2f} |")


FLOOR_HEADER = (
    "| arbre        | plancher CPU | confirmation CPU | rapport | plancher mur "
    "| confirmation mur | rapport |\n"
    "|--------------|--------------|------------------|---------|--------------"
    "|------------------|---------|"
)


def compare_trees(before: Path, rounds: int, runs: int) -> None:
    """Rounds of child processes, this tree and `before` in turn."""
    here = Path(__file__).resolve()
    trees = {"après": Path(__file__).resolve().parent.parent, "avant": before.resolve()}
    times: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
    for round_ in range(rounds):
        order = list(trees) if round_ % 2 == 0 else list(trees)[::-1]
        for name in order:
            env = {**os.environ, "PYTHONPATH": str(trees[name])}
            result = subprocess.run([sys.executable, str(here), "--child", "--runs", str(runs)],
                                    env=env, cwd="/", check=True, capture_output=True,
                                    text=True)
            for key, values in json.loads(result.stdout).items():
                times[name].setdefault(key, []).extend(values)
    print(f"{rounds} rounds × {runs} documents per tree\n")
    print(FLOOR_HEADER)
    for name, measured in times.items():
        print_floor(name, measured)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--before", type=Path)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        record = build_dossier(Path(tmp) / "donnees")
    procedure = load_procedure("renouvellement")
    if args.child:
        print(json.dumps(against_floor(procedure, record, args.runs)))
        return
    print(f"machine: {platform.machine()} python {platform.python_version()}, "
          f"{os.cpu_count()} cœurs, {date.today()}, charge {os.getloadavg()[0]:.1f}\n")
    if args.before is not None:
        compare_trees(args.before, args.rounds, args.runs)
        return
    files = attachments()
    rows = []
    for kind in KINDS:
        start = time.perf_counter()
        data = make_pdf(kind, procedure, record, files, today=TODAY)
        first = (time.perf_counter() - start) * 1000
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            make_pdf(kind, procedure, record, files, today=TODAY)
            times.append((time.perf_counter() - start) * 1000)
        rows.append((kind, len(data), first, statistics.median(times), max(times)))

    print(f"make_pdf, median of {args.runs} (first call of the process apart)\n")
    print(f"| {'document':<14} | {'size':>8} | {'1st call':>9} | {'median':>9} | {'max':>8} |")
    print(f"|{'-' * 16}|{'-' * 10}|{'-' * 11}|{'-' * 11}|{'-' * 10}|")
    for kind, size, first, median, worst in rows:
        print(
            f"| {kind:<14} | {size / 1024:>5.1f} Ko | {first:>6.0f} ms | {median:>6.1f} ms "
            f"| {worst:>5.0f} ms |"
        )
    print()
    for kind, target in TARGETS_MS.items():
        median = next(row[3] for row in rows if row[0] == kind)
        verdict = "met" if median < target else "NOT MET"
        print(f"target {kind} < {target:.0f} ms: {verdict} ({median:.1f} ms)")
    print(f"\nconfirmation against the fpdf2 floor, {args.runs} each, interleaved "
          f"(target ≤ {FLOOR_TARGET})\n")
    print(FLOOR_HEADER)
    print_floor("ce arbre", against_floor(procedure, record, args.runs))


if __name__ == "__main__":
    main()
