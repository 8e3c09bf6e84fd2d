"""The passphrase from a file, for scripts and tests only: `ANEF_TUI_PHRASE_FILE` names it.

Refused unless it is a regular file (not a link) owned by the user, readable by no one else
(mode 0600 or 0400), at most a few kilobytes of UTF-8. One line: a final line break is not
part of the phrase. A person at the desk types the passphrase instead.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from anef_tui.display import display_path
from anef_tui.vault.errors import VaultError

ENV_PHRASE_FILE = "ANEF_TUI_PHRASE_FILE"
MAX_BYTES = 4096


class PhraseFileRefused(VaultError):
    """The file named by ANEF_TUI_PHRASE_FILE cannot be used; nothing was read from it."""

    def __init__(self, path: Path, why: str, what: str = "phrase secrète",
                 given_by: str = ENV_PHRASE_FILE) -> None:
        super().__init__(
            f"Le fichier de {what} « {display_path(path)} » ({given_by}) est refusé : {why}."
        )


def phrase_file_path(environ: dict[str, str] | None = None) -> Path | None:
    """The file named by the environment, or None when the variable is unset or empty."""
    value = (os.environ if environ is None else environ).get(ENV_PHRASE_FILE, "")
    return Path(value).expanduser() if value else None


def read_phrase_file(path: Path, *, what: str = "phrase secrète",
                     given_by: str = ENV_PHRASE_FILE) -> str:
    """The passphrase held in `path`, after every check (PhraseFileRefused otherwise);
    `what` and `given_by` name it in the refusal (a bundle's phrase, `--phrase-fichier`)."""
    return _read(path, what, given_by)


def _read(path: Path, what: str, given_by: str) -> str:
    def refused(why: str) -> PhraseFileRefused:
        return PhraseFileRefused(path, why, what, given_by)

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise refused("il n'existe pas : vérifiez son chemin") from None
    except OSError:
        raise refused("il ne peut pas être lu : vérifiez ses droits") from None
    if stat.S_ISLNK(info.st_mode):
        raise refused("c'est un lien symbolique : donnez le fichier lui-même")
    if not stat.S_ISREG(info.st_mode):
        raise refused("ce n'est pas un fichier ordinaire")
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise refused("il appartient à un autre utilisateur")
    if info.st_mode & 0o077:
        raise refused("d'autres utilisateurs peuvent le lire : rendez-le privé (chmod 600)")
    if info.st_size > MAX_BYTES:
        raise refused(f"il dépasse {MAX_BYTES} octets : une ligne suffit")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        raise refused("il ne peut pas être lu : vérifiez ses droits") from None
    with open(fd, "rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise refused(f"il dépasse {MAX_BYTES} octets : une ligne suffit")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise refused("il n'est pas écrit en UTF-8") from None
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith("\n"):
        text = text[:-1]
    if "\n" in text or "\r" in text:
        raise refused("il tient sur plusieurs lignes : une seule est attendue")
    if not text.strip():
        raise refused("il est vide")
    return text
