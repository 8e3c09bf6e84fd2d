"""Procedures are found, not listed: the package's files plus an extra folder (--procedures,
$ANEF_TUI_PROCEDURES) that adds procedures or replaces one; `anef-tui procedures [--check]`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from anef_tui import cli
from anef_tui.domain import procedure_index as pi
from anef_tui.domain.catalogue import CatalogueError, check_file, load_catalogue, load_procedure
from anef_tui.paths import assets_dir

SHIPPED = assets_dir() / "procedures"


def third_procedure_text(
    pid: str = "asso_test", label: str = "Demande asso", order: int = 3
) -> str:
    """A copy of the first application with another id, labels and position."""
    text = (SHIPPED / "premiere_demande.toml").read_text(encoding="utf-8")
    text = re.sub(r'(?m)^id = "premiere_demande"$', f'id = "{pid}"', text, count=1)
    text = re.sub(r"(?m)^short_label = .*$", f'short_label = "{label}"', text, count=1)
    text = re.sub(r"(?m)^compact_label = .*$", 'compact_label = "Asso"', text, count=1)
    text = re.sub(r"(?m)^brick = .*$", f'brick = "Démarche « {label} »"', text, count=1)
    return re.sub(r"(?m)^order = .*$", f"order = {order}", text, count=1)


@pytest.fixture
def extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An empty extra folder named by $ANEF_TUI_PROCEDURES; caches forgotten before and after."""
    folder = tmp_path / "procedures-asso"
    folder.mkdir()
    monkeypatch.setenv(pi.ENV_PROCEDURES, str(folder))
    pi.clear_caches()
    yield folder
    monkeypatch.delenv(pi.ENV_PROCEDURES, raising=False)
    pi.clear_caches()


def test_every_shipped_file_is_a_procedure_in_its_order():
    index = pi.procedure_index()
    assert {p.stem for p in SHIPPED.glob("*.toml")} == set(index)
    assert list(index) == ["renouvellement", "premiere_demande"]  # `order` 1 then 2
    assert all(ref.source is not None and ref.source.parent == SHIPPED for ref in index.values())
    assert pi.index_problems() == []


def test_a_third_procedure_is_found_validated_and_listed(extra, capsys):
    (extra / "asso.toml").write_text(third_procedure_text(), encoding="utf-8")
    index = pi.procedure_index()
    assert list(index) == ["renouvellement", "premiere_demande", "asso_test"]
    assert index["asso_test"].source == extra / "asso.toml"
    catalogue = load_catalogue()
    assert list(catalogue) == list(index)
    assert catalogue["asso_test"].short_label == "Demande asso"

    assert cli.main(["procedures"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("asso_test"))
    assert "Demande asso" in line and "6 étapes" in line and str(extra / "asso.toml") in line


def test_a_file_of_the_extra_folder_replaces_the_shipped_one_with_its_id(extra):
    text = (SHIPPED / "renouvellement.toml").read_text(encoding="utf-8")
    text = text.replace('short_label = "Renouvellement"', 'short_label = "Renouvellement (asso)"')
    (extra / "renouv.toml").write_text(text, encoding="utf-8")
    index = pi.procedure_index()
    assert list(index) == ["renouvellement", "premiere_demande"]
    assert index["renouvellement"].short_label == "Renouvellement (asso)"
    assert index["renouvellement"].source == extra / "renouv.toml"
    assert load_procedure("renouvellement").short_label == "Renouvellement (asso)"


def test_a_broken_file_of_the_extra_folder_is_set_aside_with_its_reason(extra, capsys):
    (extra / "casse.toml").write_text(
        third_procedure_text().replace('kind = "form"', 'kind = "formulaire"', 1),
        encoding="utf-8",
    )
    (extra / "pas-toml.toml").write_text("id = \n", encoding="utf-8")
    index = pi.procedure_index()
    assert list(index) == ["renouvellement", "premiere_demande"]  # the rest still works
    problems = pi.index_problems()
    assert len(problems) == 2
    assert any("casse.toml" in p and "formulaire" in p and "ligne" in p for p in problems)
    assert any("pas-toml.toml" in p and "ligne 1" in p for p in problems)
    assert all(p.endswith("Ce fichier est ignoré.") for p in problems)
    load_catalogue()  # the screens never see the broken file

    assert cli.main(["procedures"]) == 1
    captured = capsys.readouterr()
    assert "renouvellement" in captured.out
    assert "casse.toml" in captured.err


def test_two_files_with_one_id_in_the_extra_folder(extra):
    (extra / "a.toml").write_text(third_procedure_text(label="Premier"), encoding="utf-8")
    (extra / "b.toml").write_text(third_procedure_text(label="Second"), encoding="utf-8")
    assert pi.procedure_index()["asso_test"].short_label == "Premier"
    (problem,) = pi.index_problems()
    assert "b.toml" in problem and "a.toml" in problem and "asso_test" in problem


def test_a_missing_extra_folder_is_a_usage_error(tmp_path, capsys):
    missing = tmp_path / "absent"
    assert cli.main(["--procedures", str(missing), "procedures"]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "--procedures" in err
    assert cli.main(["--procedures", str(missing), "--data-dir", str(tmp_path), "list"]) == 2


def test_the_procedures_option_wins_and_is_forgotten_after_main(extra, tmp_path, capsys):
    other = tmp_path / "autre"
    other.mkdir()
    (other / "x.toml").write_text(third_procedure_text(pid="autre_asso"), encoding="utf-8")
    (extra / "asso.toml").write_text(third_procedure_text(), encoding="utf-8")
    assert cli.main(["--procedures", str(other), "procedures"]) == 0
    out = capsys.readouterr().out
    assert "autre_asso" in out and "asso_test" not in out
    # Back to $ANEF_TUI_PROCEDURES once main() returns.
    assert "asso_test" in pi.procedure_index() and "autre_asso" not in pi.procedure_index()


def test_list_shows_the_label_of_a_third_procedure(extra, tmp_path, capsys, monkeypatch):
    from anef_tui.store.dossiers import DossierStore

    (extra / "asso.toml").write_text(third_procedure_text(), encoding="utf-8")
    data = tmp_path / "donnees"
    store = DossierStore(data)
    dossier_id = store.create("asso_test", applicant_name="SOW Awa")
    assert store.get(dossier_id).summary.procedure_label == "Demande asso"
    assert [r.id for r in store.list(query="demande asso")] == [dossier_id]
    store.close()
    assert cli.main(["--data-dir", str(data), "list"]) == 0
    assert "Demande asso" in capsys.readouterr().out

    # Without the folder, the dossier is still listed, by its procedure id.
    monkeypatch.delenv(pi.ENV_PROCEDURES)
    pi.clear_caches()
    assert cli.main(["--data-dir", str(data), "list"]) == 0
    assert re.search(r"SOW Awa\s+asso_test", capsys.readouterr().out)
    with pytest.raises(ValueError, match="inconnue"):
        DossierStore(data).create("asso_test")


# --- anef-tui procedures --check -----------------------------------------------------------


def _check(path: Path, capsys) -> tuple[int, str, str]:
    code = cli.main(["procedures", "--check", str(path)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_check_a_valid_file(tmp_path, capsys):
    path = tmp_path / "asso.toml"
    path.write_text(third_procedure_text(), encoding="utf-8")
    code, out, err = _check(path, capsys)
    assert code == 0 and err == ""
    assert "est valide" in out and "asso_test" in out and "6 étapes" in out


def test_check_names_the_line_of_a_toml_syntax_error(tmp_path, capsys):
    text = third_procedure_text().replace('short_label = "Demande asso"', "short_label = Demande")
    path = tmp_path / "asso.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = _check(path, capsys)
    assert code == 1 and out == ""
    assert f"ligne {_line_of(text, 'short_label = Demande')} : TOML invalide" in err
    assert "valeur invalide" in err


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        # A schema error: the line of the wrong key.
        ('type = "text"', 'type = "texte"', 'type = "texte"', "valeur non permise « texte »"),
        # An unknown key (a typo): its own line.
        ('label = "Nom de naissance"', 'libelle = "Nom de naissance"', "libelle =",
         "clé inconnue"),
        # A cross-check: the line of the field's `id`.
        ('rule = "nom"', 'rule = "inconnue"', 'id = "nom_naissance"', "règle inconnue"),
        # Markup in a text.
        ('short_label = "Demande asso"', 'short_label = "[b]Asso"', "short_label =", "crochet"),
        ('id = "asso_test"', 'id = "Asso Test"', 'id = "Asso Test"', "lettres minuscules"),
    ],
)
def test_check_names_the_line_of_each_problem(tmp_path, capsys, old, new, needle, message):
    text = third_procedure_text()
    assert old in text
    text = text.replace(old, new, 1)
    path = tmp_path / "asso.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = _check(path, capsys)
    assert code == 1 and out == ""
    assert f"« {path} », ligne {_line_of(text, needle)} : " in err, err
    assert message in err
    assert "Traceback" not in err


def test_check_missing_or_unreadable_file_is_a_usage_error(tmp_path, capsys):
    code, _, err = _check(tmp_path / "absent.toml", capsys)
    assert code == 2 and "absent.toml" in err
    code, _, err = _check(tmp_path, capsys)  # a folder
    assert code == 2


def test_check_a_file_that_is_not_utf8(tmp_path, capsys):
    path = tmp_path / "latin1.toml"
    path.write_bytes('short_label = "Première"\n'.encode("latin-1"))
    code, _, err = _check(path, capsys)
    assert code == 1 and "UTF-8" in err


def test_check_file_problems_carry_the_file_name(tmp_path):
    path = tmp_path / "vide.toml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        check_file(path)
    assert caught.value.problems and all(str(path) in p for p in caught.value.problems)
    assert any("« id » : clé obligatoire absente" in p for p in caught.value.problems)
