"""Issue 21, item 3: a slip in the notification kinds file (the shipped `followup.toml` or
the file ANEF_TUI_FOLLOWUP names) no longer closes the app. « Mes dossiers » opens and says
which file, which line and key, and what to do; F4 and F6 say it again and stay; a dossier
still opens and saves. Keyboard only."""

from __future__ import annotations

from anef_tui.domain import notification_kinds
from anef_tui.ui.screens.dossier import StepScreen
from anef_tui.ui.screens.home import HomeScreen
from tests.ui.test_faults import toasts
from tests.unit.test_kinds_check import HOSTILE


async def wait_for_toast(pilot, fragment: str) -> list[str]:
    for _ in range(200):  # the kinds are read 0.3 s after start, in a thread
        said = toasts(pilot.app)
        if any(fragment in t for t in said):
            return said
        await pilot.pause(0.05)
    return toasts(pilot.app)


async def test_a_slip_in_the_kinds_file_is_said_and_the_app_stays(make_app, data_dir,
                                                                   tmp_path, monkeypatch):
    app = make_app(demo=True)  # the demo records notifications: with the shipped file
    text, line, _ = HOSTILE["frappe"]
    path = tmp_path / "mes-notifications.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(notification_kinds.FILE_ENV, str(path))
    notification_kinds.clear_caches()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            said = await wait_for_toast(pilot, "mes-notifications.toml")
            assert app.is_running and isinstance(app.screen, HomeScreen)
            message = next(t for t in said if "mes-notifications.toml" in t)
            assert f"ligne {line}" in message and "clé « labl »" in message
            assert "anef-tui procedures --verifier" in message
            assert "ANEF_TUI_FOLLOWUP" in message and "indisponible" in message
            # Said once, though both the alerts and the start-up check met it.
            assert sum("mes-notifications.toml" in t for t in said) == 1
            await pilot.press("f6")  # « Échéances »: said (already on screen), not opened
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("ctrl+f", *"guide", "enter", "f4")  # a filed dossier
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            # A dossier still opens, and saves.
            await pilot.press("ctrl+f", "ctrl+u", *"diallo", "enter", "enter")
            await pilot.pause()
            assert isinstance(app.screen, StepScreen)
            await pilot.press("f9")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
        assert app.return_code in (0, None) and app.crash_report is None
        assert not (data_dir / "rapports").exists()
    finally:
        monkeypatch.delenv(notification_kinds.FILE_ENV)
        notification_kinds.clear_caches()
