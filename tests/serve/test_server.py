"""`anef-tui servir` without a browser (issue 26): which bases and addresses it refuses,
what its page asks of other hosts (nothing), who may open a session (its own page only),
and what a session's process inherits (nothing that would skip the login)."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from anef_tui.serve import addresses, process
from anef_tui.serve import server as serve_server
from anef_tui.serve.gate import NO_LOGIN, refusal
from tests.conftest import fill_demo_folder, fill_encrypted_demo_folder
from tests.serve.served import served


def _servir(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "anef_tui", "--data-dir", str(data_dir), "servir", *args],
        capture_output=True, text=True, timeout=60)


def test_a_plain_folder_without_accounts_is_not_served(tmp_path):
    folder = tmp_path / "demo"
    fill_demo_folder(folder)
    assert refusal(folder, None) == NO_LOGIN
    done = _servir(folder)
    assert done.returncode == 1
    assert "ne demande ni phrase secrète ni compte" in done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_an_encrypted_folder_and_a_folder_with_accounts_are_served(tmp_path):
    from tests.accounts_helpers import with_referent

    encrypted = tmp_path / "chiffre"
    fill_encrypted_demo_folder(encrypted)
    assert refusal(encrypted, None) is None
    with_accounts = tmp_path / "comptes"
    fill_demo_folder(with_accounts)
    with_referent(with_accounts)
    assert refusal(with_accounts, None) is None


@pytest.mark.parametrize("args, said", [
    (("--hote", "0.0.0.0"), "n'écoute que sur cet ordinateur"),
    (("--hote", "192.168.1.20"), "n'écoute que sur cet ordinateur"),
    (("--url-publique", "http://anef.structure.example"), "doit commencer par https://"),
])
def test_the_network_without_tls_is_refused(tmp_path, args, said):
    folder = tmp_path / "chiffre"
    fill_encrypted_demo_folder(folder)
    done = _servir(folder, *args)
    assert done.returncode == 1
    assert said in done.stderr
    assert "Traceback" not in done.stderr


def test_loopback_and_https_addresses_are_accepted():
    addresses.check_address("127.0.0.1", None)
    addresses.check_address("localhost", "http://localhost:8000")
    addresses.check_address("::1", "https://anef.structure.example")


def test_a_session_inherits_nothing_that_skips_the_login():
    environment = process.session_environment({
        "PATH": "/usr/bin", "HOME": "/home/x", "LC_ALL": "fr_FR.UTF-8",
        "PGSSLMODE": "require", "ANEF_TUI_PHRASE_FILE": "/tmp/phrase",
        "ANEF_TUI_PHRASE_COMPTE": "/tmp/p2", "ANEF_TUI_COMPTE": "claire",
        "ANEF_TUI_BASE": "postgresql://ailleurs/base", "ANEF_TUI_DATA_DIR": "/ailleurs",
        "ANEF_TUI_AIDANT": "Quelqu'un", "SECRET_TOKEN": "x", "ANEF_TUI_PROCEDURES": "/p",
    })
    assert environment["PATH"] == "/usr/bin" and environment["LC_ALL"] == "fr_FR.UTF-8"
    assert environment["PGSSLMODE"] == "require"
    assert environment["ANEF_TUI_PROCEDURES"] == "/p"
    assert environment["ANEF_TUI_SERVI"] == "1"
    for gone in ("ANEF_TUI_PHRASE_FILE", "ANEF_TUI_PHRASE_COMPTE", "ANEF_TUI_COMPTE",
                 "ANEF_TUI_BASE", "ANEF_TUI_DATA_DIR", "ANEF_TUI_AIDANT", "SECRET_TOKEN"):
        assert gone not in environment


def test_every_change_to_textual_serve_script_is_made_once():
    original = (serve_server.TEXTUAL_SERVE_STATIC / "js" / "textual.js").read_text()
    patched = serve_server.patched_script().decode()
    for before, after in serve_server.SCRIPT_CHANGES:
        assert original.count(before) == 1
        assert before not in patched and patched.count(after) == 1


def test_the_session_command_quotes_every_part(tmp_path):
    folder = tmp_path / "un dossier; rm -rf ~ $(x) 'y'"
    command = process.session_command(folder)
    import shlex

    assert shlex.split(command)[-1] == str(folder)


def _get(url: str, origin: str | None = None):
    request = urllib.request.Request(url)
    if origin is not None:
        for name, value in (("Origin", origin), ("Connection", "Upgrade"),
                            ("Upgrade", "websocket"), ("Sec-WebSocket-Version", "13"),
                            ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")):
            request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_page_asks_nothing_of_another_host_and_only_it_opens_sessions(tmp_path):
    folder = tmp_path / "chiffre"
    fill_encrypted_demo_folder(folder)
    with served(folder) as server:
        status, headers, body = _get(server.url)
        assert status == 200
        page = body.decode()
        assert '<html lang="fr">' in page and "Session terminée." in page
        # Every address in the page is this server's (relative) or its websocket.
        addresses = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert addresses and all(not re.match(r"[a-z]+:", a) for a in addresses)
        assert re.findall(r"wss?://[^\"]+", page) == [f"ws://127.0.0.1:{server.port}/ws"]
        policy = headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        # The fonts, script and style sheets are served here; no folder is listed.
        for path in ("static/js/textual.js", "static/css/xterm.css", "anef/page.js",
                     "anef/page.css", "static/fonts/RobotoMono-VariableFont_wght.ttf"):
            assert _get(server.url + path)[0] == 200, path
        css = _get(server.url + "anef/page.css")[2].decode()
        assert "http" not in css and "googleapis" not in page + css
        assert _get(server.url + "static/")[0] in (403, 404)
        assert _get(server.url + "anef/../../etc/passwd")[0] == 404
        # A session only from this server's own page.
        assert _get(server.url + "ws", origin="http://evil.example")[0] == 403
        assert _get(server.url + "ws", origin=f"http://127.0.0.1:{server.port + 1}")[0] == 403
        assert not server.sessions()


def test_sizes_asked_by_a_page_are_bounded():
    from anef_tui.serve.server import _size

    assert _size("120", "40") == (120, 40)
    assert _size(10**9, 10**9) == (500, 300)
    assert _size(-5, 0) == (20, 10)
    assert _size("x", None) == (80, 24)
    assert _size(float("inf"), [1]) == (80, 24)


def test_what_a_page_sends_is_data_checked_before_the_session_gets_it(tmp_path):
    """A client of the websocket (from this server's origin) that sends what the page never
    sends — garbage, wrong types, a screen of a billion columns — gets a session that still
    answers, at its normal size."""
    import asyncio

    import aiohttp

    folder = tmp_path / "chiffre"
    fill_encrypted_demo_folder(folder)

    async def talk(server) -> list:
        answers = []
        async with aiohttp.ClientSession() as client, client.ws_connect(
                server.url + "ws?width=100000000&height=-3",
                headers={"Origin": f"http://127.0.0.1:{server.port}"}) as ws:
            for garbage in ("pas du json", "[]", "{}", '["stdin", 5]', '["resize", 3]',
                            '["resize", {"width": 1e400, "height": "x"}]',
                            '["ping", "' + "p" * 100 + '"]'):
                await ws.send_str(garbage)
            await ws.send_json(["resize", {"width": 10**9, "height": 10**9}])
            await ws.send_json(["ping", "encore là"])
            async for message in ws:
                if message.type == aiohttp.WSMsgType.TEXT:
                    answers.append(json.loads(message.data))
                    if answers[-1] == ["pong", "encore là"]:
                        break
            await asyncio.sleep(1.5)  # the session has taken the resize by now
            rss = _rss_kib(server.sessions()[0])
        return answers, rss

    import json

    with served(folder) as server:
        answers, rss = asyncio.run(talk(server))
        assert answers[-1] == ["pong", "encore là"]
        assert ["pong", "p" * 100] not in answers
        assert rss < 400_000  # KiB: a 500×300 screen, not a billion columns


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("VmRSS")


def test_a_name_sent_from_the_browser_is_made_safe():
    from anef_tui.serve.depot import Depot

    depot = Depot()
    try:
        assert depot.safe_name("../../etc/passwd") == "passwd"
        assert depot.safe_name("C:\\Users\\x\\scan.pdf") == "scan.pdf"
        assert depot.safe_name("\x1b]0;x\x07bail\n.png") == "]0;xbail.png"
        assert depot.safe_name(".bashrc") == "bashrc"
        assert depot.safe_name("") == "fichier"
        assert len(depot.safe_name("a" * 500 + ".pdf")) <= 120
        path, fd = depot.open_new("scan.pdf")
        import os

        os.close(fd)
        assert path.parent == depot.folder and oct(path.stat().st_mode & 0o777) == "0o600"
        assert depot.safe_name("scan.pdf") == "scan (2).pdf"
        assert oct(depot.folder.stat().st_mode & 0o777) == "0o700"
    finally:
        depot.remove()
    assert not depot.folder.exists()


def test_files_are_taken_only_for_a_logged_in_session_with_its_token(tmp_path):
    """`/depot/{token}`: an unknown token, or a session nobody has logged in to yet, gets
    nothing stored (404) — a page of another site neither (its Origin)."""
    import asyncio

    import aiohttp

    folder = tmp_path / "chiffre"
    fill_encrypted_demo_folder(folder)

    async def talk(server) -> list[int]:
        statuses = []
        origin = {"Origin": f"http://127.0.0.1:{server.port}"}
        async with aiohttp.ClientSession() as client, client.ws_connect(
                server.url + "ws", headers=origin) as ws:
            token = None
            async for message in ws:
                if message.type == aiohttp.WSMsgType.TEXT:
                    data = json.loads(message.data)
                    if data[0] == "anef_depot":
                        token = data[1]
                        break
            assert token
            for which, headers in ((token, origin), ("x" * 32, origin),
                                   (token, {"Origin": "http://evil.example"})):
                form = aiohttp.FormData()
                form.add_field("fichier", b"%PDF-1.4 test", filename="scan.pdf")
                async with client.post(server.url + "depot/" + which, data=form,
                                       headers=headers) as response:
                    statuses.append(response.status)
        return statuses

    import json

    with served(folder) as server:
        assert asyncio.run(talk(server)) == [404, 404, 404]
