"""Procedure files are untrusted input (issue #19): what no screen can use is refused by
`anef-tui procedures --check` and at start-up, in French, naming the file and the line —
identifiers outside the documented alphabet, nesting, sizes and counts beyond the limits of
`domain/data_limits.py` — and the size and nesting are known before tomllib or pydantic
sees the text (no RecursionError, no quadratic time)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.dom import check_identifiers

from anef_tui import cli
from anef_tui.domain import data_limits
from anef_tui.domain import procedure_index as pi
from anef_tui.domain.catalogue import CatalogueError, check_file, parse_procedure
from anef_tui.domain.data_limits import (
    IDENT,
    MAX_BYTES,
    MAX_FIELDS,
    MAX_ITEMS,
    MAX_NESTING,
    MAX_PROBLEMS,
    MAX_STEPS,
    MAX_TEXT,
    LimitError,
    toml_nesting,
)
from tests.procedure_variants import (
    ESSAI,
    ID_LINES,
    toml_string,
    variants,
    with_choice_field,
    with_dotted_key,
    with_extra_fields,
    with_extra_steps,
    with_id,
    with_inline_tables,
    with_long_label,
    with_nested_array,
)
from tests.unit.test_procedures import SHIPPED


def _refused(text: str) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        parse_procedure(text, source="essai.toml")
    return caught.value.problems


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# --- the hostile files of the issue -------------------------------------------------------------


def hostile_files(folder: Path) -> dict[str, Path]:
    """The adversary's files: an array 1,000 deep, a key 20,000 deep, 20,000 steps."""
    files = {
        "array": with_nested_array(ESSAI, 1_000),
        "key": with_dotted_key(ESSAI, 20_000),
        "steps": with_extra_steps(ESSAI, 20_000),
    }
    paths = {}
    for name, text in files.items():
        paths[name] = folder / f"{name}.toml"
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.mark.parametrize("name", ["array", "key", "steps"])
def test_check_refuses_the_hostile_files_in_french(tmp_path, capsys, name):
    path = hostile_files(tmp_path)[name]
    assert cli.main(["procedures", "--check", str(path)]) == 1  # not 70: no crash
    err = capsys.readouterr().err
    assert f"« {path} » n'est pas une procédure valide" in err and "Traceback" not in err
    if name == "steps":  # 1.5 MB: refused without being read
        assert "n'a pas été lu" in err and "256 Ko" in err
    else:
        line = _line_of(path.read_text(encoding="utf-8"),
                        "confirmation_body = [[" if name == "array" else "a.a.a")
        assert f"« {path} », ligne {line} : imbrication de plus de {MAX_NESTING} niveaux" in err


def test_a_file_over_the_size_limit_is_never_read(tmp_path, monkeypatch):
    path = tmp_path / "gros.toml"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing to read, and nothing is

    def no_read(*args, **kwargs):
        raise AssertionError("read")

    monkeypatch.setattr(Path, "open", no_read)
    monkeypatch.setattr(tomllib, "loads", no_read)
    with pytest.raises(CatalogueError, match="n'a pas été lu"):
        check_file(path)


def test_a_pipe_is_not_read(tmp_path):
    """A named pipe would block the reader forever: only regular files are opened."""
    pipe = tmp_path / "tube.toml"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match="pas un fichier ordinaire"):
        data_limits.read_bounded(pipe)


def test_a_text_under_the_size_limit_but_beyond_the_counts_is_refused_at_its_line():
    text = with_extra_steps(ESSAI, 1_200)
    assert len(text.encode("utf-8")) < MAX_BYTES
    [problem] = _refused(text)
    header = _line_of(text, 'id = "plus_29"') - 1  # the 31st [[steps]]
    assert f"« essai.toml », ligne {header} : " in problem
    assert f"{MAX_STEPS + 1}e élément de « steps »" in problem and "il y en a 1204" in problem


# --- identifiers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("odd", ["nom de famille", "nom.famille", "nom/famille", "nom\x00",
                                 "prénom", "Nom", "1nom", "nom-famille", "a" * 41, ""])
@pytest.mark.parametrize("index", range(ID_LINES))
def test_every_identifier_outside_the_alphabet_is_refused_at_its_line(odd, index):
    text = with_id(ESSAI, index, odd)
    problems = _refused(text)
    line = _line_of(text, f"id = {toml_string(odd)}")
    assert any(f"ligne {line} : " in p and "identifiant" in p and "non permis" in p
               for p in problems), problems
    assert all("\x00" not in p for p in problems)  # a NUL is written U+0000


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('role = "nom"', 'role = "n om"'),
        ('rule = "nom"', 'rule = "nom/"'),
        ('{ name = "apres_naissance" }', '{ name = "après" }'),
        ('complement_step = "justificatifs"', 'complement_step = "pièces"'),
        ('identifiant = "Identifiant', '"iden tifiant" = "Identifiant'),
        ('rule = "observations"', 'rule = "observations"\nshow_if = { field = "qui.a.b", '
                                  'any_of = ["x"] }'),
        ('rule = "observations"', 'rule = "observations"\nconfirm_of = "remarques "'),
    ],
)
def test_references_and_names_are_identifiers_too(old, new):
    assert old in ESSAI
    text = ESSAI.replace(old, new, 1)
    problems = _refused(text)
    assert any("identifiant" in p and "non permis" in p for p in problems), problems


def test_a_step_or_form_field_id_may_be_40_characters_long():
    longest = with_id(with_id(ESSAI, 3, "a" * 40), 1, "b" * 40)
    parse_procedure(longest, source="essai.toml")


def test_a_field_and_a_slot_of_one_step_do_not_share_an_id():
    text = ESSAI.replace('id = "piece_essai"', 'id = "pieces_jointes"', 1).replace(
        '[[steps.sections]]\nid = "pieces"\ntitle = "PIÈCE"\n',
        '[[steps.sections]]\nid = "pieces"\ntitle = "PIÈCE"\n\n[[steps.sections.fields]]\n'
        'id = "pieces_jointes"\nlabel = "Note"\ntype = "text"\n', 1)
    assert any("à la fois un champ et un justificatif" in p for p in _refused(text))


# --- counts, texts, nesting ----------------------------------------------------------------------


def test_counts_are_accepted_up_to_their_limit_and_refused_beyond():
    parse_procedure(with_extra_steps(ESSAI, MAX_STEPS - 4), source="essai.toml")  # 4 + 26
    assert "e élément de « steps »" in _refused(with_extra_steps(ESSAI, MAX_STEPS - 3))[0]
    parse_procedure(with_extra_fields(ESSAI, MAX_FIELDS - 5), source="essai.toml")
    assert "e élément de « fields »" in _refused(with_extra_fields(ESSAI, MAX_FIELDS - 4))[0]
    parse_procedure(with_choice_field(ESSAI, MAX_ITEMS), source="essai.toml")
    assert "e élément de « choices »" in _refused(with_choice_field(ESSAI, MAX_ITEMS + 1))[0]
    parse_procedure(with_long_label(ESSAI, MAX_TEXT), source="essai.toml")
    [problem] = _refused(with_long_label(ESSAI, MAX_TEXT + 1))
    assert f"texte de {MAX_TEXT + 1} caractères : {MAX_TEXT} au plus" in problem
    assert f"ligne {_line_of(ESSAI, 'Nom de famille')}" in problem


@pytest.mark.parametrize("build", [with_nested_array, with_dotted_key, with_inline_tables])
def test_nesting_beyond_the_limit_is_refused_before_tomllib(build, monkeypatch):
    text = build(ESSAI, 1_000)

    def no_parse(*args, **kwargs):
        raise AssertionError("tomllib")

    monkeypatch.setattr(tomllib, "loads", no_parse)
    [problem] = _refused(text)
    assert "imbrication" in problem and "ligne" in problem


def test_many_problems_are_said_in_a_screenful():
    fields = "".join(f'\n[[steps.sections.fields]]\nid = "p{i}"\nlabel = "P"\ntype = "text"\n'
                     f'rule = "inconnue"\n' for i in range(60))
    text = ESSAI.replace('\n[[steps]]\nid = "pieces"', fields + '\n[[steps]]\nid = "pieces"', 1)
    problems = _refused(text)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].startswith("… et 40 autres problèmes")
    first = _line_of(text, 'id = "p0"')
    assert f"« essai.toml », ligne {first} : " in problems[0]


def test_the_shipped_files_are_well_within_the_limits():
    for path in [*sorted(SHIPPED.glob("*.toml")), Path(pi.packaged_dir()).parent / "followup.toml"]:
        text = path.read_text(encoding="utf-8")
        assert len(text.encode("utf-8")) < MAX_BYTES / 4
        toml_nesting(text, 7)  # the deepest: checks = [{ name = … }] in a field


# --- the nesting scan --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("a = 1", 1), ("a.b.c = 1", 3), ("[x]\na = 1", 2), ("[[x.y]]\na = [1, [2]]", 5),
        ("a = { b = { c = 1 } }", 5), ('a = [{b=1},{c.d=2}]', 5), ('["a.b"]\nc = 1', 2),
        # Brackets in strings and comments are text.
        ('a = "[[[[[["', 1), ("a = '[[[[['", 1), ('a = """\n[[[[[[\n"""', 1),
        ("a = '''\n{{{{{{\n'''", 1), ("# [[[[[[[\na = 1", 1), ('a = "\\"[[[[["', 1),
        ('a = """x\\"""[[[[""" ', 1), ('a = """x""""\nb = [[[[1]]]]', 5),
    ],
)
def test_the_nesting_scan_counts_what_tomllib_would_nest(text, level):
    tomllib.loads(text)
    toml_nesting(text, level)
    with pytest.raises(LimitError):
        toml_nesting(text, level - 1)


def _depth(node: object) -> int:
    if isinstance(node, dict):
        return 1 + max(map(_depth, node.values()), default=0)
    if isinstance(node, list):
        return 1 + max(map(_depth, node), default=0)
    return 0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(st.sampled_from(list("[]{}\"'#=.,\n ab1\\")), max_size=40))
def test_text_the_scan_lets_through_nests_no_deeper_in_tomllib(text):
    """Whatever the text, a file the scan accepts at level 3 holds data at most 7 deep (a
    name part may be a list and a table: [[a]]), so tomllib never recurses far."""
    try:
        toml_nesting(text, 3)
    except LimitError:
        return
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    assert _depth(data) <= 2 * 3 + 1


# --- any variation: refused in French, or usable by every screen ------------------------------


def _identifiers(procedure) -> list[str]:
    found = [procedure.id, *(p.id for p in procedure.preliminaries)]
    for step in procedure.steps:
        found += [step.id, *(s.id for s in step.sections), *(f.id for f in step.fields()),
                  *(s.id for s in step.slots)]
    return found


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(variant=variants())
def test_any_variation_is_refused_in_french_or_has_usable_identifiers(variant):
    text, changes = variant
    try:
        procedure = parse_procedure(text, source="essai.toml")
    except CatalogueError as exc:
        assert exc.problems and all(p.startswith("« essai.toml »") for p in exc.problems)
        assert len(exc.problems) <= MAX_PROBLEMS + 1
        return
    assert len(procedure.steps) <= MAX_STEPS, changes
    for ident in _identifiers(procedure):
        assert IDENT.fullmatch(ident), (changes, ident)
        check_identifiers("widget id", f"f-{ident}", f"slot-{ident}", f"edit-{ident}")


# --- the extra folder: a hostile file is set aside, the rest still works ----------------------


@pytest.fixture
def extra(tmp_path, monkeypatch):
    folder = tmp_path / "procedures-asso"
    folder.mkdir()
    monkeypatch.setenv(pi.ENV_PROCEDURES, str(folder))
    pi.clear_caches()
    yield folder
    monkeypatch.delenv(pi.ENV_PROCEDURES, raising=False)
    pi.clear_caches()


def test_hostile_files_in_the_extra_folder_are_set_aside(extra, capsys):
    paths = hostile_files(extra)
    (extra / "bon.toml").write_text(ESSAI, encoding="utf-8")
    index = pi.procedure_index()
    assert list(index) == ["renouvellement", "premiere_demande", "essai"]
    problems = pi.index_problems()
    assert len(problems) == 3
    for path in paths.values():
        assert any(f"« {path} »" in p and p.endswith("Ce fichier est ignoré.") for p in problems)
    assert cli.main(["procedures"]) == 1  # said, not a crash
    assert "imbrication" in capsys.readouterr().err


def test_the_extra_folder_is_read_up_to_its_limit(extra, monkeypatch):
    monkeypatch.setattr(pi, "MAX_EXTRA_FILES", 2)
    for name in ("a", "b", "c"):
        (extra / f"{name}.toml").write_text(with_id(ESSAI, 0, f"essai_{name}"), encoding="utf-8")
    assert [p for p in pi.procedure_index() if p.startswith("essai")] == ["essai_a", "essai_b"]
    [problem] = pi.index_problems()
    assert "3 fichiers .toml" in problem and "seuls les 2 premiers" in problem


def test_the_extra_folder_is_read_up_to_a_total_size(extra, monkeypatch):
    size = len(ESSAI.encode("utf-8"))
    monkeypatch.setattr(pi, "MAX_EXTRA_BYTES", 2 * size + 10)
    for name in ("a", "b", "c"):
        (extra / f"{name}.toml").write_text(with_id(ESSAI, 0, f"essai_{name}"), encoding="utf-8")
    assert [p for p in pi.procedure_index() if p.startswith("essai")] == ["essai_a", "essai_b"]
    [problem] = pi.index_problems()
    assert "« c.toml » et les suivants" in problem and "ne sont pas lus" in problem


def test_a_hostile_shipped_file_is_set_aside_too(tmp_path, monkeypatch):
    shipped = tmp_path / "procedures"
    shipped.mkdir()
    (shipped / "profond.toml").write_text(with_nested_array(ESSAI, 5_000), encoding="utf-8")
    monkeypatch.setattr(pi, "packaged_dir", lambda: shipped)
    pi.clear_caches()
    try:
        assert pi.procedure_index() == {}
        [problem] = pi.index_problems()
        assert "profond.toml" in problem and "imbrication" in problem and "ligne" in problem
    finally:
        monkeypatch.undo()
        pi.clear_caches()


def test_limits_are_the_documented_ones():
    """README and DEVELOPERS.md say these numbers; change them together."""
    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    for number in ("256 Ko", f"{MAX_NESTING} niveaux", f"{MAX_STEPS} étapes",
                   f"{MAX_FIELDS} champs", f"{MAX_ITEMS} éléments", "2 000 caractères",
                   "40 caractères", f"{data_limits.MAX_EXTRA_FILES} fichiers", "1 Mo"):
        assert number in readme, number
    assert "data_limits" in (root / "DEVELOPERS.md").read_text(encoding="utf-8")
