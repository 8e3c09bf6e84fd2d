"""The document slots of a plain dossier session: files listed, attached by path, checked."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.domain.catalogue import (
    DocumentSlot,
)
from anef_tui.domain.validation import Problem
from anef_tui.oserrors import error_text
from anef_tui.plain import commands
from anef_tui.plain.attach import ASSEMBLE, ASSEMBLE_HELP, assemble, attach_typed, file_lines
from anef_tui.plain.commands import Command
from anef_tui.plain.host import SessionPart
from anef_tui.plain.text import input_line
from anef_tui.store.db import StoreError

if TYPE_CHECKING:
    from anef_tui.files.memory import MemoryFile
    from anef_tui.plain.parts import SlotItem


class SlotQuestions(SessionPart):
    """DossierSession's document slots (a mixin: it uses the session's ctx, io, procedure
    and dossier_id)."""

    def slot_problems(self, form) -> list[Problem]:
        slots = getattr(form, "slots", [])
        counts = self.ctx.attachments.counts(self.dossier_id) if slots else {}
        return [
            Problem(slot.id, slot.title,
                    f"« {slot.title} » : joignez au moins un fichier (tapez son chemin).")
            for slot in slots
            if slot.required and counts.get(slot.id, 0) == 0
        ]

    # -- document slots -----------------------------------------------------------------
    def ask_slot(self, form, item: SlotItem, lead: str | None = None) -> str:
        slot = item.slot
        section = item.section.title or item.section.group or ""
        self.where = (f"Section : {section}. " if section else "") + (
            f"Pièce justificative : {slot.title}.")

        def files():
            return self.ctx.attachments.list(self.dossier_id, slot.id)

        def show() -> None:
            need = "obligatoire" if slot.required else "facultative"
            self.io.say(f"Pièce justificative : {slot.title} ({need}).")
            if slot.condition:
                self.io.say(slot.condition)
            for group in slot.accepted:
                for line in (group.heading, group.lead):
                    if line:
                        self.io.say(line)
                self.io.say(*(f"  • {text}" for text in group.items))
            attached = files()
            self.io.say(f"Au plus {slot.max_files} fichiers.")
            if attached:
                self.io.say(f"Fichiers joints ({len(attached)}) :", *file_lines(attached))
            else:
                self.io.say("Aucun fichier joint.")
            self.io.say("Tapez le chemin d'un fichier à joindre, « retirer N » pour retirer "
                        f"le fichier N, {ASSEMBLE_HELP}, ou Entrée pour passer.")

        if self.ctx.answers is not None and self.from_file(slot, lead):
            return "next"
        if lead:
            self.io.say(lead + slot.title)
        show()
        while True:
            count = len(files())
            answer = commands.parse(self.io.ask(input_line(
                slot.title, f"{count} fichier{'s' if count > 1 else ''}" if count else "")))
            if isinstance(answer, Command):
                result = self.command(answer, show, lambda: self.remaining(form, {}, {}))
                if result == "back":
                    return "back"
                continue
            text = answer.strip()
            if not text:
                return "next"
            words = text.split()
            if text.lower() == ASSEMBLE:
                made = assemble(self.io, lambda path: self._attach_file(slot, path),
                                ask_line=lambda prompt: self.ask_line(prompt, show),
                                data_dir=self.ctx.data_dir, title=slot.title)
                if made is not None:
                    self.read_version()  # one's own change, not another window's
                continue
            if len(words) == 2 and words[0].lower() == "retirer" and words[1].isdigit():
                attached = files()
                n = int(words[1])
                if not 1 <= n <= len(attached):
                    self.io.say(f"Aucun fichier n° {n} : {len(attached)} fichier(s) joint(s).")
                    continue
                try:
                    self.ctx.attachments.remove(attached[n - 1].id)
                except StoreError as exc:
                    self.io.say(error_text(exc))
                    continue
                self.read_version()  # one's own change, not another window's
                self.io.say(f"Fichier « {attached[n - 1].original_name} » retiré.")
                continue
            self.attach(slot, text, ask=lambda prompt: self.ask_line(prompt, show))
            self.io.say("Un autre fichier ? Son chemin, ou Entrée pour passer.")

    def ask_line(self, prompt: str, show) -> str:
        """One line typed at a slot's sub-question; commands run (« :retour » gives "")."""
        while True:
            answer = commands.parse(self.io.ask(prompt))
            if not isinstance(answer, Command):
                return answer
            if self.command(answer, show) == "back":
                return ""

    def from_file(self, slot: DocumentSlot, lead: str | None) -> bool:
        """Attach the files the answers file names for `slot`; True when one was (the slot
        is then passed), False to ask the person (none named, or every one refused)."""
        assert self.ctx.answers is not None
        attached = False
        while (line := self.ctx.answers.take(self.position, slot.id)) is not None:
            self.io.say(f"{lead or ''}{slot.title} : {line.value} (fichier de réponses, ligne "
                        f"{line.number}).")
            lead = None
            attached = self.attach(slot, line.value, prefix=f"{line.where()} : ") or attached
        return attached

    def _attach_file(self, slot: DocumentSlot, path: Path | MemoryFile):
        return self.ctx.attachments.attach(
            self.dossier_id, slot.id, path, max_files=slot.max_files, slot_title=slot.title
        )

    def attach(self, slot: DocumentSlot, text: str, prefix: str = "", ask=None) -> bool:
        """Attach the file typed; refused only for its format or size, a conversion is
        offered when `ask` (how a line is asked) is given."""
        made = attach_typed(
            self.io, lambda path: self._attach_file(slot, path), text,
            ask_line=ask or (lambda prompt: ""), data_dir=self.ctx.data_dir,
            title=slot.title, prefix=prefix, offer=ask is not None,
        )
        if made is None:
            return False
        self.read_version()  # one's own change, not another window's
        return True
