"""The door before « Mes dossiers » and the lock (issue 23), driven with the keyboard only:
a new folder's passphrase and recovery key, unlocking, a wrong passphrase, the recovery key,
a folder kept plain after the warning, the lock (Ctrl+L and idle) that hides everything and
keeps what was typed, and « Changer la phrase secrète »."""

from __future__ import annotations

import os
import stat

import pytest
from textual.widgets import Input

from anef_tui.ui.vault.base import Opened
from anef_tui.ui.vault.door import DoorApp
from anef_tui.ui.vault.lock import LockScreen
from anef_tui.vault.folder import FolderKind, folder_kind
from anef_tui.vault.keyfile import key_file_path
from anef_tui.vault.keys import unlock_with_passphrase
from tests.conftest import frozen_clock
from tests.screen_text import visible_cells
from tests.vault_helpers import CHEAP, OTHER_PHRASE, PHRASE, make_vault

SIZES = [(80, 24), (120, 40)]


def shown(app) -> str:
    return "\n".join("".join(row) for row in visible_cells(app))


async def type_in(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


async def wait_until(pilot, condition, tries: int = 200) -> None:
    """Until `condition()` (the key derivation runs in a thread): a few frames at a time."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("never happened")


@pytest.mark.parametrize("size", SIZES)
async def test_a_new_folder_chooses_a_passphrase_and_shows_the_recovery_key_once(
        tmp_path, size):
    data = tmp_path / "donnees"
    app = DoorApp(data, FolderKind.NEW, params=CHEAP)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await type_in(pilot, "abc")
        screen = shown(app)
        assert "Solidité : faible" in screen and "Refusée : elle a 3 caractères" in screen
        assert "abc" not in screen  # the phrase is never shown
        for _ in range(3):
            await pilot.press("backspace")
        await type_in(pilot, PHRASE)
        assert "Solidité : " in shown(app) and "Refusée" not in shown(app)
        await pilot.press("enter")
        await type_in(pilot, PHRASE + "x")
        await pilot.press("enter")
        await pilot.pause()
        assert "Les deux phrases ne sont pas les mêmes" in shown(app)
        assert not key_file_path(data).exists()
        await type_in(pilot, PHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Clé de secours (affichée une seule fois)" in shown(app))
        screen = shown(app)
        assert "Recopiez-la sur papier" in screen
        await pilot.press("enter")
        await pilot.pause()
    result = app.return_value
    assert isinstance(result, Opened) and result.key is not None
    info = os.stat(key_file_path(data))
    assert stat.S_IMODE(info.st_mode) == 0o600
    assert unlock_with_passphrase(key_file_path(data), PHRASE).data_key == result.key.data_key
    assert folder_kind(data) is FolderKind.ENCRYPTED


async def test_a_wrong_passphrase_is_said_waits_longer_and_changes_nothing(tmp_path):
    data = tmp_path / "donnees"
    created = make_vault(data)
    before = key_file_path(data).read_bytes()
    app = DoorApp(data, FolderKind.ENCRYPTED)
    async with app.run_test(size=(80, 24)) as pilot:
        field = app.screen.query_one("#phrase", Input)
        for attempt in range(2):
            await type_in(pilot, OTHER_PHRASE)
            await pilot.press("enter")
            await wait_until(pilot, lambda: "Phrase secrète incorrecte" in shown(app))
            assert field.value == ""
            if attempt == 0:
                assert "Attendez" not in shown(app)  # the first: a typo
                await wait_until(pilot, lambda: not field.disabled)
        assert "Attendez 1 seconde" in shown(app)
        assert field.disabled  # until the wait is over
        await wait_until(pilot, lambda: not field.disabled, tries=400)
        await type_in(pilot, PHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.return_value is not None)
    assert app.return_value.key.data_key == created.key.data_key
    assert key_file_path(data).read_bytes() == before


async def test_the_recovery_key_opens_and_sets_a_new_passphrase(tmp_path):
    data = tmp_path / "donnees"
    created = make_vault(data)
    app = DoorApp(data, FolderKind.ENCRYPTED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await type_in(pilot, "AAAA-BBBB")
        await pilot.press("enter")
        await pilot.pause()
        assert "8 ont été tapés" in " ".join(shown(app).split())  # a typo, said
        await pilot.press(*["backspace"] * len("AAAA-BBBB"))
        assert app.screen.query_one("#recovery", Input).value == ""
        await type_in(pilot, created.recovery_key.lower().replace("-", " "))
        await pilot.press("enter")
        await pilot.pause()
        await type_in(pilot, OTHER_PHRASE)
        await pilot.press("enter")
        await type_in(pilot, OTHER_PHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.return_value is not None)
    assert app.return_value.key.data_key == created.key.data_key
    new = unlock_with_passphrase(key_file_path(data), OTHER_PHRASE)
    assert new.data_key == created.key.data_key
    from anef_tui.vault.errors import WrongPassphrase

    with pytest.raises(WrongPassphrase):
        unlock_with_passphrase(key_file_path(data), PHRASE)


async def test_a_folder_is_kept_plain_only_after_the_warning(tmp_path):
    data = tmp_path / "donnees"
    app = DoorApp(data, FolderKind.NEW, params=CHEAP)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        assert "Sans chiffrement, quiconque lit ce dossier" in shown(app)
        await pilot.press("escape")  # back: nothing recorded
        await pilot.pause()
        assert folder_kind(data) is FolderKind.NEW
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press("f3")
        await pilot.pause()
    assert app.return_value == Opened(None)
    assert folder_kind(data) is FolderKind.PLAIN_CHOSEN
    assert not key_file_path(data).exists()


async def test_leaving_the_door_opens_nothing(tmp_path):
    data = tmp_path / "donnees"
    make_vault(data)
    app = DoorApp(data, FolderKind.ENCRYPTED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value is None


def _encrypted_app(data):
    from anef_tui.ui.app import make_app

    created = make_vault(data)
    return make_app(data, clock=frozen_clock, key=created.key), created


@pytest.mark.parametrize("size", SIZES)
async def test_ctrl_l_hides_everything_and_the_passphrase_gives_back_the_typing(
        tmp_path, size):
    data = tmp_path / "donnees"
    app, _ = _encrypted_app(data)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await type_in(pilot, "NDIAYE")
        assert "NDIAYE" in shown(app)
        app.notify("Dossier de NDIAYE Awa enregistré.", markup=False)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        assert "NDIAYE" not in shown(app)  # the field is hidden
        assert not list(app._notifications)  # and the toasts are gone
        await pilot.press("f1", "ctrl+p")  # neither the help nor the palette opens
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        await type_in(pilot, OTHER_PHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Phrase secrète incorrecte" in shown(app))
        assert isinstance(app.screen, LockScreen)
        await type_in(pilot, PHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, LockScreen))
        assert app.focused is not None and app.focused.value == "NDIAYE"
        await type_in(pilot, " Awa")
        assert app.focused.value == "NDIAYE Awa"


async def test_the_desk_locks_itself_after_the_idle_time(tmp_path):
    data = tmp_path / "donnees"
    app, _ = _encrypted_app(data)
    now = [1000.0]
    app.idle_clock = lambda: now[0]
    app.idle_check_seconds = 0.05
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_in(pilot, "NDIAYE")
        now[0] += 4 * 60  # under the default 5 minutes
        await pilot.pause(0.2)
        assert not isinstance(app.screen, LockScreen)
        now[0] += 61
        await wait_until(pilot, lambda: isinstance(app.screen, LockScreen))
        # The lock is the screen shown from the moment it is pushed, before it is mounted:
        # wait for it to open on its field (the test ending in between stopped the app in
        # the middle of the lock's mount, in a loaded run).
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "phrase"


async def test_a_plain_folder_has_no_lock_and_says_so_on_every_screen(tmp_path):
    from anef_tui.ui.app import make_app
    from anef_tui.vault.folder import CHOICE_DEMO, record_plain_choice

    data = tmp_path / "donnees"
    data.mkdir()
    record_plain_choice(data, CHOICE_DEMO)
    app = make_app(data, clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Données de démonstration — Mes dossiers" in shown(app).splitlines()[0]
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not isinstance(app.screen, LockScreen)
        assert any("n'est pas chiffré" in note.message for note in app._notifications)


async def test_change_passphrase_from_the_palette(tmp_path):
    data = tmp_path / "donnees"
    app, created = _encrypted_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_in(pilot, "Changer la phrase")
        await pilot.press("enter")
        await pilot.pause()
        assert "Tapez d'abord la phrase secrète actuelle" in shown(app)
        await type_in(pilot, PHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Choisissez la nouvelle phrase secrète" in shown(app))
        await type_in(pilot, OTHER_PHRASE)
        await pilot.press("enter")
        await type_in(pilot, OTHER_PHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Mes dossiers" in shown(app).splitlines()[0])
    assert unlock_with_passphrase(key_file_path(data), OTHER_PHRASE).data_key \
        == created.key.data_key


async def test_an_old_plain_folder_is_encrypted_from_the_door(tmp_path):
    from anef_tui.store.dossiers import DossierStore
    from anef_tui.vault.errors import VaultLocked
    from tests.vault_helpers import scan

    data = tmp_path / "donnees"
    with DossierStore(data) as store:
        store.create("renouvellement", applicant_name="MARQUEURZZ Awa")
    assert folder_kind(data) is FolderKind.PLAIN_OLD
    app = DoorApp(data, FolderKind.PLAIN_OLD, params=CHEAP)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "créé avant le chiffrement" in shown(app)
        await pilot.press("f2")
        await pilot.pause()
        await type_in(pilot, PHRASE)
        await pilot.press("enter")
        await type_in(pilot, PHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Chiffrement terminé" in shown(app), tries=500)
        assert "recouverts de zéros" in shown(app)  # what overwriting can and cannot do
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Clé de secours (affichée une seule fois)"
                         in shown(app))
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.return_value is not None)
    key = app.return_value.key
    assert folder_kind(data) is FolderKind.ENCRYPTED
    assert scan([data], ["MARQUEURZZ"]) == {}
    with pytest.raises(VaultLocked):
        DossierStore(data)
    with DossierStore(data, key=key) as store:
        assert [row.applicant_name for row in store.list()] == ["MARQUEURZZ Awa"]


async def test_a_new_dossier_in_a_demonstration_folder_is_warned_about(make_app):
    app = make_app(demo=True)  # as `anef-tui demo` makes it: plain, fictional
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: app.screen.query("#demo-warning"))
        warning = str(app.screen.query_one("#demo-warning").render())
        assert "n'y saisissez pas les données d'une vraie personne" in warning
        assert "Données de démonstration, non chiffrées" in " ".join(shown(app).split())


async def test_the_recovery_key_can_be_exported_to_print(tmp_path):
    from anef_tui.store.exports import list_exports

    data = tmp_path / "donnees"
    app = DoorApp(data, FolderKind.NEW, params=CHEAP)
    async with app.run_test(size=(80, 24)) as pilot:
        await type_in(pilot, PHRASE)
        await pilot.press("enter")
        await type_in(pilot, PHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Clé de secours (affichée une seule fois)" in shown(app))
        await pilot.press("f5")
        # The message names the file's path: where its lines wrap depends on that path.
        await wait_until(pilot, lambda: "imprimez-la, puis supprimez ce fichier"
                         in " ".join(shown(app).split()))
        await pilot.press("enter")
        await pilot.pause()
    [export] = list_exports(data)
    written = export.path.read_text(encoding="utf-8")
    key = app.return_value.key
    from anef_tui.vault.keys import unlock_with_recovery_key

    recovery = written.splitlines()[1].strip()
    assert unlock_with_recovery_key(key_file_path(data), recovery).data_key == key.data_key
    assert stat.S_IMODE(os.stat(export.path).st_mode) == 0o600


async def test_ctrl_q_while_locked_quits_without_listing_the_exports(tmp_path):
    from anef_tui.store.exports import export_bytes

    data = tmp_path / "donnees"
    app, _ = _encrypted_app(data)
    export_bytes(data, "passeport NDIAYE Awa.pdf", b"%PDF-1.4\n%%EOF\n")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, LockScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert "NDIAYE" not in shown(app)
    assert app.return_code == 0
