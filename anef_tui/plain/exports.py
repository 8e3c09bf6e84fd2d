"""The exports folder in the plain mode (issue 23): « exports » lists the files exported
in plain from an encrypted data folder (a PDF to print or upload), « nettoyer » is
« Nettoyer les exports », and leaving says how many remain."""

from __future__ import annotations

from anef_tui.display import display_name, display_path
from anef_tui.oserrors import error_message
from anef_tui.plain.context import Context
from anef_tui.store.exports import (
    CLEAN_EXPORTS,
    OVERWRITE_CAVEAT,
    clean_exports,
    exports_dir,
    list_exports,
)

#: What « :aide » adds on « Mes dossiers » where exports matter.
HELP = [
    "exports : les fichiers exportés en clair (PDF à imprimer ou à déposer) ;",
    f"nettoyer : « {CLEAN_EXPORTS} » (les supprimer) ;",
]


def offered(ctx: Context) -> bool:
    """Whether the exports matter here: an encrypted folder, or exports left."""
    return ctx.store.database.key is not None or bool(list_exports(ctx.data_dir))


def _count(n: int) -> str:
    return "1 fichier exporté en clair" if n == 1 else f"{n} fichiers exportés en clair"


def listing(ctx: Context) -> list[str]:
    files = list_exports(ctx.data_dir)
    where = f"Dossier des exports : {display_path(exports_dir(ctx.data_dir))}"
    if not files:
        return [where, "Aucun fichier exporté."]
    from anef_tui.files.checks.messages import format_size

    return [where, f"{_count(len(files))} :",
            *(f"{n}. {display_name(e.name)} ({format_size(e.size)})"
              for n, e in enumerate(files, 1)),
            f"« nettoyer » pour les supprimer ({CLEAN_EXPORTS})."]


def clean(ctx: Context) -> list[str]:
    try:
        removed = clean_exports(ctx.data_dir)
    except OSError as exc:
        return [f"Les exports n'ont pas tous pu être supprimés. {error_message(exc)}"]
    said = "Aucun fichier à supprimer." if not removed else (
        "1 fichier supprimé." if removed == 1 else f"{removed} fichiers supprimés.")
    return [f"{CLEAN_EXPORTS} : {said}", OVERWRITE_CAVEAT]


def reminder(ctx: Context) -> list[str]:
    """Said when leaving while exports remain; nothing otherwise."""
    files = list_exports(ctx.data_dir)
    if not files:
        return []
    one = len(files) == 1
    return [f"Attention : {_count(len(files))} {'reste' if one else 'restent'} dans "
            f"{display_path(exports_dir(ctx.data_dir))}, "
            f"{'lisible' if one else 'lisibles'} par toute personne qui a accès à cet "
            "ordinateur : relancez anef-tui texte et tapez « nettoyer » pour "
            f"{'le' if one else 'les'} supprimer."]
