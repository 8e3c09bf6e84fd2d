"""The UI's error boundary: faults become French messages where the user is, what was typed
stays, the action can be retried; a bug writes a report without personal data and exits."""

from __future__ import annotations

import errno
import json

import pytest

from anef_tui.store.db import StoreError
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.screens.dossier import StepScreen
from anef_tui.ui.screens.home import HomeScreen
from tests.conftest import frozen_clock
from tests.ui.keys import tab_to, type_into


def toasts(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def open_diallo(pilot) -> StepScreen:
    await pilot.press("ctrl+f", *"diallo", "enter", "enter")  # étape 3, motif de séjour
    await pilot.pause()
    assert isinstance(pilot.app.screen, StepScreen)
    return pilot.app.screen


async def open_nguyen_motif(pilot) -> StepScreen:
    """NGUYEN's renewal stands at « Justificatifs »; F3 goes back to « Motif de séjour »,
    whose saved answers are complete."""
    await pilot.press("ctrl+f", *"nguyen", "enter", "enter", "f3")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StepScreen)
    assert pilot.app.screen.step_id == "motif_sejour"
    return pilot.app.screen


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


async def test_disk_full_on_save_keeps_the_typing_and_can_be_retried(make_app, monkeypatch):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_nguyen_motif(pilot)
        before = screen.current_values()
        real_save = app.services.dossiers.save_step
        monkeypatch.setattr(app.services.dossiers, "save_step", disk_full)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert any("Le disque est plein" in t for t in toasts(app))
        assert screen.current_values() == before
        # Place freed: the same key saves and moves on.
        monkeypatch.setattr(app.services.dossiers, "save_step", real_save)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.step_id != "motif_sejour"  # saved, and on to the next step


async def test_disk_full_in_the_autosave_is_said_once_and_the_app_stays(make_app, monkeypatch):
    import anef_tui.ui.screens.dossier as dossier

    monkeypatch.setattr(dossier, "DRAFT_INTERVAL", 0.05)  # many autosaves in a short test
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_diallo(pilot)
        attempts = []

        def full_and_counted(*args, **kwargs):
            attempts.append(1)
            disk_full()

        monkeypatch.setattr(app.services.dossiers, "save_draft", full_and_counted)
        await type_into(pilot, "f-date_entree", "01/02/2019")
        # Counted, not timed: five autosaves refused, however loaded the machine is.
        for _ in range(600):
            if len(attempts) >= 5:
                break
            await pilot.pause(0.05)
        assert len(attempts) >= 5
        assert app.is_running
        full = [t for t in toasts(app) if "Le disque est plein" in t]
        assert len(full) == 1  # said once, not at every autosave
        assert app.screen.query_one("#f-date_entree").value == "01/02/2019"


async def test_a_dossier_abandoned_in_another_window_is_reported(make_app, data_dir):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_nguyen_motif(pilot)
        other = DossierStore(data_dir, clock=frozen_clock)
        other.abandon(screen.dossier_id)
        other.close()
        before = screen.current_values()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert toasts(app), "the user is told"
        assert screen.current_values() == before


async def test_a_failed_pdf_worker_says_so_and_the_app_stays(make_app, monkeypatch):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter", "enter")  # filed: confirmation
        await pilot.pause()
        monkeypatch.setattr(app.services, "save_pdf", disk_full)
        app.screen.make_documents_list()
        for _ in range(50):
            await pilot.pause(0.02)
            if toasts(app):
                break
        assert app.is_running
        assert any("Le disque est plein" in t for t in toasts(app))


async def test_wrong_typed_preferences_do_not_stop_attaching(make_app, data_dir, tmp_path):
    data_dir.mkdir(parents=True)
    (data_dir / "preferences.json").write_text(json.dumps({"last_folder": 123}))
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)):
        assert app.services.last_folder().is_dir()
    (data_dir / "preferences.json").write_text('["not", "a", "dict"]')
    assert app.services.last_folder().is_dir()


async def test_remembering_a_folder_on_a_full_disk_is_not_an_error(make_app, monkeypatch):
    import anef_tui.preferences as preferences

    monkeypatch.setattr(preferences, "save_preference", disk_full)
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)):
        app.services.remember_folder(app.services.dossiers.data_dir)  # no exception


SECRET = "OKAFOR-SECRET-Chinedu"


async def test_a_bug_writes_a_report_without_personal_data_and_exits(make_app, data_dir,
                                                                       monkeypatch, capsys):
    app = make_app(demo=True)

    def bug(*args, **kwargs):
        answers = {"nom": SECRET}  # a local variable Textual would print
        raise ValueError(f"invalid literal for int(): {answers['nom']!r}")

    with pytest.raises(ValueError):
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_diallo(pilot)
            monkeypatch.setattr(screen, "current_values", bug)
            await pilot.press("ctrl+s")
            await pilot.pause()
    assert app.return_code == 1
    reports = list((data_dir / "rapports").glob("erreur-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    assert "ValueError" in text and "dossier.py" in text
    assert SECRET not in text and "invalid literal" not in text
    assert reports[0].stat().st_mode & 0o777 == 0o600
    said = capsys.readouterr().err.replace("\n", "")  # printed once the terminal is back
    assert "rapport d'erreur" in said and reports[0].name in said and SECRET not in said


async def test_a_store_error_in_an_action_is_a_message(make_app, monkeypatch):
    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)

        def busy(*args, **kwargs):
            raise StoreError("La base est occupée : réessayez dans un instant.")

        monkeypatch.setattr(app.services.dossiers, "get", busy)
        await pilot.press("enter")  # open the selected dossier
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen)
        assert any("réessayez" in t for t in toasts(app))
        monkeypatch.undo()
        await tab_to(pilot, "dossiers")


async def test_a_base_locked_by_another_program_is_reported_then_saving_works(make_app,
                                                                                data_dir):
    """Another program holds the write lock (`BEGIN IMMEDIATE`): a short wait, a French
    message, the typing kept; once it lets go, the same key saves."""
    import subprocess
    import sys

    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_nguyen_motif(pilot)
        before = screen.current_values()
        holder = subprocess.Popen(
            [sys.executable, "-c",
             "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
             "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); sys.stdin.read()",
             str(data_dir / "anef-tui.db")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        try:
            assert holder.stdout.readline().strip() == "locked"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.is_running and app.screen is screen
            assert any("occupée" in t for t in toasts(app)), toasts(app)
            assert screen.current_values() == before
        finally:
            holder.stdin.close()
            holder.wait(timeout=10)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.step_id != "motif_sejour"  # saved, and on to the next step


# --- issue #19, item 5: every message French, whatever the system says --------------------


async def _next_toast(pilot, before: int) -> str:
    app = pilot.app
    for _ in range(100):
        await pilot.pause(0.02)
        if len(toasts(app)) > before:
            return toasts(app)[-1]
    raise AssertionError("no message")


async def test_a_worker_raising_any_system_error_says_it_in_french(make_app, monkeypatch):
    """Every OSError family and every codec error, raised in a worker (the PDF of « Mes
    dossiers »' confirmation screen): a French toast, never Python's text; the app stays."""
    from anef_tui.oserrors import reason
    from tests.french import assert_french, system_errors

    app = make_app(demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter", "enter")  # filed: confirmation
        await pilot.pause()
        screen = app.screen
        for key, error in system_errors().items():
            if isinstance(error, OSError) and error.filename:  # one message per family
                error = OSError(error.errno, error.strerror, f"/tmp/anef/{key}")

            def fail(*args, error=error, **kwargs):
                raise error

            monkeypatch.setattr(app.services, "save_pdf", fail)
            before = len(toasts(app))
            screen.make_documents_list()
            said = assert_french(await _next_toast(pilot, before))
            assert reason(error)[1:] in said, (key, said)
            assert app.is_running and app.screen is screen


async def test_a_pdf_into_documents_that_is_a_file_says_what_to_do(make_app, data_dir):
    """`documents` exists as a regular file (« [Errno 17] File exists » before)."""
    from tests.french import assert_french

    app = make_app(demo=True)
    (data_dir / "documents").write_text("un fichier, pas un dossier")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter", "enter")  # filed: confirmation
        await pilot.pause()
        await tab_to(pilot, "pdf-liste")
        before = len(toasts(app))
        await pilot.press("enter")
        said = assert_french(await _next_toast(pilot, before))
        assert f"« {data_dir / 'documents'} »" in said and "existe déjà" in said
        assert "renommez" in said
        assert app.is_running


async def test_odd_file_names_in_the_picker_are_shown_and_attached_safely(make_app, data_dir,
                                                                          tmp_path):
    """A name whose bytes are not UTF-8 (« caf\\udce9 ») and one that looks like markup
    (« [@click=app.quit]… », which Textual's tree would read as a link that quits) are
    listed, chosen with the keys and attached; the slot shows the first with « \\ufffd »."""
    import os

    from anef_tui.ui.screens.file_picker import FilePickerScreen, FileTree
    from tests.french import assert_french
    from tests.ui.test_slots import SLOT, make_scan, open_first_dossier, renewal_at_documents, slot

    renewal_at_documents(data_dir)
    folders = {}
    for label, name, grey in (("latin1", os.fsdecode(b"caf\xe9.png"), 90),
                              ("markup", "[@click=app.quit]scan.png", 180)):
        folders[label] = tmp_path / label
        folders[label].mkdir()
        make_scan(folders[label] / name, (grey, grey, grey))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_dossier(pilot)
        for attached, folder in enumerate(folders.values(), start=1):
            await tab_to(pilot, f"attach-{SLOT}")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, FilePickerScreen)
            await pilot.press("ctrl+u", *str(folder), "enter")  # a folder: the list shows it
            await pilot.pause()
            tree = app.screen.query_one(FileTree)
            for _ in range(50):
                if tree.root.children:
                    break
                await pilot.pause(0.02)
            [node] = tree.root.children
            assert str(node.label) in ("caf\ufffd.png", "[@click=app.quit]scan.png")
            await pilot.press("down", "enter")
            for _ in range(250):  # the check and the copy run in a worker
                await pilot.pause(0.02)
                if not isinstance(app.screen, FilePickerScreen) and (
                    len(slot(app).files) == attached
                ):
                    break
        assert app.is_running
        names = sorted(f.name for f in slot(app).files)
        assert names == ["[@click=app.quit]scan.png", "caf\ufffd.png"]
        for toast in toasts(app):
            assert_french(toast)


async def test_the_picker_says_why_a_folder_or_a_path_cannot_be_opened(make_app, data_dir,
                                                                       tmp_path, monkeypatch):
    """A folder the system refuses to list (chmod 000: faked, tests run as root) would show
    empty without a word; a name over 255 bytes made the picker's check raise."""
    import os

    from textual.widgets import Static

    from anef_tui.ui.screens.file_picker import FilePickerScreen
    from tests.french import assert_french
    from tests.ui.test_slots import SLOT, open_first_dossier, renewal_at_documents

    renewal_at_documents(data_dir)
    locked = tmp_path / "verrouillé"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path=".", *args, **kwargs):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_dossier(pilot)
        await tab_to(pilot, f"attach-{SLOT}")
        await pilot.press("enter")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, FilePickerScreen)
        error = picker.query_one("#picker-error", Static)
        for typed, said in ((locked, "(accès refusé)"), (tmp_path / ("n" * 300), "trop long")):
            await pilot.press("ctrl+u", *str(typed), "enter")
            await pilot.pause()
            text = assert_french(str(error.render()))
            assert error.display and "ne peut pas être ouvert" in text and said in text
            assert app.screen is picker
