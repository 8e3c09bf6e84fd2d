"""What every subcommand shares: one French line on the error output, the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey


def fail(message: str, code: int = 1) -> int:
    """One French line on stderr, shown safely (a quoted path that is not UTF-8 or holds
    control characters never breaks it)."""
    from anef_tui.display import display_text

    print(f"anef-tui : {display_text(message)}", file=sys.stderr)
    return code


def open_store(data_dir: Path, key: VaultKey | None = None):
    """The folder's store; `key`: the unlocked vault of an encrypted folder (cli/unlock.py)."""
    from anef_tui.store.dossiers import DossierStore

    return DossierStore(data_dir, key=key)
