"""What the vault costs (issue 23): the key derivation paid once per unlock, and the work
paid per file or per base.

Prints the median and the spread over N runs of: argon2id at the default cost (64 MiB,
t=3, p=4: one unlock), wall and CPU time; a whole unlock (read the key file, derive, unseal);
encrypting and decrypting a 10 MB scan (files.py, 64 KiB chunks), and the same 10 MB copied
plainly for comparison; opening the SQLCipher base (key, first read) against a plain
open (the same library, no key: what a plain folder does). Usage: ``.venv/bin/python bench/vault.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from anef_tui.store import driver
from anef_tui.vault import database, files, keys
from anef_tui.vault.keyfile import KdfParams, key_file_path

PHRASE = "le chat dort sur le toit"


def timed(action: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def show(label: str, runs: tuple[list[float], list[float]]) -> None:
    walls, cpus = runs
    print(f"{label:<44} wall {statistics.median(walls) * 1000:8.1f} ms "
          f"(min {min(walls) * 1000:.1f}, max {max(walls) * 1000:.1f})   "
          f"CPU {statistics.median(cpus) * 1000:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    folder = Path(tempfile.mkdtemp(prefix="anef-bench-vault-"))
    try:
        params = KdfParams()
        print(f"argon2id: {params.memory_kib // 1024} MiB, t={params.iterations}, "
              f"p={params.lanes}; {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
        salt = os.urandom(16)
        show("argon2id, default cost (once per unlock)",
             timed(lambda: keys.passphrase_key(PHRASE, salt, params), runs))
        created = keys.create(key_file_path(folder), PHRASE)
        show("whole unlock with the passphrase",
             timed(lambda: keys.unlock_with_passphrase(key_file_path(folder), PHRASE), runs))
        show("whole unlock with the recovery key",
             timed(lambda: keys.unlock_with_recovery_key(key_file_path(folder),
                                                         created.recovery_key), runs))
        scan = folder / "scan.pdf"
        scan.write_bytes(os.urandom(10 * 1000 * 1000))
        sealed, export = folder / "pieces" / "scan", folder / "export.pdf"
        show("encrypt a 10 MB scan (files.encrypt_file)",
             timed(lambda: files.encrypt_file(scan, sealed, created.key), runs))
        show("decrypt it to an export (files.decrypt_to)",
             timed(lambda: files.decrypt_to(sealed, export, created.key), runs))
        show("decrypt it in memory (files.decrypt_bytes)",
             timed(lambda: files.decrypt_bytes(sealed, created.key), runs))
        show("plain copy of the 10 MB scan, for comparison",
             timed(lambda: shutil.copyfile(scan, folder / "copie.pdf"), runs))
        base = folder / "anef-tui.db"
        database.open_database(base, created.key).close()

        def open_encrypted() -> None:
            database.connect(base, database.database_key(created.key)).close()

        plain = folder / "plain.db"
        driver.connect(plain).execute("CREATE TABLE t (x)").connection.close()

        def open_plain() -> None:
            conn = driver.connect(plain)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.close()

        show("open the SQLCipher base (key, first read)", timed(open_encrypted, runs))
        show("open a plain base (no key), for comparison", timed(open_plain, runs))
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
