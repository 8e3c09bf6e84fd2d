"""What a screen does when a document slot asks to attach, assemble or remove a file.

One implementation for every screen that shows SlotWidgets: the Justificatifs step, the
answer to a « Demande de complément », « Reprendre ma demande » and the official documents
of a notification. A screen mixes `SlotActions` in and says, with three hooks, where the
files of a slot live (the dossier's own slots, a complément's, a notification's):

* `slot_attach(slot, path)` checks and copies a file (called in a worker thread);
* `slot_files(slot)` lists the attachments shown in the slot;
* `slot_remove(slot, attachment_id)` removes one.

Checks and copies run in a worker so that the screen never freezes on a big file; a file
refused only for its format or size is offered a conversion; several photos can be
assembled into one PDF. The user's originals are never modified.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from anef_tui.display import display_name
from anef_tui.oserrors import error_text
from anef_tui.ui.sight import bring_into_sight
from anef_tui.ui.widgets.slot import FileView, SlotWidget

if TYPE_CHECKING:
    from typing import Any

    from anef_tui.domain.catalogue import DocumentSlot
    from anef_tui.files.memory import MemoryFile
    from anef_tui.store.attachments import Attachment
    from anef_tui.ui.screens.guarded import Screen

    _Host = Screen[Any]  # what the mixin is mixed into, for the type checker
else:
    _Host = object


def file_views(attachments) -> list[FileView]:
    return [
        FileView(a.id, a.original_name, a.format, a.size, a.pages, a.warnings, a.missing)
        for a in attachments
    ]


class SlotActions(_Host):
    """Mixin for a Screen: handlers of SlotWidget's requests. Plain (named) handlers, so
    that Textual finds them through the MRO."""

    # -- hooks -------------------------------------------------------------------------
    def slot_attach(self, slot: DocumentSlot, path: Path | MemoryFile) -> Attachment:
        raise NotImplementedError

    def slot_files(self, slot: DocumentSlot) -> list[Attachment]:
        raise NotImplementedError

    def slot_remove(self, slot: DocumentSlot, attachment_id: int) -> None:
        raise NotImplementedError

    def slots_editable(self) -> bool:
        return True

    # -- helpers -----------------------------------------------------------------------
    def slot_widget(self, slot: DocumentSlot) -> SlotWidget:
        return self.query_one(f"#slot-{slot.id.replace(':', '-')}", SlotWidget)

    def slot_file_views(self, slot: DocumentSlot) -> list[FileView]:
        return file_views(self.slot_files(slot))

    def _room_for_one_more(self, slot: DocumentSlot) -> bool:
        from anef_tui.files.checks import slot_limit_message

        widget = self.slot_widget(slot)
        message = slot_limit_message(len(widget.files) + 1, slot.max_files, slot.title)
        if message:
            widget.show_error(message)
            self.notify(message, severity="warning")
            return False
        return True

    # -- attach ------------------------------------------------------------------------
    def on_slot_widget_attach_requested(self, event: SlotWidget.AttachRequested) -> None:
        from anef_tui.ui.screens.file_picker import FilePickerScreen

        event.stop()
        slot = event.slot
        if not self.slots_editable() or not self._room_for_one_more(slot):
            return

        def picked(path: Path | None) -> None:
            if path is not None:
                self.services.remember_folder(path.parent)
                self._attach_file(slot, path)

        self.app.push_screen(
            FilePickerScreen(self.services.last_folder(), title=f"Joindre : {slot.title}"), picked
        )

    @work(thread=True, exclusive=False, group="attach")
    def _attach_file(self, slot: DocumentSlot, path: Path) -> None:
        """Check and copy in a worker: the interface never freezes on a big file."""
        from anef_tui.store.attachments import AttachmentError
        from anef_tui.store.db import StoreError

        try:
            self.slot_attach(slot, path)
        except AttachmentError as exc:
            self.app.call_from_thread(self._attach_failed, slot, path, str(exc))
            return
        except (StoreError, ValueError) as exc:  # NotEditable, a document not asked for
            self._refresh_slot_from_thread(slot, error_text(exc), None)
            return
        self._refresh_slot_from_thread(slot, None, f"« {display_name(path)} » joint.")

    def _attach_failed(self, slot: DocumentSlot, path: Path, message: str) -> None:
        from anef_tui.domain.conversion_texts import target_label
        from anef_tui.files.checks import check_file
        from anef_tui.files.convert import conversion_target

        self.slot_widget(slot).show_error(message)
        self.notify(message, severity="error", timeout=8)
        target = conversion_target(check_file(path))
        if target is not None:
            self._offer_conversion(slot, path, target_label(target))

    def _offer_conversion(self, slot: DocumentSlot, path: Path, label: str) -> None:
        """Offer the conversion that fixes the file: a PDF keeps every page of a TIFF."""
        from anef_tui.domain.conversion_texts import OFFER_CONFIRM, OFFER_TITLE, offer_text
        from anef_tui.ui.screens.dialogs import ConfirmScreen

        def answered(ok: bool | None) -> None:
            if ok:
                self._convert_and_attach(slot, path, label)

        self.app.push_screen(
            ConfirmScreen(
                OFFER_TITLE,
                offer_text(path, label),
                confirm_label=OFFER_CONFIRM,
                danger=False,
            ),
            answered,
        )

    def _convert_and_attach(self, slot: DocumentSlot, path: Path, label: str) -> None:
        from anef_tui.domain.conversion_texts import converted_note
        from anef_tui.files.convert import converted

        self._attach_derived(slot, lambda: converted(path), converted_note(path, label))

    # -- assemble photos into one PDF --------------------------------------------------
    def on_slot_widget_combine_requested(self, event: SlotWidget.CombineRequested) -> None:
        from anef_tui.ui.screens.file_picker import FilePickerScreen

        event.stop()
        slot = event.slot
        if not self.slots_editable() or not self._room_for_one_more(slot):
            return

        def picked(paths: list[Path] | None) -> None:
            if paths:
                self.services.remember_folder(paths[-1].parent)
                self._combine_and_attach(slot, paths)

        self.app.push_screen(
            FilePickerScreen(
                self.services.last_folder(), title=f"Assembler en un PDF : {slot.title}", multiple=True
            ),
            picked,
        )

    def _combine_and_attach(self, slot: DocumentSlot, paths: list[Path]) -> None:
        from anef_tui.domain.conversion_texts import combined_name, combined_note
        from anef_tui.files.convert import combined

        name = combined_name(paths)
        self._attach_derived(slot, lambda: combined(paths, name), combined_note(paths, name))

    @work(thread=True, group="attach")
    def _attach_derived(self, slot: DocumentSlot, make_file, note: str) -> None:
        """Make a file (conversion, assembly) in memory, then attach it.

        The user's originals are never modified; the made file is never written anywhere but
        its copy in the store (encrypted in an encrypted data folder).
        """
        from anef_tui.files.convert import ConversionError
        from anef_tui.store.attachments import AttachmentError
        from anef_tui.store.db import StoreError

        try:
            self.slot_attach(slot, make_file())
        except (ConversionError, AttachmentError, StoreError, ValueError) as exc:
            self._refresh_slot_from_thread(slot, error_text(exc), None)
            return
        self._refresh_slot_from_thread(slot, None, note)

    # -- export (an encrypted data folder) ----------------------------------------------
    def on_slot_widget_export_requested(self, event: SlotWidget.ExportRequested) -> None:
        event.stop()
        self._export_file(event.slot, event.file.id)

    @work(thread=True, group="export")
    def _export_file(self, slot: DocumentSlot, attachment_id: int) -> None:
        """« Exporter »: the stored copy decrypted into the exports folder (a scan to upload
        to the ANEF site), its path said; a damaged copy or one of another vault is refused
        in French and nothing is written."""
        from anef_tui.store.db import StoreError
        from anef_tui.ui.delivery import tell_handed

        try:
            found = [a for a in self.slot_files(slot) if a.id == attachment_id]
            if not found:
                raise StoreError("Ce fichier n'est plus joint : actualisez la liste.")
            handout = self.services.hand_attachment(found[0])
        except (StoreError, OSError) as exc:
            self._refresh_slot_from_thread(slot, error_text(exc), None)
            return
        self.app.call_from_thread(tell_handed, self.app, handout, "Fichier exporté en clair",
                                  timeout=8)

    # -- remove ------------------------------------------------------------------------
    def on_slot_widget_remove_requested(self, event: SlotWidget.RemoveRequested) -> None:
        from anef_tui.ui.screens.dialogs import ConfirmScreen

        event.stop()
        slot, file = event.slot, event.file
        if not self.slots_editable():
            return

        async def answered(ok: bool | None) -> None:
            if not ok:
                return
            from anef_tui.store.attachments import AttachmentError
            from anef_tui.store.db import StoreError

            try:
                self.slot_remove(slot, file.id)
            except (AttachmentError, StoreError) as exc:
                await self._refresh_slot(slot, str(exc), None)
                return
            await self._refresh_slot(slot, None, f"« {file.name} » supprimé.")

        self.app.push_screen(
            ConfirmScreen(
                "Supprimer le fichier",
                f"Supprimer « {file.name} » de « {slot.title} » ? Le fichier d'origine, sur "
                "votre ordinateur, n'est pas touché.",
                confirm_label="SUPPRIMER",
            ),
            answered,
        )

    # -- refresh -----------------------------------------------------------------------
    def _refresh_slot_from_thread(
        self, slot: DocumentSlot, error: str | None, note: str | None
    ) -> None:
        """From a worker thread: `_refresh_slot` on the UI thread, waited for."""
        # An async callback (Textual awaits it); mypy infers `Never` for its result.
        self.app.call_from_thread(self._refresh_slot, slot, error, note)  # type: ignore[arg-type]

    async def _refresh_slot(self, slot: DocumentSlot, error: str | None, note: str | None) -> None:
        after = getattr(self, "after_slot_change", None)
        if callable(after):
            after()
        if not self.query(f"#slot-{slot.id.replace(':', '-')}"):
            # The step screen moved on to another step meanwhile (in place): the file is
            # attached, the slot is no longer shown.
            if error:
                self.notify(error, severity="error", timeout=8)
            return
        widget = self.slot_widget(slot)
        widget.files = self.slot_file_views(slot)
        widget.error = error
        await widget.recompose()
        if note:
            self.notify(note, timeout=4)
        if error:
            self.notify(error, severity="error", timeout=8)
        buttons = widget.query(".attach")
        if buttons:
            button = buttons.first()
            # The slot grew (a file row) or shrank: once laid out again, bring the button
            # into sight (at 80×24 it was left below the visible part of the form).
            button.focus(scroll_visible=False)
            self.call_after_refresh(bring_into_sight, button)


class NotificationSlots(SlotActions):
    """The slots of one notification (`self.notification_id`): the files answering a
    complément (`complement:<id>:<document>`) and the official document of a prolongation
    or a decision (`officiel:<id>`). The follow-up store decides what may still change."""

    notification_id: int

    def _is_official(self, slot: DocumentSlot) -> bool:
        from anef_tui.store.followup import OFFICIAL_SLOT_PREFIX

        return slot.id.startswith(OFFICIAL_SLOT_PREFIX)

    def _document_of(self, slot: DocumentSlot) -> str:
        from anef_tui.store.followup import complement_slot_id

        return slot.id.removeprefix(complement_slot_id(self.notification_id, ""))

    def slot_attach(self, slot: DocumentSlot, path: Path | MemoryFile) -> Attachment:
        if self._is_official(slot):
            return self.services.followup.attach_official_file(self.notification_id, path)
        return self.services.followup.attach_complement_file(
            self.notification_id, self._document_of(slot), path
        )

    def slot_files(self, slot: DocumentSlot) -> list[Attachment]:
        if self._is_official(slot):
            return self.services.followup.official_files(self.notification_id)
        return self.services.followup.complement_files(self.notification_id, self._document_of(slot))

    def slot_remove(self, slot: DocumentSlot, attachment_id: int) -> None:
        if self._is_official(slot):
            self.services.followup.remove_official_file(self.notification_id, attachment_id)
        else:
            self.services.followup.remove_complement_file(self.notification_id, attachment_id)

    def show_problems(self, message: str) -> None:
        """What prevents sending, one bullet per line, at the top of the form (#errors)."""
        from textual.containers import VerticalScroll

        from anef_tui.ui.widgets.plain import Static

        errors = self.query_one("#errors", Static)
        errors.update("\n".join(f"• {line}" for line in message.splitlines()))
        errors.display = True
        self.query_one("#form", VerticalScroll).scroll_home(animate=False)

    def complement_slot(self, base: DocumentSlot, document_id: str, title: str) -> DocumentSlot:
        """The slot that takes the new files of document `document_id` of the complément."""
        from anef_tui.store.followup import complement_slot_id

        return base.model_copy(update={
            "id": complement_slot_id(self.notification_id, document_id), "title": title,
            "required": False, "condition": None, "accepted": [],
        })

    def official_slot(self, title: str) -> DocumentSlot:
        from anef_tui.domain.catalogue import DocumentSlot
        from anef_tui.store.followup import OFFICIAL_MAX_FILES, official_slot_id

        return DocumentSlot(
            id=official_slot_id(self.notification_id), title=title, section="",
            required=False, max_files=OFFICIAL_MAX_FILES,
        )
