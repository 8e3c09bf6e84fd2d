"""The app served to a browser (issue 26, `ANEF_TUI_SERVI=1`): every file made for the user
is handed to the browser with Textual's file delivery — never opened with a viewer on the
server, never left in plain in `<data dir>/exports/` — and the session ends (drafts kept)
after the idle time, on Ctrl+L, on Ctrl+Q and when the tab closes (Textual's `ExitApp`).

Headless, Textual's driver saves a delivered file into the app's `delivery_directory`: the
tests read what the browser would get there. Keys only; the tab closing is the message the
web driver posts on textual-serve's « quit »."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from anef_tui.store.dossiers import DossierStore
from anef_tui.store.exports import exports_dir, keep_document, list_exports
from tests.accounts_helpers import REFERENT, REFERENT_PHRASE, journal_contents, with_referent
from tests.conftest import fill_demo_folder, fill_encrypted_demo_folder, frozen_clock
from tests.ui.keys import tab_to, type_into
from tests.ui.test_vault_door import shown, type_in, wait_until


@pytest.fixture
def served(monkeypatch):
    monkeypatch.setenv("ANEF_TUI_SERVI", "1")


@pytest.fixture
def browser(tmp_path) -> Path:
    """Where the headless driver saves what the browser would download."""
    folder = tmp_path / "navigateur"
    folder.mkdir()
    return folder


def build(make_app, data_dir: Path, folder: str, browser: Path):
    """The app on the demo's dossiers: « plain » a plain folder, « encrypted » an
    encrypted one (unlocked as the door gives the key); its deliveries into `browser`."""
    key = fill_encrypted_demo_folder(data_dir) if folder == "encrypted" else None
    if key is None:
        fill_demo_folder(data_dir)
    app = make_app(key=key)
    app.delivery_directory = browser
    return app, key


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


async def delivered(pilot, browser: Path, name: str) -> bytes:
    """The file the browser got, once written whole (the driver writes in a thread)."""
    path = browser / name

    def whole() -> bool:
        return path.is_file() and path.read_bytes().rstrip().endswith(b"%%EOF")

    await wait_until(pilot, whole, tries=500)
    return path.read_bytes()


def words(app) -> str:
    return " ".join(shown(app).split())


def store_of(data_dir: Path, key) -> DossierStore:
    return DossierStore(data_dir, clock=frozen_clock, key=key)


def typing_kept(data_dir: Path, key) -> bool:
    """The date typed on DIALLO's step (`typing_on_a_step`) is in its draft."""
    return draft_of(data_dir, key, "DIALLO Aminata")["motif_sejour"]["date_entree"] == \
        "01/02/2019"


def draft_of(data_dir: Path, key, name: str) -> dict:
    with store_of(data_dir, key) as store:
        row = next(r for r in store.list() if r.applicant_name == name)
        return store.get(row.id).drafts


@pytest.mark.parametrize(("folder", "size"), [("plain", (80, 24)), ("encrypted", (120, 40))])
async def test_the_confirmation_pdf_goes_to_the_browser_and_nothing_plain_stays(
        served, make_app, data_dir, browser, folder, size):
    app, key = build(make_app, data_dir, folder, browser)
    async with app.run_test(size=size) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter", "enter")  # filed: its confirmation
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmationScreen"
        numero = app.screen.record.summary.numero_demande
        await pilot.press("ctrl+s")  # « J'ouvre ma confirmation de dépôt de demande (PDF) »
        data = await delivered(pilot, browser, "confirmation-0001-GUIDE-Malade.pdf")
        await app.workers.wait_for_complete()
        await pilot.pause()
        line = "PDF envoyé au navigateur : confirmation-0001-GUIDE-Malade.pdf"
        assert line in words(app), words(app)
        assert str(data_dir) not in words(app)  # never a path of the server
    text = pdf_text(data)
    assert numero and numero in text
    assert "préparé localement" in text
    assert list_exports(data_dir) == [] and not exports_dir(data_dir).exists()
    with store_of(data_dir, key) as store:
        actions = [e["action"] for e in journal_contents(store)]
    assert actions[-2:] == ["pdf_made", "pdf_delivered"]
    if key is not None:  # the kept copy stays as on a desk: sealed
        from anef_tui.vault import files as vault_files

        assert vault_files.is_encrypted(data_dir / "documents" / "confirmation-0001.pdf")


FAKE_VIEWER = """#!/bin/sh
echo "$1" >> "{marker}"
"""


@pytest.mark.parametrize("is_served", [False, True])
async def test_the_desktop_viewer_never_runs_when_served(
        monkeypatch, make_app, data_dir, browser, tmp_path, is_served):
    """A real `xdg-open` (a script first on PATH) writes a marker: it runs on a desk, never
    for a served app, even when the app lets a viewer run headless."""
    marker = tmp_path / "viewer-ran"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    viewer = bin_dir / "xdg-open"
    viewer.write_text(FAKE_VIEWER.format(marker=marker))
    viewer.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    if is_served:
        monkeypatch.setenv("ANEF_TUI_SERVI", "1")
    app, _ = build(make_app, data_dir, "plain", browser)
    app.opens_viewer = True  # as with a terminal: the viewer may run
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        if is_served:
            await delivered(pilot, browser, "confirmation-0001-GUIDE-Malade.pdf")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "(ouvert)" not in words(app)
        else:
            await wait_until(pilot, marker.exists, tries=500)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "(ouvert)" in str(app.screen.query_one("#pdf-path").render())
    if is_served:
        assert not marker.exists()
        assert list_exports(data_dir) == []


async def test_ce_que_anef_tui_sait_de_vous_goes_to_the_browser(
        served, make_app, data_dir, browser):
    app, key = build(make_app, data_dir, "encrypted", browser)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter", "ctrl+g")  # the row under the cursor
        data = await delivered(pilot, browser, "donnees-0001-GUIDE-Malade.pdf")
        await app.workers.wait_for_complete()
        await pilot.pause()
        notes = [note.message for note in app._notifications]
        assert any("PDF envoyé au navigateur : donnees-0001-GUIDE-Malade.pdf" in n
                   for n in notes), notes
    assert "GUIDE" in pdf_text(data)
    assert list_exports(data_dir) == []


async def test_a_list_pdf_from_a_step_and_an_attached_scan_go_to_the_browser(
        served, make_app, data_dir, browser, tmp_path):
    """A plain folder too: its stored copy is on the server, out of the browser's reach, so
    « Exporter » is offered on each file and sends it, under an ASCII-safe name."""
    from PIL import Image

    from tests.ui.test_slots import SLOT, open_first_dossier, pick_file

    with store_of(data_dir, None) as store:  # a first application at its « Justificatifs »
        store.create("premiere_demande", applicant_name="GUIDE Malade",
                     current_step="justificatifs")
    scan = tmp_path / "Bail Zoé.png"
    Image.new("RGB", (1240, 1754), (200, 200, 200)).save(scan, "PNG")
    os.environ["ANEF_TUI_SERVI_PIECES"] = str(tmp_path)  # `servir --pieces` (reset below)
    app = make_app()
    app.delivery_directory = browser
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_first_dossier(pilot)
        await tab_to(pilot, "download")  # « Télécharger la liste des pièces justificatives »
        await pilot.press("enter")
        data = await delivered(pilot, browser, "liste-0001-GUIDE-Malade.pdf")
        assert "préparé localement" in pdf_text(data)
        await app.workers.wait_for_complete()
        await pilot.pause()
        notes = [note.message for note in app._notifications]
        assert "PDF envoyé au navigateur : liste-0001-GUIDE-Malade.pdf" in notes, notes

        await tab_to(pilot, f"attach-{SLOT}")
        await pilot.press("enter")
        await pilot.pause()
        await pick_file(pilot, scan)
        [stored] = app.services.attachments.list(1, SLOT)
        await tab_to(pilot, f"ex-{stored.id}")
        await pilot.press("enter")
        sent = browser / "Bail-Zoe.png"
        await wait_until(pilot, lambda: sent.is_file() and sent.stat().st_size == scan.stat().st_size,
                         tries=500)
        await app.workers.wait_for_complete()
        await pilot.pause()
        notes = [note.message for note in app._notifications]
        assert "Fichier envoyé au navigateur : Bail-Zoe.png" in notes, notes
    del os.environ["ANEF_TUI_SERVI_PIECES"]
    assert sent.read_bytes() == scan.read_bytes()
    assert list_exports(data_dir) == []
    with store_of(data_dir, None) as store:
        actions = [e["action"] for e in journal_contents(store)]
    assert "file_delivered" in actions and "pdf_delivered" in actions
    assert "pdf_exported" not in actions and "file_exported" not in actions


async def test_the_journal_export_goes_to_the_browser(served, make_app, data_dir, browser):
    app, _ = build(make_app, data_dir, "encrypted", browser)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+f", *"guide", "enter", "enter")
        await pilot.pause()
        await pilot.press("ctrl+p", *"Journal du dossier")
        await pilot.pause()
        await pilot.press("enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "JournalScreen")
        await pilot.press("f5")
        path = browser / "journal-dossier-0001.txt"
        await wait_until(pilot, lambda: path.is_file() and path.stat().st_size > 0, tries=500)
        await pilot.pause()
        assert "Journal envoyé au navigateur : journal-dossier-0001.txt" in words(app)
    assert list_exports(data_dir) == []


async def test_the_recovery_sheet_goes_to_the_browser(served, tmp_path, browser):
    """The vault's door of a new folder, served: F5 sends the recovery sheet to the
    browser; nothing is written in plain in the folder's exports."""
    from anef_tui.ui.vault.door import DoorApp
    from anef_tui.vault.folder import FolderKind
    from anef_tui.vault.keyfile import key_file_path
    from anef_tui.vault.keys import unlock_with_recovery_key
    from tests.ui.test_vault_door import PHRASE
    from tests.vault_helpers import CHEAP

    data = tmp_path / "donnees"
    app = DoorApp(data, FolderKind.NEW, params=CHEAP)
    app.delivery_directory = browser
    async with app.run_test(size=(80, 24)) as pilot:
        await type_in(pilot, PHRASE)
        await pilot.press("enter")
        await type_in(pilot, PHRASE)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Clé de secours (affichée une seule fois)" in shown(app))
        await pilot.press("f5")
        await wait_until(pilot, lambda: "Envoyée au navigateur : cle-de-secours-" in words(app))
        await pilot.press("enter")
        await pilot.pause()
    [sent] = browser.glob("cle-de-secours-*.txt")
    recovery = sent.read_text(encoding="utf-8").splitlines()[1].strip()
    assert unlock_with_recovery_key(key_file_path(data), recovery).data_key == \
        app.return_value.key.data_key
    assert list_exports(data) == []


# -- the session ends --------------------------------------------------------------------


async def logged_in(pilot, app) -> None:
    await pilot.pause()
    await type_in(pilot, REFERENT)
    await pilot.press("enter")
    await type_in(pilot, REFERENT_PHRASE)
    await pilot.press("enter")
    await wait_until(pilot, lambda: type(app.screen).__name__ == "HomeScreen", tries=500)
    await pilot.pause()


def folder_app(make_app, data_dir: Path, folder: str):
    """« accounts »: a plain folder whose base has accounts (the référent logs in);
    « encrypted »: an encrypted one."""
    if folder == "encrypted":
        key = fill_encrypted_demo_folder(data_dir)
        return make_app(key=key), key
    fill_demo_folder(data_dir)
    with_referent(data_dir, aidant=False)
    return make_app(), None


async def typing_on_a_step(pilot, app, folder: str) -> None:
    """Logged in where there are accounts, then DIALLO's step « motif de séjour » with a
    date typed and not saved."""
    if folder == "accounts":
        await logged_in(pilot, app)
    await pilot.press("ctrl+f", *"diallo", "enter", "enter")
    await pilot.pause()
    await type_into(pilot, "f-date_entree", "01/02/2019")


FOLDERS = ["accounts", "encrypted"]


@pytest.mark.parametrize("folder", FOLDERS)
async def test_the_idle_time_ends_the_session_with_the_typing_kept(
        served, make_app, data_dir, folder):
    app, key = folder_app(make_app, data_dir, folder)
    now = [1000.0]
    app.idle_clock = lambda: now[0]
    app.idle_check_seconds = 0.05
    async with app.run_test(size=(80, 24)) as pilot:
        await typing_on_a_step(pilot, app, folder)
        now[0] += 4 * 60  # under the default 5 minutes
        await pilot.pause(0.2)
        assert app.is_running
        now[0] += 61
        await wait_until(pilot, lambda: not app.is_running, tries=500)
    assert app.return_code == 0
    assert not any(type(s).__name__.endswith("LockScreen") for s in app.screen_stack)
    assert typing_kept(data_dir, key)


@pytest.mark.parametrize("folder", FOLDERS)
async def test_ctrl_l_ends_the_session_with_the_typing_kept(served, make_app, data_dir, folder):
    app, key = folder_app(make_app, data_dir, folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await typing_on_a_step(pilot, app, folder)
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: not app.is_running, tries=500)
    assert app.return_code == 0
    assert typing_kept(data_dir, key)


@pytest.mark.parametrize("folder", FOLDERS)
async def test_ctrl_q_just_ends_the_session_without_the_exports_question(
        served, make_app, data_dir, folder):
    """An export left by an earlier desk run on the folder: served, nothing is asked."""
    app, key = folder_app(make_app, data_dir, folder)
    keep_document(data_dir, "liste-0009.pdf", b"%PDF-1.4\n%%EOF\n", key)
    if key is None:
        from anef_tui.store.exports import export_bytes

        export_bytes(data_dir, "liste-0009.pdf", b"%PDF-1.4\n%%EOF\n")
    assert list_exports(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await typing_on_a_step(pilot, app, folder)
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running, tries=500)
    assert app.return_code == 0
    assert typing_kept(data_dir, key)


@pytest.mark.parametrize("folder", FOLDERS)
async def test_the_tab_closing_keeps_the_typing(served, make_app, data_dir, folder):
    """textual-serve's « quit » (the tab closed): Textual's web driver posts `ExitApp`."""
    from textual import messages

    app, key = folder_app(make_app, data_dir, folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await typing_on_a_step(pilot, app, folder)
        await pilot.pause()
        app.post_message(messages.ExitApp())
        await wait_until(pilot, lambda: not app.is_running, tries=500)
    assert typing_kept(data_dir, key)


async def test_served_the_palette_offers_no_exports_and_ends_the_session(
        served, make_app, data_dir, browser):
    app, _ = build(make_app, data_dir, "encrypted", browser)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"Exports en clair")
        await pilot.pause()
        assert "Les fichiers exportés en clair" not in words(app)  # the command's line
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p", *"Terminer la session")
        await pilot.pause()
        assert "fermer la session de ce navigateur" in words(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not app.is_running, tries=500)
    assert app.return_code == 0


def test_the_name_offered_to_the_browser_is_ascii_safe():
    from anef_tui.ui.delivery import browser_name

    assert browser_name("confirmation-0001-GUIDE-Malade.pdf") == \
        "confirmation-0001-GUIDE-Malade.pdf"
    assert browser_name('Zoé Œuvre; "passeport".PDF') == "Zoe-OEuvre-passeport.PDF"
    assert browser_name("../..\\\x00.jpg") == "document.jpg"
    assert browser_name("scan\r\nContent-Type: x") == "scan-Content-Type-x"
    for name in ("été.pdf", "a b;c\"d'e.png", "\u202e.exe", ""):
        made = browser_name(name)
        assert made and made.isascii() and not made.startswith(".")
        assert not set(made) & set(' ;"\'\\/\r\n\t')


# -- through Textual's web driver, as textual-serve runs the app ---------------------------

WEB_APP = """
import sys
from pathlib import Path

from anef_tui.ui.app import make_app

make_app(Path(sys.argv[1])).run()
"""


class WebSession:
    """The server's side of textual-serve's pipe to one app process: keys sent as the
    terminal's bytes, the screen's text, metas, and a file's chunks asked for as
    textual-serve asks for them (`textual.drivers.web_driver`)."""

    def __init__(self, data_dir: Path, env: dict[str, str]) -> None:
        import queue
        import subprocess
        import sys
        import threading

        self.process = subprocess.Popen(
            [sys.executable, "-c", WEB_APP, str(data_dir)], env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.screen = ""
        self.metas: queue.Queue = queue.Queue()
        self.packets: queue.Queue = queue.Queue()
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        import json
        import re

        out = self.process.stdout
        assert out is not None
        assert out.readline() == b"__GANGLION__\n"
        escapes = re.compile(r"\x1b\[[0-9;?<>=$]*[A-Za-z~]|\x1b[()][A-Z0-9]|\x1b[=>]")
        while True:
            head = out.read(5)
            if len(head) < 5:
                break
            payload = out.read(int.from_bytes(head[1:], "big"))
            kind = head[:1]
            if kind == b"D":
                with self._changed:
                    self.screen += escapes.sub("", payload.decode("utf-8", "replace"))
                    self._changed.notify_all()
            elif kind == b"M":
                self.metas.put(json.loads(payload))
            elif kind == b"P":
                self.packets.put(payload)

    def send(self, kind: bytes, payload: bytes) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        stdin.write(kind + len(payload).to_bytes(4, "big") + payload)
        stdin.flush()

    def press(self, keys: str) -> None:
        self.send(b"D", keys.encode("utf-8"))

    def meta(self, **data: object) -> None:
        import json

        self.send(b"M", json.dumps(data).encode("utf-8"))

    def wait_for_text(self, text: str, since: int = 0) -> None:
        """Until the app has drawn `text` (after the `since`-th character drawn): a safety
        bound only, never a measure (the process is slow to start on a loaded host)."""
        with self._changed:
            assert self._changed.wait_for(lambda: text in self.screen[since:],
                                          timeout=120), text

    def press_and_wait(self, keys: str, text: str = "") -> None:
        """Press `keys`, then wait until the app draws `text` (any change when empty), as
        Pilot waits between keys: the next keys go to what has the focus then."""
        since = len(self.screen)
        self.press(keys)
        if text:
            self.wait_for_text(text, since)
            return
        with self._changed:
            assert self._changed.wait_for(lambda: len(self.screen) > since, timeout=120)

    def next_meta(self, kind: str) -> dict:
        while True:
            meta = self.metas.get(timeout=120)
            if meta.get("type") == kind:
                return meta

    def download(self, key: str, name: str | None) -> bytes:
        """The file, chunk by chunk, until the empty chunk that ends it."""
        import re

        data = b""
        while True:
            self.meta(type="deliver_chunk_request", key=key, size=65536, name=name)
            packet = self.packets.get(timeout=120)
            # ("deliver_chunk", key, chunk), binary-encoded: t s13:… s32:… <n>:<bytes> e
            head = re.match(rb"ts13:deliver_chunks(\d+):", packet)
            assert head is not None, packet[:40]
            rest = packet[head.end() + int(head[1]):]
            size = re.match(rb"(\d+):", rest)
            assert size is not None
            chunk = rest[size.end():size.end() + int(size[1])]
            if not chunk:
                return data
            data += chunk


def test_through_the_web_driver_the_browser_downloads_the_confirmation(
        data_dir, tmp_path):
    """The app as textual-serve runs it (`TEXTUAL_DRIVER`: Textual's web driver), served:
    the confirmation's key sends the PDF to the browser under its ASCII name — its text
    the dossier's, nothing in exports/ — and no viewer runs (a real `xdg-open` first on
    PATH would leave a mark). textual-serve's « quit » ends the process."""
    fill_demo_folder(data_dir)
    marker = tmp_path / "viewer-ran"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    viewer = bin_dir / "xdg-open"
    viewer.write_text(FAKE_VIEWER.format(marker=marker))
    viewer.chmod(0o755)
    env = dict(os.environ, ANEF_TUI_SERVI="1", COLUMNS="80", ROWS="24",
               TEXTUAL_DRIVER="textual.drivers.web_driver:WebDriver",
               PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("TEXTUAL", None)
    session = WebSession(data_dir, env)
    try:
        session.wait_for_text("Mes dossiers")
        session.meta(type="focus")  # the page's terminal has the focus, as in a browser
        session.press_and_wait("\x06", "┃  Rechercher")  # Ctrl+F: the search field, focused
        session.press_and_wait("guide", "┃  guide")
        session.press_and_wait("\r", "▊  guide")  # the search run, its rows focused
        session.press_and_wait("\r", "Ouvrir le PDF")  # its confirmation
        session.press("\x13")  # Ctrl+S: « J'ouvre ma confirmation de dépôt de demande »
        start = session.next_meta("deliver_file_start")
        assert Path(start["path"]).name == "confirmation-0001-GUIDE-Malade.pdf"
        assert start["open_method"] == "download"
        assert start["mime_type"] == "application/pdf"
        data = session.download(start["key"], start.get("name"))
        session.wait_for_text("PDF envoyé au navigateur")
        session.meta(type="quit")  # the tab closed
        session.next_meta("exit")
        assert session.process.wait(timeout=120) == 0
    finally:
        if session.process.poll() is None:
            session.process.kill()
            session.process.wait()
    with store_of(data_dir, None) as store:
        numero = next(r for r in store.list() if r.applicant_name == "GUIDE Malade")
        numero = store.get(numero.id).summary.numero_demande
    text = pdf_text(data)
    assert numero and numero in text and "préparé localement" in text
    assert list_exports(data_dir) == []
    assert not marker.exists()


async def test_served_the_picker_never_browses_the_server(served, make_app, data_dir, tmp_path,
                                                           monkeypatch):
    """Served, the file picker runs on the serving computer: without `servir --pieces` it
    shows no folder at all; with it, only that folder — a path typed outside, a symbolic
    link leading out and F4 above it are refused, a scan inside is attached. (It browsed
    the whole disk: with « Exporter » sending any attached file to the browser, a worker
    could have downloaded another folder's files.)"""
    from PIL import Image

    from anef_tui.ui.screens.file_picker import NO_SERVED_FOLDER, FilePickerScreen
    from tests.ui.test_slots import SLOT, open_first_dossier

    with store_of(data_dir, None) as store:
        store.create("premiere_demande", applicant_name="GUIDE Malade",
                     current_step="justificatifs")
    secret = tmp_path / "ailleurs" / "scan d'un autre dossier.png"
    secret.parent.mkdir()
    Image.new("RGB", (600, 800), (10, 10, 10)).save(secret, "PNG")
    pieces = tmp_path / "arrivee"
    pieces.mkdir()
    scan = pieces / "bail.png"
    Image.new("RGB", (600, 800), (200, 200, 200)).save(scan, "PNG")
    (pieces / "raccourci.png").symlink_to(secret)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_dossier(pilot)
        await tab_to(pilot, f"attach-{SLOT}")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FilePickerScreen)
        assert " ".join(NO_SERVED_FOLDER.split()) in words(app)
        assert not app.screen.query("#tree") and not app.screen.query("#path")
        await pilot.press("f4", "f6", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, FilePickerScreen)

        monkeypatch.setenv("ANEF_TUI_SERVI_PIECES", str(pieces))
        await tab_to(pilot, f"attach-{SLOT}")
        await pilot.pause(0.3)  # a button pressed twice within its 0.2 s press effect: once
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FilePickerScreen))
        for outside in (secret, pieces / ".." / "ailleurs" / secret.name,
                        pieces / "raccourci.png", data_dir / "anef-tui.db"):
            await pilot.press("ctrl+u", *str(outside), "enter")
            await pilot.pause()
            assert isinstance(app.screen, FilePickerScreen), outside
            assert "dans le dossier d'arrivée" in words(app), outside
        await pilot.press("f7", "f4")
        await pilot.pause()
        assert Path(app.screen.query_one("#tree").path) == pieces  # nothing above it
        await pilot.press("f6", "ctrl+u", *str(scan), "enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, FilePickerScreen)
        [stored] = app.services.attachments.list(1, SLOT)
    assert stored.original_name == "bail.png"


async def test_served_the_empty_list_does_not_say_this_computer(served, make_app):
    """In a browser « cet ordinateur » is the worker's, not the one that keeps the base:
    the empty « Mes dossiers » says which."""
    from anef_tui.ui.screens.home.words import SAVED_BY_THE_SERVER

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert SAVED_BY_THE_SERVER in words(app)
        assert "sur cet ordinateur" not in words(app)


async def test_served_the_confirmation_does_not_say_this_computer(served, make_app, data_dir,
                                                                   browser):
    """The PDFs are made by the computer that serves anef-tui: the confirmation says so."""
    from anef_tui.ui.screens.confirmation import MADE_BY_THE_SERVER

    app, _ = build(make_app, data_dir, "plain", browser)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+f", *"okafor", "enter", "enter")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ConfirmationScreen")
        await pilot.pause()
        assert " ".join(MADE_BY_THE_SERVER.split()) in words(app)
        assert "sur cet ordinateur" not in words(app)
