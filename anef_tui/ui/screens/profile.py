"""« Mon titre actuel » (renewal) / « Mon compte » (first application): the profile form.

On the ANEF the renewal is pre-filled from the current title; here it is typed once in this
form (or copied from an earlier dossier) and shown read-only in step 1.
"""

from __future__ import annotations

from textual.binding import Binding

from anef_tui.store.dossiers import DossierRecord
from anef_tui.ui.screens.dossier import StepScreen


class ProfileScreen(StepScreen):
    BINDINGS = [
        Binding("f5", "password_helper", "Mot de passe", id="profile.password",
                tooltip="Aide au choix du mot de passe ANEF (rien n'est enregistré)"),
    ]

    def form_of(self, record: DossierRecord):
        return self.procedure.profile

    def initial_values(self, record: DossierRecord) -> dict:
        return dict(record.answers.get(self.step_id, {}))

    def heading_text(self) -> str:
        return self.step.title

    def shows_page_title(self) -> bool:
        return False  # anef-tui's stand-in for the site's account screens

    def compose_intro(self):
        """The profile stands in for the site's account screens: its intro is anef-tui's own
        voice (the site's sentences it quotes are in « »)."""
        from anef_tui.ui.widgets.fields import app_help

        for paragraph in self.step.intro:
            yield app_help(paragraph)

    def sub_title_text(self) -> str:
        return f"{self.procedure.short_label} — {self.step.title}"

    def save_values(self, values: dict, name: str | None, expected_version: int | None) -> int:
        from anef_tui.domain import flow

        return self.services.dossiers.save_profile(
            self.dossier_id,
            self.step_id,
            values,
            applicant_name=name,
            next_step=self.return_to or flow.next_position(self.procedure, self.step_id),
            expected_version=expected_version,
        )

    def action_password_helper(self) -> None:
        from anef_tui.ui.screens.password import PasswordHelperScreen

        self.app.push_screen(PasswordHelperScreen())
