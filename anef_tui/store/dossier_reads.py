"""DossierStore's reads: one dossier with its answers, its version, the list of dossiers and
the search, counts, the audit trail.

Listing reads only the summary columns of `dossiers`; the answers JSON is loaded by `get`
alone.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from dataclasses import dataclass

from anef_tui.domain.status import states_matching
from anef_tui.domain.text import fold
from anef_tui.store import driver
from anef_tui.store.dossier_part import DossierPart
from anef_tui.store.engine import engine_for
from anef_tui.store.errors import DossierGone
from anef_tui.store.keys import LISTING_ORDER
from anef_tui.store.records import N_SUMMARY, SUMMARY_COLUMNS, DossierRecord, DossierSummary

#: A typed word that begins this many words is searched by walking the list in its order
#: (see `DossierStore._where`).
_DENSE = 3000

#: The largest LIMIT (SQLite's « LIMIT -1 » is not PostgreSQL's).
_NO_LIMIT = 2**63 - 1

#: `count` stops counting the dossiers that match a search past this number.
COUNT_CAP = 1_000


def _count(conn: driver.Connection, select: str, params: builtins.list[str],
           up_to: int = 0) -> int:
    """How many rows `select` gives, counted up to `up_to` (`_DENSE` by default)."""
    return int(conn.execute(f"SELECT count(*) FROM ({select} LIMIT {up_to or _DENSE:d}) "
                            "AS found", params).fetchone()[0])


_BY_WORD = "SELECT dossier_id FROM search_words WHERE word >= ? AND word < ?"


def _by_state(marks: str) -> str:
    # A dossier's first state is its `status`; the others (several notifications open at
    # once) are in `dossier_states` (migration 13).
    return (f"SELECT id FROM dossiers WHERE status IN ({marks}) UNION ALL "
            f"SELECT dossier_id FROM dossier_states WHERE status IN ({marks})")


@dataclass(frozen=True)
class _Word:
    """A typed word: its range of `search_words`, the states it names, and how many
    dossiers each gives (counted up to `_DENSE`)."""

    bounds: builtins.list[str]
    states: builtins.list[str]
    many_words: int
    many_states: int

    @property
    def many(self) -> int:
        return self.many_words + self.many_states


def _matches(word: str, conn: driver.Connection | None) -> _Word:
    bounds = [word, word + "\U0010ffff"]
    states = [s.value for s in states_matching(word)]
    if conn is None:
        return _Word(bounds, states, 1, int(bool(states)))
    marks = ", ".join("?" * len(states))
    return _Word(bounds, states, _count(conn, _BY_WORD, bounds),
                 _count(conn, _by_state(marks), states * 2) if states else 0)


def _rarest_dense(found: builtins.list[_Word], conn: driver.Connection) -> int | None:
    """Every typed word is dense: the one (naming no state) whose range has the fewest rows,
    if the engine starts from so many (`Engine.among_up_to`: PostgreSQL's planner would
    otherwise hash every range and read the whole table); None: the list is walked."""
    up_to = engine_for(conn).among_up_to
    if not up_to:
        return None
    rows = {i: _count(conn, _BY_WORD, f.bounds, up_to)
            for i, f in enumerate(found) if not f.many_states}
    fewest = min(rows, key=rows.__getitem__, default=None)
    return fewest if fewest is not None and rows[fewest] < up_to else None


class DossierReads(DossierPart):
    """Reads and search (a part of DossierStore)."""

    def get(self, dossier_id: int) -> DossierRecord:
        with self._reading() as conn:
            row = conn.execute(
                f"SELECT {', '.join('d.' + c for c in SUMMARY_COLUMNS.split(', '))}, "
                "d.parent_id, a.data, a.drafts "
                "FROM dossiers d LEFT JOIN answers a ON a.dossier_id = d.id WHERE d.id = ?",
                (dossier_id,),
            ).fetchone()
        if row is None:
            raise DossierGone(dossier_id=dossier_id)
        return DossierRecord(
            summary=self._summary(row[:N_SUMMARY]),
            answers=self._load_json(row[N_SUMMARY + 1], dossier_id),
            drafts=self._load_json(row[N_SUMMARY + 2], dossier_id),
            parent_id=row[N_SUMMARY],
        )

    def version(self, dossier_id: int) -> int:
        """The dossier's current version (DossierGone if it no longer exists): a screen
        refreshes the version it keeps with it after its own writes (e.g. a file attached)."""
        with self._reading() as conn:
            return int(self._row(conn, dossier_id)[10] or 0)

    @staticmethod
    def _where(
        query: str, conn: driver.Connection | None = None, *, counting: bool = False
    ) -> tuple[str, builtins.list[str], bool]:
        """Every folded word of `query` must begin a word of the search key, or of the
        label of the dossier's state: one indexed range of `search_words` per word (« dup »
        finds « dupont », « 2025 » a number), and the states it names (« compl » finds
        « Complément demandé », `status.states_matching`) read from `dossiers_by_status`.
        The flag says whether a word matches so many dossiers that the list is walked.
        `counting`: for `count`, which reads every match up to its cap (no page found early
        in the list's order), a dense word may start the search (`_rarest_dense`)."""
        words = sorted(set(fold(query).split()), key=len, reverse=True)
        walked = False
        clauses = []
        params: builtins.list[str] = []
        found = [_matches(word, conn) for word in words]
        # The rarest word that is not dense starts the search (`Engine.among`); a denser
        # one is then checked for each of its dossiers, never by walking the whole list.
        rare = [i for i, f in enumerate(found) if f.many < _DENSE]
        rarest = min(rare, key=lambda i: found[i].many) if rare else (
            _rarest_dense(found, conn) if counting and conn is not None else None)
        for i, f in enumerate(found):
            states, marks = f.states, ", ".join("?" * len(f.states))
            if f.many >= _DENSE and i != rarest:
                # « d » matches most dossiers: walk the list in its order and stop at the
                # page's end (or the count's cap) rather than sort every match. A part
                # that matches nothing is left out (« certif » names a state, no name).
                # (The count then follows the list's order, as before; not when a dense
                # word's range starts it, `_rarest_dense`: its ids are counted as read.)
                walked = bool(rare) or rarest is None
                parts: builtins.list[str] = []
                if f.many_words:
                    parts.append(
                        "EXISTS (SELECT 1 FROM search_words w WHERE w.dossier_id = dossiers.id "
                        "AND w.word >= ? AND w.word < ?)"
                    )
                    params += f.bounds
                if f.many_states:
                    # « status || '' »: tested row by row as the list is walked, never
                    # read from its own index (then every match would be sorted); SQLite's
                    # « +status » said the same, which PostgreSQL does not read.
                    parts.append(
                        f"(status || '') IN ({marks}) OR EXISTS (SELECT 1 FROM dossier_states s "
                        f"WHERE s.dossier_id = dossiers.id AND s.status IN ({marks}))"
                    )
                    params += states * 2
                clauses.append("(" + " OR ".join(parts) + ")")
            else:
                # Few match: read them from the indexes (words, states), then sort them.
                select = _BY_WORD + (f" UNION ALL {_by_state(marks)}" if states else "")
                if i == rarest and conn is not None:
                    clauses.append(engine_for(conn).among(select))
                else:
                    clauses.append(f"id IN ({select})")
                params += f.bounds + states * 2
        return " AND ".join(clauses) or "1 = 1", params, walked

    def list(
        self, query: str = "", *, limit: int | None = None, offset: int = 0
    ) -> builtins.list[DossierSummary]:
        """Summaries whose search key has, for every folded word of `query`, a word that
        begins with it; soonest deadline first (none last), then most recently updated; at
        most `limit` of them, after the first `offset`. The order is an index
        (`dossiers_listing`): the first page costs the same with 100 or 100,000 dossiers."""
        return builtins.list(self.iter(query, limit=limit, offset=offset))

    def iter(
        self, query: str = "", *, limit: int | None = None, offset: int = 0, batch: int = 500
    ) -> Iterator[DossierSummary]:
        """`list`, read `batch` rows at a time (the lock is not held between batches): a
        caller that writes as it reads (`anef-tui list --json`) never holds them all."""
        with self._reading() as conn:
            cursor = conn.execute(*self._listing_sql(query, conn, limit, offset))
        while True:
            with self._reading():
                rows = cursor.fetchmany(batch)
            if not rows:
                return
            for row in rows:
                yield self._summary(row)

    def count(self, query: str = "", *, cap: int | None = None) -> int:
        """How many dossiers match `query` (all of them when it is empty); with `cap`, stop
        counting there (a search that matches most of 100,000 dossiers costs no more than
        one that matches `cap`)."""
        with self._reading() as conn:
            return int(conn.execute(*self._count_sql(query, conn, cap)).fetchone()[0])

    def _listing_sql(self, query: str, conn: driver.Connection, limit: int | None,
                     offset: int) -> tuple[str, builtins.list[str]]:
        """The statement `iter` runs, and its parameters (the EXPLAIN tests read it)."""
        where, params, _walked = self._where(query, conn)
        sql = f"SELECT {SUMMARY_COLUMNS} FROM dossiers WHERE {where} ORDER BY {LISTING_ORDER}"
        if limit is not None:
            sql += f" LIMIT {int(limit):d}"
        elif offset:
            sql += f" LIMIT {_NO_LIMIT:d}"  # OFFSET needs a LIMIT (both engines)
        if offset:
            sql += f" OFFSET {int(offset):d}"
        return sql, params

    def _count_sql(self, query: str, conn: driver.Connection,
                   cap: int | None) -> tuple[str, builtins.list[str]]:
        """The statement `count` runs, and its parameters (the EXPLAIN tests read it)."""
        where, params, walked = self._where(query, conn, counting=cap is not None)
        sql = f"SELECT 1 FROM dossiers WHERE {where}"
        if cap is not None:
            if walked:
                # In the list's order (its index), as `list` walks it: the matches of a
                # common word are spread along it, whereas the index by state could put
                # thousands of rows that do not match before the first that does.
                sql += f" ORDER BY {LISTING_ORDER}"
            sql += f" LIMIT {int(cap):d}"
        return f"SELECT count(*) FROM ({sql}) AS found", params

    def events(self, dossier_id: int) -> builtins.list[dict]:
        """The audit trail of a dossier, oldest first (still there after an abandon)."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT id, dossier_id, at, kind, detail FROM events WHERE dossier_id = ? "
                "ORDER BY id",
                (dossier_id,),
            ).fetchall()
        return [
            {"id": r[0], "dossier_id": r[1], "at": r[2], "kind": r[3], "detail": r[4]} for r in rows
        ]

    def linked(self, dossier_id: int) -> builtins.list[tuple[int, str]]:
        """The dossiers linked to this one on this desk: the one it renews (« parent ») and
        those renewed from it (« renewal »), as (id, relation), by id."""
        with self._reading() as conn:
            parent = conn.execute(
                "SELECT parent_id FROM dossiers WHERE id = ? AND parent_id IS NOT NULL",
                (dossier_id,)).fetchone()
            children = conn.execute(
                "SELECT id FROM dossiers WHERE parent_id = ? ORDER BY id", (dossier_id,)
            ).fetchall()
        found = [(int(parent[0]), "parent")] if parent else []
        return found + [(int(row[0]), "renewal") for row in children]

    def next_sequence(self, prefix: str) -> int:
        """1 + the number of dossiers whose N° de la demande starts with `prefix`."""
        with self._reading() as conn:
            (count,) = conn.execute(  # a range of the index dossiers_by_numero
                "SELECT count(*) FROM dossiers WHERE numero_demande >= ? AND numero_demande < ?",
                (prefix, prefix + "\U0010ffff"),
            ).fetchone()
        return int(count) + 1
