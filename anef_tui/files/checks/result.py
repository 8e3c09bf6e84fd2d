"""What checking one file found (`CheckResult`), and a file name as it can be shown."""

from __future__ import annotations

from dataclasses import dataclass

from anef_tui.display import display_name, display_path

__all__ = ["CheckResult", "display_name", "display_path"]


@dataclass(frozen=True)
class CheckResult:
    """What checking one file found. ``reason`` is set (in French) when it is refused."""

    path: str
    accepted: bool
    reason: str | None = None
    warnings: tuple[str, ...] = ()
    format: str | None = None  # one of ACCEPTED, or None
    size: int | None = None  # bytes
    pages: int | None = None  # PDF page count; 1 for an image (frame count for a TIFF)
    detected: str | None = None  # what the content really is, even when refused
    width: int | None = None  # images only, in pixels
    height: int | None = None

    def to_json(self) -> dict:
        """The JSON shape printed by ``anef-tui check --json``; ``path`` as `display_path`
        shows it (valid UTF-8, « \ufffd » for bytes that are not)."""
        return {
            "path": display_path(self.path),
            "accepted": self.accepted,
            "reason": self.reason,
            "warnings": list(self.warnings),
            "format": self.format,
            "size": self.size,
            "pages": self.pages,
        }
