"""Writes of a plain dossier session, guarded by the dossier's version as in the full-screen
app: each write passes the version this session read (`expected_version`); when another
window changed the dossier meanwhile, nothing is written and the person chooses, in French,
as the full-screen app's « Dossier modifié dans une autre fenêtre » asks."""

from __future__ import annotations

from collections.abc import Callable

from anef_tui.oserrors import error_text
from anef_tui.plain import commands
from anef_tui.plain.commands import Command
from anef_tui.plain.host import SessionPart
from anef_tui.plain.text import choices_line, pick
from anef_tui.store.db import ConflictError, StoreError

CANCEL, RELOAD, KEEP = "Annuler", "Reprendre la version enregistrée", "Garder ma saisie"


class Reload(Exception):
    """« Reprendre la version enregistrée »: the current position is asked again from what
    is saved (the typing not saved is dropped, as the question said)."""


class VersionedWrites(SessionPart):
    """DossierSession's guarded writes (a mixin)."""

    version: int | None = None

    def read_version(self) -> None:
        self.version = self.ctx.store.version(self.dossier_id)

    def write(self, write: Callable[[int | None], int]) -> bool:
        """Run `write(expected_version)`; keep the new version. On a conflict, ask; on a
        fault, say it. Return whether it was written."""
        try:
            self.version = write(self.version)
            return True
        except ConflictError as exc:
            choice = self.conflict(error_text(exc))
            if choice == RELOAD:
                raise Reload from None
            if choice != KEEP:
                self.io.say("Rien n'est enregistré ; votre saisie reste ici.")
                return False
            try:
                self.version = write(None)
                return True
            except StoreError as again:
                self.io.say(f"Rien n'est perdu, mais l'enregistrement a échoué : {again}")
                return False
        except StoreError as exc:
            self.io.say(f"Rien n'est perdu, mais l'enregistrement a échoué : {error_text(exc)}")
            self.io.say("Répondez à nouveau pour réessayer, ou :quitter.")
            return False

    def conflict(self, message: str) -> str:
        """The full-screen app's three ways out, « Annuler » by default."""
        labels = [CANCEL, RELOAD, KEEP]
        self.io.say(
            "Dossier modifié dans une autre fenêtre.",
            message,
            "« Garder ma saisie » enregistre votre saisie à la place de l'autre version. "
            "« Reprendre la version enregistrée » reprend cette étape avec l'autre version "
            "(votre saisie non enregistrée est alors abandonnée). « Annuler » n'enregistre "
            "rien et vous laisse votre saisie.",
            *choices_line(labels),
        )
        answer = commands.parse(self.io.ask())
        if isinstance(answer, Command) or not answer.strip():
            return CANCEL
        return pick(answer, labels) or CANCEL
