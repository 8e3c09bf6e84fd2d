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


def sentence(text: str) -> str:
    """`text` ending with one full stop (« pour : » stays as it is)."""
    text = text.rstrip()
    return text if text.endswith((".", ":", "?", "!", "»")) else text + "."
