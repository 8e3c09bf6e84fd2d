"""Text is data, never a command to a terminal (issue 20): control characters are removed at
entry (whole escape sequences), shown as glyphs at exit, stored by no path, cleaned out of
older bases; CLI text and JSON never carry one raw."""

from __future__ import annotations

import json
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from anef_tui.cli import main
from anef_tui.controls import (
    NAME_MAX,
    clean_data,
    has_controls,
    is_control,
    json_text,
    strip_controls,
    visible,
)
from anef_tui.store import driver
from anef_tui.store.connection import Db
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.schema import SCHEMA_VERSION, migrate
from tests.conftest import frozen_clock

EVIL = "EVIL\x1b[2J\x1b]0;pwn\x07"
#: Every kind of control: C0, ESC sequences (CSI, OSC with BEL or ST), DEL, C1 (8-bit CSI),
#: bidi overrides and isolates, a lone surrogate.
HOSTILE = st.lists(
    st.sampled_from(
        list(string.ascii_letters + " éÉ[]/")
        + ["\x1b", "\x1b[", "\x1b]0;", "\x07", "\x1b\\", "\x00", "\x7f", "\x9b", "\x9d",
           "\u202e", "\u2066", "\u200f", "\r", "\n", "\t", "\udce9", "[2J", "31m"]
    ),
    max_size=30,
).map("".join)


def no_raw_control(text: str, *, lines: bool = True) -> bool:
    return not any(is_control(c) and not (lines and c == "\n") for c in text)


def test_whole_escape_sequences_go_not_just_their_escape():
    assert strip_controls(EVIL) == "EVIL"
    assert strip_controls("DUPON\x1b[DT") == "DUPONT"  # ← typed where no line editing
    assert strip_controls("a\x9b31mb") == "ab"
    assert strip_controls("x\u202eevil\u202c") == "xevil"
    assert strip_controls("une\nligne", multiline=True) == "une\nligne"
    assert strip_controls("une\r\nligne") == "une ligne"
    assert strip_controls("DUPONT [/] ² é") == "DUPONT [/] ² é"  # text stays text


def test_visible_shows_each_control_by_a_glyph():
    assert visible(EVIL) == "EVIL␛[2J␛]0;pwn␇"
    assert visible("a\x7fb\x9bc\u202ed") == "a␡b<U+009B>c<U+202E>d"
    assert visible("deux\nlignes") == "deux\nlignes"
    assert visible("deux\nlignes", multiline=False) == "deux␊lignes"
    assert visible("nom-\udce9.pdf") == "nom-<U+DCE9>.pdf"


@given(HOSTILE)
def test_no_control_survives_cleaning_or_showing(text):
    assert no_raw_control(strip_controls(text), lines=False)
    assert no_raw_control(strip_controls(text, multiline=True))
    assert no_raw_control(visible(text))
    assert no_raw_control(visible(text, multiline=False), lines=False)
    assert not has_controls(strip_controls(text))
    assert no_raw_control(json_text(json.dumps({"x": text}, ensure_ascii=False)))
    assert json.loads(json_text(json.dumps({"x": text}, ensure_ascii=False))) == {"x": text}


def test_the_store_keeps_no_control_whatever_the_front_end(tmp_path):
    with DossierStore(tmp_path / "d", clock=frozen_clock) as store:
        dossier = store.create("renouvellement", applicant_name=EVIL + "x" * 400_000)
        store.save_draft(dossier, "titre_actuel", {"n_etranger": "12\x1b[D34", "liste": [EVIL]})
        record = store.get(dossier)
    assert record.summary.applicant_name == "EVIL" + "x" * (NAME_MAX - 4)
    assert record.drafts["titre_actuel"] == {"n_etranger": "1234", "liste": ["EVIL"]}


def test_migration_9_cleans_an_older_base_and_keeps_what_was_meant(tmp_path):
    path = tmp_path / "anef-tui.db"
    conn = driver.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    db = Db(conn)
    migrate(db, target=8)
    conn.execute(
        "INSERT INTO dossiers(id, procedure, status, applicant_name, search_key, created_at, "
        "updated_at) VALUES (1, 'renouvellement', 'brouillon', ?, 'evil', 'x', 'x')",
        (EVIL + " Jean",),
    )
    conn.execute(
        "INSERT INTO answers(dossier_id, data, drafts) VALUES (1, ?, ?)",
        (json.dumps({"etat_civil": {"nom": "NOM\x1b]0;x\x07"}}),
         json.dumps({"etat_civil": {"ville": "Lyon\u202e", "obs": "l1\nl2"}})),
    )
    migrate(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    name, key = conn.execute("SELECT applicant_name, search_key FROM dossiers").fetchone()
    assert name == "EVIL Jean" and "jean" in key
    data, drafts = conn.execute("SELECT data, drafts FROM answers").fetchone()
    assert json.loads(data) == {"etat_civil": {"nom": "NOM"}}
    assert json.loads(drafts) == {"etat_civil": {"ville": "Lyon", "obs": "l1\nl2"}}
    words = {w for (w,) in conn.execute("SELECT word FROM search_words WHERE dossier_id = 1")}
    assert "jean" in words
    conn.close()


def _sneak_in(data_dir, name: str) -> None:
    """Another program (or an older anef-tui) wrote a name with controls."""
    conn = driver.connect(data_dir / "anef-tui.db", isolation_level=None)
    conn.execute("UPDATE dossiers SET applicant_name = ?", (name,))
    conn.close()


@settings(max_examples=25, deadline=None)
@given(HOSTILE)
def test_cli_list_and_json_never_print_a_raw_control(tmp_path_factory, text):
    text = text.replace("\udce9", "é")  # SQLite stores UTF-8: no lone surrogate to sneak in
    data_dir = tmp_path_factory.mktemp("cli")
    with DossierStore(data_dir, clock=frozen_clock) as store:
        store.create("renouvellement", applicant_name=text)
    _sneak_in(data_dir, text)
    import contextlib
    import io

    for args in (["list"], ["list", "--json"]):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["--data-dir", str(data_dir), *args]) == 0
        printed = out.getvalue()
        assert no_raw_control(printed), repr(printed)
        if args[-1] == "--json":
            assert json.loads(printed)[0]["applicant"] == text


def test_clean_data_cleans_keys_and_nested_values():
    assert clean_data({"a\x1b[2J": ["b\x07", {"c": "d\u202e"}], "n": 3}) == {
        "a": ["b", {"c": "d"}], "n": 3,
    }
