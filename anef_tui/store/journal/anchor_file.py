"""The anchor file of the journal's head, `journal-tete` beside the base (see `anchor.py`):
written and read, sealed with the vault key in an encrypted folder. No Textual here; imports
nothing of the base (a restoration writes it)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.store.errors import StoreError

if TYPE_CHECKING:
    from anef_tui.vault.keys import VaultKey

ANCHOR_FILE = "journal-tete"
_MAX_BYTES = 4096


@dataclass(frozen=True)
class Head:
    """A head known from elsewhere, and where it was read (French)."""

    seq: int
    chain: str
    where: str
    since: str = ""  # the last restoration's time, ISO (only in the anchor file)


def anchor_path(data_dir: Path) -> Path:
    return Path(data_dir) / ANCHOR_FILE


def write_anchor(data_dir: Path, key: VaultKey | None, seq: int, chain: str,
                 since: str = "") -> None:
    """Write the anchor file atomically (sealed with `key` when given). OSError /
    StoreError for the caller."""
    data = json.dumps({"seq": int(seq), "chain": str(chain), "depuis": since},
                      sort_keys=True).encode("utf-8")
    target = anchor_path(data_dir)
    if key is None:
        from anef_tui.vault.writing import write_bytes

        write_bytes(target, data)
    else:
        from anef_tui.vault.files import encrypt_bytes

        encrypt_bytes(data, target, key)


def read_anchor(data_dir: Path, key: VaultKey | None) -> tuple[Head | None, str | None]:
    """(the anchor file's head or None, the French problem when it exists but cannot be
    trusted)."""
    path = anchor_path(data_dir)
    where = f"le repère « {ANCHOR_FILE} »"
    try:
        if not path.is_file():
            return None, None
        if path.stat().st_size > _MAX_BYTES:
            return None, f"Le repère « {ANCHOR_FILE} » du journal a été altéré (trop grand)."
        if key is None:
            raw = path.read_bytes()
        else:
            from anef_tui.vault.files import decrypt_bytes, is_encrypted

            if not is_encrypted(path):
                return None, (f"Le repère « {ANCHOR_FILE} » du journal n'est pas scellé par "
                              "la clé de ce dossier de données : il a été remplacé.")
            raw = decrypt_bytes(path, key)
    except (OSError, StoreError):
        return None, (f"Le repère « {ANCHOR_FILE} » du journal ne peut pas être lu ou a été "
                      "altéré.")
    try:
        data = json.loads(raw.decode("utf-8"))
        seq, chain = int(data["seq"]), str(data["chain"])
        since = str(data.get("depuis", ""))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None, f"Le repère « {ANCHOR_FILE} » du journal a été altéré (illisible)."
    return Head(seq, chain, where, since), None
