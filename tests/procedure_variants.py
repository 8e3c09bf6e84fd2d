"""Variations of tests/procedures/essai.toml for the property tests: identifiers drawn from a
wide alphabet (spaces, dots, slashes, NUL, accents, very long), nesting, counts of steps,
fields and options, long texts. A variation is a TOML text; most are refused by the check,
the others must work on every screen (tests/unit/test_procedure_limits.py,
tests/ui/test_procedure_variants.py)."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import strategies as st

ESSAI_PATH = Path(__file__).resolve().parent / "procedures" / "essai.toml"
ESSAI = ESSAI_PATH.read_text(encoding="utf-8")

_ID_LINE = re.compile(r'(?m)^id = "([^"]*)"$')
#: How many `id = "…"` lines essai.toml has (procedure, steps, sections, fields, slot).
ID_LINES = len(_ID_LINE.findall(ESSAI))

# Characters the adversary used, and others a screen could trip on.
_ODD = [" ", ".", "/", "\x00", "é", "É", "-", ":", "#", "[", "]", "{", "}", "\\", '"', "'",
        "\t", "\n", "\x7f", "ß", "ﬁ", "١", "😀", "\u200b", "\u202e", "A", "_", "0", "*", ">",
        ",", "$", "@", "%"]
_ID_CHARS = st.one_of(
    st.sampled_from(_ODD),
    st.characters(min_codepoint=ord("a"), max_codepoint=ord("z")),
    st.characters(blacklist_categories=("Cs",)),
)
#: Identifiers: odd ones, well-formed ones (so some variations are accepted), long ones.
IDS = st.one_of(
    st.text(_ID_CHARS, min_size=0, max_size=12),
    st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True),
    st.sampled_from(["a b", "a.b", "a/b", "a\x00", "é", "a-b", "a:b", "Ab", "0a", "_a",
                     "a" * 40, "a" * 41, "a" * 64, "a" * 5000]),
)
#: Well-formed identifiers only (the Pilot test wants mostly accepted files).
GOOD_IDS = st.one_of(
    st.from_regex(r"[a-z][a-z0-9_]{0,39}", fullmatch=True),
    st.sampled_from(["a", "a" * 40, "z9", "x_", "f", "err", "fb", "slot", "add", "errors"]),
)


def toml_string(value: str) -> str:
    """`value` as a TOML basic string (controls escaped, as TOML requires)."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 and char != "\t" or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def with_id(text: str, index: int, new: str) -> str:
    """`text` with its `index`-th `id = "…"` line (0: the procedure's) set to `new`."""
    matches = list(_ID_LINE.finditer(text))
    match = matches[index % len(matches)]
    return text[: match.start()] + f"id = {toml_string(new)}" + text[match.end():]


_FIRST_STEP_END = '\n[[steps]]\nid = "pieces"'


def _renumber(text: str) -> str:
    counter = iter(range(1, 1_000_000))
    return re.sub(r"(?m)^number = \d+$", lambda _: f"number = {next(counter)}", text)


def with_extra_steps(text: str, count: int) -> str:
    """`count` more form steps (one text field each) after the first one, renumbered."""
    blocks = "".join(
        f'\n[[steps]]\nid = "plus_{i}"\nnumber = 0\ntitle = "Plus {i}"\nheading = "Plus {i}"\n'
        f'kind = "form"\n\n[[steps.sections]]\nid = "s"\n\n[[steps.sections.fields]]\n'
        f'id = "c"\nlabel = "Champ {i}"\ntype = "text"\n'
        for i in range(count)
    )
    return _renumber(text.replace(_FIRST_STEP_END, blocks + _FIRST_STEP_END, 1))


def with_extra_fields(text: str, count: int) -> str:
    """`count` more text fields in the first step."""
    blocks = "".join(
        f'\n[[steps.sections.fields]]\nid = "plus_{i}"\nlabel = "Plus {i}"\ntype = "text"\n'
        for i in range(count)
    )
    return text.replace(_FIRST_STEP_END, blocks + _FIRST_STEP_END, 1)


def with_choice_field(text: str, count: int, label_length: int = 8) -> str:
    """A choice field of `count` options (each `label_length` characters long)."""
    options = ", ".join(toml_string(f"{i:0{label_length}d}"[-label_length:] + f"{i}")
                        for i in range(count))
    block = (f'\n[[steps.sections.fields]]\nid = "liste"\nlabel = "Une liste"\n'
             f"type = \"choice\"\nchoices = [{options}]\n")
    return text.replace(_FIRST_STEP_END, block + _FIRST_STEP_END, 1)


def with_long_label(text: str, length: int) -> str:
    """The first field's label `length` characters long."""
    return text.replace('label = "Nom de famille"', f"label = {toml_string('N' * length)}", 1)


def with_nested_array(text: str, depth: int) -> str:
    """`confirmation_body` holding lists `depth` deep."""
    return text.replace('confirmation_body = [', "confirmation_body = " + "[" * depth + '"x"'
                        + "]" * depth + "\nconfirmation_body_x = [", 1)


def with_dotted_key(text: str, parts: int) -> str:
    """A key of `parts` dotted parts at the top of the file."""
    return text.replace('brick = "', ".".join(["a"] * parts) + ' = 1\nbrick = "', 1)


def with_inline_tables(text: str, depth: int) -> str:
    """A field's `show_if` made of inline tables `depth` deep."""
    inner = "{ field = " + "{ x = " * depth + "1" + " }" * depth + ", any_of = [] }"
    return text.replace('rule = "observations"', f'rule = "observations"\nshow_if = {inner}', 1)


@st.composite
def variants(draw, ids=IDS, *, max_steps: int = 40, max_fields: int = 120,
             max_options: int = 260, max_text: int = 2600, max_depth: int = 1200):
    """A variation of essai.toml, and what was changed (for the failure message)."""
    text, changes = ESSAI, []
    for _ in range(draw(st.integers(0, 3))):
        index, new = draw(st.integers(0, ID_LINES - 1)), draw(ids)
        text = with_id(text, index, new)
        changes.append(f"id n° {index} = {new[:50]!r}")
    kind = draw(st.sampled_from(["ids", "steps", "fields", "options", "text", "array",
                                 "dotted", "inline"]))
    if kind == "steps":
        count = draw(st.integers(0, max_steps))
        text = with_extra_steps(text, count)
    elif kind == "fields":
        count = draw(st.integers(0, max_fields))
        text = with_extra_fields(text, count)
    elif kind == "options":
        count = draw(st.integers(0, max_options))
        text = with_choice_field(text, count)
    elif kind == "text":
        count = draw(st.integers(0, max_text))
        text = with_long_label(text, count)
    elif kind == "array":
        count = draw(st.integers(1, max_depth))
        text = with_nested_array(text, count)
    elif kind == "dotted":
        count = draw(st.integers(1, max_depth))
        text = with_dotted_key(text, count)
    elif kind == "inline":
        count = draw(st.integers(1, max_depth))
        text = with_inline_tables(text, count)
    else:
        count = 0
    changes.append(f"{kind} {count}")
    return text, changes
