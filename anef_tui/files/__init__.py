"""Attachment checks: format by content, size, page count, readability. No Textual."""
