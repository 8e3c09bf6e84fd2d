"""Attaching a 10 MB scan through the store, plain against encrypted (issue 23, item 4).

`AttachmentStore.attach` on a draft dossier, in a plain folder and in an encrypted one
(same dossiers, made by the demo's bulk filler through `DossierStore(…, key=)`), at each size
asked: the file checked (`check_file`), copied into `pieces/` (encrypted as it is read in
the encrypted folder), hashed, renamed durably, recorded. The scan is a 10 MB PDF of four
JPEG pages (as a scanner writes it, from bench/check.py), made once; each attach gets a
copy with a different last line (a comment after %%EOF), so every attach really copies
(the store keeps one copy per content). Plain and encrypted alternate, in an order that
turns each run; printed: medians, min–max, and the ratio encrypted / plain.
The KDF is not in it: the key is unlocked once, before (see bench/vault.py).

Usage: `.venv/bin/python bench/attach.py [--runs N] [--sizes 1000,100000]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check import MIB, scanned_pdf

from anef_tui.demo import fill_many
from anef_tui.domain.consent import default_terms
from anef_tui.paths import ensure_data_dir
from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.dossiers import DossierStore
from anef_tui.vault import keys
from anef_tui.vault.keyfile import key_file_path

PHRASE = "le chat dort sur le toit"


def open_folder(folder: Path, count: int, encrypted: bool) -> DossierStore:
    ensure_data_dir(folder)
    key = None
    if encrypted:
        keys.create(key_file_path(folder), PHRASE)
        key = keys.unlock_with_passphrase(key_file_path(folder), PHRASE)
    store = DossierStore(folder, key=key)
    fill_many(store, count)
    return store


def attach_once(store: DossierStore, scan: bytes, source: Path, run: int) -> tuple[float, float]:
    """(wall, CPU) seconds of one attach of a fresh 10 MB scan to a new draft dossier."""
    source.write_bytes(scan + f"\n% essai {run} {os.urandom(8).hex()}\n".encode())
    dossier_id = store.create("renouvellement", applicant_name="BANC Essai",
        consent=default_terms())
    wall, cpu = time.perf_counter(), time.process_time()
    AttachmentStore(store).attach(dossier_id, "passeport", source, max_files=3,
                                  slot_title="Passeport")
    return time.perf_counter() - wall, time.process_time() - cpu


def show(values: list[float]) -> str:
    return (f"{statistics.median(values) * 1000:.0f} ms "
            f"({min(values) * 1000:.0f}–{max(values) * 1000:.0f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--sizes", default="1000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPU, python "
          f"{platform.python_version()}, {date.today()}, charge "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scan_path = scanned_pdf(folder / "scan.pdf", int(10.2 * MIB), 4)
        scan = scan_path.read_bytes()
        print(f"scan : PDF de 4 pages, {len(scan) / 1e6:.1f} Mo", flush=True)
        stores = {}
        for n in sizes:
            for variant in ("clair", "chiffré"):
                start = time.perf_counter()
                stores[n, variant] = open_folder(folder / f"d{n}-{variant}", n,
                                                 variant == "chiffré")
                print(f"{n:>7} dossiers ({variant}) en {time.perf_counter() - start:.1f} s",
                      flush=True)
        samples: dict[tuple[int, str], list[tuple[float, float]]] = {c: [] for c in stores}
        source = folder / "source.pdf"
        for run in range(args.runs + 1):  # the first of each pays for imports: left out
            for n in sizes:
                order = ("clair", "chiffré") if run % 2 == 0 else ("chiffré", "clair")
                for variant in order:
                    took = attach_once(stores[n, variant], scan, source, run)
                    if run:
                        samples[n, variant].append(took)
        for store in stores.values():
            store.close()
    print(f"AttachmentStore.attach d'un scan de 10 Mo, médiane (min–max) de {args.runs} "
          f"passages ; charge {os.getloadavg()[0]:.1f}")
    print("| | clair | chiffré | chiffré / clair (rapport des médianes ; médiane des "
          "rapports par passage) |")
    print("|---|---|---|---|")
    for n in sizes:
        for index, what in ((0, "mur"), (1, "CPU")):
            plain = [s[index] for s in samples[n, "clair"]]
            sealed = [s[index] for s in samples[n, "chiffré"]]
            paired = statistics.median(b / a for a, b in zip(plain, sealed, strict=True))
            print(f"| {n} dossiers, {what} | {show(plain)} | {show(sealed)} | "
                  f"{statistics.median(sealed) / statistics.median(plain):.2f} ; "
                  f"{paired:.2f} |")


if __name__ == "__main__":
    main()
