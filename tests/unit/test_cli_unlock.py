"""The key of a folder for the command line and the plain mode (issue 23): the passphrase
file for scripts (refused unless private), the passphrase typed at a terminal (a wrong one
said, the next try waits longer), the recovery key, a new folder's vault, and the French
sentence when there is neither a terminal nor a file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from anef_tui.cli import main
from anef_tui.cli.unlock import NeedsTerminal, NoPhraseTyped, key_for
from anef_tui.vault.errors import WrongPassphrase
from anef_tui.vault.folder import FolderKind, folder_kind
from anef_tui.vault.keyfile import key_file_path
from anef_tui.vault.keys import unlock_with_passphrase
from anef_tui.vault.phrase_file import PhraseFileRefused, read_phrase_file
from tests.vault_helpers import OTHER_PHRASE, PHRASE, make_vault


def phrase_file(tmp_path: Path, text: str, mode: int = 0o600) -> Path:
    path = tmp_path / "phrase.txt"
    path.write_text(text, encoding="utf-8")
    os.chmod(path, mode)
    return path


def test_the_phrase_file_is_read_only_when_private(tmp_path):
    assert read_phrase_file(phrase_file(tmp_path, PHRASE + "\n")) == PHRASE
    for mode in (0o644, 0o640, 0o604):
        with pytest.raises(PhraseFileRefused, match="chmod 600"):
            read_phrase_file(phrase_file(tmp_path, PHRASE, mode))
    link = tmp_path / "lien"
    link.symlink_to(phrase_file(tmp_path, PHRASE))
    with pytest.raises(PhraseFileRefused, match="lien symbolique"):
        read_phrase_file(link)
    with pytest.raises(PhraseFileRefused, match="plusieurs lignes"):
        read_phrase_file(phrase_file(tmp_path, PHRASE + "\nautre\n"))
    with pytest.raises(PhraseFileRefused, match="vide"):
        read_phrase_file(phrase_file(tmp_path, "\n"))
    with pytest.raises(PhraseFileRefused, match="n'existe pas"):
        read_phrase_file(tmp_path / "absent")


def test_an_encrypted_folder_without_terminal_nor_file_says_what_to_do(tmp_path, capsys,
                                                                       monkeypatch):
    monkeypatch.delenv("ANEF_TUI_PHRASE_FILE", raising=False)
    data = tmp_path / "d"
    make_vault(data)
    assert main(["--data-dir", str(data), "liste"]) == 1
    said = capsys.readouterr().err
    assert "Ce dossier de données est chiffré" in said and "ANEF_TUI_PHRASE_FILE" in said
    assert not (data / "anef-tui.db").exists()
    monkeypatch.setenv("ANEF_TUI_PHRASE_FILE", str(phrase_file(tmp_path, OTHER_PHRASE)))
    assert main(["--data-dir", str(data), "liste"]) == 1
    assert "Phrase secrète incorrecte" in capsys.readouterr().err
    monkeypatch.setenv("ANEF_TUI_PHRASE_FILE", str(phrase_file(tmp_path, PHRASE)))
    assert main(["--data-dir", str(data), "liste"]) == 0
    assert "Aucun dossier" in capsys.readouterr().out


def test_a_new_folder_with_the_phrase_file_gets_its_vault_and_recovery_key(tmp_path):
    data = tmp_path / "d"
    said: list[str] = []
    os.environ["ANEF_TUI_PHRASE_FILE"] = str(phrase_file(tmp_path, PHRASE))
    try:
        key = key_for(data, command="liste", say=said.append, can_ask=False)
    finally:
        del os.environ["ANEF_TUI_PHRASE_FILE"]
    assert key is not None and folder_kind(data) is FolderKind.ENCRYPTED
    assert said[0] == "Clé de secours (affichée une seule fois) :"
    assert unlock_with_passphrase(key_file_path(data), PHRASE).data_key == key.data_key


def test_typed_passphrases_wait_longer_after_each_wrong_one(tmp_path, monkeypatch):
    monkeypatch.delenv("ANEF_TUI_PHRASE_FILE", raising=False)
    data = tmp_path / "d"
    created = make_vault(data)
    typed = iter([OTHER_PHRASE, OTHER_PHRASE, OTHER_PHRASE, PHRASE])
    said: list[str] = []
    waits: list[float] = []
    key = key_for(data, command="texte", ask=lambda prompt: next(typed), say=said.append,
                  can_ask=True, sleep=waits.append)
    assert key is not None and key.data_key == created.key.data_key
    assert waits == [1.0, 2.0]  # none after the first (a typo), then doubling
    assert sum("Phrase secrète incorrecte" in line for line in said) == 3
    wrong = iter([OTHER_PHRASE] * 10)
    with pytest.raises(WrongPassphrase):
        key_for(data, command="texte", ask=lambda prompt: next(wrong), say=said.append,
                can_ask=True, sleep=waits.append)


def test_secours_opens_with_the_recovery_key_and_a_new_passphrase(tmp_path, monkeypatch):
    monkeypatch.delenv("ANEF_TUI_PHRASE_FILE", raising=False)
    data = tmp_path / "d"
    created = make_vault(data)
    typed = iter(["secours", created.recovery_key, "court", OTHER_PHRASE, OTHER_PHRASE])
    said: list[str] = []
    key = key_for(data, command="liste", ask=lambda prompt: next(typed), say=said.append,
                  can_ask=True)
    assert key is not None and key.data_key == created.key.data_key
    assert any(line.startswith("Refusée : elle a 5 caractères") for line in said)
    assert unlock_with_passphrase(key_file_path(data), OTHER_PHRASE).data_key \
        == created.key.data_key


def test_the_end_of_input_opens_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv("ANEF_TUI_PHRASE_FILE", raising=False)
    data = tmp_path / "d"
    make_vault(data)

    def ended(prompt: str) -> str:
        raise EOFError

    with pytest.raises(NoPhraseTyped):
        key_for(data, command="liste", ask=ended, can_ask=True)
    with pytest.raises(NeedsTerminal, match="neuf"):
        key_for(tmp_path / "neuf", command="liste", can_ask=False)
    assert not (tmp_path / "neuf").exists()


def test_a_new_folder_typed_at_a_terminal_waits_until_the_recovery_key_is_copied(
        tmp_path, monkeypatch):
    monkeypatch.delenv("ANEF_TUI_PHRASE_FILE", raising=False)
    data = tmp_path / "d"
    asked: list[str] = []
    typed = iter([PHRASE, PHRASE, ""])

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(typed)

    said: list[str] = []
    key = key_for(data, command="texte", ask=ask, say=said.append, can_ask=True)
    assert key is not None and folder_kind(data) is FolderKind.ENCRYPTED
    assert asked[-1].startswith("Appuyez sur Entrée quand la clé de secours est recopiée")
    assert said.index("Clé de secours (affichée une seule fois) :") < len(said)
