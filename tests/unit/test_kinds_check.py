"""Issue 21, item 3: a notification kinds file with a slip is said in French — which file,
which line and key, what to do — by `anef-tui procedures --verifier` and by every command
that needs it, never by a crash report (exit 70). Each hostile file is the shipped
`followup.toml` with one slip, so that the line said can be checked."""

from __future__ import annotations

import re

import pytest

from anef_tui.domain import notification_kinds
from anef_tui.paths import assets_dir
from tests.unit.test_french_messages import cli

SHIPPED = (assets_dir() / "followup.toml").read_text(encoding="utf-8")


def line_of(text: str, fragment: str) -> int:
    """The number of the first line of `text` holding `fragment`."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def slip(old: str, new: str, count: int = 1) -> str:
    assert old in SHIPPED
    return SHIPPED.replace(old, new, count)


#: name -> (the file, the line said, words of the problem said).
def _hostile() -> dict[str, tuple[str, str, list[str]]]:
    cases: dict[str, tuple] = {
        # TOML that does not parse: a text left open.
        "toml": (slip('label = "Fin de la prolongation"', 'label = "Fin de la prolongation'),
                 'label = "Fin de la prolongation', ["TOML invalide", "caractère non permis"]),
        # A state code nobody knows.
        "etat": (slip('status = "instruction_prolongee"', 'status = "prolongee"'),
                 'id = "prolongation"', ["état inconnu « prolongee »"]),
        # The end of a kind on a checklist item that does not exist.
        "fin": (slip('ends_when = "checklist.enveloppe_envoyee"',
                     'ends_when = "checklist.enveloppe"'),
                'id = "certificat_medical"', ["`ends_when` « checklist.enveloppe » inconnu"]),
        # A deadline counted from a date the kind does not have.
        "depart": (slip('from = "valid_until"', 'from = "valid_to"'),
                   'id = "prolongation"', ["l'échéance part de « valid_to »"]),
        # Two kinds of one id.
        "double": (slip('id = "decision"', 'id = "prolongation"'),
                   'id = "prolongation"', ["notification « prolongation »", "deux fois"]),
        # Two deadlines of one code.
        "code": (slip('code = "fin_prolongation"', 'code = "envoyer_certificat"'),
                 'id = "prolongation"', ["« envoyer_certificat » est déjà pris"]),
        # A deadline without its label: said at its table, `[kinds.deadline]`, the line
        # before its code.
        "libelle": (slip('label = "Fin de la prolongation"\n', ''),
                    ('code = "fin_prolongation"', -1),
                    ["clé « label »", "clé obligatoire absente"]),
        # A label under a misspelt key.
        "frappe": (slip('label = "Fin de la prolongation"', 'labl = "Fin de la prolongation"'),
                   'labl = ', ["clé « labl »", "clé inconnue (faute de frappe ?)"]),
        # Wrong types: a number in words, a yes in words.
        "mois": (slip("months = 1\n", 'months = "un"\n'), 'months = "un"',
                 ["clé « months »", "nombre entier attendu"]),
        "oui": (slip("required = true\nnot_before", 'required = "oui"\nnot_before'),
                'required = "oui"', ["clé « required »", "true ou false attendu"]),
    }
    found = {}
    for name, (text, where, words) in cases.items():
        fragment, offset = where if isinstance(where, tuple) else (where, 0)
        found[name] = (text, str(line_of(text, fragment) + offset), words)
    return found


HOSTILE = _hostile()


@pytest.fixture(autouse=True)
def _fresh_kinds(monkeypatch):
    monkeypatch.delenv(notification_kinds.FILE_ENV, raising=False)
    monkeypatch.delenv(notification_kinds.EXTRA_ENV, raising=False)
    notification_kinds.clear_caches()
    yield
    notification_kinds.clear_caches()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_verifier_says_each_slip_of_a_kinds_file(name, capsys, tmp_path):
    text, line, words = HOSTILE[name]
    path = tmp_path / f"notif-{name}.toml"
    path.write_text(text, encoding="utf-8")
    code, said = cli(capsys, "procedures", "--verifier", str(path))
    assert code == 1, said
    assert "n'est pas un fichier des notifications valide" in said
    assert f"notif-{name}.toml" in said
    assert f"ligne {line} :" in said, said
    for word in words:
        assert word in said, said


@pytest.mark.parametrize("name", ["toml", "etat", "double", "libelle", "mois"])
def test_verifier_without_a_file_checks_the_kinds_file_in_use(name, capsys, tmp_path,
                                                              monkeypatch):
    """Without FICHIER: the procedures and the kinds file read in place of the shipped one
    (ANEF_TUI_FOLLOWUP) are all checked; the procedures are said valid."""
    text, line, words = HOSTILE[name]
    path = tmp_path / "mes-notifications.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(notification_kinds.FILE_ENV, str(path))
    code, said = cli(capsys, "procedures", "--verifier")
    assert code == 1
    assert "procédure « renouvellement »" in said and "mes-notifications.toml" in said
    assert f"ligne {line} :" in said and all(word in said for word in words), said
    # The listing says it too, and where the details are.
    code, said = cli(capsys, "procedures")
    assert code == 1 and "mes-notifications.toml" in said and "--verifier" in said


def test_verifier_says_the_shipped_files_valid(capsys):
    code, said = cli(capsys, "procedures", "--verifier")
    assert code == 0
    assert "procédure « premiere_demande »" in said
    assert re.search(r"followup\.toml » est valide : fichier des notifications, 4 type", said)
    code, said = cli(capsys, "procedures", "--verifier", str(assets_dir() / "followup.toml"))
    assert code == 0 and "complement, certificat_medical, prolongation, decision" in said
    code, said = cli(capsys, "procedures")
    assert code == 0 and "Notifications : 4 type(s)" in said


def test_verifier_of_kinds_files_that_clash(capsys, tmp_path, monkeypatch):
    """Each file valid alone, together they give one id twice: said, naming both."""
    folder = tmp_path / "plus"
    folder.mkdir()
    (folder / "encore.toml").write_text(
        '[[kinds]]\nid = "decision"\ntitle = "Encore"\nstatus = "certificat_medical"\n',
        encoding="utf-8")
    monkeypatch.setenv(notification_kinds.EXTRA_ENV, str(folder))
    code, said = cli(capsys, "procedures", "--verifier")
    assert code == 1
    assert "« encore.toml » est valide" in said
    assert "incompatibles" in said and "encore.toml" in said and "followup.toml" in said
    assert "notification « decision » : déclarée deux fois" in said


def test_verifier_of_a_kinds_file_that_cannot_be_read(capsys, tmp_path, monkeypatch):
    path = tmp_path / "latin1.toml"
    path.write_bytes(SHIPPED.replace("Réponse", "R\xe9ponse").encode("latin-1",
                                                                      "replace"))
    monkeypatch.setenv(notification_kinds.FILE_ENV, str(path))
    code, said = cli(capsys, "procedures", "--verifier", str(path))
    assert code == 2 and "latin1.toml" in said and "illisible" in said


@pytest.mark.parametrize("args", [["demo"], ["liste"], ["liste", "--json"], ["pdf", "1"]])
def test_commands_that_need_the_kinds_say_the_slip(args, capsys, tmp_path, monkeypatch):
    """`demo` records notifications: with a slip in the kinds file it says which file,
    which line and what to do, in one French line (not a crash report); the commands that
    do not need the kinds work as before."""
    from anef_tui.demo import fill_demo
    from anef_tui.store.dossiers import DossierStore

    data_dir = tmp_path / "d"
    if args != ["demo"]:
        store = DossierStore(data_dir)
        fill_demo(store)
        store.close()
    text, line, _ = HOSTILE["frappe"]
    path = tmp_path / "notif.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv(notification_kinds.FILE_ENV, str(path))
    monkeypatch.setenv("ANEF_TUI_AIDANT", "Test")  # `pdf` writes in the journal (issue 24)
    notification_kinds.clear_caches()
    code, said = cli(capsys, "--data-dir", str(data_dir), *args)
    if args == ["demo"]:
        assert code == 1
        assert said.startswith("anef-tui : Fichier des notifications")
        assert "notif.toml" in said and f"ligne {line}" in said and "clé « labl »" in said
        assert "Corrigez ce fichier" in said and "anef-tui procedures --verifier" in said
        assert "ANEF_TUI_FOLLOWUP" in said
    else:
        assert code == 0, said
    assert not (data_dir / "rapports").exists()
