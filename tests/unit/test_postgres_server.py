"""The real PostgreSQL server of the tests (issue 25, item 5) answers: a smoke test."""

from __future__ import annotations

import psycopg


def test_the_server_runs_on_a_socket_and_gives_fresh_databases(postgres_server) -> None:
    first = postgres_server.fresh_database()
    second = postgres_server.fresh_database()
    assert first != second
    with psycopg.connect(first, autocommit=True) as conn:
        conn.execute("CREATE TABLE t (x TEXT)")
        conn.execute("INSERT INTO t VALUES ('é')")
        assert conn.execute("SELECT x FROM t").fetchall() == [("é",)]
        # A Unix socket only: no TCP address to listen on.
        assert conn.execute("SHOW listen_addresses").fetchone() == ("",)
    with psycopg.connect(second, autocommit=True) as conn:
        assert conn.execute(
            "SELECT count(*) FROM pg_tables WHERE tablename = 't'"
        ).fetchone() == (0,)
