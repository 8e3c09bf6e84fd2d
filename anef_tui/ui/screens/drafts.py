"""What a form step keeps of what is typed before it is validated: a draft every few
seconds, apart from the saved answers, and — when another window changed the dossier
meanwhile — the user's choice of what to keep (ConflictScreen), never a silent overwrite."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from anef_tui.domain.catalogue import without_defaults

if TYPE_CHECKING:
    from anef_tui.ui.screens.guarded import Screen

    _Host = Screen[Any]  # what the mixin is mixed into, for the type checker
else:
    _Host = object


class DraftKeeping(_Host):
    """Mixed into StepScreen (and the profile): `current_values`, `step`, `step_id`,
    `version`, `_last_draft`, `_conflict_open`, `_changing_step` are the screen's."""

    # What the screen holds (StepScreen sets them), for the type checker.
    editable: bool
    dossier_id: int
    position: str
    step_id: str
    step: Any
    return_to: str | None
    version: int | None
    _last_draft: dict | None
    _conflict_open: bool
    #: « Annuler » was chosen in the conflict dialog: the autosave stops asking (it reopened
    #: the dialog every 3 s, nothing could be typed) until the typing is saved or reloaded;
    #: Ctrl+S, Ctrl+Q and a step change still ask.
    _conflict_declined: bool = False
    _changing_step: bool

    def current_values(self) -> dict:
        raise NotImplementedError  # the screen's fields, read

    def save_draft(self) -> bool:
        """Keep what is typed on this step, unvalidated, apart from the saved answers.

        False if the dossier changed in another window: nothing is written, the typing
        stays on screen and the user chooses what to keep (ConflictScreen)."""
        from anef_tui.store.db import ConflictError

        if not self.editable or not self.is_mounted or self._changing_step:
            return True
        if self._conflict_open:
            return False
        values = self.current_values()
        if values == self._last_draft:
            return True
        try:
            self.version = self.services.dossiers.save_draft(
                self.dossier_id, self.step_id, without_defaults(self.step, values),
                expected_version=self.version,
            )
        except ConflictError as exc:
            self._resolve_conflict(str(exc), then=None)
            return False
        self._last_draft = values
        return True

    def autosave(self) -> None:
        """The 3-second autosave: `save_draft`, silent after « Annuler » on a conflict."""
        if not self._conflict_declined:
            self.save_draft()

    def _resolve_conflict(self, message: str, *, then) -> None:
        """Ask what to keep; `then()` runs once the user's typing is saved."""
        from anef_tui.ui.screens.dialogs import ConflictScreen

        if self._conflict_open:
            return
        self._conflict_open = True

        def chosen(answer: str | None) -> None:
            self._conflict_open = False
            self._conflict_declined = answer is None
            if answer == "keep":
                self.version = None  # this once, replace the other window's version
                if then is not None:
                    then()
                else:
                    self.save_draft()
            elif answer == "reload":
                self.app.switch_screen(
                    self.navigation.screen_for(self.dossier_id, self.position, **self.reopen_options())
                )

        self.app.push_screen(ConflictScreen(message), chosen)

    def reopen_options(self) -> dict:
        return {"return_to": self.return_to} if self.return_to else {}

    def after_slot_change(self) -> None:
        """Our own attach or removal raised the dossier's version: not a conflict."""
        self.version = self.services.dossiers.version(self.dossier_id)
