"""Domain: dossier models, field rules, procedure catalogue, states. Pure Python, no Textual, no SQL."""
