"""Colour themes, named in French, chosen from the palette and remembered between runs.

Nothing in the app is told by colour alone (the chosen option has ● / X, the focused field
a heavy border, an error « ✗ », cursor lines are in reverse video); the themes are for
comfort, and the high-contrast one for low vision.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="anef-contraste",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#00FFFF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    warning="#FFFF00",
    error="#FF6E6E",
    success="#7CFF7C",
    dark=True,
    variables={
        "border": "#FFFF00",
        "border-blurred": "#FFFFFF",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "input-selection-background": "#FFFF00 40%",
        "footer-key-foreground": "#FFFF00",
        "focus": "#00FFFF",
    },
)

#: `$focus`, the colour of the focused field's heavy border (app.tcss), by theme: never the
#: errors' red, in 16 colours either (TERM=linux), where Textual turns the default theme's
#: orange accent into the same bright red as its errors. Amber stays orange in 256 colours
#: and becomes yellow in 16; blue on the light theme; bright cyan in the ANSI one (green
#: against red is the pair red-green colour blindness confuses). Issue 21.
FOCUS = {
    "textual-dark": "#FFB000",
    "textual-light": "#004578",
    "ansi-dark": "ansi_bright_cyan",
}

# name -> French label, in the order the palette lists them.
THEMES: dict[str, str] = {
    "textual-dark": "Sombre (par défaut)",
    "textual-light": "Clair",
    "anef-contraste": "Contraste élevé (jaune et blanc sur noir)",
    "ansi-dark": "Couleurs du terminal (16 couleurs)",
}
#: Names saved by earlier versions, and the theme they meant (« textual-ansi » is not a
#: theme of the pinned Textual: choosing it closed the app).
RENAMED = {"textual-ansi": "ansi-dark"}
DEFAULT_THEME = "textual-dark"
PREFERENCE = "theme"


def focus_colour(name: str, accent: str | None) -> str:
    """`$focus` for the theme `name` (a theme of its own may set it in its variables)."""
    return FOCUS.get(name) or accent or "ansi_bright_cyan"


class FocusVariable:
    """Mixin for an App that uses app.tcss: defines `$focus` where the theme does not."""

    def get_theme_variable_defaults(self) -> dict[str, str]:
        theme = self.current_theme  # type: ignore[attr-defined]
        return {"focus": focus_colour(theme.name, theme.accent)}


def known_theme(name: object) -> str:
    """A saved preference, if it names a theme we offer; else the default."""
    if isinstance(name, str):
        name = RENAMED.get(name, name)
    return name if isinstance(name, str) and name in THEMES else DEFAULT_THEME
