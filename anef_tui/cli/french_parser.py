"""argparse in French: the command line's usage, help and error lines.

argparse writes its own words in English (« usage: », « the following arguments are
required », « argument DOSSIER_ID: invalid int value: 'abc' »). `FrenchParser` writes its
usage and help headings in French, and puts each error argparse raises into French before
it is printed; an error it does not know is still said in French, with the usage line.
Any text quoted from the command line is shown safely (`display_text`).
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from anef_tui.display import display_text

EXIT_USAGE = 2

#: (argparse's message, its French), tried in order on an error's text.
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), french)
    for pattern, french in (
        (r"invalid choice: (.*) \(choose from (.*)\)$",
         r"choix inconnu : \1 (choisissez parmi \2)"),
        (r"invalid \S+ value: (.*)$", r"valeur invalide : \1"),
        (r"the following arguments are required: (.*)$", r"il manque : \1"),
        (r"unrecognized arguments: (.*)$", r"arguments inconnus : \1"),
        (r"expected one argument$", "une valeur est attendue après cette option"),
        (r"expected at most one argument$", "une valeur au plus est attendue"),
        (r"expected at least one argument$", "au moins une valeur est attendue"),
        (r"expected (\d+) arguments?$", r"\1 valeur(s) attendue(s)"),
        (r"ambiguous option: (.*) could match (.*)$", r"option ambiguë : \1 peut être \2"),
        (r"not allowed with argument (.*)$", r"impossible avec l'argument \1"),
        (r"ignored explicit argument (.*)$", r"cette option ne prend pas de valeur (\1)"),
        (r"one of the arguments (.*) is required$", r"l'un de ces arguments est obligatoire : \1"),
        (r"unexpected option string: (.*)$", r"option inattendue : \1"),
        (r"unknown parser (.*) \(choices: (.*)\)$", r"commande inconnue \1 (choisissez parmi \2)"),
    )
)
_ARGUMENT = re.compile(r"argument (.+?): (.*)$", re.DOTALL)
_UNKNOWN = "la ligne de commande n'est pas comprise : vérifiez-la avec « anef-tui --help »"


def french_error(message: str) -> str:
    """argparse's error `message` in French; one it does not know gets a French sentence."""
    named = _ARGUMENT.match(message)
    if named:
        return f"argument {named.group(1)} : {french_error(named.group(2))}"
    for pattern, french in _ERRORS:
        found = pattern.match(message)
        if found:
            return found.expand(french)
    return _UNKNOWN


class FrenchFormatter(argparse.HelpFormatter):
    """« utilisation : » instead of « usage: »."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, prefix="utilisation : " if prefix is None
                          else prefix)


class FrenchParser(argparse.ArgumentParser):
    """An ArgumentParser whose every line is French; usage errors exit with code 2."""

    def __init__(self, *args, add_help: bool = True, **kwargs) -> None:
        kwargs.setdefault("formatter_class", FrenchFormatter)
        kwargs["add_help"] = False  # ours, in French, below
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS,
                help="afficher cette aide et quitter",
            )

    def error(self, message: str) -> NoReturn:  # pragma: no cover - exercised via main()
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"anef-tui : erreur : {display_text(french_error(message))}\n")
