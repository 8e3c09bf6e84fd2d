"""`preferences.json` is untrusted input (issue #19): a damaged file — nested 100,000 deep,
too large, not JSON, not an object, not UTF-8 — is set aside under a dated name and said
once, in French; it never stops the app, and never raises RecursionError."""

from __future__ import annotations

import json
from datetime import date

import pytest

from anef_tui import preferences
from anef_tui.preferences import (
    MAX_BYTES,
    PREFERENCES_FILE,
    load_preferences,
    save_preference,
    take_notices,
)

BAD = {
    "nested": "[" * 100_000 + "]" * 100_000,
    "nested-object": '{"a":' * 100_000 + "1" + "}" * 100_000,
    "too-large": json.dumps({"theme": "x" * MAX_BYTES}),
    "not-json": '{"theme": ',
    "not-an-object": '["not", "a", "dict"]',
}


def _set_aside_name() -> str:
    return f"{PREFERENCES_FILE}.illisible-{date.today():%Y%m%d}"


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_preferences_file_is_set_aside_and_said_once(tmp_path, name):
    (tmp_path / PREFERENCES_FILE).write_text(BAD[name], encoding="utf-8")
    assert load_preferences(tmp_path) == {}
    assert not (tmp_path / PREFERENCES_FILE).exists()
    kept = tmp_path / _set_aside_name()
    assert kept.read_text(encoding="utf-8") == BAD[name]  # kept as it was, for a look
    [notice] = take_notices(tmp_path)
    assert "mis de côté" in notice and kept.name in notice
    assert load_preferences(tmp_path) == {} and take_notices(tmp_path) == []  # once


def test_a_file_that_is_not_utf8_is_set_aside(tmp_path):
    (tmp_path / PREFERENCES_FILE).write_bytes(b'{"theme": "\xe9"}')
    assert load_preferences(tmp_path) == {}
    assert "pas un texte UTF-8" in take_notices(tmp_path)[0]


def test_a_second_bad_file_the_same_day_does_not_replace_the_first(tmp_path):
    for text in ("[" * 10, "nope"):
        (tmp_path / PREFERENCES_FILE).write_text(text, encoding="utf-8")
        load_preferences(tmp_path)
    assert (tmp_path / _set_aside_name()).read_text(encoding="utf-8") == "[" * 10
    assert (tmp_path / f"{_set_aside_name()}-2").read_text(encoding="utf-8") == "nope"


def test_saving_after_a_bad_file_starts_afresh(tmp_path):
    (tmp_path / PREFERENCES_FILE).write_text(BAD["nested"], encoding="utf-8")
    save_preference(tmp_path, "theme", "textual-light")
    assert load_preferences(tmp_path) == {"theme": "textual-light"}
    assert len(take_notices(tmp_path)) == 1


def test_a_good_file_and_wrong_typed_values_are_kept(tmp_path):
    text = json.dumps({"theme": ["pas", "un", "nom"], "last_folder": 123, "x": {"y": [1]}})
    (tmp_path / PREFERENCES_FILE).write_text(text, encoding="utf-8")
    assert load_preferences(tmp_path)["last_folder"] == 123  # its readers ignore it
    assert (tmp_path / PREFERENCES_FILE).read_text(encoding="utf-8") == text
    assert take_notices(tmp_path) == []


def test_a_file_that_cannot_be_set_aside_is_ignored_and_said(tmp_path, monkeypatch):
    (tmp_path / PREFERENCES_FILE).write_text("nope", encoding="utf-8")

    def refuse(*args):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(preferences.os, "replace", refuse)
    assert load_preferences(tmp_path) == {}
    assert "n'a pas pu être mis de côté" in take_notices(tmp_path)[0]


def test_no_preferences_file_is_no_notice(tmp_path):
    assert load_preferences(tmp_path) == {} and take_notices(tmp_path) == []


def test_brackets_inside_strings_are_text(tmp_path):
    text = json.dumps({"last_folder": "/tmp/[[[[[[{{{{{{\\\"", "theme": "x"})
    (tmp_path / PREFERENCES_FILE).write_text(text, encoding="utf-8")
    assert load_preferences(tmp_path)["theme"] == "x" and take_notices(tmp_path) == []
