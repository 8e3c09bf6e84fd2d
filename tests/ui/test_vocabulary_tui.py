"""Issue 21, item 3, in the full-screen app: every label, title, heading and button of the
procedure files reworded (`tests/unit/test_vocabulary.py`: « e » → « ė », same length and
width) changes nothing but the words. The crawler's walks through a renewal and a first
application (préliminaires, profile, every step, file picker, conflict, dépôt, confirmation)
show the very same screens once « ė » is read back as « e », and no shipped wording of a
label is left on any of them. Keyboard only.

The shipped walk is the crawler's own at 120×40 (`test_crawler.crawled`: the words of each
stop are read on arriving there, before its crawl), walked once per process and shared with
the in-sight test (same xdist group); the reworded walk goes through the same keys without
the crawl."""

from __future__ import annotations

import shutil

import pytest

from tests.ui.test_crawler import SHARED, WIDE, crawled, walk
from tests.unit.test_vocabulary import (
    READ_BACK,
    old_words_left,
    procedure_wording,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.xdist_group("walk-120x40")

SEGMENTS = ["renouvellement", "premiere-demande"]
assert set(SEGMENTS) == SHARED


async def test_rewording_every_procedure_label_changes_the_words_only_on_screen(
        make_app, data_dir, procedure_wording):  # noqa: F811
    procedure_wording(False)
    shipped: dict[str, str] = {}
    for segment in SEGMENTS:
        shipped |= (await crawled(make_app, data_dir, WIDE, segment)).words
        shutil.rmtree(data_dir, ignore_errors=True)
    procedure_wording(True)
    new: dict[str, str] = {}
    for segment in SEGMENTS:
        new |= (await walk(make_app, data_dir, WIDE, segment, crawl=False)).words
        shutil.rmtree(data_dir)
    assert list(new) == list(shipped) and len(shipped) > 20
    assert "Rėnouvėllėmėnt" in new["renouvellement-justificatifs"]
    for stop, screen in shipped.items():
        assert new[stop].translate(READ_BACK) == screen, stop
    assert old_words_left(new) == {}
