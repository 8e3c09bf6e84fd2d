"""Contract of every procedure file (the shipped ones and the test one under tests/procedures/):
what the code needs, the data says. And no Python module names a procedure, step or field id.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from anef_tui.domain import checks, roles
from anef_tui.domain.catalogue import KNOWN_RULES, CatalogueError, check_file, parse_procedure
from anef_tui.domain.procedure_index import packaged_dir

ROOT = Path(__file__).resolve().parents[2]
FILES = [*sorted(packaged_dir().glob("*.toml")), ROOT / "tests" / "procedures" / "essai.toml"]


@pytest.fixture(params=FILES, ids=[f.stem for f in FILES])
def procedure(request):
    return check_file(request.param)


def test_required_roles_resolve(procedure):
    for role in roles.REQUIRED_FIELD_ROLES:
        key, field_id = roles.resolve(procedure, role)
        holder = procedure.profile if procedure.profile and key == procedure.profile.id else (
            procedure.step(key))
        assert field_id in {f.id for f in holder.fields()}
    for role in roles.REQUIRED_STEP_ROLES:
        assert roles.step(procedure, role).id in {s.id for s in procedure.steps}
    kinds = [s.kind for s in procedure.steps]
    assert "depot" in kinds and kinds[-1] == "confirmation"


def test_every_role_rule_and_check_is_known(procedure):
    fields = [f for s in procedure.steps for f in s.fields()]
    fields += procedure.profile.fields() if procedure.profile else []
    for f in fields:
        assert f.role is None or f.role in roles.FIELD_ROLES
        assert f.rule is None or f.rule in KNOWN_RULES
        assert all(spec.name in checks.CHECKS for spec in f.checks)
    assert all(s.role is None or s.role in roles.STEP_ROLES for s in procedure.steps)


def test_followup_policy_is_complete(procedure):
    policy = procedure.followup
    assert 1 <= policy.complement_days <= 365
    assert f"{policy.complement_days} jours" in policy.complement_warning
    if policy.complement_mode == "reprise_etape":
        assert roles.step(procedure, policy.complement_step).kind == "documents"
    if procedure.renewal_from is not None:
        assert procedure.profile is not None
        own = {f.role for f in procedure.profile.fields()}
        # or an editable step field that is not a copy of the profile (the phone)
        own |= {f.role for s in procedure.steps for f in s.fields()
                if not f.readonly and f.source is None}
        assert set(procedure.renewal_from.roles) <= own


def test_texts_present(procedure):
    assert procedure.title and procedure.short_label and procedure.brick
    assert procedure.confirmation_title and procedure.confirmation_body
    assert procedure.email_text
    for step in procedure.steps:
        # Every step has its heading, but the first application's dépôt: the site shows
        # none there (seed 002 l. 827-841), not the renewal's borrowed.
        assert step.title and (step.heading or step.kind == "depot")
        for f in step.fields():
            assert f.label.strip()


def test_birth_value_read_by_role(procedure):
    key, field_id = roles.resolve(procedure, roles.DATE_NAISSANCE)
    assert roles.text(procedure, {key: {field_id: " 1990 "}}, roles.DATE_NAISSANCE) == "1990"
    assert roles.value(procedure, {}, roles.DATE_NAISSANCE) is None
    assert roles.value(procedure, {key: "pas un dict"}, roles.DATE_NAISSANCE) is None


# --- the catalogue refuses what the code could not use ----------------------------------------

ESSAI = FILES[-1].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('{ name = "apres_naissance" }', '{ name = "apres_mariage" }', "contrôle inconnu"),
        ('years = 18', 'years = 0', "« years » attendu"),
        ('{ name = "apres_naissance" }', '{ name = "apres_naissance", years = 3 }',
         "ne s'applique pas"),
        ('role = "nom"', 'role = "surnom"', "rôle inconnu « surnom »"),
        ('role = "code_postal"', 'role = "ville"', "aucun champ de rôle « code_postal »"),
        ('role = "prenoms"', 'role = "nom"', "déjà donné"),
        ('kind = "documents"\nrole = "justificatifs"', 'kind = "documents"',
         "aucune étape de rôle « justificatifs »"),
        ('complement_days = 10', 'complement_days = 12', "« 12 jours »"),
        ('complement_mode = "reprise_etape"', 'complement_mode = "par_courrier"',
         "valeur non permise"),
        ('complement_from = "reception"', 'complement_from = "demain"', "valeur non permise"),
    ],
)
def test_broken_roles_checks_and_policy_are_refused_in_french(old, new, message):
    assert old in ESSAI
    with pytest.raises(CatalogueError) as caught:
        parse_procedure(ESSAI.replace(old, new, 1), source="essai.toml")
    assert message in str(caught.value)
    assert "« essai.toml »" in str(caught.value)  # and the line, where one field is at fault


# --- no Python module names an id of the data ---------------------------------------------------

# Modules allowed to name them: the loader and its index (they read the files), the registries
# of rule, role and check names (vocabularies, not ids), and the demo (its dossiers are data).
EXEMPT = {
    "anef_tui/domain/catalogue.py",
    # The catalogue's own pieces (models, checks, messages, light refs): the loader too.
    "anef_tui/domain/procedure_model.py",
    "anef_tui/domain/procedure_names.py",  # the rule names (a vocabulary, like the registry)
    "anef_tui/domain/procedure_check.py",
    "anef_tui/domain/procedure_messages.py",
    "anef_tui/domain/procedure_refs.py",
    "anef_tui/domain/procedure_index.py",
    "anef_tui/domain/rules/registry.py",
    "anef_tui/domain/roles.py",
    "anef_tui/domain/checks.py",
    # The demo package: its people, the dossiers built from them, the `--count N` generator.
    "anef_tui/demo/data.py",
    "anef_tui/demo/builder.py",
    "anef_tui/demo/bulk.py",
}
# Ids that are also ordinary words of the code, with another meaning there: step kinds
# (« situation », « depot », « confirmation »), the document kind « confirmation », the
# notification data keys « observations » and « complement », widget ids « confirmation »,
# the field type « email », the CSV columns « nationalite » and « pays », the command line's
# `--compte` (a worker's account on the base, issue 25; not the ANEF account's step).
ORDINARY_WORDS = {
    "situation", "depot", "confirmation", "observations", "complement", "email", "nationalite",
    "pays", "compte",
}


def _ids_of(data: dict) -> set[str]:
    ids = {data["id"]}
    holders = [*data.get("steps", []), *([data["profile"]] if "profile" in data else [])]
    for holder in holders:
        ids.add(holder["id"])
        for section in holder.get("sections", []):
            ids.update(f["id"] for f in section.get("fields", []))
    return ids


def test_no_python_module_names_a_procedure_step_or_field_id():
    ids: set[str] = set()
    for path in sorted(packaged_dir().glob("*.toml")):
        ids |= _ids_of(tomllib.loads(path.read_text(encoding="utf-8")))
    assert {"renouvellement", "premiere_demande", "informations_personnelles",
            "nom_naissance", "code_postal", "n_etranger", "titre_actuel"} <= ids
    policed = ids - ORDINARY_WORDS
    found: list[str] = []
    for path in sorted((ROOT / "anef_tui").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in EXEMPT:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings and node.value in policed):
                found.append(f"{rel}:{node.lineno}: {node.value!r}")
    assert found == []
