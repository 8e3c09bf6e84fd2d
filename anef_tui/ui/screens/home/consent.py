"""« Mes dossiers »: the applicant's consent (issue 24) — the mandate PDF made after a
dossier is created or its consent renewed, « Renouveler le consentement » (F7) and
« Retirer le consentement » (F5, confirmed) on the dossier under the cursor, and the
sentence an alert line says for a consent that ends soon, has ended, was withdrawn or is
missing."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual import work

from anef_tui.domain import consent as c
from anef_tui.store.consents import ConsentAlert
from anef_tui.store.dossiers import DossierSummary
from anef_tui.ui.delivery import tell_handed

if TYPE_CHECKING:
    from typing import Any

    from anef_tui.ui.screens.guarded import Screen

    _Host = Screen[Any]  # what the mixin is mixed into, for the type checker
else:
    _Host = object


def consent_line(name: str, alert: ConsentAlert, now: datetime) -> str:
    """« Consentement : BENALI Zoé — prend fin le 23/11/2026 à 10 h 30 : F5 pour le
    renouveler. »"""
    who = name or "(sans nom)"
    what = c.standing_words(alert.standing, alert.until,
                            missing=" (dossier créé avant cette version)")
    return f"Consentement : {who} — {what} : F7 pour le renouveler."


class HomeConsent(_Host):
    """Mixin of HomeScreen (which provides `selected`, `refresh_rows`, `refresh_alerts`)."""

    def selected(self) -> DossierSummary | None:
        raise NotImplementedError

    def refresh_rows(self, select_id: int | None = None, all_at_once: bool = False) -> None:
        raise NotImplementedError

    def refresh_alerts(self) -> None:
        raise NotImplementedError

    @work(thread=True, group="pdf")
    def make_mandate(self, dossier_id: int, said_first: str = "") -> None:
        """The « Mandat / consentement » PDF to print and have signed, made locally; its
        toast starts with `said_first` (« Dossier créé. »): one toast, not two piled on the
        first field of a new dossier at 80×24."""
        handout = self.services.hand_mandate(dossier_id)
        self.app.call_from_thread(tell_handed, self.app, handout,
                                  "Mandat / consentement à faire signer", timeout=10,
                                  said_first=said_first)

    def action_renew_consent(self) -> None:
        from anef_tui.ui.screens.consent import ConsentScreen, read_only_toast, recorded_text

        row = self.selected()
        if row is None:
            self.notify("Aucun dossier sélectionné.", severity="warning")
            return
        why = self.services.consents.refusal(row.id)
        standing = why if why is not None else "le consentement est en cours."

        def chosen(terms: c.ConsentTerms | None) -> None:
            if terms is None:
                return
            self.services.consents.renew(row.id, terms)
            if why is not None:  # « … Lecture seule : F7 … », said on opening, is wrong now
                self.app.withdraw_toast(read_only_toast(why))  # type: ignore[attr-defined]
            self.refresh_rows(select_id=row.id)
            self.refresh_alerts()
            self.notify(recorded_text(terms), timeout=4)
            self.make_mandate(row.id)

        self.app.push_screen(ConsentScreen(row.applicant_name or "(sans nom)", standing), chosen)

    def action_withdraw_consent(self) -> None:
        from anef_tui.ui.screens.dialogs import ConfirmScreen

        row = self.selected()
        if row is None:
            self.notify("Aucun dossier sélectionné.", severity="warning")
            return
        name = row.applicant_name or "(sans nom)"

        def confirmed(ok: bool | None) -> None:
            if not ok:
                return
            self.services.consents.withdraw(row.id)
            self.refresh_rows(select_id=row.id)
            self.refresh_alerts()
            self.notify(f"Consentement de {name} retiré : le dossier ne peut plus être "
                        "modifié.", timeout=5)

        self.app.push_screen(
            ConfirmScreen(
                "Retirer le consentement",
                f"{name} retire son consentement ? Le dossier restera lisible mais ne pourra "
                "plus être modifié, jusqu'à un nouveau consentement. Pour effacer ses "
                "données, abandonnez ensuite la demande (F8).",
                confirm_label="Retirer le consentement",
            ),
            confirmed,
        )
