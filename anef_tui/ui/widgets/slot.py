"""A document slot (« pièce justificative »): what it accepts, its files, attach and remove.

The widget only shows data and asks: attaching and removing are done by the screen through
the attachment store (a widget never touches SQLite).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message

from anef_tui.domain.catalogue import DocumentSlot
from anef_tui.domain.conversion_texts import COMBINE_LABEL
from anef_tui.domain.text import SITE_LINK
from anef_tui.ui.widgets.fields import app_help
from anef_tui.ui.widgets.plain import Button, ErrorLine, Static


@dataclass(frozen=True)
class FileView:
    """What the slot shows of an attached file."""

    id: int
    name: str
    format: str
    size: int
    pages: int | None
    warnings: tuple[str, ...] = ()
    missing: bool = False  # the stored copy vanished from the data directory


def describe_file(f: FileView) -> str:
    from anef_tui.files.checks import format_size

    fmt = {"jpeg": "JPG"}.get(f.format, f.format.upper())
    parts = [fmt, format_size(f.size)]
    if f.pages is not None and (f.format == "pdf" or f.pages > 1):
        parts.append(f"{f.pages} page" + ("s" if f.pages > 1 else ""))
    text = f"{f.name} ({', '.join(parts)})"
    return f"{text} (fichier manquant)" if f.missing else text


class SlotWidget(Vertical):
    """Title (« * » when required), accepted documents, attached files, buttons."""

    DEFAULT_CSS = """
    SlotWidget { height: auto; margin: 1 0 0 0; padding: 0 1; border-left: thick $primary 40%; }
    SlotWidget:focus-within { border-left: heavy $focus; }  /* focus: heavy, never red */
    SlotWidget .slot-title { text-style: bold; }
    SlotWidget .slot-count { color: $text-muted; }
    SlotWidget .filed { margin-bottom: 1; }
    SlotWidget .file-row { height: auto; }
    SlotWidget .file-name { width: 1fr; height: auto; padding-top: 1; }
    SlotWidget .file-warning { color: $warning; }
    SlotWidget .slot-error { color: $error; }
    SlotWidget Button { margin-right: 1; }
    SlotWidget .slot-buttons { height: auto; }
    """

    class AttachRequested(Message):
        def __init__(self, slot: DocumentSlot) -> None:
            super().__init__()
            self.slot = slot

    class CombineRequested(Message):
        def __init__(self, slot: DocumentSlot) -> None:
            super().__init__()
            self.slot = slot

    class ExportRequested(Message):
        """« Exporter »: a copy in plain in the exports folder (an encrypted folder)."""

        def __init__(self, slot: DocumentSlot, file: FileView) -> None:
            super().__init__()
            self.slot = slot
            self.file = file

    class RemoveRequested(Message):
        def __init__(self, slot: DocumentSlot, file: FileView) -> None:
            super().__init__()
            self.slot = slot
            self.file = file

    def __init__(
        self,
        slot: DocumentSlot,
        files: list[FileView],
        *,
        editable: bool = True,
        error: str | None = None,
        filed: list[FileView] | None = None,
        request: str | None = None,
        exportable: bool = False,
    ) -> None:
        # Slot ids may hold « : » (complément answers); DOM ids may not.
        self.key = slot.id.replace(":", "-")
        super().__init__(id=f"slot-{self.key}")
        self.slot = slot
        self.files = files
        self.editable = editable
        self.error = error
        # « Reprendre ma demande »: the files filed with the application, each with the
        # site's « ✖ SUPPRIMER <NOM> » (seed 002 l. 1050), marked as the site's (they stay
        # as filed here); `files` are then the new ones. `request`: what the complément
        # asks of this document, in anef-tui's voice.
        self.filed = filed
        self.request = request
        # An encrypted data folder: each file has « Exporter » (a copy in plain to upload).
        self.exportable = exportable

    def compose(self) -> ComposeResult:
        slot = self.slot
        star = " *" if slot.required else ""
        yield Static(f"{slot.title}{star}", classes="slot-title", markup=False)
        if slot.condition:
            yield Static(slot.condition, classes="intro", markup=False)
        for group in slot.accepted:
            lines = [group.heading, group.lead] if group.heading or group.lead else []
            text = "\n".join([*(x for x in lines if x), *(f"• {i}" for i in group.items)])
            yield Static(text, classes="intro", markup=False)
        if self.request:
            yield app_help(self.request)
        for f in self.filed or []:
            yield Static(f"{describe_file(f)}\n  {SITE_LINK} ✖ SUPPRIMER {f.name.upper()}",
                         classes="filed", markup=False)
        if self.filed is None or self.editable:
            yield Static(
                f"{len(self.files)} fichier(s) sur {slot.max_files} au maximum",
                classes="slot-count",
            )
        for f in self.files:
            with Horizontal(classes="file-row"):
                yield Static(describe_file(f), classes="file-name", markup=False)
                if self.exportable and not f.missing:
                    yield Button("Exporter", id=f"ex-{f.id}", classes="export")
                if self.editable:
                    yield Button("SUPPRIMER", id=f"rm-{f.id}", classes="remove", variant="error")
            if f.missing:
                yield Static(
                    "Attention : la copie de ce fichier a disparu du dossier de données. "
                    "Supprimez-le puis joignez-le à nouveau.",
                    classes="file-warning",
                )
            for warning in f.warnings:
                yield Static(f"Attention : {warning}", classes="file-warning", markup=False)
        error = ErrorLine(self.error or "", classes="slot-error", id=f"err-{self.key}")
        error.display = bool(self.error)
        yield error
        if self.editable:
            # Stays enabled when full: pressing it then says why (the ANEF's limit).
            with Horizontal(classes="slot-buttons"):
                yield Button("Joindre un document", id=f"attach-{self.key}", classes="attach")
                yield Button(COMBINE_LABEL, id=f"combine-{self.key}", classes="combine")

    def show_error(self, message: str | None) -> None:
        self.error = message
        error = self.query_one(f"#err-{self.key}", Static)
        error.update(message or "")
        error.display = bool(message)

    @on(Button.Pressed, ".attach")
    def _attach_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.AttachRequested(self.slot))

    @on(Button.Pressed, ".combine")
    def _combine_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.CombineRequested(self.slot))

    @on(Button.Pressed, ".export")
    def _export_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        file_id = int((event.button.id or "ex-0").removeprefix("ex-"))
        target = next(f for f in self.files if f.id == file_id)
        self.post_message(self.ExportRequested(self.slot, target))

    @on(Button.Pressed, ".remove")
    def _remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        file_id = int((event.button.id or "rm-0").removeprefix("rm-"))
        target = next(f for f in self.files if f.id == file_id)
        self.post_message(self.RemoveRequested(self.slot, target))
