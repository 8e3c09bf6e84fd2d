"""The plain front end's ways of saying things: paragraphs, choices on a line, picking a
choice by number or by its start, sentences."""

from __future__ import annotations

YES, NO = "Oui", "Non"


def paragraphs(lines: list[str]) -> list[str]:
    """Catalogue paragraphs; « - » items become « • » lines."""
    return [f"  • {line[2:]}" if line.startswith("- ") else line for line in lines]


def choices_line(labels: list[str]) -> list[str]:
    """« 1. Oui  2. Non » on one line when short, else one choice per line."""
    items = [f"{n}. {label}" for n, label in enumerate(labels, 1)]
    one = "  ".join(items)
    return [one] if len(one) <= 40 else items


def pick(answer: str, labels: list[str]) -> str | None:
    """The label chosen by number or by text (case-insensitive; a unique start is enough)."""
    text = answer.strip()
    if text.isdigit() and text.isascii():
        n = int(text)
        return labels[n - 1] if 1 <= n <= len(labels) else None
    folded = text.casefold()
    if not folded:
        return None
    exact = [label for label in labels if label.casefold() == folded]
    if exact:
        return exact[0]
    starts = [label for label in labels if label.casefold().startswith(folded)]
    return starts[0] if len(starts) == 1 else None


#: The longest label and value an input line carries (a 40-cell braille display shows most of
#: « label [value] : »; what is cut ends with « … »).
LINE_LABEL, LINE_VALUE = 28, 16


def cut(text: str, width: int) -> str:
    """`text` on one line, at most `width` characters (« … » ends what is cut)."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def input_line(label: str, value: str = "") -> str:
    """The prompt of a question, as debconf writes it: « Nom [DUPONT] : », so that the
    cursor's line (what a braille display shows) says what is asked and its current value."""
    name = cut(label.rstrip(" :?*"), LINE_LABEL)
    return f"{name} [{cut(value, LINE_VALUE)}] : " if value else f"{name} : "


def download_line(label: str) -> str:
    """The site's link « Télécharger la liste des pièces justificatives. », and how the
    plain mode follows it (« :liste »)."""
    return f"{label} (tapez :liste pour l'enregistrer en PDF)"


def sentence(text: str) -> str:
    """`text` ending with one full stop (« pour : » stays as it is)."""
    text = text.rstrip()
    return text if text.endswith((".", ":", "?", "!", "»")) else text + "."


def file_problem(typed: str, exc: BaseException) -> str:
    """Why the file at the path the user typed could not be attached, in French: the store's
    own message, or what the system refused in French words (never Python's English). When
    the typed path held bytes that were not UTF-8 (read as « \ufffd »), how to get round it."""
    from anef_tui.display import REPLACEMENT, display_path
    from anef_tui.oserrors import advice, error_text, reason

    if isinstance(exc, OSError):
        message = (
            f"Le fichier « {display_path(typed)} » n'a pas pu être lu ({reason(exc)}) : "
            f"{advice(exc)}."
        )
    else:
        message = error_text(exc)
    if REPLACEMENT in typed:
        message += (
            f" Son chemin contient des caractères illisibles (« {REPLACEMENT} ») : renommez le "
            "fichier ou son dossier avec des lettres ordinaires, puis tapez le chemin à nouveau."
        )
    return message
