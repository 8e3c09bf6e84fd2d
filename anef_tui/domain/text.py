"""Text helpers: accent- and case-folding for search keys and lenient matching."""

from __future__ import annotations

import unicodedata

#: Before anef-tui's own help, said in its own voice and never mixed into the site's text
#: (a field's or a section's `app_help`, a notification's notes), in both front ends.
APP_HELP_PREFIX = "Aide anef-tui : "


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse spaces: « Élodie  GUIDÉ » -> « elodie guide »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("œ", "oe").replace("æ", "ae")
    return " ".join(stripped.split())
