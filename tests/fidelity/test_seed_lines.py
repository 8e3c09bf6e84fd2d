"""Each line of a guide the inventories cite holds its string (issue 22 item 5).

A run of inventory entries cites one line of a seed: its first string starts on that line and
the others follow it, in order, within `seeds.RUN_REACH` lines (the OCR slips corrected by
`seeds.OCR_SLIPS`, each checked to be where it is said). A greeting's line holds a greeting
written the same way (`seeds.shape`). No app is run here.
"""

from __future__ import annotations

from itertools import groupby

import pytest

from tests.fidelity import inventory, inventory_notifications, seeds

INVENTORIES = {"inventory": inventory, "inventory_notifications": inventory_notifications}


def _runs() -> list:
    runs = []
    for name, module in INVENTORIES.items():
        for (where, line), group in groupby(module.INVENTORY, key=lambda e: (e[0], e[2])):
            texts = [text.removeprefix(inventory_notifications.LINK) for _, text, *_ in group]
            runs.append(pytest.param(where, line, texts, id=f"{name}-{where}@{line}"))
    return runs


@pytest.fixture(scope="module", autouse=True)
def _seeds_are_there():
    if not seeds.SEED_DIR.is_dir():
        pytest.fail(f"guides not found in {seeds.SEED_DIR}")


@pytest.mark.parametrize(("where", "line", "texts"), _runs())
def test_every_cited_line_holds_its_string(where, line, texts):
    assert not seeds.run_problems(where[0], line, texts)


@pytest.mark.parametrize(("key", "line", "written", "meant"), seeds.OCR_SLIPS)
def test_every_ocr_slip_is_on_its_line(key, line, written, meant):
    assert written in seeds.raw_lines(key)[line - 1]
    assert meant != written


@pytest.mark.parametrize(
    ("where", "greeting", "line"), [*inventory.GREETINGS, *inventory_notifications.GREETINGS]
)
def test_a_greetings_line_holds_a_greeting_written_that_way(where, greeting, line):
    written = seeds.lines(where[0])[line - 1]
    assert written.startswith("Bonjour ")
    assert seeds.shape(written) == seeds.shape(greeting), (written, greeting)


def test_what_is_not_shown_and_what_is_offline_cite_lines_of_the_seeds():
    for module in INVENTORIES.values():
        for where, text, line, _ in module.ABSENT:
            assert 1 <= line <= len(seeds.lines(where[0])), (where, text, line)
    for key, line, reason in inventory.OFFLINE:
        assert 1 <= line <= len(seeds.lines(key)) and reason
