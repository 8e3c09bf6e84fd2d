"""Nothing told by colour alone, and colours that differ where they mean different things
(issue 21): tried as a tester did, at 80×24 under NO_COLOR and under TERM=linux (16
colours: Textual downgrades the default theme's colours, or the user chose « Couleurs du
terminal », ansi-dark). Each test reads the screen as drawn: characters and their styles."""

from __future__ import annotations

import json

import pytest
from rich.color import Color, ColorSystem
from rich.style import Style

from anef_tui.ui.screens.profile import ProfileScreen
from anef_tui.ui.widgets.fields import FieldBlock
from tests.ui.cursor_cells import screen_rows

#: How the tester looked: a 16-colour terminal shows the default theme downgraded, or the
#: ANSI one (« Couleurs du terminal »); NO_COLOR=1 with the default theme.
LOOKS = ["textual-dark", "ansi-dark", "NO_COLOR"]


def choose_theme(data_dir, theme: str) -> None:
    """As if chosen earlier in the palette (« Thème de couleurs »), which saves it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "preferences.json").write_text(json.dumps({"theme": theme}), encoding="utf-8")


def set_look(data_dir, monkeypatch, look: str) -> str:
    """The theme for `look` (NO_COLOR set in the environment, read by the app); returns it."""
    theme = "textual-dark" if look == "NO_COLOR" else look
    if look == "NO_COLOR":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    choose_theme(data_dir, theme)
    return theme


def sixteen(color: Color | None) -> int | None:
    """The colour a 16-colour terminal (TERM=linux) shows."""
    if color is None or color.is_default:
        return None
    return color.downgrade(ColorSystem.STANDARD).number


def text_of(row, start: int, end: int) -> str:
    """One character per cell (the second cell of a wide character is « \0 »)."""
    return "".join(char or "\0" for char, _ in row[start:end])


def first_styled(row, start: int, end: int) -> Style:
    """The style of the first visible character between start and end."""
    for char, style in row[start:end]:
        if char.strip():
            return style
    raise AssertionError("nothing drawn there")


@pytest.mark.parametrize("look", LOOKS)
async def test_the_focused_field_and_the_errors_differ_by_shape_and_by_colour(
        make_app, data_dir, monkeypatch, look):
    """After a refused Ctrl+S: the focused field has the heavy border (not the others'), each
    error line starts with « ✗ », and in 16 colours the focus border and the error text are
    not the same colour (both were bright red under TERM=linux)."""
    theme = set_look(data_dir, monkeypatch, look)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n", "ctrl+s")  # a renewal: « Mon titre actuel »
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen) and app.theme == theme
        await pilot.press("ctrl+s")  # everything empty: errors
        await pilot.pause()
        focused = app.focused
        assert focused is not None and focused.id == "f-n_etranger"
        block = next(a for a in focused.ancestors if isinstance(a, FieldBlock))
        error = block.query_one(".field-error")
        rows = screen_rows(app)
        box, line = focused.region, error.region
        corner, corner_style = rows[box.y][box.x]
        assert corner == "┏", "the focused field: a heavy border"
        said = text_of(rows[line.y], line.x, line.right)
        assert said.startswith("✗ ") and "obligatoire" in said, said
        error_style = first_styled(rows[line.y], line.x, line.right)
        if look != "NO_COLOR":
            assert sixteen(corner_style.color) != sixteen(error_style.color), (
                corner_style, error_style)
        # Another field in error, not focused: not the focus's border.
        await pilot.press("tab")
        await pilot.pause()
        rows = screen_rows(app)
        assert rows[box.y][box.x][0] != "┏"


def shown(style: Style) -> tuple[object, object]:
    """(text colour, background) as a terminal shows them, reverse video applied; « fg » and
    « bg » for the terminal's own colours."""
    fg = "fg" if style.color is None or style.color.is_default else sixteen(style.color)
    bg = "bg" if style.bgcolor is None or style.bgcolor.is_default else sixteen(style.bgcolor)
    return (bg, fg) if style.reverse else (fg, bg)


def stands_out(cursor: Style, ordinary: Style, look: str) -> bool:
    """The cursor line is told without colour (reverse video, which NO_COLOR keeps) and, in
    16 colours, looks different from an ordinary line. In ansi-dark, black on white reversed
    is white on black: on the dark terminal that theme is for, plain text."""
    if not cursor.reverse:
        return False
    if look == "NO_COLOR":
        return True
    background = shown(cursor)[1]
    if look == "ansi-dark" and background in ("bg", 0):
        return False
    return shown(cursor) != shown(ordinary)


def style_of(rows, text: str, region) -> Style:
    """The style of the first character of `text`, drawn in `region`."""
    for y in range(region.y, region.bottom):
        line = text_of(rows[y], region.x, region.right)
        if text in line:
            return rows[y][region.x + line.index(text)][1]
    raise AssertionError(f"« {text} » not drawn")


async def until(pilot, condition, what: str) -> None:
    """The palette searches in a worker and says « no match » after its own short timer:
    wait for what should be drawn (bounded), never for a time."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never drawn: {what}")


def drawn(app) -> str:
    return "\n".join(text_of(row, 0, len(row)) for row in screen_rows(app))


@pytest.mark.parametrize("look", LOOKS)
async def test_the_palette_highlights_its_command_without_colour_and_speaks_french(
        make_app, data_dir, monkeypatch, look):
    """Ctrl+P: the highlighted command in reverse video (a shade only before), and a search
    that finds nothing says so in French (« No matches found » before)."""
    from textual.command import CommandList

    set_look(data_dir, monkeypatch, look)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"Aide")
        commands = app.screen.query_one(CommandList)
        await until(pilot, lambda: commands.option_count > 0 and commands.highlighted == 0
                    and "Afficher les touches" in drawn(app), "the commands found")
        await pilot.press("down")  # the second command
        await pilot.pause()
        rows = screen_rows(app)
        region = commands.content_region
        options = [y for y in range(region.y, region.bottom)
                   if text_of(rows[y], region.x, region.right).strip()]
        highlighted = [y for y in options if rows[y][region.x + 2][1].reverse]
        assert highlighted, "no line in reverse video"
        ordinary = next(y for y in options if y not in highlighted)
        assert stands_out(first_styled(rows[highlighted[0]], region.x, region.right),
                          first_styled(rows[ordinary], region.x, region.right), look)
        await pilot.press(*"zzzz")
        await until(pilot, lambda: "Aucune commande ne correspond" in drawn(app),
                    "the French « no match »")
        assert "No matches" not in drawn(app)


async def test_the_theme_chooser_says_no_match_in_french_too(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"Thème de couleurs")
        await until(pilot, lambda: "Sombre, clair" in drawn(app), "the theme command")
        await pilot.press("enter")
        await until(pilot, lambda: "Contraste élevé" in drawn(app), "the themes")
        await pilot.press(*"zzzz")
        await until(pilot, lambda: "Aucune commande ne correspond" in drawn(app),
                    "the French « no match »")


@pytest.mark.parametrize("look", LOOKS)
async def test_the_file_pickers_cursor_line_is_in_reverse_video(
        make_app, data_dir, tmp_path, monkeypatch, look):
    """The folder list's cursor line was bold on grey only: nothing under NO_COLOR."""
    from anef_tui.ui.screens.file_picker import FilePickerScreen, FileTree
    from tests.ui.keys import tab_to
    from tests.ui.test_slots import SLOT, make_scan, open_first_dossier, renewal_at_documents

    scans = tmp_path / "scans"
    scans.mkdir()
    for name in ("facture.png", "quittance.png"):
        make_scan(scans / name)
    renewal_at_documents(data_dir)
    set_look(data_dir, monkeypatch, look)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_dossier(pilot)
        await tab_to(pilot, f"attach-{SLOT}")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FilePickerScreen)
        await pilot.press("ctrl+u", *str(scans), "enter")  # the folder: its list
        await pilot.pause()
        await pilot.press("down")  # from the folder's line to its first file
        await pilot.pause()
        tree = app.screen.query_one(FileTree)
        assert app.focused is tree
        rows = screen_rows(app)
        region = tree.content_region
        assert stands_out(style_of(rows, "facture.png", region),
                          style_of(rows, "quittance.png", region), look)


@pytest.mark.parametrize("look", LOOKS)
async def test_cursor_lines_stand_out_in_16_colours(make_app, data_dir, monkeypatch, look):
    """The table's row and a radio group's highlighted option: reverse video that the ansi
    theme's black-on-white cursor colours do not cancel."""
    from textual.widgets import RadioSet

    from anef_tui.ui.widgets.plain import DataTable
    from tests.ui.keys import tab_to

    set_look(data_dir, monkeypatch, look)
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f", *"diallo", "enter")  # the table, on DIALLO's row
        await pilot.pause()
        table = app.screen.query_one("#dossiers", DataTable)
        await pilot.press("escape")
        await tab_to(pilot, "dossiers")
        rows = screen_rows(app)
        region = table.content_region
        cursor = region.y + table.header_height + table.cursor_row - int(table.scroll_y)
        other = cursor + 1 if cursor + 1 < region.bottom else cursor - 1
        assert stands_out(first_styled(rows[cursor], region.x, region.right),
                          first_styled(rows[other], region.x, region.right), look)
        await pilot.press("ctrl+f", *"diallo", "enter", "enter")  # étape 3, motif de séjour
        await pilot.pause()
        await tab_to(pilot, "f-situation_familiale")
        await pilot.press("down")
        group = app.screen.query_one("#f-situation_familiale", RadioSet)
        rows = screen_rows(app)
        region = group.content_region
        lines = [y for y in range(region.y, region.bottom)
                 if text_of(rows[y], region.x, region.right).strip()]
        highlighted = [y for y in lines if rows[y][region.x + 4][1].reverse]
        assert highlighted, "no option in reverse video"
        ordinary = next(y for y in lines if y not in highlighted)
        assert stands_out(rows[highlighted[0]][region.x + 5][1],
                          rows[ordinary][region.x + 5][1], look)


async def test_every_theme_offered_tells_the_focus_from_the_errors_in_16_colours(make_app):
    """`$focus` (the focused field's border) and `$error`, as a 16-colour terminal shows
    them, for every theme the palette offers."""
    from textual.color import Color as TextualColor

    from anef_tui.ui.themes import THEMES

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for name in THEMES:
            app.theme = name
            await pilot.pause()
            variables = app.get_css_variables()
            focus, error = (TextualColor.parse(variables[key]).rich_color
                            for key in ("focus", "error"))
            assert sixteen(focus) != sixteen(error), (name, variables["focus"])


@pytest.mark.parametrize("look", ["ansi-dark", "NO_COLOR"])
async def test_the_scrolling_form_shows_when_it_has_the_focus(data_dir, make_app, monkeypatch,
                                                               look):
    """Tab after « Enregistrer et poursuivre » focuses the step's scrolling form itself (its
    arrows scroll it; a filed dossier opens on it): a « ┃ » bar down its left side says so,
    and goes with the focus. Before, nothing on screen changed."""
    from tests.ui.test_step_focus import renewal_at_step1

    set_look(data_dir, monkeypatch, look)
    renewal_at_step1(data_dir)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen.query_one("#form")

        def left_column() -> set[str]:
            rows = screen_rows(app)
            return {rows[y][form.region.x][0] for y in range(form.region.y, form.region.bottom)}

        assert left_column() == {" "}  # a field has the focus
        for _ in range(30):
            await pilot.press("tab")
            await pilot.pause()
            if app.focused is form:
                break
        assert app.focused is form
        assert left_column() == {"┃"}
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not form and left_column() == {" "}
