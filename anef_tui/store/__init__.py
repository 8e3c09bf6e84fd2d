"""Storage: SQLite (sqlite-utils) schema, migrations, dossier repository, attachment store. No Textual."""
