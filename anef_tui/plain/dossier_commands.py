"""The commands that work wherever a dossier is open in the plain mode, on a step as on a
filed dossier's screens: « :liste », « :journal », « :consentement », « :donnees »."""

from __future__ import annotations

from pathlib import Path

from anef_tui.display import display_path
from anef_tui.oserrors import error_message, error_text
from anef_tui.plain.context import Context
from anef_tui.store.db import StoreError

PDF_KINDS = {
    "confirmation": "confirmation de dépôt",
    "liste": "liste des pièces justificatives",
    "recapitulatif": "récapitulatif de la demande",
}


def say_pdf(ctx: Context, kind: str, dossier_id: int) -> Path | None:
    """Write one PDF and say where; a fault is said in French, nothing else changes."""
    try:
        path = ctx.write_pdf(kind, dossier_id)
    except OSError as exc:
        ctx.io.say(f"Le PDF « {PDF_KINDS[kind]} » n'a pas pu être enregistré. "
                   + error_message(exc))
        return None
    except (StoreError, ValueError) as exc:
        ctx.io.say(f"Le PDF « {PDF_KINDS[kind]} » n'a pas pu être fait : {error_text(exc)}")
        return None
    done = "exporté en clair" if ctx.store.database.key is not None else "enregistré"
    ctx.io.say(f"PDF « {PDF_KINDS[kind]} » {done} : {display_path(path)}")
    return path


def run_dossier_command(ctx: Context, name: str, dossier_id: int) -> bool:
    """Run the command `name` on the open dossier; False when it is not one of these."""
    if name == "liste":
        say_pdf(ctx, "liste", dossier_id)
    elif name == "journal":
        from anef_tui.plain.journal import show

        show(ctx, dossier_id)
    elif name == "consentement":
        from anef_tui.plain.consent import renew

        renew(ctx, dossier_id)
    elif name == "donnees":
        from anef_tui.plain.donnees import make

        make(ctx, dossier_id)
    else:
        return False
    return True
