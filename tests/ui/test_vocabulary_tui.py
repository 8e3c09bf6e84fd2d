"""Issue 21, item 3, in the full-screen app: every label, title, heading and button of the
procedure files reworded (`tests/unit/test_vocabulary.py`: « e » → « ė », same length and
width) changes nothing but the words. The crawler's walks through a renewal and a first
application (préliminaires, profile, every step, file picker, conflict, dépôt, confirmation)
show the very same screens once « ė » is read back as « e », and no shipped wording of a
label is left on any of them. Keyboard only."""

from __future__ import annotations

from tests.ui.test_crawler import _settle, prepare, walk_first_application, walk_renewal
from tests.unit.test_vocabulary import (
    READ_BACK,
    old_words_left,
    procedure_wording,  # noqa: F401 (fixture)
)


def _screen_text(app) -> str:
    """What the screen shows, line by line (the compositor's text, as a person reads it)."""
    return "\n".join("".join(segment.text for segment in strip)
                     for strip in app.screen._compositor.render_strips())


async def _walk(make_app, data_dir, tmp_path) -> dict[str, str]:
    app = make_app(demo=True)
    prepare(data_dir, tmp_path / "scans")
    seen: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:

        async def visit(stop: str) -> None:
            app.clear_notifications()  # toasts come and go with the timing, not the words
            await _settle(pilot)
            seen[stop] = _screen_text(app)

        await _settle(pilot)
        await walk_renewal(pilot, visit)
        await walk_first_application(pilot, visit)
    return seen


async def test_rewording_every_procedure_label_changes_the_words_only_on_screen(
        make_app, data_dir, tmp_path, procedure_wording):  # noqa: F811
    import shutil

    procedure_wording(False)
    shipped = await _walk(make_app, data_dir, tmp_path)
    shutil.rmtree(data_dir)
    procedure_wording(True)
    new = await _walk(make_app, data_dir, tmp_path)
    assert list(new) == list(shipped) and len(shipped) > 20
    assert "Rėnouvėllėmėnt" in new["renouvellement-justificatifs"]
    for stop, screen in shipped.items():
        assert new[stop].translate(READ_BACK) == screen, stop
    assert old_words_left(new) == {}
