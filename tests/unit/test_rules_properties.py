"""Any text is just text: no rule and no step validation ever raises, whatever is typed.

Property-based (hypothesis): arbitrary text, with control and format characters, digits of
other scripts, digit-like signs, and 100 kB strings. Every outcome is either a normalised
value or one French sentence naming the field.
"""

from __future__ import annotations

import json
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anef_tui.domain.catalogue import load_procedure
from anef_tui.domain.rules import (
    INPUT_MAX,
    RULES,
    TEXT_RULES,
    FieldError,
    clean_text,
    is_printable_char,
    validate,
)
from anef_tui.domain.validation import validate_step

TODAY = date(2026, 11, 22)
LABEL = "Champ"

# Arbitrary text biased towards what breaks parsers: controls (Cc), format characters (Cf:
# bidi marks, zero-width), non-ASCII decimal digits (Nd), digit-like signs (No: « ² », « ③ »),
# separators, plus plain ASCII and the separators dates use. No surrogates (Cs): those are
# tested apart, they cannot come from a keyboard.
_HOSTILE_CHARS = st.characters(
    categories=["Cc", "Cf", "Nd", "No", "Zs", "Zl", "Zp", "Lo", "Mn", "Co"]
)
_PLAIN_CHARS = st.sampled_from(list("0123456789/-. azAZéÉ'’²③٢２\u200e\u202e\u2066\x00\t\n"))
hostile_text = st.text(
    alphabet=st.one_of(_HOSTILE_CHARS, _PLAIN_CHARS, st.characters(exclude_categories=["Cs"])),
    max_size=60,
)


def _outcome(rule: str, raw: str) -> str:
    """The rule's value, or its French message; any other exception fails the test."""
    try:
        return validate(rule, LABEL, raw, today=TODAY)
    except FieldError as exc:
        assert exc.message.startswith(f"« {LABEL} »"), exc.message
        assert exc.message.endswith((".", "?")), exc.message
        assert len(exc.message) < 400, exc.message
        return exc.message


@pytest.mark.parametrize("rule", sorted(RULES))
@settings(max_examples=200, deadline=None)
@given(raw=hostile_text)
def test_no_rule_ever_raises_on_any_text(rule, raw):
    result = _outcome(rule, raw)
    assert isinstance(result, str)
    result.encode("utf-8")  # storable: no lone surrogate survives


@pytest.mark.parametrize("rule", sorted(RULES))
@settings(max_examples=100, deadline=None)
@given(raw=hostile_text.filter(lambda s: s.strip()))
def test_each_rule_function_alone_never_raises(rule, raw):
    """The rule functions are safe even when called without `validate`'s cleaning."""
    try:
        value = RULES[rule](raw, LABEL, TODAY)
    except FieldError as exc:
        assert exc.message.startswith(f"« {LABEL} »")
    else:
        assert isinstance(value, str)


@pytest.mark.parametrize("rule", sorted(RULES))
@settings(max_examples=200, deadline=None)
@given(raw=hostile_text)
def test_text_rules_keep_only_printable_text(rule, raw):
    """A value accepted by a free-text rule has no invisible character and nothing the PDFs
    cannot print; any rule's value is free of controls and bidi marks."""
    try:
        value = validate(rule, LABEL, raw, today=TODAY)
    except FieldError:
        return
    assert all(c == "\n" or c.isprintable() for c in value), repr(value)
    if rule in TEXT_RULES:
        assert all(c == "\n" or is_printable_char(c) for c in value), repr(value)


@pytest.mark.parametrize("rule", sorted(RULES))
@pytest.mark.parametrize("unit", ["a", "1", "²", "中", "\u200e", " ", "\x00", "é\n"])
def test_100_kb_is_refused_in_french(rule, unit):
    raw = unit * (100_000 // len(unit))
    start = time.monotonic()
    with pytest.raises(FieldError) as info:
        validate(rule, LABEL, raw, today=TODAY)
    elapsed = time.monotonic() - start
    assert "ne doit pas dépasser" in info.value.message
    assert elapsed < 5  # a hang would never get here; not a speed assertion


@pytest.mark.parametrize("rule", sorted(RULES))
def test_just_below_the_input_limit_still_gets_an_answer(rule):
    """Under `INPUT_MAX` the rule itself runs, on the cleaned text, and refuses in French."""
    raw = "Mexique 03/10/2000 " * ((INPUT_MAX - 1) // 19)
    with pytest.raises(FieldError) as info:
        validate(rule, LABEL, raw, today=TODAY)
    assert info.value.message.startswith(f"« {LABEL} »")
    assert len(info.value.message) < 400  # the typed text is not quoted whole


@pytest.mark.parametrize("rule", ["date", "date_passee", "annee_ou_date"])
@pytest.mark.parametrize("typed", ["03/10/200²", "③/10/2000", "03/1⁰/2000", "03/10/2000½"])
def test_digit_like_signs_in_a_date_get_a_french_message(rule, typed):
    """« ² » is on a French keyboard next to « 1 »: a slip, not a 2. Refused, named."""
    message = _outcome(rule, typed)
    assert "n'est pas un chiffre" in message
    assert "chiffres de 0 à 9" in message


@pytest.mark.parametrize("rule", ["date", "date_passee"])
def test_decimal_digits_of_other_scripts_are_read(rule):
    assert validate(rule, LABEL, "٠٣/١٠/٢٠٠٠", today=TODAY) == "03/10/2000"
    assert validate(rule, LABEL, "０３/１０/２０００", today=TODAY) == "03/10/2000"


def test_identifiers_read_other_scripts_digits_and_refuse_signs():
    assert validate("code_postal", LABEL, "５９０００", today=TODAY) == "59000"
    assert validate("n_etranger", LABEL, "٥٩٠٣٠٠٧٢٢٩", today=TODAY) == "5903007229"
    assert "chiffres" in _outcome("n_etranger", "590300722²")
    assert "5 chiffres" in _outcome("code_postal", "5900²")


def test_invisible_characters_are_removed_and_blank_is_required():
    assert validate("nom", LABEL, "\u202eGUIDÉ\u202c\u200b", today=TODAY) == "GUIDÉ"
    assert validate("texte", LABEL, "rue\x00 de\tla\nPaix\x1b", today=TODAY) == "rue de la Paix"
    assert validate("date", LABEL, "\u200e03/10/2000\u200f", today=TODAY) == "03/10/2000"
    with pytest.raises(FieldError) as info:
        validate("texte", LABEL, "\u200b\u2066\x00", today=TODAY)
    assert "est obligatoire" in info.value.message


def test_observations_keep_line_breaks_only():
    value = validate("observations", LABEL, "Ligne 1\r\nLigne\u00a02\u2028Fin\x07", today=TODAY)
    assert value == "Ligne 1\nLigne 2\nFin"


def test_lone_surrogates_are_refused_not_stored():
    assert clean_text("a\udcffb") == "a\ufffdb"
    for rule in sorted(RULES):
        result = _outcome(rule, "Mexique\udcff")
        result.encode("utf-8")
        assert "\udcff" not in result


@pytest.mark.parametrize("rule", sorted(TEXT_RULES))
@pytest.mark.parametrize("typed", ["王小明", "محمد", "דוד", "Иван", "Γιάννης", "emoji 😀"])
def test_free_text_outside_latin_asks_for_latin_letters(rule, typed):
    message = _outcome(rule, typed)
    assert "ne peut pas être imprimé" in message
    assert "lettres latines" in message


@pytest.mark.parametrize(
    "typed", ["Nguyễn Thị Ánh", "Œuvre Ørsted Łódź Şahin", "O’Brien-Smith", "ʼAli", "Ærø"]
)
def test_latin_names_with_accents_are_accepted(typed):
    assert validate("nom", LABEL, typed, today=TODAY) == typed


def test_printable_characters_all_have_a_glyph_in_the_pdf_font():
    """Every character the text rules accept is in DejaVu Sans, regular and bold."""
    from fontTools.ttLib import TTFont

    from anef_tui.documents.layout import FONT_FILES, fonts_dir

    accepted = [chr(c) for c in range(0x20, 0x10000) if is_printable_char(chr(c))]
    assert "é" in accepted and "€" in accepted and "中" not in accepted
    for name in FONT_FILES.values():
        cmap = TTFont(str(fonts_dir() / name)).getBestCmap()
        missing = [f"U+{ord(c):04X}" for c in accepted if ord(c) not in cmap]
        assert missing == [], name


# --- the step validation entry point ---------------------------------------------------------

RENEWAL = load_procedure("renouvellement")
FIRST = load_procedure("premiere_demande")
_PROCEDURES = {p.id: p for p in (RENEWAL, FIRST)}


def _forms(proc):
    return {s.id: s for s in [*proc.steps, *([proc.profile] if proc.profile else [])]}


_FORMS = [
    (proc.id, step_id)
    for proc in (RENEWAL, FIRST)
    for step_id, step in _forms(proc).items()
    if any(f.type != "info" for section in step.sections for f in section.fields)
]


def _field_ids(step) -> list[str]:
    return [f.id for section in step.sections for f in section.fields]


_value = st.one_of(
    hostile_text,
    st.lists(hostile_text, max_size=3),
    st.booleans(),
    st.none(),
    st.integers(),
    st.just("x" * 100_000),
    st.just("03/10/200²"),
    st.just("\udcff\ud800"),
)


@pytest.mark.parametrize("proc_id,step_id", _FORMS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_validate_step_never_raises(proc_id, step_id, data):
    step = _forms(_PROCEDURES[proc_id])[step_id]
    ids = _field_ids(step)
    values = data.draw(st.dictionaries(st.sampled_from(ids), _value, max_size=len(ids)))
    answers = data.draw(
        st.one_of(st.none(), st.just({"titre_actuel": {"date_naissance": "03/10/200²"}}),
                  st.just({"titre_actuel": ["bad"], "informations_personnelles": None}))
    )
    normalised, problems = validate_step(
        step, values, today=TODAY, answers=answers, procedure=_PROCEDURES[proc_id]
    )
    assert isinstance(normalised, dict)
    for problem in problems:
        assert problem.message.startswith("« ") or problem.message.startswith("Cochez")
        problem.message.encode("utf-8")
    json.dumps(normalised, ensure_ascii=False).encode("utf-8")  # a draft can be saved


def test_a_saved_draft_with_a_bad_date_is_revalidated_without_crashing():
    """The issue's case: « 03/10/200² » kept in a draft, then Ctrl+S again and again."""
    step = RENEWAL.step("motif_sejour")
    draft = {"situation_familiale": "Marié(e)", "date_union": "03/10/200²"}
    for _ in range(2):
        draft, problems = validate_step(step, draft, today=TODAY)
        messages = {p.field_id: p.message for p in problems}
        assert "n'est pas un chiffre" in messages["date_union"]
        assert draft["date_union"] == "03/10/200²"  # kept as typed, to be corrected
