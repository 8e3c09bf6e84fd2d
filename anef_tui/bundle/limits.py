"""The bounds a bundle must stay within, checked before anything is decrypted whole,
parsed deep or written: a hostile bundle is refused for its size, never for the memory or
the time it would take."""

from __future__ import annotations

#: The whole bundle file on disk (encrypted), and its content once decrypted.
MAX_BUNDLE_BYTES = 256 * 1024 * 1024
#: One file carried (an attachment, a PDF): the largest attachment is 10 MB (the ANEF's
#: limit); a PDF assembled from photos stays well under this.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Files of one dossier (attachments, PDFs), and rows of each list in the dossier's JSON
#: (notifications, deadlines, consents, attachments, documents).
MAX_FILES = 500
MAX_ROWS = 2000
#: Journal entries carried, and the JSON parts' sizes (the dossier, the journal).
MAX_JOURNAL_ENTRIES = 20000
MAX_JSON_BYTES = 16 * 1024 * 1024
#: The manifest (read first, before the parts).
MAX_MANIFEST_BYTES = 1024 * 1024
#: Any one string of the JSON (an answer, a title, a file's name, a journal entry).
MAX_STRING = 20000
#: Nesting of the JSON (answers are {step: {field: value or list of {…}}}).
MAX_NESTING = 12
