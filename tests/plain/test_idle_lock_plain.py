"""The plain mode's idle lock (issue 23): a line that comes after the idle time is acted on
only once the passphrase is typed again; a wrong one is said and waits longer; a line that
comes in time is not delayed."""

from __future__ import annotations

import io

import pytest

from anef_tui.plain import idle
from anef_tui.plain.io import EndOfInput, PlainIO
from anef_tui.vault.errors import KeyFileSwapped
from tests.vault_helpers import OTHER_PHRASE, PHRASE, make_vault


def _io(lines: str, moments: list[float]) -> tuple[PlainIO, io.BytesIO]:
    out = io.BytesIO()
    plain = PlainIO(io.BytesIO(lines.encode()), out)
    times = iter(moments)
    plain.clock = lambda: next(times)
    return plain, out


def test_a_line_after_the_idle_time_waits_for_the_passphrase(tmp_path):
    created = make_vault(tmp_path)
    plain, out = _io("1\n2\n", [0.0, 59.0, 100.0, 161.0])
    typed = iter([OTHER_PHRASE, OTHER_PHRASE, PHRASE])
    asked: list[str] = []
    waits: list[float] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(typed)

    idle.install(plain, tmp_path, created.key, {"verrouillage_minutes": 1}, ask=ask,
                 sleep=waits.append)
    assert plain.ask() == "1"  # 59 s: under the minute, not asked
    assert asked == [] and "verrouillé" not in out.getvalue().decode()
    assert plain.ask() == "2"  # 61 s: asked until the right one
    said = out.getvalue().decode()
    assert "verrouillé" in said and asked == ["Phrase secrète"] * 3
    assert waits == [1.0]  # none after the first wrong one, then 1 s
    assert said.count("Phrase secrète incorrecte") == 2 and "Déverrouillé." in said


def test_a_line_in_time_is_not_delayed_and_another_vault_is_refused(tmp_path):
    created = make_vault(tmp_path / "a")
    make_vault(tmp_path / "b")
    plain, out = _io("1\n", [0.0, 30.0])
    idle.install(plain, tmp_path / "a", created.key, {}, ask=lambda prompt: 1 / 0)
    assert plain.ask() == "1"
    assert "verrouillé" not in out.getvalue().decode()
    plain, out = _io("1\n", [0.0, 600.0])
    idle.install(plain, tmp_path / "b", created.key, {}, ask=lambda prompt: PHRASE)
    with pytest.raises(KeyFileSwapped):
        plain.ask()
    plain, out = _io("1\n", [0.0, 600.0])

    def ended(prompt: str) -> str:
        raise EOFError

    idle.install(plain, tmp_path / "a", created.key, {}, ask=ended)
    with pytest.raises(EndOfInput):
        plain.ask()


def test_nouveau_in_a_demonstration_folder_says_it_is_not_encrypted(data_dir):
    from tests.conftest import fill_demo_folder
    from tests.plain.helpers import plain

    fill_demo_folder(data_dir)
    said = plain(data_dir, ["nouveau", "", ":quitter"])
    assert "N'y saisissez pas les données d'une vraie personne" in said


def test_on_a_base_with_accounts_the_workers_phrase_unlocks(tmp_path):
    """Issue 25: the lock asks the logged-in worker's passphrase (not another's)."""
    from anef_tui import accounts
    from anef_tui.store.dossiers import DossierStore
    from anef_tui.store.journal.actor import PLAIN
    from tests.accounts_helpers import AIDANT_INITIAL, REFERENT, REFERENT_PHRASE, with_referent

    data = tmp_path / "donnees"
    with_referent(data)
    store = DossierStore(data)
    try:
        session = accounts.login(store.database, REFERENT, REFERENT_PHRASE, front_end=PLAIN)
        plain, out = _io("1\n2\n", [0.0, 59.0, 100.0, 161.0])
        typed = iter([AIDANT_INITIAL, "pas la bonne du tout", REFERENT_PHRASE])
        waits: list[float] = []
        idle.install_for_account(plain, store.database, session,
                                 {"verrouillage_minutes": 1}, ask=lambda p: next(typed),
                                 sleep=waits.append)
        assert plain.ask() == "1"
        assert "verrouillé" not in out.getvalue().decode()
        assert plain.ask() == "2"
        said = out.getvalue().decode()
        assert "la phrase secrète du compte « claire »" in " ".join(said.split())
        assert said.count("Nom ou phrase secrète incorrect") == 2 and "Déverrouillé." in said
        assert waits == [1.0]
    finally:
        store.close()
