"""Every inventoried string of the guides is displayed where the guide shows it (issues 13, 22).

One app run per procedure walks every screen with the keyboard (from 120×40); at each place the
screen is read as the terminal draws it (tests/screen_text.py: scrolled from top to bottom),
at 120×40 and at 80×24 (tests/fidelity/drawn.py), site text apart from anef-tui's own
help and frame. A text hidden by CSS is not read: `test_hidden_text_fails_the_inventory`
proves it with rules injected into the app's stylesheet at three places. The PDFs the walk
makes are read back with pypdf. The assertions are parametrized over `inventory.INVENTORY`.
"""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock
from tests.fidelity import drawn
from tests.fidelity.drawn import APP_HELP, SIZE_IDS, norm
from tests.fidelity.inventory import ABSENT, GREETINGS, INVENTORY
from tests.fidelity.seeds import SEEDS, in_the_guides
from tests.fidelity.site_kinds import APP_OWN, WORDS_HELPER, allowed, site_looking
from tests.screen_text import read_screen
from tests.ui.keys import attach, fill_profile, tab_to, type_into

# One walk of the app per module: with pytest-xdist, all its tests on one worker
# (`--dist loadgroup` in the Makefile), not the same walk once per worker.
pytestmark = pytest.mark.xdist_group("fidelity-steps")

#: CSS rules that hide, clip or blank a text without touching the widget's content, and the
#: place each is tried at (the three whose texts such rules once left green): each must make
#: the inventory fail there (`test_hidden_text_fails_the_inventory`).
HIDING_RULES = {
    "display-none": ("R:preambule", ".intro { display: none; }"),
    "visibility-hidden": ("R:preambule", ".intro { visibility: hidden; }"),
    "height-0": ("R:justificatifs", ".intro { height: 0; }"),
    "colour-of-background": ("R:justificatifs", ".intro { color: $surface; background: $surface; }"),
    "clipped-width": ("R:depot", ".intro { width: 12; text-wrap: nowrap; text-overflow: clip; }"),
    "text-opacity-0": ("R:depot", ".intro { text-opacity: 0%; }"),
}
PROBED = {where for where, _ in HIDING_RULES.values()}


async def _probe(pilot, shown: dict, where: str) -> None:
    """Read the screen with each hiding rule added to the app's stylesheet, then without."""
    app = pilot.app
    for name, (place, css) in HIDING_RULES.items():
        if place != where:
            continue
        source = ("fidelity-probe", name)
        app.stylesheet.add_source(css, read_from=source)
        app.refresh_css(animate=False)
        reading = await read_screen(pilot)
        drawn.store(shown.setdefault("probe", {}), (0, 0), name, reading)
        app.stylesheet.add_source("", read_from=source)
        app.refresh_css(animate=False)
        await pilot.pause()


async def _record(pilot, shown: dict, where: str) -> None:
    await pilot.pause()
    screen = pilot.app.screen
    expected = where.split(":")[1].split("+")[0]
    position = getattr(screen, "position", None)
    errors = screen.query("#errors")
    assert position == expected, (where, position, errors and str(errors.first().render()))
    await drawn.record(pilot, shown, where)
    if where in PROBED:
        await _probe(pilot, shown, where)


def scan(path: Path) -> Path:
    Image.new("RGB", (620, 877), (220, 220, 220)).save(path, "PNG")
    return path


async def _pdfs(pilot) -> None:
    for button in ("open-confirmation", "pdf-liste"):
        await tab_to(pilot, button)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _screen(pilot) -> str:
    return type(pilot.app.screen).__name__


def _rendered(pilot, selector: str) -> str:
    return str(pilot.app.screen.query_one(selector).render())


async def walk_renewal(app, tmp: Path, shown: dict) -> None:
    """The renewal typed from « Mes dossiers » to its PDFs, as the guide does; on the way,
    what the renewal's end-to-end test reads (`shown["e2e"]["R"]`,
    tests/ui/test_renewal_e2e.py)."""
    seen = shown.setdefault("e2e", {}).setdefault("R", {})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n", "ctrl+s")  # renewal is the default choice
        await _record(pilot, shown, "R:titre_actuel")
        seen["profile"] = _screen(pilot)
        # « Pays » suggests France, kept only once saved: a draft left with F9 holds no
        # « Pays », the form reopened (Ctrl+O) suggests it again (test_worker_shortcuts.py).
        seen["pays on arrival"] = pilot.app.screen.query_one("#f-pays").value
        await type_into(pilot, "f-n_etranger", "5903007229")
        await pilot.press("f9")  # « Quitter et revenir plus tard »
        await pilot.pause()
        data_dir = pilot.app.services.dossiers.data_dir
        with DossierStore(data_dir, clock=frozen_clock) as store:
            (row,) = store.list()
            seen["draft"] = dict(store.get(row.id).drafts["titre_actuel"])
        await pilot.press("ctrl+o")  # « Ouvrir »: the dossier just left
        await pilot.pause()
        seen["pays reopened"] = (_screen(pilot), pilot.app.screen.query_one("#f-pays").value)
        await fill_profile(pilot)  # « Pays » left as it is
        await pilot.press("ctrl+s")
        await _record(pilot, shown, "R:pour_qui")
        await pilot.press("space", "ctrl+s")
        await _record(pilot, shown, "R:situation_actuelle")
        await pilot.press("space", "ctrl+s")
        await _record(pilot, shown, "R:preambule")
        await pilot.press("ctrl+s")
        await _record(pilot, shown, "R:informations_personnelles")
        seen["step1"] = _screen(pilot)
        seen["step1 nom_naissance"] = _rendered(pilot, "#f-nom_naissance")
        await type_into(pilot, "f-telephone", "01 02 03 04 05")
        await pilot.press("ctrl+s")
        await _record(pilot, shown, "R:motif_sejour")
        await tab_to(pilot, "f-situation_familiale")
        await pilot.press("down", "down", "down")  # Célibataire (highlighted) → Marié(e)
        await _record(pilot, shown, "R:motif_sejour+marie")
        assert pilot.app.screen.current_values()["situation_familiale"] == "Marié(e)"
        await pilot.press("up", "up", "up")
        assert pilot.app.screen.current_values()["situation_familiale"] == "Célibataire"
        await tab_to(pilot, "f-enfants_charge")
        await pilot.press("down")
        await tab_to(pilot, "f-attestation_polygamie")
        await pilot.press("space")
        await tab_to(pilot, "f-attestation_sanctions")
        await pilot.press("space", "ctrl+s")
        await _record(pilot, shown, "R:justificatifs")
        await type_into(pilot, "f-ephoto", "1234567890123456789012")
        # The confirmation typed in groups, as printed on the e-photo's receipt.
        await type_into(pilot, "f-ephoto_confirmation", "1234 5678 9012 3456 7890 12")
        await attach(pilot, "justificatif_domicile", scan(tmp / "r-dom.png"))
        await attach(pilot, "justificatif_residence", scan(tmp / "r-res.png"))
        await pilot.press("ctrl+s")
        await _record(pilot, shown, "R:depot")
        seen["depot"] = _screen(pilot)
        await type_into(pilot, "f-observations", "Mon adresse n'a pas changé.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        seen["dialog"] = _screen(pilot)
        seen["dialog question"] = _rendered(pilot, ".question")
        seen["dialog help"] = _rendered(pilot, ".app-help")
        await pilot.press("tab", "enter")  # « Déposer la demande » in the confirmation dialog
        await _record(pilot, shown, "R:confirmation")
        await _confirmation_facts(pilot, seen)
        await _pdfs(pilot)
        await pilot.press("escape")
        await pilot.pause()
        seen["after escape"] = _screen(pilot)


async def _confirmation_facts(pilot, seen: dict) -> None:
    """On the confirmation: the dossier's references in anef-tui's voice, then Ctrl+S
    (« J'ouvre ma confirmation de dépôt de demande (PDF) ») and the PDFs it made."""
    seen["confirmation"] = _screen(pilot)
    references = pilot.app.screen.query_one("#references")
    seen["references classes"] = set(references.classes)
    seen["references"] = str(references.render())
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    documents = pilot.app.services.dossiers.data_dir / "documents"
    seen["pdfs after ctrl+s"] = sorted(p.name for p in documents.glob("confirmation-*.pdf"))


#: « … mon état de santé nécessite une prise en charge médicale exceptionnelle »
HEALTH = 2


async def walk_first(app, tmp: Path, shown: dict) -> None:
    """The first application typed from « Mes dossiers » to its PDFs, then a renewal
    started from it (Ctrl+R); on the way, what the first application's end-to-end test
    reads (`shown["e2e"]["P"]`, tests/ui/test_first_application_e2e.py)."""
    seen = shown.setdefault("e2e", {}).setdefault("P", {})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n", "down", "ctrl+s")  # « Je demande un premier titre … »
        await _record(pilot, shown, "P:compte")
        seen["profile"] = _screen(pilot)
        await type_into(pilot, "f-email", "awa.ndiaye@exemple.fr")
        await type_into(pilot, "f-email_confirmation", "awa.ndiaye@exemple.fr")
        await pilot.press("ctrl+s")
        await _record(pilot, shown, "P:profil")
        seen["profile choice"] = _screen(pilot)
        await pilot.press("space", "ctrl+s")  # « Car j'ai des attaches familiales en France »
        await _record(pilot, shown, "P:situation")
        # An out-of-scope situation says so and does not go on.
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        seen["out of scope"] = (pilot.app.screen.step_id, _rendered(pilot, "#errors"))
        await tab_to(pilot, "f-situation")
        await pilot.press(*["down"] * HEALTH, "ctrl+s")  # the health situation
        await _record(pilot, shown, "P:informations_personnelles")
        # Étape 2 at once, opened by « Merci, nous avons bien pris en compte votre
        # situation. » (seed 002 l. 251-270): no screen of its own in between.
        seen["step2"] = pilot.app.screen.step_id
        seen["step2 intro"] = [str(w.render()) for w in pilot.app.screen.query(".intro-strong")]
        seen["step2 next"] = pilot.app.screen.query("#next").first().label.plain
        await type_into(pilot, "f-nom_naissance", "NDIAYE")
        await type_into(pilot, "f-prenoms-0", "Awa")
        await pilot.press("tab", "enter")  # « + Ajouter un prénom »
        await pilot.pause()
        await pilot.press(*"Marème")
        await tab_to(pilot, "f-sexe")
        await pilot.press("down")  # Masculin → Féminin
        for field, text in (("date_naissance", "1985"), ("pays_naissance", "Sénégal"),
                            ("lieu_naissance", "Dakar"), ("nationalites-0", "sénégalaise"),
                            ("adresse", "12 rue de la Paix"), ("code_postal", "59000"),
                            ("ville", "Lille"), ("telephone", "06 12 34 56 78")):
            await type_into(pilot, f"f-{field}", text)
        await pilot.press("ctrl+s")
        await _record(pilot, shown, "P:motif_sejour")
        await type_into(pilot, "f-date_entree", "1/9/2015")
        await tab_to(pilot, "f-situation_familiale")
        await pilot.press("down", "down", "down")
        await _record(pilot, shown, "P:motif_sejour+marie")
        await pilot.press("up", "up", "up")
        await tab_to(pilot, "f-enfants_charge")
        await pilot.press("down")
        await tab_to(pilot, "f-attestation_polygamie")
        await pilot.press("space")
        await tab_to(pilot, "f-attestation_sanctions")
        await pilot.press("space", "ctrl+s")
        await _record(pilot, shown, "P:justificatifs")
        await type_into(pilot, "f-ephoto", "1234567890123456789012")
        for slot in ("justificatif_nationalite", "justificatif_identite",
                     "justificatif_domicile", "justificatif_residence"):
            await attach(pilot, slot, scan(tmp / f"p-{slot}.png"))
        await pilot.press("ctrl+s")
        await _record(pilot, shown, "P:depot")
        seen["depot"] = _screen(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "ConfirmScreen", str(
            pilot.app.screen.query_one("#errors").render())
        await pilot.press("tab", "enter")
        await _record(pilot, shown, "P:confirmation")
        await _confirmation_facts(pilot, seen)
        await _pdfs(pilot)
        await pilot.press("escape")
        await pilot.pause()
        seen["after escape"] = _screen(pilot)
        # Later, the person renews: a renewal starts from this dossier.
        await pilot.press("ctrl+r")
        await pilot.pause()
        seen["renewal"] = (_screen(pilot), getattr(pilot.app.screen, "step_id", None))
        seen["renewal values"] = pilot.app.screen.current_values()


def _pdf_pages(folder: Path, pattern: str) -> list[str]:
    [path] = folder.glob(pattern)
    return [page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages]


def walk_both(tmp_path_factory) -> dict:
    """{"120x40": {place: text, …}, "80x24": {…}, "pdf": {…}, "probe": {…}, "e2e": {"R":
    …, "P": …}, "data": {"R": data folder, "P": …}}: both walks, their PDFs read back."""
    from anef_tui.ui.app import make_app

    out: dict = {}
    for prefix, walk in (("R", walk_renewal), ("P", walk_first)):
        tmp = tmp_path_factory.mktemp(f"fidelity-{prefix}")
        data = tmp / "donnees"
        out.setdefault("data", {})[prefix] = data
        asyncio.run(walk(make_app(data, clock=frozen_clock), tmp, out))
        documents = data / "documents"
        pdf = out.setdefault("pdf", {})
        pdf[f"{prefix}:pdf:confirmation"] = _pdf_pages(documents, "confirmation-*.pdf")
        pdf[f"{prefix}:pdf:liste"] = _pdf_pages(documents, "liste-*.pdf")
    return out


# The walk is tests/conftest.py's `fidelity_steps_walk` (session-scoped: with xdist a worker
# may interleave other modules' tests between this module's, and a module-scoped fixture
# would then walk the app again for each return; the end-to-end tests read it too).
@pytest.fixture(scope="session")
def shown(fidelity_steps_walk) -> dict:
    return fidelity_steps_walk


def displayed(shown: dict, size: str, where: str):
    """The normalised text of a screen at a size, or of one PDF page (« R:pdf:liste:2 »)."""
    parts = where.split(":")
    if parts[1] == "pdf":
        pages = shown["pdf"][f"{parts[0]}:pdf:{parts[2]}"]
        text = pages[int(parts[3]) - 1] if len(parts) > 3 else " ".join(pages)
        return "".join(text.split())  # PDF lines break inside URLs: compare without spaces
    return shown[size][where]


def find(haystack: str, needle: str, where: str, start: int = 0) -> int:
    if ":pdf:" in where:
        return haystack.find("".join(norm(needle).split()), start)
    match = re.compile(r"(?<!\w)" + re.escape(norm(needle)) + r"(?!\w)").search(haystack, start)
    return match.start() if match else -1


def missing(haystack: str, entries, where: str) -> list[str]:
    """The entries of `where` not found in `haystack`, or found out of the guide's order."""
    lost, position = [], 0
    for w, text, _line, *_ in entries:
        if w != where:
            continue
        found = find(haystack, text, where, position)
        if found < 0:
            lost.append(text)
        else:
            position = found + 1
    return lost


def _cases(entries) -> list:
    """Screen entries once per size, PDF entries once."""
    cases = []
    for entry in entries:
        where, text, line = entry[:3]
        for size in (["pdf"] if ":pdf:" in where else SIZE_IDS):
            cases.append(pytest.param(size, *entry, id=f"{size}-{where}@{line}:{text[:40]}"))
    return cases


@pytest.mark.parametrize(("size", "where", "text", "line", "note"), _cases(INVENTORY))
def test_guide_string_is_displayed_there(shown, size, where, text, line, note):
    assert find(displayed(shown, size, where), text, where) >= 0, (
        f"{SEEDS[where[0]]}:{line} « {text} » not displayed on {where} at {size}"
    )


def _places() -> list:
    places = dict.fromkeys(w for w, *_ in INVENTORY)
    return [pytest.param(size, where, id=f"{size}-{where}") for where in places
            for size in (["pdf"] if ":pdf:" in where else SIZE_IDS)]


@pytest.mark.parametrize(("size", "where"), _places())
def test_guide_strings_come_in_the_guides_order(shown, size, where):
    lost = missing(displayed(shown, size, where), INVENTORY, where)
    assert not lost, f"{SEEDS[where[0]]}: out of the guide's order on {where}: {lost}"


@pytest.mark.parametrize("size", SIZE_IDS)
@pytest.mark.parametrize(("where", "greeting", "line"), GREETINGS)
def test_greeting_names_the_applicant_as_the_guide_does(shown, size, where, greeting, line):
    assert find(displayed(shown, size, where), greeting, where) >= 0, (where, greeting, line)


@pytest.mark.parametrize(("size", "where", "text", "line", "why"), _cases(ABSENT))
def test_what_the_guide_does_not_show_is_not_shown(shown, size, where, text, line, why):
    assert find(displayed(shown, size, where), text, where) < 0, why


@pytest.mark.parametrize("rule", list(HIDING_RULES))
def test_hidden_text_fails_the_inventory(shown, rule):
    """A rule that hides, clips or blanks a place's texts (their content untouched) makes the
    inventory fail there: the test reads the screen, not the widgets. The same place read
    without the rule passes."""
    where, css = HIDING_RULES[rule]
    assert not missing(displayed(shown, "120x40", where), INVENTORY, where)
    lost = missing(shown["probe"]["0x0"][rule], INVENTORY, where)
    assert lost, f"{css} hid nothing the inventory checks on {where}"


def _helps(shown: dict, size: str, where: str) -> str:
    return " ".join(shown[size][where + "#help"])


@pytest.mark.parametrize("size", SIZE_IDS)
def test_app_help_is_in_its_own_voice(shown, size):
    """anef-tui's own help is prefixed and apart; the guide's annotation about moving house
    is said in that voice, not as the site's text."""
    helps = [t for key, texts in shown[size].items() if key.endswith("#help") for t in texts]
    assert helps and all(t.startswith(APP_HELP) for t in helps)
    assert "changement de situation" in _helps(shown, size, "R:informations_personnelles")
    # the app's line is help
    assert "Vous recevrez ce message" not in shown[size]["R:confirmation"]
    assert "vous recevrez ce message" in _helps(shown, size, "R:confirmation")
    assert "l'année seule" in _helps(shown, size, "P:informations_personnelles")
    # Seed 000 l.48–60 and l.149, said where the guide puts them: the account screens.
    account = _helps(shown, size, "R:titre_actuel")
    assert "déjà un compte" in account
    assert "avant juin 2011" in account and "l'icône « ? »" in account
    assert "« n'est valable que 24 heures »" in account


def test_liste_has_the_guides_two_pages_and_marks_its_addition(shown):
    for prefix in ("R", "P"):
        pages = shown["pdf"][f"{prefix}:pdf:liste"]
        assert len(pages) == 2
        assert "Page 1/2" in pages[0] and "Page 2/2" in pages[1]
        addition = pages[1].index("AJOUT D'ANEF-TUI")
        assert addition > pages[1].index("Écrits personnels incontestables")
        assert "Document préparé localement" in pages[0] and "Document préparé" in pages[1]


def test_confirmation_date_emission_is_the_filing_date(shown):
    for prefix in ("R", "P"):
        text = " ".join(" ".join(shown["pdf"][f"{prefix}:pdf:confirmation"]).split())
        assert "DATE D'ÉMISSION : 22/11/2026" in text
        assert "Le 22/11/2026, vous avez déposé avec succès" in text


@pytest.mark.parametrize("size", SIZE_IDS)
def test_nothing_site_looking_that_the_guides_lack(shown, size):
    """Every button, heading, heading in capitals, field label and choice drawn on the site's
    side is written in the guides, or is the app's own (`site_kinds.APP_OWN`)."""
    unknown = {}
    for key, blocks in shown[size].items():
        if key.endswith("#blocks"):
            for kind, text in site_looking(blocks):
                if not in_the_guides(text) and not allowed(text):
                    unknown.setdefault(f"{kind}: « {text} »", key.removesuffix("#blocks"))
    assert not unknown, "\n".join(f"{where}: {what}" for what, where in unknown.items())


def test_every_allowed_site_looking_string_is_still_drawn(shown):
    """An entry of `site_kinds.APP_OWN` or `WORDS_HELPER` names a place where it is drawn:
    once reworded or removed, it is deleted from the list (no blanket allowance)."""
    stale = []
    for text, (where, _why) in {**APP_OWN, **WORDS_HELPER}.items():
        if where + "#blocks" not in shown["120x40"]:
            continue  # a place of the other fidelity module
        drawn_there = {t for size in SIZE_IDS
                       for _, t in site_looking(shown[size][where + "#blocks"])}
        if text not in drawn_there:
            stale.append(f"{where}: « {text} »")
    assert not stale, stale
