"""PDF documents made locally with fpdf2 (confirmation, checklist, summary). No Textual."""
