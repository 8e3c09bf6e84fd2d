"""Helpers shared by the migrations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from anef_tui.store.connection import Db

if TYPE_CHECKING:
    from sqlite_utils import Database


def run(db: Db | Database, *statements: str) -> None:
    for statement in statements:
        db.conn.execute(statement)
