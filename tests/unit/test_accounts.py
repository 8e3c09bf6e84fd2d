"""Workers' accounts (issue 25): passphrases hashed and the structure's key sealed per
account, roles from the data, what an aidant may not do, disabled accounts, refusals that
say nothing of which names exist, and the journal naming the worker."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anef_tui import accounts
from anef_tui.accounts import roles
from anef_tui.accounts import settings as base_settings
from anef_tui.accounts.sealing import (
    hash_phrase,
    new_structure_key,
    open_structure_key,
    phrase_matches,
    seal_structure_key,
)
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.journal.actor import APPLICATION, COMMAND_LINE
from anef_tui.vault.errors import WeakPassphrase
from tests.accounts_helpers import (
    AIDANT,
    AIDANT_INITIAL,
    AIDANT_OWN,
    REFERENT,
    REFERENT_PHRASE,
    journal_contents,
    with_referent,
)
from tests.vault_helpers import CHEAP


@pytest.fixture
def base(tmp_path):
    data = tmp_path / "donnees"
    with_referent(data)
    store = DossierStore(data)
    yield store
    store.close()


def _login(store, name, phrase):
    return accounts.login(store.database, name, phrase, front_end=APPLICATION)


# --- hashing and sealing -------------------------------------------------------------


@settings(max_examples=15, deadline=None)
@given(st.text(min_size=1, max_size=30), st.text(min_size=1, max_size=30))
def test_a_hash_matches_its_phrase_only(phrase, other):
    encoded = hash_phrase(phrase, CHEAP)
    assert encoded.startswith("$argon2id$")
    assert phrase_matches(encoded, phrase)
    assert phrase_matches(encoded, f"  {phrase} ")  # read as the vault reads a phrase
    if " ".join(other.split()) != " ".join(phrase.split()):
        assert not phrase_matches(encoded, other)


@settings(max_examples=10, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_the_structure_key_opens_with_its_phrase_and_login_only(phrase):
    key = new_structure_key()
    assert len(key.data_key) == 32 and len(bytes.fromhex(key.vault_id)) == 16
    sealed = seal_structure_key(key, "claire", phrase, CHEAP)
    assert key.data_key not in sealed.sealed
    opened = open_structure_key(key.vault_id, "claire", phrase, sealed)
    assert opened == key
    assert open_structure_key(key.vault_id, "claire", phrase + "x", sealed) is None
    assert open_structure_key(key.vault_id, "marc", phrase, sealed) is None  # moved seal
    assert open_structure_key(new_structure_key().vault_id, "claire", phrase, sealed) is None


def test_a_hash_holds_no_trace_of_its_phrase():
    encoded = hash_phrase("le chat dort sur le toit", CHEAP)
    assert "chat" not in encoded and "toit" not in encoded


def test_a_hash_asking_a_huge_cost_is_refused_unread():
    encoded = hash_phrase("une phrase", CHEAP).replace("m=64,", "m=99999999,")
    assert not phrase_matches(encoded, "une phrase")
    assert not phrase_matches("pas un hash", "une phrase")


# --- the roles are data ------------------------------------------------------------------


def test_roles_come_from_the_data_file():
    assert roles.role_codes() == ("aidant", "referent")
    assert roles.role_label("referent") == "référent"
    assert roles.role_of_words("Référent") == "referent"
    assert roles.role_of_words("aidant") == "aidant"
    assert roles.role_of_words("chef") is None
    assert roles.may("referent", roles.MANAGE_ACCOUNTS)
    assert not roles.may("aidant", roles.MANAGE_ACCOUNTS)
    assert roles.managing_role() == "referent"


# --- the first référent and logging in ----------------------------------------------------


def test_a_new_base_has_no_account_and_the_first_referent_is_created_once(tmp_path):
    store = DossierStore(tmp_path / "d")
    try:
        assert not accounts.has_accounts(store.database)
        session = accounts.create_first_referent(
            store.database, "Claire", "Claire R", REFERENT_PHRASE, front_end=COMMAND_LINE,
            params=CHEAP)
        assert session.login == "claire" and session.role == "referent"
        assert not session.must_change and "masquée" in repr(session)
        assert accounts.has_accounts(store.database)
        with pytest.raises(accounts.AccountError, match="déjà des comptes"):
            accounts.create_first_referent(store.database, "autre", "", REFERENT_PHRASE,
                                           front_end=COMMAND_LINE, params=CHEAP)
        with pytest.raises(WeakPassphrase):
            accounts.create_first_referent(store.database, "x2", "", "court",
                                           front_end=COMMAND_LINE, params=CHEAP)
    finally:
        store.close()


def test_login_yields_the_same_structure_key_for_every_account(base):
    referent = _login(base, "CLAIRE", REFERENT_PHRASE)  # the name's case does not matter
    aidant = _login(base, AIDANT, AIDANT_INITIAL)
    assert referent.structure_key == aidant.structure_key
    assert aidant.must_change and aidant.role == "aidant"
    changed = accounts.change_own_passphrase(base.database, aidant, AIDANT_OWN, params=CHEAP)
    assert not changed.must_change
    with pytest.raises(accounts.LoginRefused):
        _login(base, AIDANT, AIDANT_INITIAL)
    again = _login(base, AIDANT, AIDANT_OWN)
    assert not again.must_change and again.structure_key == referent.structure_key


def test_an_unknown_name_and_a_wrong_phrase_get_the_same_words(base):
    with pytest.raises(accounts.LoginRefused) as unknown:
        _login(base, "personne", REFERENT_PHRASE)
    with pytest.raises(accounts.LoginRefused) as wrong:
        _login(base, REFERENT, "une autre phrase du tout")
    assert str(unknown.value) == str(wrong.value)
    assert "personne" not in str(unknown.value)


def test_the_journal_names_the_worker_and_counts_refusals_never_the_phrase(base):
    for _ in range(5):
        with pytest.raises(accounts.LoginRefused):
            _login(base, AIDANT, "une mauvaise phrase ici")
    session = _login(base, AIDANT, AIDANT_INITIAL)
    assert session.refused_before == 5
    assert base.database.actor.name == AIDANT
    dossier = base.create("renouvellement", applicant_name="Test Personne")
    entries = journal_contents(base)
    actions = [(e["action"], e["aidant"], e["details"]) for e in entries]
    assert actions[0] == ("account_added", REFERENT, {"account": REFERENT, "role": "referent"})
    assert actions[1] == ("account_added", REFERENT, {"account": AIDANT, "role": "aidant"})
    assert ("login_refused", "", {"account": AIDANT, "refusals": 5}) in actions
    assert ("login_refused", AIDANT, {"account": AIDANT, "refusals": 5}) in actions
    created = [e for e in entries if e["action"] == "dossier_created"]
    assert created[-1]["aidant"] == AIDANT and dossier
    with base.database.reading() as conn:
        dump = "\n".join(str(r) for r in conn.execute("SELECT * FROM journal"))
    for phrase in (AIDANT_INITIAL, REFERENT_PHRASE, "une mauvaise phrase ici"):
        assert phrase not in dump
    assert _login(base, AIDANT, AIDANT_INITIAL).refused_before == 0


# --- what only a référent does ------------------------------------------------------------


def test_an_aidant_can_do_none_of_a_referents_operations(base):
    aidant = _login(base, AIDANT, AIDANT_INITIAL)
    refused = [
        lambda: accounts.add_worker(base.database, aidant, "nouveau", "N", "aidant",
                                    AIDANT_OWN, params=CHEAP),
        lambda: accounts.disable(base.database, aidant, REFERENT),
        lambda: accounts.reset_passphrase(base.database, aidant, REFERENT, AIDANT_OWN,
                                          params=CHEAP),
        lambda: base_settings.save_retention_months(base.database, aidant, "36"),
    ]
    for operation in refused:
        with pytest.raises(accounts.NotAllowed, match="Seul un référent"):
            operation()
    assert [a.login for a in accounts.list_accounts(base.database)] == ["claire",
                                                                         "marc.aidant"]
    assert base_settings.retention_months(base.database) == 24


def test_a_referent_sets_the_retention_of_the_base_not_of_the_folder(base):
    referent = _login(base, REFERENT, REFERENT_PHRASE)
    assert base_settings.save_retention_months(base.database, referent, "36 mois") == 36
    assert base_settings.retention_months(base.database) == 36
    from anef_tui.store.erasure import retention

    assert retention.retention_months(base.data_dir) == 24  # the folder's is untouched
    assert journal_contents(base)[-1]["details"] == {"retention": 36}
    with pytest.raises(accounts.NotAllowed):
        base_settings.save_retention_months(base.database, None, "12")


def test_a_disabled_account_cannot_log_in_and_its_entries_stay(base):
    referent = _login(base, REFERENT, REFERENT_PHRASE)
    aidant = _login(base, AIDANT, AIDANT_INITIAL)
    base.create("renouvellement", applicant_name="Par Marc")
    before = [e for e in journal_contents(base) if e["aidant"] == AIDANT]
    _login(base, REFERENT, REFERENT_PHRASE)  # the référent acts at this desk now
    accounts.disable(base.database, referent, AIDANT)
    with pytest.raises(accounts.AccountDisabled):
        _login(base, AIDANT, AIDANT_INITIAL)
    with pytest.raises(accounts.LoginRefused):
        _login(base, AIDANT, "pas la bonne phrase du tout")
    assert [e for e in journal_contents(base) if e["aidant"] == AIDANT] == before
    assert journal_contents(base)[-1]["action"] == "account_disabled"
    # The session it had is refused too (disabled at another desk meanwhile).
    with pytest.raises(accounts.NotAllowed):
        accounts.change_own_passphrase(base.database, aidant, AIDANT_OWN, params=CHEAP)
    with pytest.raises(accounts.AccountError, match="propre compte"):
        accounts.disable(base.database, referent, REFERENT)
    listed = {a.login: a for a in accounts.list_accounts(base.database)}
    assert not listed[AIDANT].active and "désactivé le" in listed[AIDANT].line()


def test_a_reset_reseals_the_key_and_asks_a_change_at_next_login(base):
    referent = _login(base, REFERENT, REFERENT_PHRASE)
    aidant = accounts.change_own_passphrase(
        base.database, _login(base, AIDANT, AIDANT_INITIAL), AIDANT_OWN, params=CHEAP)
    accounts.reset_passphrase(base.database, referent, "Marc.Aidant", "tout neuf pour lui",
                              params=CHEAP)
    again = _login(base, AIDANT, "tout neuf pour lui")
    assert again.must_change and again.structure_key == aidant.structure_key
    assert journal_contents(base)[-1]["action"] == "passphrase_reset"
    with pytest.raises(accounts.AccountError, match="Aucun compte"):
        accounts.reset_passphrase(base.database, referent, "inconnu", AIDANT_OWN,
                                  params=CHEAP)


def test_login_names_are_checked_and_unique(base):
    referent = _login(base, REFERENT, REFERENT_PHRASE)
    for bad in ("a", "deux mots", "-tiret", "x" * 41, "nom\x1b[2J"):
        with pytest.raises(accounts.AccountError, match="Nom de compte refusé"):
            accounts.add_worker(base.database, referent, bad, "", "aidant", AIDANT_OWN,
                                params=CHEAP)
    with pytest.raises(accounts.AccountError, match="existe déjà"):
        accounts.add_worker(base.database, referent, "MARC.AIDANT", "", "aidant", AIDANT_OWN,
                            params=CHEAP)


# --- the login asked line by line (command line, plain mode) ------------------------------


def test_refusals_wait_longer_each_time_and_a_given_phrase_is_changed_first(base):
    from anef_tui.accounts.words import login_by_asking

    answers = iter(["faux un", "faux deux", "faux trois", AIDANT_INITIAL,
                    "court", AIDANT_OWN, AIDANT_OWN])
    said: list[str] = []
    waits: list[float] = []
    session = login_by_asking(base.database, lambda prompt: AIDANT,
                              lambda prompt: next(answers), said.append, waits.append,
                              front_end=COMMAND_LINE)
    assert waits == [1.0, 2.0]  # none after the first refusal (a typo), then doubling
    assert said.count(str(accounts.LoginRefused())) == 3
    assert "Attendez 2 secondes avant d'essayer de nouveau." in said
    assert any(line.startswith("Refusée : elle a 5 caractères") for line in said)
    assert not session.must_change and said[-1] == "Nouvelle phrase secrète enregistrée."
    assert _login(base, AIDANT, AIDANT_OWN).role == "aidant"


def test_after_the_tries_allowed_the_refusal_is_raised(base):
    from anef_tui.accounts.words import login_by_asking

    waits: list[float] = []
    with pytest.raises(accounts.LoginRefused):
        login_by_asking(base.database, lambda prompt: "personne",
                        lambda prompt: REFERENT_PHRASE, lambda line: None, waits.append,
                        front_end=COMMAND_LINE, max_tries=3)
    assert waits == [1.0]


def test_the_read_only_look_finds_accounts_and_writes_nothing(tmp_path):
    from anef_tui.accounts.probe import folder_has_accounts
    from anef_tui.paths import DB_NAME

    assert not folder_has_accounts(tmp_path / "neuf")  # no base yet
    plain = tmp_path / "sans"
    DossierStore(plain).close()
    assert not folder_has_accounts(plain)
    data = tmp_path / "avec"
    with_referent(data, aidant=False)
    assert folder_has_accounts(data)
    damaged = tmp_path / "abime"
    damaged.mkdir()
    (damaged / DB_NAME).write_bytes(b"pas une base" * 100)
    assert not folder_has_accounts(damaged)
    assert (damaged / DB_NAME).read_bytes() == b"pas une base" * 100


def test_every_refusal_is_french():
    from anef_tui.accounts import words
    from anef_tui.accounts.manage import ALREADY
    from tests.french import assert_french

    for text in (str(accounts.LoginRefused()), str(accounts.AccountDisabled()),
                 str(accounts.NotAllowed("ajouter un compte")),
                 str(accounts.LoginRequired()), ALREADY, words.LOGIN_INTRO,
                 words.FIRST_CHANGE, words.FORGOTTEN):
        assert_french(text)
    for bad in ("a", "deux mots"):
        with pytest.raises(accounts.AccountError) as refused:
            from anef_tui.accounts.rows import checked_login

            checked_login(bad)
        assert_french(str(refused.value))


def test_the_read_only_look_leaves_no_file_behind(tmp_path):
    import os

    from anef_tui.accounts.probe import folder_has_accounts

    data = tmp_path / "avec"
    with_referent(data, aidant=False)
    before = sorted(os.listdir(data))
    assert folder_has_accounts(data)
    assert sorted(os.listdir(data)) == before  # no -wal nor -shm made by the look
