"""The plain line-by-line front end (`anef-tui texte`), for screen readers and braille displays.

The same data directory, procedures, rules and store as the full-screen app, rendered as plain
UTF-8 lines: no escape sequence, no colour, no redrawing. Standard input and output may be
pipes. No Textual here (tests/unit/test_import_hygiene.py checks it).
"""
