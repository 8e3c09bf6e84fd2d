"""Issue 24: the applicant's consent in the full-screen app — its fields in « Nouveau
dossier » (`consent_fields`, `read_terms`), the renewal dialog (`ConsentScreen`), and what
happens after (`issue_mandate_in_worker`: the « Mandat / consentement » PDF made in a
thread, kept like the other PDFs, its path said)."""

from __future__ import annotations

from collections.abc import Iterator

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget

from anef_tui.domain.consent import (
    ConsentTerms,
    consent_rules,
    default_terms,
    duration_text,
    parse_months,
)
from anef_tui.ui.screens.guarded import ModalScreen, Screen
from anef_tui.ui.widgets.choice import ChoiceSet
from anef_tui.ui.widgets.plain import Button, ErrorLine, Input, Label, RadioButton, Static

DURATION_QUESTION = "Durée : « 1 jour », ou un nombre de mois (1 à {max}) :"


def duration_shown(months: int) -> str:
    return "1 jour" if months <= 0 else f"{months} mois"


def consent_fields() -> Iterator[Widget]:
    """The consent's questions: how it was given (a radio choice, the file's first manner
    selected), for how long (typed, the file's default shown)."""
    rules = consent_rules()
    default = default_terms()
    yield Static("Consentement de la personne, recueilli comment ?", classes="question")
    with ChoiceSet(id="consent-manner"):
        for code, label in rules.manners.items():
            yield RadioButton(label, value=code == default.manner, name=code)
    yield Label(DURATION_QUESTION.format(max=rules.max_months))
    yield Input(value=duration_shown(default.months), id="consent-duration")
    problem = ErrorLine("", id="consent-problem")
    problem.display = False
    yield problem


def read_terms(screen: Screen | ModalScreen) -> ConsentTerms | None:
    """The terms typed on `screen`, or None after saying what is wrong under the duration."""
    pressed = screen.query_one("#consent-manner", ChoiceSet).pressed_button
    manner = pressed.name if pressed and pressed.name else default_terms().manner
    months = parse_months(screen.query_one("#consent-duration", Input).value)
    problem = screen.query_one("#consent-problem", Static)
    problem.display = months is None
    if months is None:
        problem.update(
            f"Durée non comprise : tapez « 1 jour », ou de 1 à "
            f"{consent_rules().max_months} mois."
        )
        screen.query_one("#consent-duration", Input).focus()
        # Under the field, in a dialog that scrolls at 80x24: brought into sight.
        screen.call_after_refresh(problem.scroll_visible, animate=False)
        return None
    problem.update("")
    return ConsentTerms(manner, months)


class ConsentScreen(ModalScreen[ConsentTerms | None]):
    """« Renouveler le consentement » of one dossier: manner and duration again; a new
    mandate PDF is made once it is recorded."""

    BINDINGS = [
        Binding("escape", "cancel", "Annuler", id="consent.cancel"),
        Binding("ctrl+s", "record", "Enregistrer le consentement", id="consent.record"),
    ]

    def __init__(self, who: str, standing: str) -> None:
        super().__init__()
        self.who = who
        self.standing = standing  # a sentence: where the consent stands now

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label("Renouveler le consentement", classes="dialog-title")
            yield Static(f"{self.who} — {self.standing}", classes="question")
            yield from consent_fields()
            with Horizontal(classes="buttons"):
                yield Button("Annuler", id="cancel")
                yield Button("Enregistrer le consentement", id="record", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#consent-manner", ChoiceSet).focus()

    @on(Input.Submitted, "#consent-duration")
    @on(Button.Pressed, "#record")
    def action_record(self) -> None:
        terms = read_terms(self)
        if terms is not None:
            self.dismiss(terms)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def read_only_toast(why: str) -> str:
    """The toast said when a dossier whose consent is not in force opens (`why`: the
    store's refusal); taken back once F7 renewed the consent."""
    return f"{why} Lecture seule : F7 « Renouveler le consentement »."


def recorded_text(terms: ConsentTerms) -> str:
    return f"Consentement enregistré ({duration_text(terms.months)})."
