"""The commands that work wherever a dossier is open in the plain mode, on a step as on a
filed dossier's screens: « :liste », « :journal », « :consentement », « :donnees »."""

from __future__ import annotations

from anef_tui.plain.context import Context


def run_dossier_command(ctx: Context, name: str, dossier_id: int) -> bool:
    """Run the command `name` on the open dossier; False when it is not one of these."""
    if name == "liste":
        from anef_tui.plain.followup.common import say_pdf

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
