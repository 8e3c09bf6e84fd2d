"""The served app in a real browser (issue 26): Debian's Chromium, headless, driven by
Playwright, typing as a worker types and reading the screen as a screen reader reads it
(xterm.js's accessibility tree). Every request the page makes is recorded: none may go to
another host."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from anef_tui.store.dossiers import DossierStore
from tests.accounts_helpers import REFERENT, REFERENT_PHRASE, with_referent
from tests.conftest import fill_demo_folder, fill_encrypted_demo_folder
from tests.serve.served import hosts, screen, served, type_keys, wait_for_text
from tests.vault_helpers import PHRASE

pytestmark = pytest.mark.xdist_group("browser")


def _unlock(page, phrase: str = PHRASE) -> None:
    wait_for_text(page, "Phrase secrète")
    type_keys(page, "T:" + phrase, "Enter")


def _unlocked_as_marie(page) -> None:
    """The door passed, « Votre nom (aidant) » answered: « Mes dossiers » comes."""
    _unlock(page)
    wait_for_text(page, "Votre nom (aidant)")
    type_keys(page, "T:Marie", "Enter")


def _find(page, name: str) -> None:
    """« Mes dossiers »: Ctrl+F, the name, Entrée (to the list), Entrée (open)."""
    wait_for_text(page, "Mes dossiers")
    type_keys(page, "Control+f", "T:" + name, "Enter", "Enter")


def test_a_worker_unlocks_opens_a_dossier_and_saves_a_step(tmp_path, browser_page):
    folder = tmp_path / "chiffre"
    key = fill_encrypted_demo_folder(folder)
    page = browser_page
    with served(folder) as server:
        page.goto(server.url)
        wait_for_text(page, "Les dossiers de ce dossier de données sont chiffrés")
        _unlock(page, "pas la bonne phrase")
        wait_for_text(page, "Phrase secrète incorrecte")
        assert "Mes dossiers" not in screen(page)
        _unlock(page)
        wait_for_text(page, "Votre nom (aidant)")
        type_keys(page, "T:Marie [b]²", "Enter")
        _find(page, "diallo")
        wait_for_text(page, "Étape 3 : Motif de séjour")
        type_keys(page, "T:01/09/2015", "Tab", "Space", "Tab", "Space", "Tab", "Space", "Tab",
              "Space", "Control+s")
        wait_for_text(page, "Étape 4 : Justificatifs")
        assert len(server.sessions()) == 1
        page.close()
        assert server.wait_no_sessions() == []  # the tab closed: its process is gone
    with DossierStore(folder, key=key) as store:
        (summary,) = [s for s in store.list() if s.applicant_name.startswith("DIALLO")]
        record = store.get(summary.id)
    assert record.answers["motif_sejour"]["date_entree"] == "01/09/2015"
    assert record.summary.current_step == "justificatifs"
    assert hosts(page.requests) == {f"127.0.0.1:{server.port}"}


def test_a_worker_of_a_structure_logs_in_with_the_account(tmp_path, browser_page):
    folder = tmp_path / "comptes"
    fill_demo_folder(folder)
    with_referent(folder)
    page = browser_page
    with served(folder) as server:
        page.goto(server.url)
        wait_for_text(page, "Connexion")
        type_keys(page, "T:" + REFERENT, "Enter", "T:le chien dort", "Enter")
        wait_for_text(page, "Nom ou phrase secrète incorrect")
        type_keys(page, "T:" + REFERENT_PHRASE, "Enter")  # the focus is back on the phrase
        shown = wait_for_text(page, "Mes dossiers")
        assert "DIALLO" in shown
    assert hosts(page.requests) == {f"127.0.0.1:{server.port}"}


def test_refused_passphrases_slow_the_next_tab_too(tmp_path, chromium):
    """Each tab is a process: the server counts the refusals of every tab, and a new tab
    starts only after the wait its next try would have (2 s after three refusals)."""
    from anef_tui.vault.passphrase import wait_after

    folder = tmp_path / "chiffre"
    fill_encrypted_demo_folder(folder)
    context = chromium.new_context(viewport={"width": 1000, "height": 640})
    try:
        with served(folder) as server:
            first = context.new_page()
            first.goto(server.url)
            for tries in range(1, 4):
                _unlock(first, f"mauvaise phrase {tries}")
                wait_for_text(first, "Phrase secrète incorrecte")
                first.wait_for_timeout(int(wait_after(tries) * 1000) + 200)
            first.close()
            second = context.new_page()
            started = time.monotonic()
            second.goto(server.url)
            wait_for_text(second, "Les dossiers de ce dossier de données sont chiffrés")
            assert time.monotonic() - started >= wait_after(3)
            # The right phrase passes, and the count starts again.
            _unlock(second)
            wait_for_text(second, "Votre nom (aidant)")
    finally:
        context.close()


def test_stopping_the_server_ends_every_session(tmp_path, browser_page):
    import signal

    folder = tmp_path / "chiffre"
    fill_encrypted_demo_folder(folder)
    with served(folder) as server:
        browser_page.goto(server.url)
        wait_for_text(browser_page, "Phrase secrète")
        assert len(server.sessions()) == 1
        server.process.send_signal(signal.SIGINT)  # Ctrl+C where it was started
        assert server.process.wait(timeout=30) == 0
        assert server.sessions() == []
        assert "servi sur" in server.log.read_text()


def test_a_session_killed_says_so_in_its_tab(tmp_path, browser_page):
    """kill -9 of a tab's process (a crash, the machine's memory): the page says « Session
    terminée » and offers a new one, rather than a screen that no longer answers."""
    import os
    import signal

    folder = tmp_path / "chiffre"
    fill_encrypted_demo_folder(folder)
    page = browser_page
    with served(folder) as server:
        page.goto(server.url)
        wait_for_text(page, "Phrase secrète")
        type_keys(page, "T:le chat")
        (pid,) = server.sessions()
        os.kill(pid, signal.SIGKILL)
        page.wait_for_selector("body.-closed", timeout=20_000)
        assert page.locator(".closed-dialog").is_visible()
        assert "Session terminée." in page.locator(".closed-dialog").inner_text()
        assert page.evaluate("() => document.activeElement.id") == "restart"
        # « Nouvelle session » (Entrée on it) opens a new session, with its login: the page
        # is loaded again (read once it is, not while the old one goes away).
        with page.expect_navigation():
            page.keyboard.press("Enter")
        wait_for_text(page, "Les dossiers de ce dossier de données sont chiffrés")
        assert len(server.sessions()) == 1


def test_a_structure_base_on_a_server_is_served_after_the_login(
        tmp_path, tmp_path_factory, browser_page, postgres_server):
    """`anef-tui --base postgresql://… servir`: each tab logs in with a worker's account;
    the server's address reaches the session in its environment, never on a command line
    (where every user of the machine could read a password in it)."""
    from tests.conftest import migrated_base

    url = migrated_base(postgres_server, tmp_path_factory)
    desk = tmp_path / "poste"
    with_referent(desk, base=url)
    page = browser_page
    with served(desk, env={"ANEF_TUI_BASE": url}) as server:
        page.goto(server.url)
        wait_for_text(page, "Connexion")
        type_keys(page, "T:" + REFERENT, "Enter", "T:" + REFERENT_PHRASE, "Enter")
        shown = wait_for_text(page, "Mes dossiers")
        assert "Aucun dossier" in shown or "Nouveau" in shown
        (pid,) = server.sessions()
        assert url.encode() not in Path(f"/proc/{pid}/cmdline").read_bytes()
        assert f"ANEF_TUI_BASE={url}".encode() in Path(f"/proc/{pid}/environ").read_bytes()
    assert hosts(page.requests) == {f"127.0.0.1:{server.port}"}



def test_the_confirmation_pdf_is_downloaded_by_the_browser(tmp_path, browser_page):
    """A filed dossier's « J'ouvre ma confirmation de dépôt de demande (PDF) »: the PDF comes
    down to the browser (a download, never a viewer on the server), says on its page that
    it was prepared locally, and leaves nothing in plain in the served folder."""
    import io

    from pypdf import PdfReader

    folder = tmp_path / "chiffre"
    key = fill_encrypted_demo_folder(folder)
    with DossierStore(folder, key=key) as store:
        (okafor,) = [s for s in store.list() if s.applicant_name.startswith("OKAFOR")]
    page = browser_page
    with served(folder) as server:
        page.goto(server.url)
        _unlocked_as_marie(page)
        _find(page, "okafor")
        wait_for_text(page, "J'ouvre ma confirmation de dépôt de demande (PDF)")
        with page.expect_download(timeout=30_000) as downloading:
            type_keys(page, "Control+s")
        download = downloading.value
        data = Path(download.path()).read_bytes()
        wait_for_text(page, "navigateur")
    assert download.suggested_filename.endswith(".pdf")
    assert download.suggested_filename.isascii() and " " not in download.suggested_filename
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert okafor.numero_demande in text.replace(" ", "")
    for number, one in enumerate(reader.pages, 1):
        assert "Document préparé localement avec anef-tui" in one.extract_text(), number
    assert not (folder / "exports").exists() or not any((folder / "exports").iterdir())
    assert hosts(page.requests) == {f"127.0.0.1:{server.port}"}


def test_a_tab_nobody_logs_in_to_ends_after_the_login_delay(tmp_path, browser_page):
    """Tabs left on the passphrase would hold every session the server allows (20): one
    where nobody logs in ends after `--delai-connexion`; one logged in goes on."""
    folder = tmp_path / "chiffre"
    fill_encrypted_demo_folder(folder)
    page = browser_page
    with served(folder, "--delai-connexion", "3") as server:
        page.goto(server.url)
        wait_for_text(page, "Phrase secrète")
        page.wait_for_selector("body.-closed", timeout=30_000)
        assert server.wait_no_sessions() == []
        with page.expect_navigation():
            page.keyboard.press("Enter")  # « Nouvelle session »
        _unlock(page)
        wait_for_text(page, "Votre nom (aidant)")
        page.wait_for_timeout(4000)  # past the delay: logged in, the session goes on
        assert "Votre nom (aidant)" in screen(page)
        assert not page.evaluate("() => document.body.classList.contains('-closed')")
        assert len(server.sessions()) == 1


def test_a_scan_on_the_workers_computer_is_sent_and_attached(tmp_path, browser_page):
    """« Joindre » in a browser: the picker asks the page for the browser's own file dialog
    (on the worker's computer), the chosen scan comes up to the session's private folder,
    and the picker takes it; the folder goes with the session."""
    from PIL import Image

    folder = tmp_path / "chiffre"
    key = fill_encrypted_demo_folder(folder)
    scan = tmp_path / "poste de l'aidant" / "passeport page 1.png"
    scan.parent.mkdir()
    Image.new("RGB", (620, 877), (230, 230, 230)).save(scan, "PNG")
    page = browser_page
    with served(folder) as server:
        page.goto(server.url)
        _unlocked_as_marie(page)
        _find(page, "nguyen")
        wait_for_text(page, "Étape 3 : Justificatifs")
        type_keys(page, "Tab", "Tab")  # the e-photo fields, then « Joindre un document »
        with page.expect_file_chooser(timeout=20_000) as choosing:
            type_keys(page, "Enter")
        choosing.value.set_files(str(scan))
        wait_for_text(page, "passeport page 1")
        (pid,) = server.sessions()
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        (depot,) = [Path(v.split(b"=", 1)[1].decode()) for v in environ
                    if v.startswith(b"ANEF_TUI_SERVI_PIECES=")]
        assert depot.is_dir() and (depot / scan.name).is_file()
        page.close()
        server.wait_no_sessions()
    assert not depot.exists()  # the session's folder went with it
    with DossierStore(folder, key=key) as store:
        (nguyen,) = [s for s in store.list() if s.applicant_name.startswith("NGUYEN")]
        from anef_tui.store.attachments import AttachmentStore

        files = AttachmentStore(store).list(nguyen.id, "justificatif_nationalite")
    assert [f.original_name for f in files] == ["passeport page 1.png"]
