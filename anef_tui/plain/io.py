"""Reading and writing plain lines: the only place that touches standard input and output.

Every line written is plain UTF-8 text: control characters (ESC among them, and the bidi
controls) are shown as glyphs (« ␛ », « <U+202E> ») whatever their source (an answer, a file
name, a procedure text), so no escape sequence ever reaches the terminal or the screen
reader. Input is read line by line from the binary stream (`input()` mixes prompts and pipes
badly); bytes that are not UTF-8 become « \ufffd ». An answer holding a control character
(an arrow key in a terminal without line editing gives « ESC [ D ») is refused with a French
message and asked again. End of input raises `EndOfInput`: the session saves and quits.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import BinaryIO

from anef_tui.controls import has_controls, visible

PROMPT = "> "
_MAX_LINE = 100_000  # characters read per answer; the rules refuse long input anyway


class EndOfInput(Exception):
    """Standard input is closed (Ctrl+D, end of a pipe) or interrupted (Ctrl+C)."""


class OutputClosed(EndOfInput):
    """Nobody reads standard output any more (`anef-tui texte | head -1`): the session ends
    as at the end of input (everything validated is saved), writing nothing more."""


#: Said when an answer held a control character; the question is asked again.
CONTROLS_REFUSED = (
    "Réponse refusée : elle contient des caractères de contrôle (une touche fléchée ou "
    "Échap, par exemple, dans un terminal qui ne les gère pas). Retapez votre réponse, "
    "sans ces touches."
)


def safe(text: object) -> str:
    """`text` (one line) with every control character shown as a glyph, never raw."""
    return visible(str(text).replace("\t", "    "), multiline=False)


class PlainIO:
    """Lines out, lines in. `stdin`/`stdout` are binary streams (pipes or a terminal)."""

    def __init__(self, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
        self.stdin = stdin if stdin is not None else sys.stdin.buffer
        self.stdout = stdout if stdout is not None else sys.stdout.buffer
        self._closed = False
        #: Called with the seconds a line took to come (the idle lock of an encrypted
        #: folder, `plain/idle.py`), before the line is acted on; None: nothing.
        self.after_wait: Callable[[float], None] | None = None
        self.clock: Callable[[], float] = time.monotonic  # tests move it

    def _write(self, text: str) -> None:
        if self._closed:
            return
        try:
            self.stdout.write(text.encode("utf-8", "replace"))
            self.stdout.flush()
        except (BrokenPipeError, ConnectionResetError):
            self._closed = True
            self._quiet_stdout()
            raise OutputClosed from None

    def _quiet_stdout(self) -> None:
        """Point the closed output at /dev/null, so that nothing complains at exit."""
        import contextlib
        import os

        with contextlib.suppress(OSError, ValueError, AttributeError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stdout.fileno())
            os.close(devnull)

    def say(self, *lines: object) -> None:
        """Write each line (a multi-line text is split); "" is an empty line."""
        for line in lines:
            for part in str(line).split("\n"):
                self._write(safe(part.rstrip("\r")) + "\n")

    def ask(self, prompt: str = PROMPT) -> str:
        """Write `prompt` (no new line), read one line; EndOfInput at end of input. A line
        with a control character is refused (said) and asked again."""
        while True:
            answer = self._read(prompt)
            if not has_controls(answer):
                return answer
            self.say(CONTROLS_REFUSED)

    def _read(self, prompt: str) -> str:
        self._write(safe(prompt))
        started = self.clock()
        try:
            raw = self.stdin.readline(_MAX_LINE * 4)
        except KeyboardInterrupt:
            self._write("\n")
            raise EndOfInput from None
        if not raw:
            self._write("\n")
            raise EndOfInput
        if not raw.endswith(b"\n"):
            # A line longer than the limit: the rest is read and dropped.
            while True:
                more = self.stdin.readline(_MAX_LINE * 4)
                if not more or more.endswith(b"\n"):
                    break
        if self.after_wait is not None:
            self.after_wait(self.clock() - started)
        return raw.decode("utf-8", "replace").rstrip("\r\n")
