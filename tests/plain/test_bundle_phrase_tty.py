"""journal2 item 3: at a terminal, the plain mode reads a bundle's phrase without echo (as
the vault's passphrase); the real command runs in a pseudo-terminal, its controlling one."""

from __future__ import annotations

import os
import pty
import re
import select
import sys
from pathlib import Path

from anef_tui.bundle import export_dossier
from anef_tui.store.database import Database
from tests.conftest import frozen_clock
from tests.plain.test_journal_plain import folder_with_dossier
from tests.vault_helpers import CHEAP, plain_folder

ROOT = Path(__file__).resolve().parents[2]


class Terminal:
    """`anef-tui … texte` with a pseudo-terminal as its controlling terminal."""

    def __init__(self, data: Path) -> None:
        script = Path(sys.executable).with_name("anef-tui")
        env = {**os.environ, "ANEF_TUI_AIDANT": "Paul", "TERM": "linux", "NO_COLOR": "1"}
        pid, fd = pty.fork()
        if pid == 0:  # the child: the command, nothing else
            os.chdir(ROOT)
            os.execve(str(script), [str(script), "--data-dir", str(data), "texte"], env)
        self.pid, self.fd, self.seen = pid, fd, b""

    def until(self, text: str, *others: str, after: int = 0) -> str:
        """Read until `text` (or one of `others`) is shown past byte `after` (the process's
        own pace: no time is asserted)."""
        wanted = [t.encode("utf-8") for t in (text, *others)]
        while not any(w in self.seen[after:] for w in wanted):
            ready, _, _ = select.select([self.fd], [], [], 60)
            assert ready, f"not shown: {text!r} in {self.seen.decode(errors='replace')!r}"
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:  # the child ended (EIO)
                chunk = b""
            assert chunk, f"ended before {text!r}: {self.seen.decode(errors='replace')!r}"
            self.seen += chunk
        return self.seen.decode("utf-8", errors="replace")

    def type(self, line: str) -> None:
        os.write(self.fd, line.encode("utf-8") + b"\r")

    def end(self) -> int:
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)


def test_the_bundle_phrase_is_not_echoed_at_a_terminal(tmp_path):
    source = folder_with_dossier(tmp_path, steps=1)
    database = Database(source, clock=frozen_clock)
    exported = export_dossier(database, 1, params=CHEAP)
    database.close()
    other = plain_folder(tmp_path / "autre")
    terminal = Terminal(other)
    terminal.until("> ")
    terminal.type(f"importer {exported.path}")
    ask = "donnée à l'export) :".encode()
    terminal.until(ask.decode())
    # Its prompt: « Phrase : » read without echo (a plain line's « > » before journal2).
    terminal.until("Phrase : ", "> ", after=terminal.seen.index(ask) + len(ask))
    before = len(terminal.seen)
    terminal.type(exported.phrase)
    terminal.until("Importer ce dossier ?")
    # The question comes first, then what the bundle holds, then the choices: read up to the
    # choices (the summary may not have been read yet when the question was).
    question = terminal.seen.index(b"Importer ce dossier ?")
    shown = terminal.until("2. Non", after=question)
    typed_part = terminal.seen[before:].decode("utf-8", errors="replace")
    assert exported.phrase not in typed_part  # not echoed
    compact = re.sub(r"[^0-9A-Za-z]", "", exported.phrase)
    assert compact not in re.sub(r"[^0-9A-Za-z]", "", typed_part)
    assert "Personne : DUPONT Marie" in shown
    terminal.type("oui")
    terminal.until("importé")
    terminal.type(":quitter")
    terminal.until("Au revoir")
    assert terminal.end() == 0
