"""« Ce que anef-tui sait de vous » in the plain mode (issue 24 item 3): « donnees N » on
« Mes dossiers », « :donnees » inside a dossier and on a filed dossier's screens — the PDF
for the applicant, kept like the other PDFs, exported to `<data>/exports`, journalled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.display import display_path
from anef_tui.oserrors import error_message
from anef_tui.store.errors import DossierGone, StoreError

if TYPE_CHECKING:
    from pathlib import Path

    from anef_tui.plain.context import Context

TITLE = "« Ce que anef-tui sait de vous »"


def make(ctx: Context, dossier_id: int) -> Path | None:
    """Make it and say where; a fault is said in French, nothing else changes."""
    from anef_tui.documents.donnees import issue_donnees

    try:
        path = issue_donnees(ctx.store, dossier_id, now=ctx.clock())
    except DossierGone:
        ctx.io.say(f"Aucun dossier n° {dossier_id}.")
        return None
    except OSError as exc:
        ctx.io.say(f"Le PDF {TITLE} n'a pas pu être enregistré. " + error_message(exc))
        return None
    except StoreError as exc:
        ctx.io.say(f"Le PDF {TITLE} n'a pas pu être fait : {exc}")
        return None
    ctx.io.say(f"PDF {TITLE} exporté, à remettre à la personne : {display_path(path)}")
    return path
