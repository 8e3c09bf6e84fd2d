"""The key file: created once, unlocked by the passphrase or the recovery key, re-sealed on a
change of passphrase; every refusal a class of its own with a French message, and nothing on
disk changed by a refusal."""

from __future__ import annotations

import base64
import json
import os
import stat
from pathlib import Path

import pytest

from anef_tui.vault import keys, recovery
from anef_tui.vault.errors import (
    KeyFileDamaged,
    KeyFileExists,
    KeyFileMissing,
    KeyFileSwapped,
    KeyFileVersion,
    MistypedRecoveryKey,
    VaultError,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryKey,
)
from anef_tui.vault.keyfile import KEY_FILE_NAME, KdfParams, key_file_path, read_key_file
from tests.french import assert_french
from tests.vault_helpers import CHEAP, OTHER_PHRASE, PHRASE, make_vault


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of `folder` with its bytes and modification time."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def _refused(exc: pytest.ExceptionInfo[VaultError]) -> str:
    return assert_french(str(exc.value))


def test_create_then_unlock_both_ways(tmp_path: Path):
    created = make_vault(tmp_path)
    path = key_file_path(tmp_path)
    assert len(created.key.data_key) == 32 and len(created.key.vault_id) == 32
    by_phrase = keys.unlock_with_passphrase(path, PHRASE)
    by_recovery = keys.unlock_with_recovery_key(path, created.recovery_key)
    assert by_phrase == by_recovery == created.key
    # The same phrase typed with other spaces and decomposed accents is the same phrase.
    assert keys.unlock_with_passphrase(path, "  le chat   dort sur le toit ") == created.key
    # The recovery key typed in lower case, with spaces in place of the dashes.
    typed = created.recovery_key.lower().replace("-", " ")
    assert keys.unlock_with_recovery_key(path, typed) == created.key


def test_two_vaults_never_share_a_key(tmp_path: Path):
    a, b = make_vault(tmp_path / "a"), make_vault(tmp_path / "b")
    assert a.key.data_key != b.key.data_key and a.key.vault_id != b.key.vault_id
    assert a.recovery_key != b.recovery_key


def test_key_file_holds_only_what_it_says_and_is_owner_only(tmp_path: Path):
    old = os.umask(0)
    try:
        created = make_vault(tmp_path / "neuf")
    finally:
        os.umask(old)
    path = key_file_path(tmp_path / "neuf")
    assert path.name == KEY_FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    document = json.loads(path.read_text("ascii"))
    assert set(document) == {"format", "version", "vault_id", "kdf", "passphrase", "recovery"}
    assert document["version"] == 1 and document["vault_id"] == created.key.vault_id
    assert document["kdf"] == {"algorithm": "argon2id", "memory_kib": 64, "iterations": 1,
                               "lanes": 1, "salt": document["kdf"]["salt"]}
    raw = path.read_bytes()
    for secret in (created.key.data_key, created.key.data_key.hex().encode(),
                   base64.b64encode(created.key.data_key)):
        assert secret not in raw
    assert created.recovery_key.replace("-", "").encode() not in raw
    assert created.key.data_key.hex() not in repr(created) + repr(created.key)
    assert created.recovery_key not in repr(created)
    assert not [p for p in path.parent.iterdir() if p.name != KEY_FILE_NAME]  # no leftover


def test_the_default_cost_is_rfc_9106s(tmp_path: Path):
    assert KdfParams() == KdfParams(memory_kib=65536, iterations=3, lanes=4)


def test_wrong_passphrase_is_refused_and_changes_nothing(tmp_path: Path):
    make_vault(tmp_path)
    before = _snapshot(tmp_path)
    with pytest.raises(WrongPassphrase) as refused:
        keys.unlock_with_passphrase(key_file_path(tmp_path), "le chat dort sur le toiT")
    assert "Phrase secrète incorrecte" in _refused(refused)
    assert "clé de secours" in str(refused.value)
    assert _snapshot(tmp_path) == before


def test_a_typo_in_the_recovery_key_is_told_apart_from_a_wrong_key(tmp_path: Path):
    created = make_vault(tmp_path)
    path = key_file_path(tmp_path)
    good = created.recovery_key.replace("-", "")
    # One character changed in group 3: caught by that group's check, and named.
    position = 2 * recovery.GROUP_SIZE + 1
    replaced = next(c for c in recovery.ALPHABET if c != good[position])
    typo = good[:position] + replaced + good[position + 1:]
    with pytest.raises(MistypedRecoveryKey) as refused:
        keys.unlock_with_recovery_key(path, typo)
    assert "groupe n° 3" in _refused(refused)
    # A well-formed key of another vault: the checks pass, the key does not open.
    other = make_vault(tmp_path / "autre")
    with pytest.raises(WrongRecoveryKey) as refused_other:
        keys.unlock_with_recovery_key(path, other.recovery_key)
    assert "n'ouvre pas ce coffre" in _refused(refused_other)


@pytest.mark.parametrize(("typed", "said"), [
    ("ABCD-EFGH", "32 caractères"),
    ("0" * 32, "« 0 »"),
    ("I" * 32, "« I »"),
])
def test_recovery_key_of_the_wrong_shape(tmp_path: Path, typed: str, said: str):
    make_vault(tmp_path)
    with pytest.raises(MistypedRecoveryKey) as refused:
        keys.unlock_with_recovery_key(key_file_path(tmp_path), typed)
    assert said in _refused(refused)


def test_missing_key_file(tmp_path: Path):
    with pytest.raises(KeyFileMissing) as refused:
        keys.unlock_with_passphrase(tmp_path / KEY_FILE_NAME, PHRASE)
    assert "introuvable" in _refused(refused) and "sauvegardes" in str(refused.value)


def _damaged(path: Path, raw: bytes) -> KeyFileDamaged:
    path.write_bytes(raw)
    with pytest.raises(KeyFileDamaged) as refused:
        keys.unlock_with_passphrase(path, PHRASE)
    assert_french(str(refused.value))
    return refused.value


def test_truncated_or_garbled_key_file(tmp_path: Path):
    make_vault(tmp_path)
    path = key_file_path(tmp_path)
    good = path.read_bytes()
    document = json.loads(good)
    assert "tronqué" in str(_damaged(path, good[: len(good) // 2]))
    assert "vide" in str(_damaged(path, b""))
    assert "pas un fichier de clé" in str(_damaged(path, b'{"format": "autre", "version": 1}'))
    assert "pas un fichier de clé" in str(_damaged(path, b"[" * 5000))
    assert "trop gros" in str(_damaged(path, b" " * 20000 + good))
    for field, value in (("vault_id", "zz" * 16), ("version", "1"), ("version", True)):
        _damaged(path, json.dumps({**document, field: value}).encode())
    cut = dict(document, passphrase={"nonce": document["passphrase"]["nonce"],
                                     "wrapped": document["passphrase"]["wrapped"][:-8]})
    assert "longueur" in str(_damaged(path, json.dumps(cut).encode()))
    extra = dict(document, note="x")
    assert "en trop" in str(_damaged(path, json.dumps(extra).encode()))
    huge = dict(document, kdf=dict(document["kdf"], memory_kib=2**40))
    assert "hors limites" in str(_damaged(path, json.dumps(huge).encode()))
    bad64 = dict(document, kdf=dict(document["kdf"], salt="!!!!"))
    assert "altéré" in str(_damaged(path, json.dumps(bad64).encode()))


def test_key_file_of_a_newer_version(tmp_path: Path):
    make_vault(tmp_path)
    path = key_file_path(tmp_path)
    document = json.loads(path.read_bytes())
    path.write_text(json.dumps({**document, "version": 2, "nouveau": "champ"}))
    with pytest.raises(KeyFileVersion) as refused:
        keys.unlock_with_passphrase(path, PHRASE)
    assert "mettez anef-tui à jour" in _refused(refused)


def test_a_changed_vault_id_does_not_unlock(tmp_path: Path):
    """The vault id is sealed with the key: a key file whose id was edited is refused."""
    make_vault(tmp_path)
    path = key_file_path(tmp_path)
    document = json.loads(path.read_bytes())
    document["vault_id"] = "0" * 32
    path.write_text(json.dumps(document))
    with pytest.raises(WrongPassphrase):
        keys.unlock_with_passphrase(path, PHRASE)


def test_a_vault_is_never_created_over_another(tmp_path: Path):
    created = make_vault(tmp_path)
    before = _snapshot(tmp_path)
    with pytest.raises(KeyFileExists) as refused:
        make_vault(tmp_path, OTHER_PHRASE)
    assert "existe déjà" in _refused(refused)
    assert _snapshot(tmp_path) == before
    assert keys.unlock_with_passphrase(key_file_path(tmp_path), PHRASE) == created.key


def test_a_weak_passphrase_makes_no_vault(tmp_path: Path):
    with pytest.raises(WeakPassphrase) as refused:
        keys.create(key_file_path(tmp_path), "motdepasse12", CHEAP)
    assert "n'est pas acceptée" in _refused(refused)
    assert not key_file_path(tmp_path).exists()


def test_change_passphrase_reseals_the_same_key_only(tmp_path: Path):
    created = make_vault(tmp_path)
    path = key_file_path(tmp_path)
    before = read_key_file(path)
    keys.change_passphrase(path, created.key, OTHER_PHRASE, CHEAP)
    after = read_key_file(path)
    assert keys.unlock_with_passphrase(path, OTHER_PHRASE) == created.key
    with pytest.raises(WrongPassphrase):
        keys.unlock_with_passphrase(path, PHRASE)
    assert after.recovery == before.recovery  # the recovery seal untouched
    assert after.kdf_salt != before.kdf_salt and after.passphrase != before.passphrase
    assert keys.unlock_with_recovery_key(path, created.recovery_key) == created.key
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(WeakPassphrase):
        keys.change_passphrase(path, created.key, "azertyuiop12", CHEAP)
    assert keys.unlock_with_passphrase(path, OTHER_PHRASE) == created.key


def test_after_recovery_a_new_passphrase_and_a_new_recovery_key(tmp_path: Path):
    created = make_vault(tmp_path)
    path = key_file_path(tmp_path)
    key = keys.unlock_with_recovery_key(path, created.recovery_key)
    keys.change_passphrase(path, key, OTHER_PHRASE, CHEAP)
    fresh = keys.replace_recovery_key(path, key)
    assert fresh != created.recovery_key
    assert keys.unlock_with_recovery_key(path, fresh) == created.key
    with pytest.raises(WrongRecoveryKey):
        keys.unlock_with_recovery_key(path, created.recovery_key)
    assert keys.unlock_with_passphrase(path, OTHER_PHRASE) == created.key


def test_swapped_key_files_between_two_folders(tmp_path: Path):
    """A key of one vault never re-seals another's key file, and the check on the id the
    data records refuses a key file from another folder."""
    a, b = make_vault(tmp_path / "a"), make_vault(tmp_path / "b")
    path_a = key_file_path(tmp_path / "a")
    before = path_a.read_bytes()
    with pytest.raises(KeyFileSwapped) as refused:
        keys.change_passphrase(path_a, b.key, OTHER_PHRASE, CHEAP)
    assert "autre dossier de données" in _refused(refused)
    with pytest.raises(KeyFileSwapped):
        keys.replace_recovery_key(path_a, b.key)
    assert path_a.read_bytes() == before
    keys.check_same_vault(a.key, a.key.vault_id, tmp_path / "a")
    with pytest.raises(KeyFileSwapped):
        keys.check_same_vault(b.key, a.key.vault_id, tmp_path / "a")
    with pytest.raises(KeyFileSwapped):
        keys.check_same_vault(a.key, None, tmp_path / "a")
