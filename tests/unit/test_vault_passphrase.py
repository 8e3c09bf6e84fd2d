"""The passphrase's rules and strength in words, the wait after wrong ones, and the recovery
key's groups and checks: pure functions."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anef_tui.vault import recovery
from anef_tui.vault.errors import MistypedRecoveryKey
from anef_tui.vault.passphrase import (
    MAX_WAIT,
    assess,
    normalize,
    strength_word,
    wait_after,
)
from tests.french import assert_french


@pytest.mark.parametrize("phrase", [
    "aaaaaaaaaaaa", "abcdefghijkl", "123456789012", "azertyuiopqs", "abcabcabcabc",
    "motdepasse123", "Bonjour2024!", "le ciel et moi", "Marie Dupont 1985",
])
def test_refused_as_weak(phrase: str):
    found = assess(phrase)
    assert not found.accepted and found.strength == "faible"
    assert found.problems and "trop facile à deviner" in assert_french(found.problems[0])


def test_too_short_is_said_with_the_count():
    found = assess("jardin lune")
    assert not found.accepted
    assert "11 caractères" in found.problems[0] and "4 mots" in found.problems[0]


@pytest.mark.parametrize(("phrase", "strength"), [
    ("le chat dort sur le toit", "moyenne"),
    ("correct cheval pile agrafe", "moyenne"),
    ("jardin;lune;soir;mer", "moyenne"),
    ("xkcdtrucmachin", "moyenne"),
    ("k7#Qm2!xP9vL", "bonne"),
    ("courgette farcie du dimanche soir avec tante", "bonne"),
])
def test_accepted_with_a_strength_in_words(phrase: str, strength: str):
    found = assess(phrase)
    assert found.accepted and found.problems == []
    assert found.strength == strength


def test_strength_words_follow_the_bits():
    assert [strength_word(b) for b in (0, 49.9, 50, 69.9, 70, 200)] == [
        "faible", "faible", "moyenne", "moyenne", "bonne", "bonne"]


def test_normalize_forgives_spaces_and_accent_forms():
    assert normalize("  e\u0301te\u0301   au  soleil ") == "\u00e9t\u00e9 au soleil"


def test_a_phrase_the_terminal_could_not_read_is_refused():
    found = assess("phrase avec \udce9 illisible")
    assert not found.accepted and "terminal" in found.problems[0]


def test_the_wait_grows_then_stops_growing():
    waits = [wait_after(n) for n in range(0, 12)]
    assert waits[:2] == [0.0, 0.0]  # a first typo costs nothing
    assert waits[2:6] == [1.0, 2.0, 4.0, 8.0]
    assert all(a <= b for a, b in itertools.pairwise(waits))
    assert max(waits) == MAX_WAIT == wait_after(1000)


def test_recovery_key_shape():
    key = recovery.generate()
    assert len(key) == 32 and set(key) <= set(recovery.ALPHABET)
    shown = recovery.shown(key)
    assert len(shown.split("-")) == 8 and all(len(g) == 4 for g in shown.split("-"))
    assert recovery.parse(shown) == key
    assert len(recovery.ALPHABET) == 31 and not set("0O1IL") & set(recovery.ALPHABET)


@given(st.integers(0, 2**64), st.integers(0, 31), st.integers(1, 30))
def test_every_single_wrong_character_is_caught(seed: int, position: int, shift: int):
    import random

    rng = random.Random(seed)
    key = "".join(
        body + recovery.check_symbol(g, body)
        for g in range(recovery.GROUPS)
        for body in ["".join(rng.choice(recovery.ALPHABET) for _ in range(3))]
    )
    assert recovery.parse(key) == key
    index = recovery.ALPHABET.index(key[position])
    wrong = recovery.ALPHABET[(index + shift) % len(recovery.ALPHABET)]
    typo = key[:position] + wrong + key[position + 1:]
    with pytest.raises(MistypedRecoveryKey) as refused:
        recovery.parse(typo)
    assert f"groupe n° {position // 4 + 1}" in assert_french(str(refused.value))


def test_neighbours_swapped_and_groups_swapped_are_caught():
    key = recovery.generate()
    for i in range(len(key) - 1):
        if key[i] != key[i + 1] and i % 4 != 3:  # within a group
            swapped = key[:i] + key[i + 1] + key[i] + key[i + 2:]
            with pytest.raises(MistypedRecoveryKey):
                recovery.parse(swapped)
    groups = [key[i:i + 4] for i in range(0, 32, 4)]
    for a, b in itertools.combinations(range(8), 2):
        if groups[a] != groups[b]:
            moved = groups.copy()
            moved[a], moved[b] = moved[b], moved[a]
            with pytest.raises(MistypedRecoveryKey):
                recovery.parse("".join(moved))
