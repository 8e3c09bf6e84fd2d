"""The search on a server (issue 25 item 1, « the same search behaviour … at the same speed
class »): the same results as SQLite's and as a plain Python filter, and on PostgreSQL an
index range started from the rarest typed word — a search that finds nothing and the
capped count never walk the whole list."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anef_tui.domain.status import states_matching
from anef_tui.domain.text import fold
from anef_tui.store import dossier_reads
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.keys import LISTING_ORDER, search_key_for, search_words

NOW = datetime(2026, 12, 6, 10, 30)


# --------------------------------------------------------------------------- same results
def _expected(names: dict[int, str], statuses: dict[int, str], query: str) -> set[int]:
    """The plain filter: every folded word of `query` begins a word of the dossier's search
    key, or names the dossier's state."""
    found = set()
    for dossier_id, name in names.items():
        words = search_words(search_key_for(name, "renouvellement"))
        if all(any(w.startswith(typed) for w in words)
               or statuses[dossier_id] in {s.value for s in states_matching(typed)}
               for typed in fold(query).split()):
            found.add(dossier_id)
    return found


_NAME = st.lists(st.text(alphabet="abdeéu", min_size=1, max_size=5), min_size=1, max_size=3)
_QUERY = st.lists(st.text(alphabet="abdeéu", min_size=1, max_size=3), min_size=1, max_size=3)


@pytest.mark.parametrize("dense", [3, dossier_reads._DENSE])
def test_the_search_gives_what_a_plain_filter_gives_on_both_engines(
        tmp_path, store_base, store_key, monkeypatch, dense):
    # `dense` 3: words of a few dossiers already take the walked paths and the rarest-word
    # start beside them (on a small base the default threshold is never reached).
    monkeypatch.setattr(dossier_reads, "_DENSE", dense)
    store = DossierStore(tmp_path / "poste", clock=lambda: NOW, base=store_base, key=store_key)
    names: dict[int, str] = {}
    counter = itertools.count()

    @settings(max_examples=25, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(new=st.lists(_NAME, max_size=6), queries=st.lists(_QUERY, min_size=1, max_size=4))
    def check(new, queries):
        for parts in new:
            name = " ".join(parts) + f" n{next(counter)}"
            names[store.create("renouvellement", applicant_name=name)] = name
        statuses = {s.id: s.status.value for s in store.list()}
        for words in queries:
            query = " ".join(words)
            expected = _expected(names, statuses, query)
            assert {s.id for s in store.list(query)} == expected, query
            assert store.count(query) == len(expected), query
            assert store.count(query, cap=4) == min(4, len(expected)), query
            assert [s.id for s in store.list(query, limit=3)] == \
                [s.id for s in store.list(query)][:3], query

    try:
        check()
    finally:
        store.close()


# --------------------------------------------------------------------------- the plans
@pytest.fixture
def big_server_store(tmp_path, postgres_server):
    """A server's base of 5,000 dossiers: « be… » in 4,000 of them (dense), « dup… » in 100
    that never have a « be… », « ngu… » in 250, 8 other words in each."""
    store = DossierStore(tmp_path / "poste", clock=lambda: NOW,
                         base=postgres_server.fresh_database())
    conn = store.db.conn
    conn.execute("INSERT INTO dossiers (procedure, created_at, updated_at) "
                 "SELECT 'renouvellement', '2026', '2026-' || n FROM generate_series(1, 5000) n")
    conn.execute("INSERT INTO search_words (word, dossier_id) "
                 "SELECT 'be' || id, id FROM dossiers WHERE id % 5 <> 0 UNION ALL "
                 "SELECT 'dup' || id, id FROM dossiers WHERE id % 50 = 0 UNION ALL "
                 "SELECT 'ngu' || id, id FROM dossiers WHERE id % 20 = 1 UNION ALL "
                 "SELECT 'mot' || k || '_' || id, id FROM dossiers, generate_series(1, 8) k")
    conn.execute("ANALYZE")
    yield store
    store.close()


def _plan(store: DossierStore, statement: tuple[str, list[str]]) -> str:
    sql, params = statement
    return "\n".join(row[0] for row in store.db.conn.execute(
        "EXPLAIN (ANALYZE, COSTS OFF) " + sql, params))


@pytest.mark.parametrize("query", ["dup be", "be dup", "ngu", "ngu dup", "dup zzz"])
def test_a_rare_or_unmatched_search_on_a_server_never_walks_the_list(big_server_store,
                                                                      query):
    store, conn = big_server_store, big_server_store.db.conn
    for statement in (store._listing_sql(query, conn, 100, 0),
                      store._count_sql(query, conn, 1001)):
        plan = _plan(store, statement)
        # Started from the rarest word's ids (an InitPlan), each dossier then read by its
        # key: no scan of the whole table, no walk of the list's index.
        assert "Seq Scan" not in plan and "dossiers_listing" not in plan, plan
        assert "dossiers_pkey" in plan, plan
    expected = {"dup be": 0, "be dup": 0, "ngu": 250, "ngu dup": 0, "dup zzz": 0}[query]
    assert store.count(query) == len(store.list(query)) == expected


@pytest.mark.parametrize("query", ["be", "be ngu"])
def test_the_capped_count_of_a_dense_word_on_a_server_starts_from_its_range(
        big_server_store, query):
    # « be… » begins 4,000 words (dense: the list walks its index and stops at the page),
    # but the count reads every match up to its cap: it starts from the range, never
    # walking the list nor reading the whole table.
    store, conn = big_server_store, big_server_store.db.conn
    plan = _plan(store, store._count_sql(query, conn, 1001))
    assert "Seq Scan" not in plan and "dossiers_listing" not in plan, plan
    assert store.count(query, cap=1001) == min(1001, len(store.list(query)))


def test_sqlite_counts_a_rare_and_a_dense_word_in_the_lists_order_as_before(
        tmp_path, monkeypatch):
    # SQLite's statements do not change with the server's: a count whose words include a
    # dense one follows the list's order (its index), whichever word is the rarest.
    monkeypatch.setattr(dossier_reads, "_DENSE", 3)
    with DossierStore(tmp_path / "poste", clock=lambda: NOW) as store:
        for name in ("Dupont Ngu", "Durand", "Dubois", "Duval"):
            store.create("renouvellement", applicant_name=name)
        with store.database.reading() as conn:
            sql, _params = store._count_sql("ngu du", conn, 1001)
        assert f"ORDER BY {LISTING_ORDER}" in sql and "id IN (" in sql, sql
        assert store.count("ngu du", cap=1001) == 1
