"""Migrations 1, 3 and 4: the tables of dossiers, attached files and the follow-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.store.connection import Db

if TYPE_CHECKING:
    from sqlite_utils import Database
from anef_tui.store.schema.statements import run


def migration_1_initial_schema(db: Db | Database) -> None:
    """Dossier summaries, their answers (JSON, kept apart) and the audit trail."""
    run(
        db,
        """
        CREATE TABLE dossiers (
            id INTEGER PRIMARY KEY,
            procedure TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'brouillon',
            current_step TEXT,
            applicant_name TEXT NOT NULL DEFAULT '',
            search_key TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            numero_demande TEXT,
            filed_at TEXT,
            parent_id INTEGER REFERENCES dossiers(id) ON DELETE SET NULL
        )
        """,
        """
        CREATE TABLE answers (
            dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id) ON DELETE CASCADE,
            data TEXT NOT NULL DEFAULT '{}',
            drafts TEXT NOT NULL DEFAULT '{}'
        )
        """,
        # No foreign key on purpose: the audit trail outlives an abandoned dossier.
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            dossier_id INTEGER NOT NULL,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT ''
        )
        """,
        "CREATE INDEX events_by_dossier ON events(dossier_id, id)",
    )


def migration_3_attachments(db: Db | Database) -> None:
    """Attached files: content-addressed blobs under `pieces/` and per-slot references.

    A blob is stored once per content (sha256), whatever the number of dossiers or slots it
    is attached to; `stored_name` is its path relative to `pieces/` (`ab/ab12….pdf`).
    Deleting a dossier cascades to its attachment rows; a blob row cannot be deleted while
    an attachment refers to it.
    """
    run(
        db,
        """
        CREATE TABLE blobs (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            format TEXT NOT NULL,
            pages INTEGER,
            stored_name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
            slot_id TEXT NOT NULL,
            sha256 TEXT NOT NULL REFERENCES blobs(sha256),
            original_name TEXT NOT NULL DEFAULT '',
            warnings TEXT NOT NULL DEFAULT '[]',
            added_at TEXT NOT NULL,
            position INTEGER NOT NULL
        )
        """,
        "CREATE INDEX attachments_by_slot ON attachments(dossier_id, slot_id, position)",
        # Finding whether a blob is still referenced (and the foreign key check on delete).
        "CREATE INDEX attachments_by_blob ON attachments(sha256)",
    )


def migration_4_followup(db: Db | Database) -> None:
    """The instruction after the dépôt: what the administration sent, and the answers.

    `notifications` holds what the user copied from the official site or e-mail (kind,
    ANEF title, dates, kind-specific JSON: documents asked for, validity dates, dates of a
    checklist — never anything medical). `complement_answers` holds the answer to a
    « Demande de complément » (a draft while `sent_on` is NULL). Both go with their dossier.
    """
    run(
        db,
        """
        CREATE TABLE notifications (
            id INTEGER PRIMARY KEY,
            dossier_id INTEGER NOT NULL REFERENCES dossiers(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (
                kind IN ('complement', 'certificat_medical', 'prolongation', 'decision')
            ),
            title TEXT NOT NULL,
            domain TEXT NOT NULL DEFAULT 'SEJOUR',
            received_on TEXT NOT NULL,
            read_on TEXT,
            data TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX notifications_by_dossier ON notifications(dossier_id, received_on)",
        """
        CREATE TABLE complement_answers (
            notification_id INTEGER PRIMARY KEY
                REFERENCES notifications(id) ON DELETE CASCADE,
            data TEXT NOT NULL DEFAULT '{}',
            sent_on TEXT
        )
        """,
    )
