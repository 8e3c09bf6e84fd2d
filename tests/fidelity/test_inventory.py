"""Every inventoried string of the guides is displayed where the guide shows it (issue 13).

One app run per procedure walks every screen with the keyboard (120×40) and records the text
each screen displays (site text apart from anef-tui's own help); the PDFs it makes are read
back with pypdf. The assertions are parametrized over `inventory.INVENTORY`.
"""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from tests.conftest import frozen_clock
from tests.fidelity.inventory import ABSENT, INVENTORY, OFFLINE, SEEDS
from tests.ui.keys import tab_to, type_into
from tests.ui.test_renewal_e2e import attach, fill_profile

# One walk of the app per module: with pytest-xdist, all its tests on one worker
# (`--dist loadgroup` in the Makefile), not the same walk once per worker.
pytestmark = pytest.mark.xdist_group("fidelity-steps")

SEED_DIR = Path("/work/shared/seeds")
APP_HELP = "Aide anef-tui : "


def norm(text: str) -> str:
    return " ".join(text.replace("•", " ").split())


def widget_texts(screen) -> tuple[list[str], list[str]]:
    """(site texts, anef-tui help texts) displayed by `screen`, in screen order."""
    from textual.widgets import Button, Checkbox, Input, RadioButton, Static

    site: list[str] = []
    help_: list[str] = []
    for widget in screen.walk_children():
        if not widget.display or any(not a.display for a in widget.ancestors_with_self
                                     if hasattr(a, "display")):
            continue
        if isinstance(widget, Button | RadioButton | Checkbox):
            text = str(widget.label)
        elif isinstance(widget, Input):
            text = widget.placeholder or ""
        elif isinstance(widget, Static):
            if widget.id == "progress":
                continue  # the progress bar: the app's own rendering of the site's steps
            text = str(widget.render())
        else:
            continue
        (help_ if widget.has_class("app-help") else site).append(text)
    return site, help_


async def _record(pilot, shown: dict, where: str) -> None:
    await pilot.pause()
    screen = pilot.app.screen
    expected = where.split(":")[1].split("+")[0]
    position = getattr(screen, "position", None)
    errors = screen.query("#errors")
    assert position == expected, (where, position, errors and str(errors.first().render()))
    site, help_ = widget_texts(pilot.app.screen)
    shown[where] = norm(" \n ".join(site))
    shown[where + "#help"] = help_


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


async def walk_renewal(app, tmp: Path, shown: dict) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n", "ctrl+s")
        await _record(pilot, shown, "R:titre_actuel")
        await fill_profile(pilot)
        await pilot.press("ctrl+s")
        await _record(pilot, shown, "R:pour_qui")
        await pilot.press("space", "ctrl+s")
        await _record(pilot, shown, "R:situation_actuelle")
        await pilot.press("space", "ctrl+s")
        await _record(pilot, shown, "R:preambule")
        await pilot.press("ctrl+s")
        await _record(pilot, shown, "R:informations_personnelles")
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
        await type_into(pilot, "f-ephoto_confirmation", "1234567890123456789012")
        await attach(pilot, "justificatif_domicile", scan(tmp / "r-dom.png"))
        await attach(pilot, "justificatif_residence", scan(tmp / "r-res.png"))
        await pilot.press("ctrl+s")
        await _record(pilot, shown, "R:depot")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("tab", "enter")  # « Déposer la demande » in the confirmation dialog
        await _record(pilot, shown, "R:confirmation")
        await _pdfs(pilot)


async def walk_first(app, tmp: Path, shown: dict) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+n", "down", "ctrl+s")
        await _record(pilot, shown, "P:compte")
        await type_into(pilot, "f-email", "awa.ndiaye@exemple.fr")
        await type_into(pilot, "f-email_confirmation", "awa.ndiaye@exemple.fr")
        await pilot.press("ctrl+s")
        await _record(pilot, shown, "P:profil")
        await pilot.press("space", "ctrl+s")
        await _record(pilot, shown, "P:situation")
        await tab_to(pilot, "f-situation")
        await pilot.press("down", "down", "ctrl+s")  # the health situation
        await _record(pilot, shown, "P:situation+after")
        await pilot.press("ctrl+s")
        await _record(pilot, shown, "P:informations_personnelles")
        await type_into(pilot, "f-nom_naissance", "NDIAYE")
        await type_into(pilot, "f-prenoms-0", "Awa")
        await tab_to(pilot, "f-sexe")
        await pilot.press("down")
        for field, text in (("date_naissance", "1985"), ("pays_naissance", "Sénégal"),
                            ("lieu_naissance", "Dakar"), ("nationalites-0", "sénégalaise"),
                            ("adresse", "12 rue de la Paix"), ("code_postal", "59000"),
                            ("telephone", "06 12 34 56 78")):
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
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "ConfirmScreen", str(
            pilot.app.screen.query_one("#errors").render())
        await pilot.press("tab", "enter")
        await _record(pilot, shown, "P:confirmation")
        await _pdfs(pilot)


def _pdf_pages(folder: Path, pattern: str) -> list[str]:
    [path] = folder.glob(pattern)
    return [page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages]


# Session-scoped: with xdist a worker may interleave other modules' tests between this
# module's, and a module-scoped fixture would then walk the app again for each return.
@pytest.fixture(scope="session")
def shown(tmp_path_factory) -> dict:
    from anef_tui.ui.app import make_app

    out: dict = {}
    for prefix, walk in (("R", walk_renewal), ("P", walk_first)):
        tmp = tmp_path_factory.mktemp(f"fidelity-{prefix}")
        data = tmp / "donnees"
        asyncio.run(walk(make_app(data, clock=frozen_clock), tmp, out))
        documents = data / "documents"
        out[f"{prefix}:pdf:confirmation"] = _pdf_pages(documents, "confirmation-*.pdf")
        out[f"{prefix}:pdf:liste"] = _pdf_pages(documents, "liste-*.pdf")
    return out


def displayed(shown: dict, where: str):
    """The normalised text of a screen, or of one PDF page (« R:pdf:liste:2 »)."""
    parts = where.split(":")
    if parts[1] == "pdf":
        pages = shown[f"{parts[0]}:pdf:{parts[2]}"]
        text = pages[int(parts[3]) - 1] if len(parts) > 3 else " ".join(pages)
        return "".join(text.split())  # PDF lines break inside URLs: compare without spaces
    return shown[where]


def find(haystack: str, needle: str, where: str, start: int = 0) -> int:
    if ":pdf:" in where:
        return haystack.find("".join(norm(needle).split()), start)
    match = re.compile(r"(?<!\w)" + re.escape(norm(needle)) + r"(?!\w)").search(haystack, start)
    return match.start() if match else -1


@pytest.mark.parametrize(
    ("where", "text", "line", "note"), INVENTORY,
    ids=[f"{w}@{line}:{t[:40]}" for w, t, line, _ in INVENTORY],
)
def test_guide_string_is_displayed_there(shown, where, text, line, note):
    assert find(displayed(shown, where), text, where) >= 0, (
        f"{SEEDS[where[0]]}:{line} « {text} » not displayed on {where}"
    )


def _places() -> list[str]:
    return list(dict.fromkeys(w for w, *_ in INVENTORY))


@pytest.mark.parametrize("where", _places())
def test_guide_strings_come_in_the_guides_order(shown, where):
    haystack = displayed(shown, where)
    position = 0
    for w, text, line, _ in INVENTORY:
        if w != where:
            continue
        found = find(haystack, text, where, position)
        assert found >= 0, f"{SEEDS[where[0]]}:{line} « {text} » out of the guide's order"
        position = found + 1


@pytest.mark.parametrize(
    ("where", "text", "line", "why"), ABSENT, ids=[f"{w}:{t[:30]}" for w, t, _, _ in ABSENT]
)
def test_what_the_guide_does_not_show_is_not_shown(shown, where, text, line, why):
    assert find(displayed(shown, where), text, where) < 0, why


def test_app_help_is_in_its_own_voice(shown):
    """anef-tui's own help is prefixed and apart; the guide's annotation about moving house
    is said in that voice, not as the site's text."""
    helps = [t for key, texts in shown.items() if key.endswith("#help") for t in texts]
    assert helps and all(t.startswith(APP_HELP) for t in helps)
    step1 = " ".join(shown["R:informations_personnelles#help"])
    assert "changement de situation" in step1
    assert "Vous recevrez ce message" not in shown["R:confirmation"]  # the app's line is help
    assert any("vous recevrez ce message" in t for t in shown["R:confirmation#help"])
    assert any("l'année seule" in t for t in shown["P:informations_personnelles#help"])
    # Seed 000 l.48–60 and l.149, said where the guide puts them: the account screens.
    account = " ".join(shown["R:titre_actuel#help"])
    assert "déjà un compte" in account
    assert "avant juin 2011" in account and "l'icône « ? »" in account
    assert "« n'est valable que 24 heures »" in account


def test_liste_has_the_guides_two_pages_and_marks_its_addition(shown):
    for prefix in ("R", "P"):
        pages = shown[f"{prefix}:pdf:liste"]
        assert len(pages) == 2
        assert "Page 1/2" in pages[0] and "Page 2/2" in pages[1]
        addition = pages[1].index("AJOUT D'ANEF-TUI")
        assert addition > pages[1].index("Écrits personnels incontestables")
        assert "Document préparé localement" in pages[0] and "Document préparé" in pages[1]


def test_confirmation_date_emission_is_the_filing_date(shown):
    for prefix in ("R", "P"):
        text = " ".join(" ".join(shown[f"{prefix}:pdf:confirmation"]).split())
        assert "DATE D'ÉMISSION : 22/11/2026" in text
        assert "Le 22/11/2026, vous avez déposé avec succès" in text


def test_inventory_lines_point_into_the_seeds():
    """Every entry names a real line of its seed (the guides are in /work/shared/seeds)."""
    if not SEED_DIR.is_dir():
        pytest.fail(f"guides not found in {SEED_DIR}")
    lengths = {k: len((SEED_DIR / name).read_text().splitlines()) for k, name in SEEDS.items()}
    for where, text, line, _ in [*INVENTORY, *ABSENT]:
        assert 1 <= line <= lengths[where[0]], (where, text, line)
    for key, line, reason in OFFLINE:
        assert 1 <= line <= lengths[key] and reason
