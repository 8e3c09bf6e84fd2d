"""Two arrows in a row on a choice (issue 21: no key lost). Each radio button tells its set
of its change from its own message queue: a button still busy (just mounted, as after the
in-place change of step that Ctrl+S makes) is heard after the next one, and the set then
went back to the first arrow's option — the second arrow lost (seen in full runs of
test_step_focus: pressed 1, not 2). Here the first option's button is kept busy on
purpose, so the late order happens every time."""

from __future__ import annotations

import asyncio

from textual import events
from textual.app import App, ComposeResult

from anef_tui.ui.widgets.choice import Choice, ChoiceSet

OPTIONS = ["Célibataire", "Marié(e)", "Pacsé(e)", "Concubin(ne)"]


class OneChoice(App):
    def compose(self) -> ComposeResult:
        with ChoiceSet(id="choix"):
            for option in OPTIONS:
                yield Choice(option)


async def test_the_last_arrow_chooses_even_when_a_button_is_heard_late():
    app = OneChoice()
    async with app.run_test(size=(60, 12)) as pilot:
        choices = app.query_one(ChoiceSet)
        choices.focus()
        await pilot.pause()
        await pilot.press("down")  # « Marié(e) »
        await pilot.pause()
        assert choices.pressed_index == 1
        busy = list(choices.query(Choice))[2]

        async def a_while() -> None:
            await asyncio.sleep(0.2)

        busy.call_later(a_while)  # « Pacsé(e) »'s queue: its change waits behind this
        for key in ("down", "down"):  # typed ahead: both reach the set before either change
            app.post_message(events.Key(key, None))
        await pilot.pause(0.5)
        await pilot.pause()
        assert choices.pressed_index == 3, OPTIONS[choices.pressed_index]
        assert [c.value for c in choices.query(Choice)] == [False, False, False, True]
