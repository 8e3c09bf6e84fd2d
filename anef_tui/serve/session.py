"""One browser session's process: `python -m anef_tui.serve.session --data-dir D [--base U]`,
started by the server (`serve.server`) for each tab, never by a person.

It runs what `anef-tui` runs in a terminal (`cli.cmd_app`: the vault's door of an encrypted
folder, then the login of a base with accounts, then « Mes dossiers »), with Textual's web
driver made for a session (`serve.driver`), then ends the browser's session. Its standard
output carries the session's packets only: anything printed goes to the standard error,
which the server keeps off the page.
"""

from __future__ import annotations

import os
import sys

from anef_tui.serve.tries import SERVED_VARIABLE

DRIVER = "anef_tui.serve.driver:SessionDriver"


def main(argv: list[str] | None = None) -> int:
    # Before Textual is imported: it reads the driver's name once (textual.constants).
    os.environ[SERVED_VARIABLE] = "1"
    os.environ["TEXTUAL_DRIVER"] = DRIVER
    sys.stdout = sys.stderr  # the packets' channel is written to by the driver only
    from anef_tui.serve.driver import end_session

    args = list(sys.argv[1:] if argv is None else argv)
    try:
        refusal = login_required(args)
        if refusal is not None:  # no passphrase, no account: nothing is shown
            print(refusal, file=sys.stderr)
            return 2
        from anef_tui.cli import main as cli_main

        return cli_main(args)
    finally:
        end_session()


def login_required(argv: list[str]) -> str | None:
    """`gate.refusal` for this session's command line (`--data-dir`; a server's base comes
    in the environment, ANEF_TUI_BASE, or `--base`)."""
    import argparse

    from anef_tui.paths import resolve_data_dir
    from anef_tui.serve.gate import refusal
    from anef_tui.store import base_choice

    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--base")
    known, _ = parser.parse_known_args(argv)
    try:
        base_url = base_choice.from_command_line(known.base)
    except base_choice.BaseChoiceError as exc:
        return str(exc)
    return refusal(resolve_data_dir(known.data_dir), base_url)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
