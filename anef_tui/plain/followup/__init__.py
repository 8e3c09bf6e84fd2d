"""After the filing, in plain lines: references, PDFs, the official number, the notifications
of the administration (recorded, opened, answered), the closure, and « Échéances »."""

from __future__ import annotations

from anef_tui.plain.dossier_commands import PDF_KINDS, say_pdf
from anef_tui.plain.followup.common import deadline_text, fr_date
from anef_tui.plain.followup.dossier import filed_dossier

__all__ = ["PDF_KINDS", "deadline_text", "filed_dossier", "fr_date", "say_pdf"]
