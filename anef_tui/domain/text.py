"""Text helpers: accent- and case-folding for search keys and lenient matching, and French
spacing for text laid out in lines (the PDFs)."""

from __future__ import annotations

import re
import unicodedata

#: Before anef-tui's own help, said in its own voice and never mixed into the site's text
#: (a field's or a section's `app_help`, a notification's notes), in both front ends.
APP_HELP_PREFIX = "Aide anef-tui : "

#: Before the words of a link or button of the site that anef-tui cannot follow offline
#: (« [lien du site] VOIR LE DOCUMENT »), in both front ends.
SITE_LINK = "[lien du site]"


def fold(text: str) -> str:
    """Lower-case, strip accents and collapse spaces: « Élodie  GUIDÉ » -> « elodie guide »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = stripped.replace("œ", "oe").replace("æ", "ae")
    return " ".join(stripped.split())


#: French typography: a no-break space (U+00A0) before « : » and « » » and after « « »; a
#: narrow one (U+202F) before « ; », « ! » and « ? ». Both keep the sign with its word.
NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
_SPACE_BEFORE = re.compile(r" +([:»])")
_NARROW_BEFORE = re.compile(r" +([;!?])")
_SPACE_AFTER = re.compile(r"« +")


def french_spacing(text: str) -> str:
    """`text` with the spaces that French puts around « : ; ! ? » and inside « » made
    non-breaking, so that a line never starts with one of those signs nor ends with « « »:
    « Nom : » stays on one line. Only ordinary spaces the text already has change (a text
    without one keeps its look: « trouver? »); line breaks are kept."""
    if " " not in text:
        return text
    text = _SPACE_BEFORE.sub(NBSP + r"\1", text)
    text = _NARROW_BEFORE.sub(NARROW_NBSP + r"\1", text)
    return _SPACE_AFTER.sub("«" + NBSP, text)
