"""A FieldBlock created hidden (show_if not met) composes its widgets only when first shown:
until then it must read back exactly what its widgets would give (drafts, validation)."""

from __future__ import annotations

from textual.app import App
from textual.containers import Vertical, VerticalScroll

from anef_tui.domain.catalogue import load_catalogue
from anef_tui.ui.widgets.fields import FieldBlock


def every_field():
    for procedure in load_catalogue().values():
        forms = [procedure.profile, *procedure.steps] if procedure.profile else procedure.steps
        for form in forms:
            for section in getattr(form, "sections", []):
                yield from section.fields


def samples(field) -> list:
    values = [None, "", "texte", ["a", "b"], [], True, False, "ligne 1\nligne 2"]
    return values + list(field.choices)


async def test_hidden_block_reads_back_what_its_widgets_would():
    fields = [f for f in every_field() if f.type != "info" and not f.readonly]
    assert {f.type for f in fields} >= {"choice", "yesno", "checkbox", "text", "date"}
    assert any(f.repeatable for f in fields)
    cases = [(f, v) for f in fields for v in samples(f)]
    app = App()
    async with app.run_test() as pilot:
        box = VerticalScroll()
        # What is read back is the widgets' values, never what they draw: the box is not
        # displayed, so the ~1,400 blocks are mounted and composed but never laid out or
        # painted (a third of this test's CPU).
        box.display = False
        await app.screen.mount(box)
        for index in range(0, len(cases), 40):
            batch = cases[index:index + 40]
            shown = [FieldBlock(f, v, shown=True) for f, v in batch]
            hidden = [FieldBlock(f, v, shown=False) for f, v in batch]
            # One parent per block: several blocks of the same field share an id.
            await box.mount_all([Vertical(block) for block in shown + hidden])
            await pilot.pause()
            for (field, value), full, lazy in zip(batch, shown, hidden, strict=True):
                assert not lazy.children
                expected = full.get_value()
                assert lazy.get_value() == expected, (field.id, value)
                await lazy.show(True)
                assert lazy.children
                assert lazy.get_value() == expected, (field.id, value)
            await box.remove_children()
