"""Migration 9: text is data, never a command to a terminal (issue 20)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from anef_tui.controls import clean_data, has_controls, stored_name, visible
from anef_tui.store.connection import Db
from anef_tui.store.keys import index_search_key, n_etranger_of, search_key_for

if TYPE_CHECKING:
    from sqlite_utils import Database


def _cleaned_json(text: str | None) -> str | None:
    """The JSON text with its strings cleaned, or None when nothing changes (or it cannot
    be read: it is left as it is, and reported where it is read)."""
    import json  # not at start-up (see bench/startup.py)

    if not text or ("\\u" not in text and not has_controls(text, multiline=True)):
        return None
    try:
        value: Any = json.loads(text)
    except ValueError:
        return None
    cleaned = clean_data(value)
    if cleaned == value:
        return None
    return json.dumps(cleaned, ensure_ascii=False, sort_keys=True)


def migration_9_no_control_characters(db: Db | Database) -> None:
    """Bases written before issue 20 may hold control characters — a name typed as
    « EVIL\\x1b[2J… » in plain mode cleared the screen of every `anef-tui list` — and
    names of any length. Cleaned as new writes are (`anef_tui.controls`): whole escape
    sequences removed, other controls removed, line breaks kept in free text, a dossier's
    name on one line and cut at NAME_MAX; an attached file's name shows its controls as
    glyphs. What the user typed around them stays. Only rows that change are written."""
    import json

    conn = db.conn
    rows = conn.execute(
        "SELECT d.id, d.applicant_name, d.procedure, d.numero_demande, a.data "
        "FROM dossiers d LEFT JOIN answers a ON a.dossier_id = d.id"
    ).fetchall()
    for dossier_id, name, procedure, numero, data_json in rows:
        name = name or ""
        if stored_name(name) != name:
            try:
                data = json.loads(data_json) if data_json else {}
            except ValueError:
                data = {}
            new_name = stored_name(name)
            key = search_key_for(
                new_name, procedure, numero,
                n_etranger_of(clean_data(data) if isinstance(data, dict) else {}, procedure),
            )
            conn.execute(
                "UPDATE dossiers SET applicant_name = ?, search_key = ? WHERE id = ?",
                (new_name, key, dossier_id),
            )
            index_search_key(conn, dossier_id, key)
    for table, key_column, columns in (
        ("answers", "dossier_id", ("data", "drafts")),
        ("notifications", "id", ("data",)),
        ("complement_answers", "notification_id", ("data",)),
    ):
        for row in conn.execute(
            f"SELECT {key_column}, {', '.join(columns)} FROM {table}"
        ).fetchall():
            for column, text in zip(columns, row[1:], strict=True):
                cleaned = _cleaned_json(text)
                if cleaned is not None:
                    conn.execute(
                        f"UPDATE {table} SET {column} = ? WHERE {key_column} = ?",
                        (cleaned, row[0]),
                    )
    for attachment_id, original in conn.execute(
        "SELECT id, original_name FROM attachments"
    ).fetchall():
        shown = visible(original or "", multiline=False)
        if shown != (original or ""):
            conn.execute(
                "UPDATE attachments SET original_name = ? WHERE id = ?", (shown, attachment_id)
            )
