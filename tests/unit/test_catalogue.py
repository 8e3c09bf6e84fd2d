"""The procedure catalogue against the spec (docs: /work/shared/spec/procedure.md)."""

from __future__ import annotations

import re

import pytest

from anef_tui.domain.catalogue import (
    KNOWN_RULES,
    CatalogueError,
    Field,
    Procedure,
    is_visible,
    load_catalogue,
    load_procedure,
    parse_procedure,
    prefill,
    with_defaults,
    without_defaults,
)
from anef_tui.paths import assets_dir

# The shipped procedures, in their menu order (`order` in each file).
PROCEDURE_IDS = ("renouvellement", "premiere_demande")

RENEWAL_STEPS = [
    "Informations personnelles",
    "Motif de séjour",
    "Justificatifs",
    "Dépôt de la demande",
    "Confirmation",
]
FIRST_STEPS = [
    "Votre situation",
    "Informations personnelles",
    "Motif de séjour",
    "Justificatifs",
    "Dépôt de la demande",
    "Confirmation",
]
ETAT_CIVIL = [
    "nom_naissance",
    "nom_usage",
    "prenoms",
    "sexe",
    "date_naissance",
    "pays_naissance",
    "lieu_naissance",
]
MEDICAL_WORDS = re.compile(
    r"diagnos|maladie|traitement|pathologi|sympt[oô]me|m[ée]dica|ordonnance|soins",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def renewal() -> Procedure:
    return load_procedure("renouvellement")


@pytest.fixture(scope="module")
def first() -> Procedure:
    return load_procedure("premiere_demande")


def _all_fields(proc: Procedure) -> list[tuple[str, Field]]:
    return [(step.id, f) for step in proc.steps for f in step.fields()]


# --- loading -----------------------------------------------------------------------------------


def test_catalogue_has_both_procedures():
    catalogue = load_catalogue()
    assert tuple(catalogue) == PROCEDURE_IDS
    for pid, proc in catalogue.items():
        assert proc.id == pid
        assert load_procedure(pid) is proc  # cached


def test_unknown_procedure_is_refused():
    with pytest.raises(CatalogueError):
        load_procedure("naturalisation")


def test_toml_files_name_their_seed():
    for pid, seed in (("renouvellement", "000_"), ("premiere_demande", "002_")):
        head = (assets_dir() / "procedures" / f"{pid}.toml").read_text(encoding="utf-8")[:600]
        assert head.startswith("#") and f"seeds/{seed}" in head


def test_light_index_matches_the_catalogue():
    """« Mes dossiers » reads only the head and the [[steps]] tables of each file."""
    import tomllib

    from anef_tui.domain.procedure_index import _index_part, _procedure_ref, procedure_index

    index = procedure_index()
    for pid, proc in load_catalogue().items():
        text = (assets_dir() / "procedures" / f"{pid}.toml").read_text(encoding="utf-8")
        assert _procedure_ref(_index_part(text)) == _procedure_ref(tomllib.loads(text))
        ref = index[pid]
        assert (ref.short_label, ref.brick) == (proc.short_label, proc.brick)
        assert (ref.order, ref.compact_label) == (proc.order, proc.compact_label)
        assert [(s.id, s.number, s.title) for s in ref.steps] == [
            (s.id, s.number, s.title) for s in proc.steps
        ]


def test_light_index_falls_back_to_a_full_parse():
    import tomllib

    from anef_tui.domain.procedure_index import _index_part

    # A table header inside a multi-line string: the split parts do not parse alone.
    text = 'short_label = "x"\nbrick = """a\n[[steps]]\nb"""\n[[steps]]\nid = "s"\n'
    with pytest.raises(tomllib.TOMLDecodeError):
        _index_part(text)


# --- steps ---------------------------------------------------------------------------------------


def test_step_names_and_order(renewal, first):
    assert [s.title for s in renewal.steps] == RENEWAL_STEPS
    assert [s.title for s in first.steps] == FIRST_STEPS
    for proc in (renewal, first):
        assert [s.number for s in proc.steps] == list(range(1, len(proc.steps) + 1))
        assert proc.steps[-1].kind == "confirmation"
        assert proc.steps[-2].kind == "depot"


def test_step_navigation(renewal):
    assert renewal.step_index("motif_sejour") == 1
    assert renewal.next_step_id("informations_personnelles") == "motif_sejour"
    assert renewal.next_step_id("confirmation") is None
    assert renewal.previous_step_id("informations_personnelles") is None
    assert renewal.previous_step_id("justificatifs") == "motif_sejour"
    with pytest.raises(KeyError):
        renewal.step("inconnue")


def test_renewal_preamble(renewal):
    assert [p.id for p in renewal.preliminaries] == ["pour_qui", "situation_actuelle", "preambule"]
    assert "DÉPOSEZ VOTRE DEMANDE EN 5 ÉTAPES" in renewal.preamble
    assert any(line.startswith("Votre saisie est sauvegardée") for line in renewal.preamble)
    assert all(step.description for step in renewal.steps)
    situation = renewal.preliminaries[1]
    in_scope = [c.label for c in situation.choices if c.in_scope]
    assert in_scope == ["Je sollicite le renouvellement de ce titre"]
    assert situation.section_label == "JE SOLLICITE UN AUTRE TITRE DE SÉJOUR :"
    assert len([c for c in situation.choices if c.in_section]) == 11


def test_first_application_profile_and_situation(first):
    (profile,) = first.preliminaries
    assert [c.label for c in profile.choices if c.in_scope] == [
        "Car j'ai des attaches familiales en France"
    ]
    assert all(c.note for c in profile.choices if not c.in_scope)
    situation = first.field("situation", "situation")
    assert situation.required and len(situation.choices) == 4
    assert situation.in_scope_choices == [situation.choices[2]]
    assert "état de santé" in situation.in_scope_choices[0]
    step = first.step("situation")
    assert step.kind == "situation" and step.progress_percent == 20
    for text in (
        "Merci, nous avons bien pris en compte votre situation.",
        "Votre démarche en ligne est à 20% terminée",
        "- Plus que 15 minutes pour finir votre démarche",
        "PRÉPARER LES DOCUMENTS À FOURNIR :",
    ):
        assert text in step.after_texts
    assert step.revise_label == "Modifier ma situation"
    assert first.step("depot").progress_percent == 90


# --- fields --------------------------------------------------------------------------------------


def test_etat_civil_readonly_in_renewal_editable_in_first(renewal, first):
    for fid in [*ETAT_CIVIL, "nationalite"]:
        assert renewal.field("informations_personnelles", fid).readonly, fid
    for fid in [*ETAT_CIVIL, "nationalites"]:
        f = first.field("informations_personnelles", fid)
        assert not f.readonly, fid
        assert f.required == (fid != "nom_usage"), fid
    assert first.field("informations_personnelles", "prenoms").repeatable
    assert first.field("informations_personnelles", "prenoms").add_label == "+ Ajouter un prénom"
    assert first.field("informations_personnelles", "nationalites").repeatable
    assert first.field("informations_personnelles", "date_naissance").rule == "annee_ou_date"
    assert first.field("informations_personnelles", "sexe").choices == ["Masculin", "Féminin"]


def test_address_and_contact(renewal, first):
    for proc in (renewal, first):
        step = "informations_personnelles"
        assert proc.field(step, "adresse").required
    # « Ville * : » in the renewal guide, « Ville : » in the first application's (seed 002).
    assert renewal.field(step, "ville").required
    assert not first.field(step, "ville").required
    for proc in (renewal, first):
        assert proc.field(step, "code_postal").rule == "code_postal"
        assert proc.field(step, "email").readonly
        tel = proc.field(step, "telephone")
        assert tel.required and tel.rule == "telephone" and not tel.readonly


def test_motif_prefilled(renewal, first):
    for proc in (renewal, first):
        motif = proc.field("motif_sejour", "motif")
        assert motif.type == "info"
        assert motif.prefill == "Je demande un titre de séjour en raison de mon état de santé."
        for fid in ("situation_familiale", "enfants_charge"):
            assert proc.field("motif_sejour", fid).required
        assert proc.field("motif_sejour", "situation_familiale").choices == [
            "Célibataire",
            "Concubin(ne)",
            "Divorcé(e)",
            "Marié(e)",
            "Pacsé(e)",
        ]
        checks = [f for f in proc.step("motif_sejour").fields() if f.type == "checkbox"]
        assert len(checks) == 2 and all(f.required for f in checks)


@pytest.mark.parametrize("pid", PROCEDURE_IDS)
@pytest.mark.parametrize(
    ("situation", "union", "conjoint"),
    [
        ("Célibataire", False, False),
        ("Concubin(ne)", False, False),
        ("Divorcé(e)", False, False),
        ("Marié(e)", True, True),
        ("Pacsé(e)", True, False),
        ("", False, False),
    ],
)
def test_union_fields_are_conditional(pid, situation, union, conjoint):
    proc = load_procedure(pid)
    values = {"situation_familiale": situation}
    assert is_visible(proc.field("motif_sejour", "date_union"), values) is union
    assert is_visible(proc.field("motif_sejour", "pays_union"), values) is union
    assert is_visible(proc.field("motif_sejour", "enfants_conjoint"), values) is conjoint
    assert is_visible(proc.field("motif_sejour", "enfants_charge"), values)


def test_is_visible_across_steps():
    field = Field.model_validate(
        {
            "id": "x",
            "label": "X",
            "type": "text",
            "show_if": {"field": "motif_sejour.situation_familiale", "any_of": ["Marié(e)"]},
        }
    )
    assert not is_visible(field, {})
    assert not is_visible(field, {}, {"motif_sejour": {"situation_familiale": "Divorcé(e)"}})
    assert is_visible(field, {}, {"motif_sejour": {"situation_familiale": "Marié(e)"}})


def test_date_entree_first_in_step_3_of_first_application(first):
    step = first.steps[2]
    assert step.id == "motif_sejour"
    inputs = [f for f in step.fields() if f.type != "info"]
    assert inputs[0].label == "Date d'entrée en France"
    assert inputs[0].required and inputs[0].rule == "date_passee"
    assert all(
        f.id != "date_entree"
        for f in load_procedure("renouvellement").step("motif_sejour").fields()
    )


def test_ephoto_and_confirmation_required(renewal, first):
    for proc in (renewal, first):
        ephoto = proc.field("justificatifs", "ephoto")
        assert ephoto.label == "Numéro ephoto (22 chiffres)"
        assert ephoto.required and ephoto.rule == "ephoto"
    # Only the renewal guide shows « Confirmer le numéro ephoto » (seed 000, étape 3).
    confirm = renewal.field("justificatifs", "ephoto_confirmation")
    assert confirm.required and confirm.confirm_of == "ephoto"
    assert confirm.label == "Confirmer le numéro ephoto"
    assert "ephoto_confirmation" not in {f.id for f in first.step("justificatifs").fields()}


def test_observations_optional(renewal, first):
    for proc in (renewal, first):
        obs = proc.field("depot", "observations")
        assert obs.type == "textarea" and obs.rule == "observations" and not obs.required


def test_every_rule_is_known_and_choices_present():
    for proc in load_catalogue().values():
        for _, f in _all_fields(proc):
            assert f.rule is None or f.rule in KNOWN_RULES
            if f.type in ("choice", "yesno"):
                assert f.choices
            assert not f.label.endswith(":") and "*" not in f.label


def test_no_medical_content_anywhere():
    for proc in load_catalogue().values():
        for step_id, f in _all_fields(proc):
            for text in (f.id, f.label, f.hint or "", f.prefill or "", *f.choices):
                if f.id == "situation" and text in f.choices:
                    continue  # the site's own wording of the situation, not a question
                assert not MEDICAL_WORDS.search(text), f"{step_id}.{f.id}: {text}"
        for slot in proc.all_slots():
            assert not MEDICAL_WORDS.search(slot.title)


# --- profile ------------------------------------------------------------------------------------

RENEWAL_PROFILE = {
    # The site's account-creation lines, no heading of the site's look (issue 22).
    None: ["n_etranger", "n_titre", "date_debut_validite", "date_fin_validite"],
    "ÉTAT CIVIL": [*ETAT_CIVIL, "nationalite"],
    "ADRESSE": [
        "adresse",
        "numero_voie",
        "voie",
        "complement",
        "code_postal",
        "ville",
        "pays",
        "code_insee",
    ],
    "INFORMATIONS DE CONTACT": ["email", "email_confirmation"],
}


def test_renewal_profile(renewal):
    profile = renewal.profile
    assert profile is not None
    assert profile.id == "titre_actuel" and profile.title == "Mon titre actuel"
    assert profile.intro and any("pré-remplie" in line for line in profile.intro)
    assert {s.title: [f.id for f in s.fields] for s in profile.sections} == RENEWAL_PROFILE
    n_etranger = profile.field("n_etranger")
    assert n_etranger.label == "N° étranger" and n_etranger.rule == "n_etranger"
    # The site's name for it; what it is, in anef-tui's voice (the site never asks it).
    assert n_etranger.required and n_etranger.display_label == "Identifiant (N° étranger) :"
    assert "10 chiffres (ex. 5903007229)" in (n_etranger.app_help or "")
    n_titre = profile.field("n_titre")
    assert n_titre.label == "N° de votre visa ou de votre titre de séjour"
    assert n_titre.rule == "n_titre" and n_titre.hint == "Ex : 9999999999"
    for fid in ("date_debut_validite", "date_fin_validite"):
        assert profile.field(fid).rule == "date" and profile.field(fid).required
    assert profile.field("prenoms").repeatable
    assert profile.field("prenoms").add_label == "+ Ajouter un prénom"
    assert profile.field("sexe").choices == ["Masculin", "Féminin"]
    assert profile.field("date_naissance").rule == "date_passee"
    confirm = profile.field("email_confirmation")
    assert confirm.confirm_of == "email" and confirm.required
    assert confirm.label == "Confirmation de l'adresse email"
    assert profile.field("email").label == "Adresse email"
    for fid in ("nom_naissance", "prenoms", "code_postal", "ville", "nationalite"):
        assert profile.field(fid).required, fid
    assert not profile.field("nom_usage").required
    assert all(f.source is None and not f.readonly for f in profile.fields())


def test_first_application_profile_is_the_account(first):
    profile = first.profile
    assert profile is not None
    assert profile.id == "compte" and profile.title == "Mon compte"
    assert [f.id for f in profile.fields()] == ["email", "email_confirmation"]
    assert [f.label for f in profile.fields()] == [
        "Adresse email",
        "Confirmation de l'adresse email",
    ]
    assert profile.field("email_confirmation").confirm_of == "email"
    assert (
        "« Votre identifiant de connexion est votre N° Etranger, si vous n'en n'avez pas, "
        "votre adresse mail »" in profile.intro
    )


def test_every_source_is_a_profile_field():
    for proc in load_catalogue().values():
        assert proc.profile is not None
        ids = {f.id for f in proc.profile.fields()}
        sources = [f for _, f in _all_fields(proc) if f.source]
        assert sources
        for f in sources:
            assert f.source in ids, f.id
            assert proc.profile.field(f.source).repeatable == f.repeatable, f.id


def test_renewal_step_1_is_entirely_from_the_profile(renewal):
    step = renewal.step("informations_personnelles")
    assert all(f.source for f in step.fields() if f.id != "telephone")
    for fid in [*ETAT_CIVIL, "nationalite", "email"]:
        assert renewal.field("informations_personnelles", fid).readonly


def test_prefill(renewal, first):
    values = {"nom_naissance": "GUIDE", "prenoms": ["Malade"], "n_etranger": "5903007229"}
    out = prefill(renewal, "informations_personnelles", values)
    assert out == {"nom_naissance": "GUIDE", "prenoms": ["Malade"]}
    out["prenoms"].append("Jean")
    assert values["prenoms"] == ["Malade"]
    assert prefill(renewal, renewal.step("motif_sejour"), values) == {}
    assert prefill(first, "informations_personnelles", {"email": "a@b.fr"}) == {"email": "a@b.fr"}


def test_no_medical_content_in_profiles():
    for proc in load_catalogue().values():
        assert proc.profile is not None
        for text in proc.profile.intro:
            assert not MEDICAL_WORDS.search(text), text
        for f in proc.profile.fields():
            for text in (f.id, f.label, f.hint or "", *f.choices):
                assert not MEDICAL_WORDS.search(text), f"{f.id}: {text}"


# --- document slots ------------------------------------------------------------------------------


def test_required_slots(renewal, first):
    assert renewal.required_slots() == ["justificatif_domicile", "justificatif_residence"]
    assert first.required_slots() == [
        "justificatif_nationalite",
        "justificatif_identite",
        "justificatif_domicile",
        "justificatif_residence",
    ]
    assert not first.slot("justificatif_entree").required


def test_renewal_conditional_slots(renewal):
    assert not renewal.slot("justificatif_nationalite").required
    assert renewal.slot("justificatif_nationalite").shown_on_screen
    for sid in ("justificatif_identite", "justificatif_entree"):
        slot = renewal.slot(sid)
        assert not slot.required and not slot.shown_on_screen
        assert slot.condition == "Si vous êtes titulaire d'un numéro étranger sans titre de séjour"


def test_max_files(renewal, first):
    for proc in (renewal, first):
        for slot in proc.all_slots():
            expected = 6 if slot.id == "justificatif_residence" else 3
            assert slot.max_files == expected, slot.id


def test_domicile_groups(renewal, first):
    for proc in (renewal, first):
        groups = proc.slot("justificatif_domicile").accepted
        assert [g.heading for g in groups] == [
            None,
            "Si hébergement à l'hôtel :",
            "Si hébergement chez un particulier :",
        ]
        assert "Une attestation de l'hébergeant datée et signée ;" in groups[2].items
        assert all(g.items for g in groups)


def test_documents_list(renewal, first):
    assert renewal.documents_list_title == (
        "DEMANDE DE TITRE DE SÉJOUR VIE PRIVÉE ET FAMILIALE - ÉTRANGER MALADE"
    )
    assert first.documents_list_title.startswith("PRÉ-DEMANDE DE ")
    for proc in (renewal, first):
        listed = {e.slot for e in proc.documents_list if e.slot}
        assert listed == {s.id for s in proc.all_slots()}
        nationality = next(e for e in proc.documents_list if e.slot == "justificatif_nationalite")
        assert "ou carte consulaire." in nationality.accepted[0].items


def test_confirmation_texts(renewal, first):
    assert renewal.confirmation_title == (
        "CONFIRMATION DU DÉPÔT D'UNE DEMANDE DE RENOUVELLEMENT DE TITRE DE SÉJOUR"
    )
    assert first.confirmation_title == "CONFIRMATION DU DÉPÔT D'UNE PRÉ-DEMANDE"
    for proc in (renewal, first):
        assert proc.confirmation_body[0].startswith("Le {date}, vous avez déposé avec succès")
    # The renewal's guide writes the prénom in capitals (« Bonjour MALADE GUIDE, »).
    assert renewal.email_text[0] == "Bonjour {PRENOM} {nom},"
    assert first.email_text[0] == "Bonjour {prenom} {nom},"
    assert first.step("confirmation").heading == "Votre demande a bien été transmise."


def test_french_strings_have_no_ocr_slips():
    for pid in PROCEDURE_IDS:
        text = (assets_dir() / "procedures" / f"{pid}.toml").read_text(encoding="utf-8")
        body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
        for slip in ("oignée", "Veillez", "Passport", "RENOUELEMENT"):
            assert slip not in body, slip


# --- loader rejects broken data ------------------------------------------------------------------

MINIMAL = """
id = "renouvellement"
brick = "B"
short_label = "S"
title = "T"
documents_list_title = "D"
documents_list_subtitle = "L"
confirmation_title = "C"
confirmation_references_title = "R"
confirmation_body = ["Le {{date}}"]
email_text = ["Bonjour"]

[nav]
back = "a"
abandon = "b"
save_later = "c"
save_continue = "d"

[[steps]]
id = "un"
number = 1
title = "Un"
heading = "Un"
kind = "form"

[[steps.sections]]
id = "s"
title = "SECTION"

[[steps.sections.fields]]
id = "situation"
label = "Situation"
type = "choice"
choices = ["A", "B"]

[[steps.sections.fields]]
id = "f"
label = "F"
type = "text"
rule = "{rule}"
show_if = {{ field = "{target}", any_of = ["A"] }}
{identity}
[[steps]]
id = "deux"
number = {number}
title = "Deux"
heading = "Deux"
kind = "documents"
role = "justificatifs"

[[steps.sections]]
id = "d"
title = "DOMICILIATION"

[[steps.slots]]
id = "slot"
title = "Justificatif"
section = "d"
required = true
max_files = {max_files}

[followup]
complement_days = {days}
complement_from = "reception"
complement_mode = "reprise_etape"
complement_step = "justificatifs"
complement_warning = "Répondez sous {days} jours."
"""

# The fields every procedure has, by role (`roles.REQUIRED_FIELD_ROLES`).
IDENTITY = "".join(
    f'\n[[steps.sections.fields]]\nid = "{role}"\nlabel = "{role}"\ntype = "text"\n'
    f'role = "{role}"\n'
    for role in ("nom", "prenoms", "date_naissance", "code_postal")
)


def _minimal(**overrides: object) -> str:
    values = {"rule": "texte", "target": "situation", "number": 2, "max_files": 3,
              "identity": IDENTITY, "days": 15}
    values.update(overrides)
    return MINIMAL.format(**values)


def test_minimal_procedure_parses():
    proc = parse_procedure(_minimal())
    assert proc.required_slots() == ["slot"]
    assert parse_procedure(_minimal(target="un.situation")).field("un", "f").show_if


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"rule": "diagnostic"}, "règle inconnue"),
        ({"target": "absent"}, "show_if"),
        ({"target": "deux.situation"}, "show_if"),
        ({"max_files": 4}, "max_files"),
        ({"number": 3}, "numéros d'étapes"),
    ],
)
def test_broken_procedure_is_rejected(overrides, message):
    with pytest.raises(CatalogueError, match=message):
        parse_procedure(_minimal(**overrides))


PROFILE = """
[profile]
id = "titre_actuel"
title = "Mon titre actuel"

[[profile.sections]]
id = "p"

[[profile.sections.fields]]
id = "email"
label = "Adresse email"
type = "email"

[[profile.sections.fields]]
id = "email_confirmation"
label = "Confirmation de l'adresse email"
type = "email"
confirm_of = "{confirm}"
"""


def _with_profile(source: str = "email", confirm: str = "email", repeatable: bool = False) -> str:
    text = _minimal().replace(
        'rule = "texte"\n',
        f'rule = "texte"\nsource = "{source}"\nrepeatable = {str(repeatable).lower()}\n',
        1,
    )
    head, steps = text.split("[[steps]]", 1)
    return head + PROFILE.format(confirm=confirm) + "\n[[steps]]" + steps


def test_profile_parses_and_resolves_sources():
    proc = parse_procedure(_with_profile())
    assert proc.profile is not None and proc.profile.id == "titre_actuel"
    assert proc.field("un", "f").source == "email"
    assert prefill(proc, "un", {"email": "a@b.fr"}) == {"f": "a@b.fr"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"source": "n_etranger"}, "absent du profil"),
        ({"confirm": "absent"}, "confirm_of"),
        ({"repeatable": True}, "répétable"),
    ],
)
def test_broken_profile_is_rejected(kwargs, message):
    with pytest.raises(CatalogueError, match=message):
        parse_procedure(_with_profile(**kwargs))


def test_source_without_profile_is_rejected():
    text = _minimal().replace('rule = "texte"\n', 'rule = "texte"\nsource = "email"\n', 1)
    with pytest.raises(CatalogueError, match="absent du profil"):
        parse_procedure(text)


def _with_default(default: str, *, kind: str = "country", rule: str = "pays",
                  extra: str = "") -> str:
    """The minimal procedure with a field « Pays » of that type, rule and `default`."""
    field = (f'\n[[steps.sections.fields]]\nid = "pays"\nlabel = "Pays"\ntype = "{kind}"\n'
             f'rule = "{rule}"\ndefault = "{default}"\n{extra}')
    return _minimal(identity=IDENTITY + field)


def test_a_default_is_a_value_the_rule_accepts_as_written():
    """Issue 21: « Pays » is France by default; `procedures --verifier` checks the value."""
    proc = parse_procedure(_with_default("France"))
    assert proc.field("un", "pays").default == "France"
    assert with_defaults(proc.step("un"), {"pays": ""})["pays"] == "France"
    assert with_defaults(proc.step("un"), {"pays": "Belgique"})["pays"] == "Belgique"
    assert without_defaults(proc.step("un"), {"pays": "France", "f": "x"}) == {"f": "x"}
    with pytest.raises(CatalogueError, match="default"):
        parse_procedure(_with_default("Atlantide"))  # not a country
    with pytest.raises(CatalogueError, match="s'écrit « France »"):
        parse_procedure(_with_default("france"))  # written as the rule writes it
    with pytest.raises(CatalogueError, match="default"):
        parse_procedure(_with_default("France", extra="readonly = true\n"))
    with pytest.raises(CatalogueError, match="default"):
        parse_procedure(_with_default("01/01/2020", kind="date", rule="date"))


def test_procedures_verifier_names_a_wrong_default(tmp_path, capsys):
    from anef_tui import cli

    path = tmp_path / "essai.toml"
    path.write_text(_with_default("Atlantide"), encoding="utf-8")
    assert cli.main(["procedures", "--verifier", str(path)]) == 1
    err = capsys.readouterr().err
    assert "champ « pays »" in err and "« default »" in err and "Traceback" not in err


def test_invalid_toml_and_schema_are_rejected():
    with pytest.raises(CatalogueError):
        parse_procedure("id = ")
    with pytest.raises(CatalogueError):
        parse_procedure(_minimal().replace('kind = "form"', 'kind = "autre"'))
    with pytest.raises(CatalogueError, match="confirm_of"):
        parse_procedure(_minimal().replace('rule = "texte"', 'rule = "texte"\nconfirm_of = "x"'))
    with pytest.raises(CatalogueError, match="choix"):
        parse_procedure(_minimal().replace('choices = ["A", "B"]', ""))


def test_load_procedure_rejects_a_broken_file(tmp_path, monkeypatch):
    import anef_tui.domain.catalogue as catalogue
    from anef_tui.domain import procedure_index

    (tmp_path / "procedures").mkdir()
    text = _minimal(max_files=4)
    (tmp_path / "procedures" / "renouvellement.toml").write_text(text, encoding="utf-8")
    slot_line = text.splitlines().index('id = "slot"') + 1
    monkeypatch.setattr(procedure_index, "assets_dir", lambda: tmp_path)
    procedure_index.clear_caches()
    try:
        # The light index lists it; the full validation refuses it, naming file and line.
        assert list(procedure_index.procedure_index()) == ["renouvellement"]
        with pytest.raises(CatalogueError, match="max_files") as caught:
            catalogue.load_procedure("renouvellement")
        assert "renouvellement.toml" in caught.value.problems[0]
        assert f"ligne {slot_line} :" in caught.value.problems[0]
        with pytest.raises(CatalogueError, match="inconnue"):
            catalogue.load_procedure("premiere_demande")
    finally:
        monkeypatch.undo()
        procedure_index.clear_caches()


def test_official_subtitles_name_kinds_with_an_official_document():
    """A procedure's `official_subtitles` (the attestations' second line) are keyed by the
    kinds of notification that come with an official document: a typo would show nothing."""
    from anef_tui.domain.notification_kinds import kinds
    from anef_tui.domain.notifications import has_official_document

    for procedure in load_catalogue().values():
        for kind in procedure.followup.official_subtitles:
            assert kind in kinds() and has_official_document(kind), (procedure.id, kind)
