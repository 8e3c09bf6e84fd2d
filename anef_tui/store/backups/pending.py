"""A restoration awaiting the user's confirmation, and the copies it keeps from pruning.

Trying backups one after the other (restore one, look, restore another) makes a copy of the
base being replaced each time. Most of them are copies of a backup restored just before and
never changed since; the first one, though, is the only copy of the newest base. So, from
the first restoration until the user confirms the restored base (`anef-tui sauvegardes
--confirmer`), every copy that holds a base *of its own* is kept whatever the pruning rule:
the base as it was before any restoration, and any restored base changed since (someone
worked in it before trying another backup). There is no time limit: a clock can be wrong,
and such a copy may be the only one of someone's work.

The state lives in `sauvegardes/restauration-a-confirmer.json` (0600):
``{"version": 1, "protected": [names…], "restored": name, "digest": sha256}`` — what is
kept, and which backup was restored last with the digest of its content (to tell whether
the base was changed since). A state file that cannot be read keeps every copy made before a
restoration and every damaged base set aside (nothing is deleted on a guess).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from anef_tui.store.errors import translate_error
from anef_tui.store.housekeeping import FILE_MODE, make_private_dir

PENDING_FILE = "restauration-a-confirmer.json"
#: The kinds of copy a restoration makes: kept, all of them, when the state is unreadable.
RESTORE_KINDS = frozenset({"avant-restauration", "endommagee"})
CONFIRM_COMMAND = "anef-tui sauvegardes --confirmer"


@dataclass(frozen=True)
class Pending:
    protected: tuple[str, ...] = ()  # oldest first: the first is the base before any restore
    restored: str | None = None  # the backup restored last
    digest: str | None = None  # the digest of its content (vetting.content_digest)
    unreadable: bool = False  # the state file could not be read: keep every restore copy

    def protects(self, name: str, kind: str) -> bool:
        """Whether the backup `name` (of `kind`) must not be pruned."""
        return name in self.protected or (self.unreadable and kind in RESTORE_KINDS)


def read_pending(folder: Path) -> Pending | None:
    """The restoration awaiting confirmation in backups folder `folder`, or None."""
    try:
        with open(Path(folder) / PENDING_FILE, encoding="utf-8") as fh:
            raw = json.load(fh)
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return Pending(unreadable=True)
    if not isinstance(raw, dict):
        return Pending(unreadable=True)
    protected = raw.get("protected")
    restored = raw.get("restored")
    digest = raw.get("digest")
    if (
        not isinstance(protected, list)
        or not all(isinstance(name, str) for name in protected)
        or not isinstance(restored, str | None)
        or not isinstance(digest, str | None)
    ):
        return Pending(unreadable=True)
    return Pending(tuple(protected), restored, digest)


def write_pending(folder: Path, pending: Pending) -> None:
    """Record `pending` atomically (a temporary file renamed over the old state), 0600."""
    folder = Path(folder)
    state = {
        "version": 1,
        "protected": list(pending.protected),
        "restored": pending.restored,
        "digest": pending.digest,
    }
    temp: str | None = None
    try:
        make_private_dir(folder)
        fd, temp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(state, out, ensure_ascii=False)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, FILE_MODE)
        os.replace(temp, folder / PENDING_FILE)
    except OSError as exc:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise translate_error(exc, folder) from exc


def clear_pending(folder: Path) -> bool:
    """Forget the restoration awaiting confirmation; False if there was none."""
    try:
        os.unlink(Path(folder) / PENDING_FILE)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise translate_error(exc, folder) from exc
    return True
