"""Issue #19, item 5 « Every message French »: no Python exception text reaches a user.

Every family of OSError and every codec error is provoked at each entry point — the CLI's
subcommands (`list`, `pdf`, `check`, `procedures`, `procedures --check`, `sauvegardes`,
`demo`) and plain mode (the TUI's error boundary: `tests/ui/test_faults.py`) — and what the
user reads is French, valid UTF-8, without raw control characters (`tests/french.py`).
Real provocations where they exist even for root (a parent that is a file, a name over 255
bytes, `documents` as a file, a directory or a FIFO where a file is expected, a link loop,
/proc); otherwise a real OSError with the given errno, raised where the system call is.
"""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from anef_tui.cli import main
from anef_tui.display import display_path, display_text
from anef_tui.oserrors import advice, error_message, error_text, reason
from anef_tui.plain.io import CONTROLS_REFUSED
from anef_tui.store import driver
from tests.conftest import frozen_clock
from tests.french import ERRNO_NAMES, assert_french, codec_errors, os_error, system_errors
from tests.plain.helpers import plain
from tests.plain.journeys import renewal, scan
from tests.vault_helpers import plain_folder

SYSTEM_ERRORS = system_errors()
LONG = "n" * 300  # over NAME_MAX (255 bytes): ENAMETOOLONG, even for root
NOT_UTF8 = os.fsdecode(b"caf\xe9")  # a name whose bytes are not UTF-8: « caf\udce9 »


def cli(capsys, *args: str) -> tuple[int, str]:
    """Run `anef-tui ARGS` in this process; (exit code, stdout + stderr), both French."""
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code != 70, f"a crash report instead of a message: {err}"
    return code, assert_french(out) + assert_french(err)


def says(text: str, exc: BaseException) -> bool:
    """Whether `text` gives the French reason of `exc` (a sentence may begin with it); a
    procedure file that is not UTF-8 says so its own way."""
    said = reason(exc)[1:] in text
    return said or (isinstance(exc, UnicodeError) and "UTF-8" in text)


def raiser(exc: BaseException):
    def fail(*args, **kwargs):
        raise exc

    return fail


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    from anef_tui.demo import fill_demo
    from anef_tui.store.dossiers import DossierStore

    data = tmp_path_factory.mktemp("demo") / "donnees"
    store = DossierStore(data, clock=frozen_clock)
    fill_demo(store)
    store.close()
    from anef_tui.preferences import save_worker_name

    save_worker_name(data, "Test")  # `pdf` writes in the journal: a worker's name (issue 24)
    return data


# --- the words themselves -------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(SYSTEM_ERRORS))
def test_every_family_has_french_words_and_never_strerror(key):
    exc = SYSTEM_ERRORS[key]
    assert reason(exc) and advice(exc)
    message = assert_french(error_message(exc))
    assert says(message, exc) and message.endswith(".")
    assert assert_french(error_text(exc)) == message
    if isinstance(exc, OSError) and exc.strerror:
        assert exc.strerror not in message


def test_each_named_family_has_its_own_words_and_an_unknown_errno_its_number():
    reasons = {name: reason(os_error(name)) for name in ERRNO_NAMES}
    assert reasons["ENOSPC"] == "le disque est plein"
    assert reasons["EEXIST"] == "un fichier ou un dossier du même nom existe déjà"
    assert reasons["EMFILE"] == reasons["ENFILE"] and reasons["EBUSY"] == reasons["ETXTBSY"]
    assert reasons["ENODEV"] == reasons["ENXIO"]
    assert len(set(reasons.values())) == len(reasons) - 3  # the three pairs above
    assert reasons["E2BIG"] == f"le système a refusé l'opération (erreur système n° {errno.E2BIG})"
    # An OSError made without errno says what its class means.
    assert reason(FileExistsError("x")) == reasons["EEXIST"]
    assert reason(PermissionError("x")) == reasons["EACCES"]


def test_paths_in_messages_are_shown_safely_and_building_them_never_raises():
    exc = os_error("EEXIST", path=f"/tmp/{NOT_UTF8}/\x1b[31mdocuments\u202e")
    message = assert_french(error_message(exc))
    assert "« /tmp/caf\ufffd/\ufffd[31mdocuments\ufffd » : un fichier" in message
    assert display_path("a\ud800b") == "a\ufffdb"  # not even a file-name surrogate
    assert display_path(os.fsencode(f"/x/{NOT_UTF8}")) == "/x/caf\ufffd"
    assert display_text("ligne 1\nligne\x072") == "ligne 1\nligne\ufffd2"
    assert error_message(OSError(errno.EBADF, "Bad file descriptor")).startswith("Le système")


def test_codec_errors_say_what_to_rename():
    errors = codec_errors()
    assert "renommez" in advice(errors["surrogate"])
    assert "UTF-8" in reason(errors["decode"]) and "UTF-8" in advice(errors["decode"])
    assert "terminal" in advice(errors["latin-1"])


def test_a_sqlite_error_nobody_expected_is_french_too():
    from anef_tui.store.errors import translate_error

    message = str(translate_error(driver.DatabaseError("datatype mismatch"), f"/d/{NOT_UTF8}"))
    assert_french(message)
    assert "mismatch" not in message and "/d/caf\ufffd" in message


# --- the command line: every family at every subcommand -------------------------------------


@pytest.mark.parametrize("key", sorted(SYSTEM_ERRORS))
def test_list_when_the_data_dir_cannot_be_made(key, capsys, tmp_path, monkeypatch):
    import anef_tui.paths as paths

    exc = SYSTEM_ERRORS[key]
    monkeypatch.setattr(paths, "make_private_dir", raiser(exc))
    code, text = cli(capsys, "--data-dir", str(tmp_path / "d"), "list")
    assert code == 1 and says(text, exc)


@pytest.mark.parametrize("key", sorted(SYSTEM_ERRORS))
def test_pdf_when_writing_fails(key, capsys, demo_dir, tmp_path, monkeypatch):
    from anef_tui.documents import cli_pdf

    exc = SYSTEM_ERRORS[key]
    monkeypatch.setattr(cli_pdf, "write_private", raiser(exc))
    code, text = cli(capsys, "--data-dir", str(demo_dir), "pdf", "1", "--kind", "liste",
                     "-o", str(tmp_path / "liste.pdf"))
    assert code == 1 and says(text, exc)


@pytest.mark.parametrize("key", sorted(SYSTEM_ERRORS))
def test_check_when_the_file_cannot_be_opened(key, capsys, tmp_path, monkeypatch):
    import anef_tui.files.checks.entry as entry

    exc = SYSTEM_ERRORS[key]
    path = tmp_path / "scan.png"
    Image.new("RGB", (20, 20)).save(path)
    monkeypatch.setattr(entry, "open", raiser(exc), raising=False)
    code, text = cli(capsys, "check", str(path))
    assert code == 1 and says(text, exc)


@pytest.mark.parametrize("key", sorted(SYSTEM_ERRORS))
def test_procedures_check_when_the_file_cannot_be_read(key, capsys, tmp_path, monkeypatch):
    import anef_tui.domain.procedure_check as procedure_check

    exc = SYSTEM_ERRORS[key]
    path = tmp_path / "essai.toml"
    path.write_text("id = 'essai'\n", encoding="utf-8")

    monkeypatch.setattr(procedure_check, "read_bounded", raiser(exc))
    code, text = cli(capsys, "procedures", "--check", str(path))
    assert code in (1, 2) and says(text, exc)


@pytest.mark.parametrize("key", sorted(SYSTEM_ERRORS))
def test_procedures_folder_that_cannot_be_listed(key, capsys, tmp_path, monkeypatch):
    from anef_tui.domain import procedure_index

    exc = SYSTEM_ERRORS[key]
    folder = tmp_path / "procedures"
    folder.mkdir()
    procedure_index.clear_caches()
    monkeypatch.setattr(procedure_index.os, "listdir", raiser(exc))
    try:
        code, text = cli(capsys, "--procedures", str(folder), "procedures")
    finally:
        monkeypatch.undo()
        procedure_index.clear_caches()
    assert code in (1, 2) and says(text, exc)


@pytest.mark.parametrize("key", sorted(SYSTEM_ERRORS))
def test_sauvegardes_when_the_backups_cannot_be_listed(key, capsys, tmp_path, monkeypatch):
    import anef_tui.store.backups as backups

    exc = SYSTEM_ERRORS[key]
    monkeypatch.setattr(backups, "list_backups", raiser(exc))
    code, text = cli(capsys, "--data-dir", str(plain_folder(tmp_path / "d")), "sauvegardes")
    assert code == 1 and says(text, exc)


@pytest.mark.parametrize("key", ["ENOSPC", "EACCES", "EIO", "E2BIG", "surrogate", "decode"])
def test_demo_when_filling_fails(key, capsys, tmp_path, monkeypatch):
    import anef_tui.demo as demo

    exc = SYSTEM_ERRORS[key]
    monkeypatch.setattr(demo, "fill_demo", raiser(exc))
    code, text = cli(capsys, "--data-dir", str(tmp_path / "d"), "demo")
    assert code == 1 and says(text, exc)


# --- the command line: odd names and real refusals ------------------------------------------


def test_data_dir_that_is_a_file_or_under_one_or_too_long(capsys, tmp_path):
    afile = tmp_path / "fichier"
    afile.write_text("pas un dossier")
    code, text = cli(capsys, "--data-dir", str(afile), "list")
    assert code == 1 and "est un fichier, pas un dossier" in text and "--data-dir" in text
    code, text = cli(capsys, "--data-dir", str(afile / "sous-dossier"), "demo")
    assert code == 1 and reason(os_error("ENOTDIR")) in text
    code, text = cli(capsys, "--data-dir", str(tmp_path / LONG), "sauvegardes")
    assert code == 1 and reason(os_error("ENAMETOOLONG")) in text
    loop = tmp_path / "boucle"
    loop.symlink_to(loop)
    code, text = cli(capsys, "--data-dir", str(loop), "list")
    assert code == 1 and "--data-dir" in text


def test_data_dir_whose_name_is_not_utf8_is_refused_with_what_to_do(capsys, tmp_path):
    for command in (["list"], ["demo"], ["sauvegardes"], ["pdf", "1"]):
        code, text = cli(capsys, "--data-dir", str(tmp_path / NOT_UTF8), *command)
        assert code == 1
        assert f"« {display_path(tmp_path)}/caf\ufffd »" in text and "renommez-le" in text
    assert not (tmp_path / NOT_UTF8).exists()  # refused before anything is made


def test_data_dir_with_control_characters_works_and_prints_safely(capsys, tmp_path):
    data = plain_folder(tmp_path / "rouge\x1b[31m")
    code, text = cli(capsys, "--data-dir", str(data), "sauvegardes")
    assert code == 0 and "rouge\ufffd[31m" in text


def test_data_dir_in_proc_is_refused_in_french(capsys):
    code, text = cli(capsys, "--data-dir", "/proc/anef-tui-n-existe-pas/donnees", "list")
    assert code == 1 and "Le dossier de données" in text


def test_pdf_into_documents_that_is_a_file(capsys, demo_dir):
    documents = demo_dir / "documents"
    documents.write_text("un fichier, pas un dossier")
    try:
        code, text = cli(capsys, "--data-dir", str(demo_dir), "pdf", "1", "--kind", "liste")
    finally:
        documents.unlink()
    assert code == 1
    assert "« " + str(documents) + " »" in text and reason(os_error("EEXIST")) in text
    assert "--sortie FICHIER" in text


def test_pdf_to_odd_places(capsys, demo_dir, tmp_path):
    afile = tmp_path / "fichier"
    afile.write_text("x")
    folder = tmp_path / "dossier"
    folder.mkdir()
    for target, name in ((afile / "x.pdf", "ENOTDIR"), (folder, "EISDIR"),
                         (tmp_path / (LONG + ".pdf"), "ENAMETOOLONG")):
        code, text = cli(capsys, "--data-dir", str(demo_dir), "pdf", "1", "--kind", "liste",
                         "-o", str(target))
        assert code == 1 and reason(os_error(name)) in text, text
    # A name that is not UTF-8 is written, and its path printed safely.
    code, text = cli(capsys, "--data-dir", str(demo_dir), "pdf", "1", "--kind", "liste",
                     "-o", str(tmp_path / f"{NOT_UTF8}.pdf"))
    assert code == 0 and text.strip().endswith("caf\ufffd.pdf")
    assert (tmp_path / f"{NOT_UTF8}.pdf").read_bytes().startswith(b"%PDF")


def test_check_odd_files(capsys, tmp_path):
    afile = tmp_path / "fichier"
    afile.write_text("x")
    fifo = tmp_path / "tube.pdf"
    os.mkfifo(fifo)
    loop = tmp_path / "boucle.pdf"
    loop.symlink_to(loop)
    odd = tmp_path / f"{NOT_UTF8}\x1b[2J.png"
    Image.new("RGB", (20, 20)).save(odd, "PNG")
    code, text = cli(capsys, "check", str(afile / "x.pdf"), str(tmp_path / LONG), str(fifo),
                     str(loop), str(tmp_path), str(tmp_path / "absent.pdf"), str(odd))
    assert code == 1
    for name in ("ENOTDIR", "ENAMETOOLONG", "ELOOP"):
        assert reason(os_error(name)) in text
    assert "n'est pas un fichier ordinaire" in text and "est un dossier" in text
    assert "introuvable" in text and "caf\ufffd\ufffd[2J.png" in text
    code, text = cli(capsys, "check", "--json", str(odd))
    assert code == 0 and "caf\ufffd\ufffd[2J.png" in text


def test_procedures_check_odd_files(capsys, tmp_path):
    afile = tmp_path / "fichier"
    afile.write_text("x")
    odd = tmp_path / f"{NOT_UTF8}\x07.toml"
    odd.write_text("id = \n", encoding="utf-8")
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes("id = 'é'\n".encode("latin-1"))
    twice = tmp_path / "deux.toml"
    twice.write_text("id = 'a'\nid = 'b'\n", encoding="utf-8")
    for path, fragment in ((afile / "p.toml", "n'existe pas"), (tmp_path, "n'existe pas"),
                           (tmp_path / LONG, "trop long"), (odd, "caf\ufffd\ufffd.toml"),
                           (latin1, "UTF-8"), (twice, "déclarée deux fois")):
        code, text = cli(capsys, "procedures", "--check", str(path))
        assert code in (1, 2) and fragment in text, text


def test_procedures_folder_with_odd_files(capsys, tmp_path):
    from anef_tui.domain import procedure_index

    folder = tmp_path / "procedures"
    folder.mkdir()
    (folder / f"{NOT_UTF8}.toml").write_text("x", encoding="utf-8")
    (folder / "dossier.toml").mkdir()  # a folder named like a procedure file
    afile = tmp_path / "fichier"
    afile.write_text("x")
    procedure_index.clear_caches()
    try:
        code, text = cli(capsys, "--procedures", str(folder), "procedures")
        assert code == 1 and "caf\ufffd.toml" in text and "ignoré" in text
        code, text = cli(capsys, "--procedures", str(afile), "procedures")
        assert code == 2 and "n'est pas un dossier" in text
        code, text = cli(capsys, "--procedures", str(tmp_path / LONG), "list")
        assert code == 2
    finally:
        procedure_index.clear_caches()


def test_sauvegardes_restore_of_an_odd_name(capsys, tmp_path):
    code, text = cli(capsys, "--data-dir", str(plain_folder(tmp_path / "d")), "sauvegardes",
                     "--restaurer",
                     f"{NOT_UTF8}\x1b[31m")
    assert code == 1 and "caf\ufffd\ufffd[31m" in text


@pytest.mark.parametrize("args", [
    ["pdf", "abc"], ["pdf", "1", "--kind", "facture"], ["check"], ["list", "--bogus"],
    ["nimportequoi"], ["--data-dir"], ["list", f"--{NOT_UTF8}"], ["--help"], ["pdf", "--help"],
])
def test_usage_errors_and_help_are_french(args, capsys):
    with pytest.raises(SystemExit) as stop:
        main(args)
    out, err = capsys.readouterr()
    assert_french(out)
    assert_french(err)
    assert "utilisation : anef-tui" in out + err
    if stop.value.code:
        assert stop.value.code == 2 and "anef-tui : erreur : " in err


def test_real_streams_in_a_subprocess_stay_valid_utf8(tmp_path):
    """Through real pipes with a strict UTF-8 stdout, as a terminal in UTF-8 gets them."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}
    afile = tmp_path / "fichier"
    afile.write_text("x")
    odd = tmp_path / f"{NOT_UTF8}.png"
    Image.new("RGB", (20, 20)).save(odd, "PNG")
    for args in (["--data-dir", str(afile / "d"), "list"],
                 ["--data-dir", str(tmp_path / NOT_UTF8), "demo"],
                 ["check", str(odd), str(tmp_path / LONG)],
                 ["pdf", "zéro"]):
        result = subprocess.run([sys.executable, "-m", "anef_tui.cli", *args],
                                capture_output=True, env=env, timeout=60)
        assert result.returncode in (1, 2), result.stderr
        assert_french(result.stdout)
        assert_french(result.stderr)


def test_library_warnings_never_reach_the_terminal(capsys, tmp_path, monkeypatch):
    """The store logs what it could not clean up: with no handler, Python would print that
    (English) on stderr."""
    import logging

    code, _ = cli(capsys, "--data-dir", str(plain_folder(tmp_path / "d")), "list")
    assert code == 0
    logging.getLogger("anef_tui.store.housekeeping").warning("cannot delete %s", "x")
    assert capsys.readouterr().err == ""


# --- plain mode -----------------------------------------------------------------------------


def _to_the_domicile_slot(tmp_path: Path) -> tuple[list[str], Path]:
    domicile = scan(tmp_path / "facture.png")
    lines = renewal(domicile, scan(tmp_path / "recepisse.png"))
    return lines[: lines.index(str(domicile))], domicile


def test_plain_attach_with_every_family(data_dir, tmp_path, monkeypatch):
    import anef_tui.files.checks.entry as entry

    before, domicile = _to_the_domicile_slot(tmp_path)
    errors = list(SYSTEM_ERRORS.values())
    # One file per error, so that each attempt meets its own error however many times the
    # checks open the file.
    paths = []
    for number in range(len(errors)):
        path = tmp_path / f"piece-{number}.png"
        path.write_bytes(domicile.read_bytes())
        paths.append(path)

    def failing_open(file, *args, **kwargs):
        raise errors[int(Path(file).stem.split("-")[1])]

    monkeypatch.setattr(entry, "open", failing_open, raising=False)
    out = plain(data_dir, [*before, *map(str, paths), ":quitter", ":quitter"])
    assert_french(out)
    for exc in errors:
        assert says(out, exc), exc


def test_plain_attach_odd_paths(data_dir, tmp_path):
    from anef_tui.plain.cli import run

    before, _ = _to_the_domicile_slot(tmp_path)
    afile = tmp_path / "fichier"
    afile.write_text("x")
    fifo = tmp_path / "tube.pdf"
    os.mkfifo(fifo)
    loop = tmp_path / "boucle.pdf"
    loop.symlink_to(loop)
    odd = tmp_path / f"{NOT_UTF8}.png"
    Image.new("RGB", (1240, 1754), (220, 220, 220)).save(odd, "PNG")
    typed = [str(afile / "x.png"), str(tmp_path / LONG), str(fifo), str(loop), str(tmp_path),
             str(tmp_path / "\x1b[31mabsent.png")]
    raw = "\n".join([*before, *typed]).encode("utf-8") + b"\n"
    raw += os.fsencode(odd) + b"\n"  # what a terminal in Latin-1 would send
    raw += b":quitter\n:quitter\n"
    out = io.BytesIO()
    assert run(data_dir, stdin=io.BytesIO(raw), stdout=out, clock=frozen_clock) == 0
    text = assert_french(out.getvalue())
    for name in ("ENOTDIR", "ENAMETOOLONG", "ELOOP"):
        assert reason(os_error(name)) in text
    assert "n'est pas un fichier ordinaire" in text and "est un dossier" in text
    assert CONTROLS_REFUSED in text  # a typed ESC is refused, never shown nor looked for
    assert "caractères illisibles" in text and "renommez le fichier" in text


def test_plain_filing_when_documents_is_a_file(data_dir, tmp_path):
    data_dir.mkdir(parents=True)
    (data_dir / "documents").write_text("un fichier, pas un dossier")
    lines = renewal(scan(tmp_path / "facture.png"), scan(tmp_path / "recepisse.png"))
    out = assert_french(plain(data_dir, lines))
    assert "Demande déposée" in out
    assert "n'a pas pu être enregistré" in out and reason(os_error("EEXIST")) in out
    assert str(data_dir / "documents") in out


def test_a_path_too_long_for_a_toast_keeps_its_file_name_and_says_where_it_was_cut():
    """Issue 21: the PDF's path lost its end in a toast at 80 columns."""
    from anef_tui.display import path_lines

    path = "/home/agent/anef-tui/documents/recapitulatif-0001-GUIDE-Malade.pdf"
    assert path_lines(path, 100) == [path]
    assert path_lines(path, 50) == ["…/documents/recapitulatif-0001-GUIDE-Malade.pdf"]
    assert path_lines(path, 40) == ["…/recapitulatif-0001-GUIDE-Malade.pdf"]
    # Longer than a line: the name runs on, whole.
    lines = path_lines(path, 20)
    assert all(len(line) <= 20 for line in lines)
    assert "".join(lines) == "…/recapitulatif-0001-GUIDE-Malade.pdf"
    assert path_lines("/tmp/\udce9t\x1b.pdf", 9) == ["…/\ufffdt\ufffd.pdf"]
