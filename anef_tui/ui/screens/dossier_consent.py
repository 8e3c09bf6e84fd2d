"""A dossier's screens while its consent is not in force (issue 24): read, as a filed
dossier's — the reason and F7 said above the form, the draft shown — and F7 « Renouveler
le consentement », after which the same screen comes back editable. A mixin of
DossierScreen (`load` sets `status_editable` and `consent_why`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.domain.consent import ConsentTerms
from anef_tui.store.dossiers import DossierRecord
from anef_tui.store.errors import StoreError

if TYPE_CHECKING:
    from typing import Any

    from textual.app import App

    from anef_tui.ui.screens.guarded import Screen
    from anef_tui.ui.services import Services

    _Host = Screen[Any]  # what the mixin is mixed into, for the type checker
else:
    _Host = object


def make_mandate(app: App, services: Services, dossier_id: int) -> None:
    """The new consent's « Mandat / consentement » PDF, made locally, in a worker of the
    App (the screen that asked may be replaced by its editable self meanwhile)."""
    from anef_tui.ui.delivery import tell_handed

    handout = services.hand_mandate(dossier_id)
    app.call_from_thread(tell_handed, app, handout, "Mandat / consentement à faire signer",
                         timeout=10)


class ConsentReading(_Host):
    """Mixin of DossierScreen: the consent's part of reading a dossier."""

    dossier_id: int
    position: str
    #: Whether the dossier's state lets it be changed (not filed, not closed).
    status_editable: bool
    #: Why its consent refuses every change (French), or None.
    consent_why: str | None

    def consent_refused(self) -> bool:
        """Whether the dossier's consent has expired, was withdrawn or is missing (issue
        24): then it is read — F7 renews the consent, Échap goes back to « Mes dossiers »."""
        if not self.is_mounted:
            return False
        try:
            return self.services.consents.refusal(self.dossier_id) is not None
        except StoreError:
            return False

    def action_renew_consent(self) -> None:
        """« Renouveler le consentement » from inside the dossier: the typing on screen stays
        (a save refused meanwhile can be made again once it is recorded)."""
        from anef_tui.ui.screens.consent import ConsentScreen, read_only_toast, recorded_text

        why = self.services.consents.refusal(self.dossier_id)
        name = self.services.dossiers.get(self.dossier_id).summary.applicant_name

        def chosen(terms: ConsentTerms | None) -> None:
            if terms is None:
                return
            self.services.consents.renew(self.dossier_id, terms)
            if why is not None:  # « … Lecture seule : F7 … », said on opening, is wrong now
                self.app.withdraw_toast(read_only_toast(why))  # type: ignore[attr-defined]
            self.app.notify(recorded_text(terms), timeout=4)
            app, services, dossier_id = self.app, self.services, self.dossier_id
            app.run_worker(lambda: make_mandate(app, services, dossier_id), thread=True,
                           group="pdf")
            if self.consent_why is not None and self.status_editable:
                # Shown read-only for the consent: the same place again, now editable (the
                # drafts were shown already, and are read again).
                self.app.switch_screen(
                    self.navigation.screen_for(self.dossier_id, self.position))
            else:
                self.refresh_bindings()

        self.app.push_screen(
            ConsentScreen(name or "(sans nom)", why or "le consentement est en cours."), chosen
        )

    def read_only_notice(self, record: DossierRecord) -> str:
        """The sentence above a read-only screen: why it cannot be changed."""
        if self.consent_why is not None:
            return f"{self.consent_why} F7 : « Renouveler le consentement »."
        return (f"Ce dossier est « {record.summary.status.label} » : il ne peut plus être "
                "modifié.")

    def draft_shown(self, record: DossierRecord, position: str) -> dict:
        """The typing kept for `position`: shown while editable, and while only the consent
        stops the changes (nothing typed is hidden, nothing lost); not on a filed dossier."""
        return record.drafts.get(position, {}) if self.status_editable else {}
