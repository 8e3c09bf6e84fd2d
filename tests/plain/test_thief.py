"""Issue 23, item 5, end to end with the real command: tried as a thief who has the data
folder but not the passphrase. `anef-tui texte` (a separate process, unlocked through
ANEF_TUI_PHRASE_FILE as a script would) files a whole renewal whose answers and attached
scan carry unique markers, which makes its PDFs, its daily backup and drafts; a second
process is killed with SIGKILL in the middle of a new dossier; then every byte of every file
under the data folder and under the processes' temporary folder is searched for the
markers: none, except in `exports/`, the one folder where the user's explicit exports are
plain. The same markers are in what the processes printed and in the scan itself: the
search would find them if they were there."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image, PngImagePlugin

from anef_tui.store.dossiers import DossierStore
from tests.plain.journeys import PROFILE, renewal, scan
from tests.vault_helpers import PHRASE, encodings, make_vault


def _letters(prefix: str) -> str:
    """A marker that names accept: letters only, unique to this run."""
    return prefix + "".join(secrets.choice("bcdfghjklmnpqrstvwxz") for _ in range(10))


def _marked_scan(path: Path, marker: str) -> Path:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", marker)
    Image.new("RGB", (1240, 1754), (220, 220, 220)).save(path, "PNG", pnginfo=info)
    return path


def test_a_thief_with_the_folder_but_not_the_passphrase_reads_nothing(tmp_path):
    data = tmp_path / "donnees"
    created = make_vault(data)
    phrase_file = tmp_path / "phrase"
    phrase_file.write_text(PHRASE + "\n", encoding="utf-8")
    phrase_file.chmod(0o600)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "ANEF_TUI_PHRASE_FILE": str(phrase_file), "TMPDIR": str(temp),
           "TERM": "xterm-256color", "COLUMNS": "80"}
    command = [sys.executable, "-m", "anef_tui.cli", "--data-dir", str(data), "texte"]

    birth, first = _letters("Qznaiss"), _letters("Qzprenom")
    remark = "Observation " + _letters("QZOBS")
    document = _letters("QZSCAN")
    killed = _letters("Qztue")
    lines = renewal(_marked_scan(tmp_path / "facture.png", document),
                    scan(tmp_path / "recepisse.png"))
    profile = list(PROFILE)
    profile[4], profile[6] = birth, first  # nom de naissance, prénom(s)
    start = lines.index(PROFILE[0])
    lines[start:start + len(PROFILE)] = profile
    lines[lines.index("Mon adresse n'a pas changé.")] = remark
    done = subprocess.run(command, input=("\n".join([*lines, ":quitter"]) + "\n").encode(),
                          capture_output=True, env=env, timeout=180, check=False)
    said = done.stdout.decode("utf-8")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "Demande déposée" in said and birth.upper() in said.upper()

    # A second desk, killed in the middle of a new dossier.
    desk = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    assert desk.stdin is not None and desk.stdout is not None
    desk.stdin.write(f"nouveau\n1\n{killed} Awa\n\n".encode())
    desk.stdin.flush()
    seen = b""
    deadline = time.monotonic() + 60
    while b"N\xc2\xb0 \xc3\xa9tranger" not in seen and time.monotonic() < deadline:
        seen += desk.stdout.read1(4096)  # until the new dossier's first question
    desk.send_signal(signal.SIGKILL)
    desk.wait(timeout=30)
    desk.stdout.close()
    desk.stdin.close()
    assert killed.encode() in seen

    markers = [birth, first, remark.split()[-1], document, killed]
    # The search sees: the markers are in the scan given and in what was printed.
    assert document.encode() in (tmp_path / "facture.png").read_bytes()
    found: dict[str, list[str]] = {}
    files = 0
    for top in (data, temp):
        for root, folders, names in os.walk(top):
            if Path(root) == data:
                folders[:] = [f for f in folders if f != "exports"]
            for name in names:
                path = Path(root, name)
                raw = path.read_bytes().lower()
                files += 1
                for marker in markers:
                    if marker.lower() in name.lower() or any(
                            form.lower() in raw for form in encodings(marker)):
                        found.setdefault(marker, []).append(str(path.relative_to(tmp_path)))
    assert files >= 8  # the base, its backup, coffre.cle, the scans, the PDFs…
    assert found == {}, found
    # And the owner, with the key, finds everything.
    with DossierStore(data, key=created.key) as store:
        names = {row.applicant_name for row in store.list()}
    assert any(birth.upper() in name.upper() for name in names)
    assert any(killed in name for name in names)
