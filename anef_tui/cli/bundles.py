"""`anef-tui exporter N FICHIER` and `anef-tui importer FICHIER` (issue 24 items 4 and 6):
a dossier handed over in one encrypted bundle. The phrase is printed once by `exporter`
and stored nowhere; `importer` asks it without echo at a terminal, or reads it from
`--phrase-fichier F` / $ANEF_TUI_PHRASE_PAQUET (a private file, as ANEF_TUI_PHRASE_FILE).
Exit codes: 0 done, 1 refused (nothing written), 2 wrong use."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anef_tui.cli.common import fail, open_store

if TYPE_CHECKING:
    from anef_tui.store.journal.actor import Actor
    from anef_tui.vault.keys import VaultKey

ENV_BUNDLE_PHRASE = "ANEF_TUI_PHRASE_PAQUET"
#: Tries of the phrase at a terminal, with the vault's growing wait between them.
TRIES = 3


def add_parsers(sub: Any) -> None:
    """`exporter` and `importer` among the subcommands (`sub`: argparse's subparsers)."""
    p_export = sub.add_parser(
        "exporter", help="exporter un dossier dans un paquet chiffré, pour un autre poste",
        description="Écrire tout un dossier (réponses, pièces, notifications, "
                    "consentements, journal) dans un paquet chiffré FICHIER. La phrase du "
                    "paquet est affichée une seule fois : notez-la, elle n'est gardée nulle "
                    "part ; donnez-la à la personne qui importera le paquet, séparément.",
    )
    p_export.add_argument("dossier_id", type=int, metavar="DOSSIER_ID",
                          help="numéro du dossier (« anef-tui liste » les donne)")
    p_export.add_argument("fichier", metavar="FICHIER",
                          help="le paquet à écrire (un fichier qui n'existe pas encore)")
    p_import = sub.add_parser(
        "importer", help="importer un dossier d'un paquet chiffré",
        description="Vérifier un paquet de dossier (format, empreintes, tailles) puis "
                    "l'importer en entier comme un nouveau dossier, ou rien du tout. La "
                    "phrase du paquet est demandée sans écho, ou lue dans un fichier privé.",
    )
    p_import.add_argument("fichier", metavar="FICHIER", help="le paquet à importer")
    p_import.add_argument(
        "--phrase-fichier", metavar="F", dest="phrase_file",
        help="fichier privé (chmod 600) contenant la phrase du paquet, pour les scripts "
             f"(sinon ${ENV_BUNDLE_PHRASE}, sinon elle est demandée)")


def _actor_or_refusal(actor: Actor | None) -> str | None:
    from anef_tui.store.journal.actor import NO_NAME_COMMAND_LINE

    return None if actor is not None and actor.name else NO_NAME_COMMAND_LINE


def cmd_export(data_dir: Path, dossier_id: int, target: Path, key: VaultKey | None,
               actor: Actor | None) -> int:
    from anef_tui.bundle import export_dossier, shown_phrase
    from anef_tui.display import display_path

    refusal = _actor_or_refusal(actor)
    if refusal is not None:
        return fail(refusal[0].upper() + refusal[1:], 2)
    if os.path.lexists(target):
        return fail(f"« {display_path(target)} » existe déjà : donnez un nom de paquet "
                    "nouveau (rien n'a été écrit).", 2)
    store = open_store(data_dir, key)
    assert actor is not None
    store.database.actor = actor
    try:
        exported = export_dossier(store.database, dossier_id, target=target)
    finally:
        store.close()
    print(f"Paquet du dossier n° {dossier_id} écrit : {display_path(exported.path)}")
    print(f"Phrase du paquet (affichée une seule fois) : {shown_phrase(exported.phrase)}")
    print("Notez-la et donnez-la séparément du paquet : elle n'est gardée nulle part, et "
          "sans elle le paquet ne peut pas être ouvert.")
    return 0


def _phrase_from_file(given: str | None) -> str | None:
    from anef_tui.vault.phrase_file import read_phrase_file

    if given:
        return read_phrase_file(Path(given).expanduser(), what="phrase de paquet",
                                given_by="--phrase-fichier")
    value = os.environ.get(ENV_BUNDLE_PHRASE, "")
    if value:
        return read_phrase_file(Path(value).expanduser(), what="phrase de paquet",
                                given_by=ENV_BUNDLE_PHRASE)
    return None


def cmd_import(data_dir: Path, bundle: Path, phrase_file: str | None, key: VaultKey | None,
               actor: Actor | None, *, ask: Callable[[str], str] | None = None,
               can_ask: bool | None = None,
               sleep: Callable[[float], None] = time.sleep) -> int:
    from anef_tui.bundle import BundleRefused, WrongBundlePhrase, import_bundle, open_bundle
    from anef_tui.store.keys import procedure_label
    from anef_tui.vault import door
    from anef_tui.vault.passphrase import wait_after

    refusal = _actor_or_refusal(actor)
    if refusal is not None:
        return fail(refusal[0].upper() + refusal[1:], 2)
    phrase = _phrase_from_file(phrase_file)
    if phrase is None:
        if can_ask is None:
            can_ask = door.at_a_terminal()
        if not can_ask:
            return fail("la phrase du paquet est demandée à un terminal : pour un script, "
                        f"donnez --phrase-fichier F ou ${ENV_BUNDLE_PHRASE} (rien n'a été "
                        "écrit).", 2)
        ask = ask or door.ask_without_echo
    opened = None
    for attempt in range(1, (TRIES if phrase is None else 1) + 1):
        typed = phrase if phrase is not None else (ask or door.ask_without_echo)(
            "Phrase du paquet")
        try:
            opened = open_bundle(bundle, typed)
            break
        except WrongBundlePhrase as exc:
            if phrase is not None or attempt == TRIES:
                raise
            print(str(exc))
            sleep(wait_after(attempt))
        except BundleRefused:
            raise
    assert opened is not None
    store = open_store(data_dir, key)
    assert actor is not None
    store.database.actor = actor
    try:
        new_id = import_bundle(store.database, opened)
    finally:
        store.close()
    name = opened.applicant_name or "(sans nom)"
    print(f"Dossier importé : n° {new_id} — {name} ({procedure_label(opened.procedure)}).")
    return 0
