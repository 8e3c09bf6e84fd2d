"""The site-looking check on its own (no app run): what has a site's look and is not in the
guides is reported, whatever the screen (issue 22 items 4 and 5)."""

from __future__ import annotations

from tests.fidelity.drawn import Block
from tests.fidelity.seeds import in_the_guides
from tests.fidelity.site_kinds import APP_OWN, WORDS_HELPER, allowed, site_looking

BUTTON = frozenset({"Button", "Widget"})
STATIC = frozenset({"Static", "Widget"})
CHOICE = frozenset({"RadioButton", "ToggleButton", "Static", "Widget"})


def unknown(blocks: list[Block]) -> list[tuple[str, str]]:
    return [(kind, text) for kind, text in site_looking(blocks)
            if not in_the_guides(text) and not allowed(text)]


def test_the_sites_strings_pass():
    assert not unknown([
        Block(BUTTON, frozenset(), "  Je continue  "),
        Block(BUTTON, frozenset(), " Enregistrer et poursuivre > "),
        Block(STATIC, frozenset({"section-title"}), "DÉPOSEZ VOTRE DEMANDE EN 5 ÉTAPES"),
        Block(STATIC, frozenset({"field-label"}), "Nom de naissance * :"),
        Block(CHOICE, frozenset(), "  ● Marié(e)"),
        Block(STATIC, frozenset({"intro"}), "PRÉPARER LES DOCUMENTS À FOURNIR :\nUn numéro"),
    ])


def test_site_looking_strings_the_guides_lack_are_reported():
    assert unknown([
        Block(BUTTON, frozenset(), " Envoyer ma demande > "),
        Block(STATIC, frozenset({"section-title"}), "Mes pièces"),
        Block(STATIC, frozenset({"field-label"}), "Ville de naissance * :"),
        Block(CHOICE, frozenset(), "  X Je certifie sur l'honneur"),
        Block(STATIC, frozenset({"intro"}), "Un texte.\nVÉRIFIEZ VOTRE DOSSIER\nSuite."),
        # The guides' words in another case: the site writes « MA SITUATION FAMILIALE ».
        Block(STATIC, frozenset({"step-heading"}), "Ma situation familiale"),
    ]) == [("bouton", "Envoyer ma demande >"), ("titre", "Mes pièces"),
           ("intitulé de champ", "Ville de naissance * :"),
           ("choix", "Je certifie sur l'honneur"),
           ("titre en capitales", "VÉRIFIEZ VOTRE DOSSIER"), ("titre", "Ma situation familiale")]


def test_what_is_typed_and_plain_sentences_are_not_site_looking():
    assert not site_looking([
        Block(frozenset({"Input", "Widget"}), frozenset(), "NDIAYE"),
        Block(STATIC, frozenset({"readonly"}), "Nom de naissance : NDIAYE"),
        Block(STATIC, frozenset({"intro"}), "Une phrase de l'app, qui n'a pas l'air d'un titre."),
    ])


def test_the_allow_lists_say_why_and_do_not_overlap():
    assert not set(APP_OWN) & set(WORDS_HELPER)
    for text, (where, why) in {**APP_OWN, **WORDS_HELPER}.items():
        assert where[:2] in {"R:", "P:"} and why, text
        assert not in_the_guides(text), f"« {text} » is in the guides: no need to allow it"
