"""`anef-tui` in a process of its own, as its script starts it (`anef_tui.cli.main`), but
with argon2id at its cheapest (`tests/vault_helpers.CHEAP`) where the command would use the
default cost (`KdfParams()`: a new account's passphrase, the structure's key sealed under
it, a bundle's phrase, an unknown name's decoy check). The command-line tests use it: the
format, the checks and every message are the same; the cost (~0.18 s of CPU a derivation
at 64 MiB, three passes, twice per login) is not what they test — `bench/vault.py` measures
it, and `tests/unit/test_vault_keys.py` checks the defaults. A hash or a key file made with
other parameters is still read with its own.

    [sys.executable, CHEAP_CLI, "--data-dir", …]
"""

from __future__ import annotations

import sys
from pathlib import Path

#: The path to give `sys.executable` (a script path: it works from any working folder).
CHEAP_CLI = str(Path(__file__).resolve())


def _cheapen() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `tests` importable
    from anef_tui.vault.keyfile import KdfParams
    from tests.vault_helpers import CHEAP

    # Before anything reads the defaults (`bundle.sealed.DEFAULT_PARAMS` at its import).
    KdfParams.__init__.__defaults__ = (CHEAP.memory_kib, CHEAP.iterations, CHEAP.lanes)


if __name__ == "__main__":
    sys.path.pop(0)  # this file's folder (`tests/`): not a place to import modules from
    _cheapen()
    from anef_tui.cli import main

    raise SystemExit(main())
