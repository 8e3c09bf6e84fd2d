"""A dossier handed over (issue 24 item 4): one encrypted file holding a dossier whole —
answers, files, notifications, deadlines, complément answers, consents and its journal —
with its own phrase, said once. `sealed` (the encryption), `container` (the manifest and
its parts), `shape` (every check of the content), `collect` (export), `bring` (import).
No Textual here."""

from __future__ import annotations

from anef_tui.bundle.bring import Opened, import_bundle, open_bundle
from anef_tui.bundle.collect import Exported, bundle_for_browser, bundle_name, export_dossier
from anef_tui.bundle.errors import BundleRefused, MistypedBundlePhrase, WrongBundlePhrase
from anef_tui.bundle.sealed import parse_phrase, shown_phrase

__all__ = [
    "BundleRefused", "Exported", "MistypedBundlePhrase", "Opened", "WrongBundlePhrase",
    "bundle_for_browser", "bundle_name", "export_dossier", "import_bundle", "open_bundle", "parse_phrase",
    "shown_phrase",
]
