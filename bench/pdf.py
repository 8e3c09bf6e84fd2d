"""How long making each PDF takes (`anef_tui.documents.make_pdf`).

Builds a filed renewal dossier (« GUIDE Malade », every step saved, eight attached files) in a
temporary data directory, then for each kind of document: the first call in this process
(it imports fpdf and fontTools and reads the fonts for the first time), reported apart, then
the median of N further calls. Every call parses the two DejaVu TTF files again (fpdf2 cannot
share a parsed font between documents: subsetting modifies it), so the median includes that.
Target: confirmation < 150 ms. Usage: ``.venv/bin/python bench/pdf.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from anef_tui.demo import _GUIDE_PROFILE, _step1
from anef_tui.documents import KINDS, make_pdf
from anef_tui.domain.catalogue import load_procedure
from anef_tui.store.attachments import Attachment
from anef_tui.store.dossiers import DossierStore

TODAY = date(2023, 10, 4)
TARGETS_MS = {"confirmation": 150.0}

STEP1 = _step1(_GUIDE_PROFILE, "01 02 03 04 05")  # the demo's GUIDE Malade


def build_dossier(data_dir: Path):
    store = DossierStore(data_dir)
    try:
        dossier_id = store.create("renouvellement", applicant_name="GUIDE Malade")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        record = build_dossier(Path(tmp) / "donnees")
    procedure = load_procedure("renouvellement")
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


if __name__ == "__main__":
    main()
