"""The crawler (issue 12, item 5): from the demo data, open every screen of the app with the
keyboard, at 80×24 and at 120×40, Tab through every focusable widget until the focus comes
back, and check that each one, when focused, lies inside the visible part of the screen
(and of every scrolling container around it) with a non-zero size, and that the terminal
cursor (what a braille display or a screen reader follows) is on the cell the screen draws
as the place the next key acts on (`tests/ui/cursor_cells.py`, issue 20).

The walk is cut into segments that each start and end on « Mes dossiers ». At 120×40 the
segments are walked and crawled here; at 80×24 by `tests/snapshots/test_crawler_snapshots.py`,
which takes each stop's picture and then crawls it (`crawl_screen`, the same checks as
`check_walked` below): one walk of each segment at 80×24, not two. A Screen class of
`anef_tui.ui` that the walk does not reach fails `test_every_screen_is_crawled`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widget import Widget

import anef_tui.ui
from anef_tui.domain import flow
from anef_tui.domain.catalogue import load_catalogue
from anef_tui.store.dossiers import DossierStore
from anef_tui.ui.screens.home import HomeScreen
from tests.conftest import frozen_clock
from tests.ui.cursor_cells import cursor_problem, cursor_problems_inside_input
from tests.ui.keys import tab_to

Visit = Callable[[str], Awaitable[None]]
SIZES = [(80, 24), (120, 40)]

# Screen classes the walk cannot show, and why (each one is a base, never shown itself).
NOT_SHOWN = {
    "anef_tui.ui.screens.guarded.Screen": "base of every screen (error boundary)",
    "anef_tui.ui.screens.guarded.ModalScreen": "base of every dialog (error boundary)",
    "anef_tui.ui.screens.base.DossierScreen": "base of the screens of a dossier",
    "anef_tui.ui.vault.base.VaultScreen": "base of the vault's screens",
    "anef_tui.ui.vault.choose.PhraseChoice": "base of the screens that choose a passphrase",
}


def app_screen_classes() -> set[type]:
    """Every Screen class defined in the modules of anef_tui.ui, plus Textual's command
    palette (Ctrl+P), which the app shows too."""
    found: set[type] = {CommandPalette}
    ui = Path(anef_tui.ui.__file__).parent
    for info in pkgutil.walk_packages([str(ui)], "anef_tui.ui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == info.name and issubclass(cls, Screen):
                if f"{cls.__module__}.{cls.__qualname__}" not in NOT_SHOWN:
                    found.add(cls)
    return found


# -- the walk -------------------------------------------------------------------------------
def _positions(procedure_id: str, last: str, first: str | None = None) -> list[str]:
    """The positions from `last` back to `first` (F3 after F3), as the walk meets them."""
    order = flow.positions(load_catalogue()[procedure_id])
    start = order.index(first) if first else 0
    return list(reversed(order[start:order.index(last) + 1]))


RENEWAL_DRAFT = _positions("renouvellement", "justificatifs")  # NGUYEN Thi Lan
assert RENEWAL_DRAFT[:2] == ["justificatifs", "motif_sejour"]
FIRST_DRAFT = _positions("premiere_demande", "motif_sejour")  # DIALLO Aminata


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def _command(pilot, words: str) -> None:
    """Ctrl+P, the command's words, Entrée."""
    await pilot.press("ctrl+p")
    await _settle(pilot)
    await pilot.press(*words)
    await _settle(pilot)
    await pilot.press("enter")
    await _settle(pilot)


async def _open(pilot, name: str) -> None:
    """From « Mes dossiers »: search the name, Enter (to the table), Enter (open)."""
    await pilot.press("ctrl+f", "ctrl+u", *name, "enter", "enter")
    await _settle(pilot)


async def _home(pilot) -> None:
    """Back to « Mes dossiers » with the keys a user would press: F9 (« Quitter et revenir
    plus tard ») inside a dossier, Échap elsewhere."""
    from anef_tui.ui.screens.base import DossierScreen

    for _ in range(8):
        if isinstance(pilot.app.screen, HomeScreen):
            await pilot.press("escape")  # clears the search
            await _settle(pilot)
            return
        editable = getattr(pilot.app.screen, "editable", False)
        in_dossier = isinstance(pilot.app.screen, DossierScreen)
        if in_dossier and not (type(pilot.app.screen).__name__ == "ConfirmationScreen"
                               and not editable):
            await pilot.press("f9")
        else:
            await pilot.press("escape")
        await _settle(pilot)
    stack = [(type(s).__name__, getattr(s, "position", "")) for s in pilot.app.screen_stack]
    raise AssertionError(f"« Mes dossiers » not reached: {stack}")


async def walk_home(pilot, visit: Visit) -> None:
    await visit("accueil")
    await pilot.press("f1")
    await _settle(pilot)
    await visit("aide")
    await pilot.press("escape", "ctrl+p")
    await _settle(pilot)
    await visit("palette")
    await pilot.press("escape", "ctrl+n")
    await _settle(pilot)
    await visit("nouveau-dossier")
    await pilot.press("escape", "f6")
    await _settle(pilot)
    await visit("echeances")
    await pilot.press("escape")
    await _settle(pilot)
    await pilot.press("ctrl+f", "ctrl+u", *"BENALI", "enter", "f8")
    await _settle(pilot)
    await visit("abandon")
    await _home(pilot)
    await pilot.press("ctrl+f", "ctrl+u", *"BENALI", "enter", "f7")
    await _settle(pilot)
    await visit("consentement")
    await _home(pilot)
    # Issue 24, from the palette: erase the person under the cursor (« Annuler » then), and
    # import a bundle (the file picker, then the phrase's dialog).
    await pilot.press("ctrl+f", "ctrl+u", *"BENALI", "enter")
    await _command(pilot, "Effacer cette personne")
    await visit("effacer")
    await _home(pilot)
    await _command(pilot, "Importer un dossier")
    await pilot.press("ctrl+u", *str(BUNDLE), "enter")
    await _settle(pilot)
    await visit("importer")
    await _home(pilot)


async def walk_renewal(pilot, visit: Visit) -> None:
    """NGUYEN Thi Lan (a renewal being typed, at « Justificatifs »): the file picker, the
    photo assembly picker, a save over another window's, then every position back to
    « Mon titre actuel » and its password helper; GUIDE Malade (filed): confirmation and
    dépôt."""
    await _open(pilot, "NGUYEN")
    screen = pilot.app.screen
    await visit("renouvellement-justificatifs")
    await tab_to(pilot, "attach-justificatif_domicile")
    await pilot.press("enter")
    await _settle(pilot)
    await visit("selecteur-de-fichier")
    await pilot.press("escape")
    await tab_to(pilot, "combine-justificatif_domicile")
    await pilot.press("enter")
    await _settle(pilot)
    await visit("selecteur-assembler")
    await pilot.press("escape")
    await _settle(pilot)
    for position in RENEWAL_DRAFT[1:]:
        await pilot.press("f3")
        await _settle(pilot)
        await visit(f"renouvellement-{position}")
        if position == "motif_sejour":
            # Another window (another anef-tui on the same data) saves meanwhile: the
            # save (Ctrl+S, the step is complete) asks what to keep.
            other = DossierStore(pilot.app.services.dossiers.data_dir, clock=frozen_clock)
            other.save_draft(screen.dossier_id, "motif_sejour",
                             {"situation_familiale": "Divorcé(e)"})
            other.close()
            await pilot.press("ctrl+s")
            await _settle(pilot)
            await visit("conflit")
            await tab_to(pilot, "reload")  # « Reprendre la version enregistrée »
            await pilot.press("enter")
            await _settle(pilot)
    await pilot.press("f5")
    await _settle(pilot)
    await visit("mot-de-passe")
    await pilot.press("escape")
    await _home(pilot)
    await _open(pilot, "GUIDE")
    await visit("renouvellement-confirmation")
    await pilot.press("f3")
    await _settle(pilot)
    await visit("renouvellement-depot")
    await _home(pilot)


async def walk_first_application(pilot, visit: Visit) -> None:
    """DIALLO Aminata (being typed, at « Motif de séjour »): every position back to « Mon
    compte »; OKAFOR Chinedu (filed): confirmation, dépôt, justificatifs; DIALLO again:
    « Votre situation » saved gives « Merci, nous avons bien pris en compte… »."""
    await _open(pilot, "DIALLO")
    await visit(f"premiere-{FIRST_DRAFT[0]}")
    for position in FIRST_DRAFT[1:]:
        await pilot.press("f3")
        await _settle(pilot)
        await visit(f"premiere-{position}")
    await _home(pilot)
    await _open(pilot, "OKAFOR")
    await visit("premiere-confirmation")
    for position in ("depot", "justificatifs"):
        await pilot.press("f3")
        await _settle(pilot)
        await visit(f"premiere-{position}")
    await _home(pilot)
    await _open(pilot, "DIALLO")
    await pilot.press("f3", "f3")
    await _settle(pilot)
    await pilot.press("ctrl+s")
    await _settle(pilot)
    await visit("premiere-situation-merci")
    await _home(pilot)


# The demo dossier of each kind of notification (the newest one of its list).
NOTIFICATION_KINDS = {
    "complement-renouvellement": "SILVA",
    "certificat-medical": "HAMIDI",
    "prolongation": "POPESCU",
    "decision": "TRAORÉ",
    "complement-premiere-demande": "KOUASSI",
}
RECORD_KINDS = ["complement", "certificat-medical", "prolongation", "decision"]


async def walk_followup(pilot, visit: Visit) -> None:
    """« Mes notifications », one notification of each kind, « Reprendre ma demande », and
    the recording form (Ctrl+N) of each kind."""
    for kind, name in NOTIFICATION_KINDS.items():
        await pilot.press("ctrl+f", "ctrl+u", *name, "enter", "f4")
        await _settle(pilot)
        if kind == "complement-renouvellement":
            await visit("notifications")
            await pilot.press("ctrl+n")
            await _settle(pilot)
            await pilot.press("space")  # the first kind
            for index, record_kind in enumerate(RECORD_KINDS):
                if index:
                    await pilot.press("down")
                await _settle(pilot)
                await visit(f"enregistrer-{record_kind}")
            await pilot.press("escape")  # a kind was chosen: « Abandonner la saisie ? »
            await _settle(pilot)
            await tab_to(pilot, "confirm")
            await pilot.press("enter")
            await _settle(pilot)
        await pilot.press("enter")
        await _settle(pilot)
        await visit(f"notification-{kind}")
        if kind == "complement-premiere-demande":
            await pilot.press("ctrl+s")  # « Reprendre ma demande »
            await _settle(pilot)
            await visit("reprendre-ma-demande")
        await _home(pilot)


SEGMENTS: dict[str, Callable[[object, Visit], Awaitable[None]]] = {
    "accueil": walk_home,
    "renouvellement": walk_renewal,
    "premiere-demande": walk_first_application,
    "suivi": walk_followup,
}

STOPS: dict[str, list[str]] = {
    "accueil": ["accueil", "aide", "palette", "nouveau-dossier", "echeances", "abandon",
                "consentement", "effacer", "importer"],
    "renouvellement": [
        "renouvellement-justificatifs", "selecteur-de-fichier", "selecteur-assembler",
        "renouvellement-motif_sejour", "conflit",
        *(f"renouvellement-{p}" for p in RENEWAL_DRAFT[2:]), "mot-de-passe",
        "renouvellement-confirmation", "renouvellement-depot",
    ],
    "premiere-demande": [
        *(f"premiere-{p}" for p in FIRST_DRAFT), "premiere-confirmation", "premiere-depot",
        "premiere-justificatifs", "premiere-situation-merci",
    ],
    "suivi": [
        "notifications", *(f"enregistrer-{k}" for k in RECORD_KINDS),
        *(f"notification-{k}" for k in list(NOTIFICATION_KINDS)[:4]),
        "notification-complement-premiere-demande", "reprendre-ma-demande",
    ],
}

# What each stop shows (a key that opened nothing would otherwise crawl the screen before).
SCREEN_AT_STOP = {
    "accueil": "HomeScreen",
    "aide": "HelpScreen",
    "palette": "CommandPalette",
    "nouveau-dossier": "NewDossierScreen",
    "echeances": "DeadlinesScreen",
    "abandon": "ConfirmScreen",
    "consentement": "ConsentScreen",
    "effacer": "EraseScreen",
    "importer": "ImportScreen",
    "renouvellement-justificatifs": "StepScreen",
    "selecteur-de-fichier": "FilePickerScreen",
    "selecteur-assembler": "FilePickerScreen",
    "renouvellement-motif_sejour": "StepScreen",
    "conflit": "ConflictScreen",
    "renouvellement-informations_personnelles": "StepScreen",
    "renouvellement-preambule": "PreliminaryScreen",
    "renouvellement-situation_actuelle": "PreliminaryScreen",
    "renouvellement-pour_qui": "PreliminaryScreen",
    "renouvellement-titre_actuel": "ProfileScreen",
    "mot-de-passe": "PasswordHelperScreen",
    "renouvellement-confirmation": "ConfirmationScreen",
    "renouvellement-depot": "DepotScreen",
    "premiere-motif_sejour": "StepScreen",
    "premiere-informations_personnelles": "StepScreen",
    "premiere-situation": "StepScreen",
    "premiere-profil": "PreliminaryScreen",
    "premiere-compte": "ProfileScreen",
    "premiere-confirmation": "ConfirmationScreen",
    "premiere-depot": "DepotScreen",
    "premiere-justificatifs": "StepScreen",
    "premiere-situation-merci": "StepScreen",  # étape 2, opened by « Merci… »
    "notifications": "NotificationsScreen",
    "enregistrer-complement": "RecordNotificationScreen",
    "enregistrer-certificat-medical": "RecordNotificationScreen",
    "enregistrer-prolongation": "RecordNotificationScreen",
    "enregistrer-decision": "RecordNotificationScreen",
    "notification-complement-renouvellement": "NotificationScreen",
    "notification-certificat-medical": "NotificationScreen",
    "notification-prolongation": "NotificationScreen",
    "notification-decision": "NotificationScreen",
    "notification-complement-premiere-demande": "NotificationScreen",
    "reprendre-ma-demande": "ResumeApplicationScreen",
}


#: The bundle « Importer un dossier » picks (its dialog reads it only once the phrase is
#: typed): a fixed path, apart from the picker's folder (whose listing the pictures show).
BUNDLE = Path("/tmp/anef-tui-crawler-paquets/dossier-0007.anef-dossier")


def prepare(data_dir: Path, folder: Path) -> None:
    """The file picker opens in `folder` (the last folder used), not the home folder."""
    from anef_tui.preferences import save_preference

    folder.mkdir(parents=True, exist_ok=True)
    for name in ("facture-electricite.pdf", "passeport.jpg"):
        (folder / name).write_bytes(b"")
    BUNDLE.parent.mkdir(parents=True, exist_ok=True)
    BUNDLE.write_bytes(b"")
    save_preference(data_dir, "last_folder", str(folder))


# -- the checks -----------------------------------------------------------------------------
def out_of_sight(app, widget) -> str | None:
    """Why the focused widget is not fully seen, or None."""
    region = widget.region
    if region.width <= 0 or region.height <= 0:
        return f"no size ({region})"
    if not app.screen.region.contains_region(region):
        return f"{region} outside the screen {app.screen.region}"
    # Inside every container around it (a dialog, a row of buttons…), not cut by one.
    clip = app.screen.find_widget(widget).clip
    if not clip.contains_region(region):
        return f"{region} cut by its containers (visible part {clip.intersection(region)})"
    for ancestor in widget.ancestors:
        if isinstance(ancestor, Widget) and not isinstance(ancestor, Screen) and (
                ancestor.styles.overflow_y in ("auto", "scroll")):
            clip = ancestor.scrollable_content_region
            if not clip.contains_region(region):
                return f"{region} outside the visible part {clip} of {ancestor!r}"
    return None


#: Stops where, in each Input, the text cursor is also moved (End, ← ←, Home, End: no answer
#: changes) and followed by the terminal cursor (issue 20 item 5): one step form of each
#: shipped procedure, and ids that must be among its focus stops.
INSIDE_INPUTS = {
    "renouvellement-informations_personnelles": {"f-adresse", "f-pays", "f-telephone"},
    "premiere-motif_sejour": {"f-situation_familiale", "f-attestation_polygamie",
                              "f-date_entree"},
}


async def crawl_screen(pilot, stop: str, problems: list[str], limit: int = 300,
                       ids: list[str] | None = None) -> int:
    """Tab from the focused widget until the focus comes back to it; every focused widget
    must be in sight, the terminal cursor on its cell (at the stops of INSIDE_INPUTS, also
    after the text cursor moves inside each Input). Returns how many widgets took the
    focus; `ids` gets their ids."""
    app = pilot.app
    await _settle(pilot)
    first = app.focused
    if first is None:  # nothing focused yet: Tab focuses the first widget
        await pilot.press("tab")
        await _settle(pilot)
        first = app.focused
        if first is None:
            return 0
    seen = []
    for _ in range(limit):
        widget = app.focused
        seen.append(widget)
        why = out_of_sight(app, widget)
        if why:
            problems.append(f"{stop} {app.size.width}×{app.size.height}: {widget!r} {why}")
        where = f"{stop} {app.size.width}×{app.size.height}"
        cursor = cursor_problem(app, where)
        if cursor:
            problems.append(cursor)
        if stop in INSIDE_INPUTS:
            problems.extend(await cursor_problems_inside_input(pilot, where, _settle))
        if ids is not None:
            ids.append(widget.id or type(widget).__name__)
        await pilot.press("tab")
        await _settle(pilot)
        if app.focused is first:
            return len(seen)
        if app.focused is None:
            problems.append(f"{stop}: Tab after {widget!r} left nothing focused")
            return len(seen)
    problems.append(f"{stop}: the focus never came back to {first!r} after {limit} Tab")
    return len(seen)


# -- one walk per segment and size, shared ------------------------------------------------
#: The file picker's folder: one path for every walk (`tests/snapshots` uses the same), so
#: that what the screens show is the same from one walk to another.
FOLDER = Path("/tmp/anef-tui-crawler-scans")
WIDE = (120, 40)


@dataclass
class Walked:
    """What one walk of a segment met: the stops in order, the Screen class shown at each,
    the screen's text on arriving there (toasts cleared: they come and go with the timing),
    and, when crawled, how many widgets took the focus and every problem found."""

    visited: list[str] = field(default_factory=list)
    shown: dict[str, str] = field(default_factory=dict)
    words: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    ids: dict[str, list[str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    ends_home: bool = False


def screen_words(app) -> str:
    """What the screen shows, line by line (the compositor's text, as a person reads it)."""
    return "\n".join("".join(segment.text for segment in strip)
                     for strip in app.screen._compositor.render_strips())


async def walk(make_app, data_dir: Path, size: tuple[int, int], segment: str, *,
               crawl: bool) -> Walked:
    """One segment from the demo data at `size`; at each stop the screen's words are read,
    then (`crawl`) every focusable widget is tabbed through (`crawl_screen`)."""
    app = make_app(demo=True)
    prepare(data_dir, FOLDER)
    met = Walked()
    async with app.run_test(size=size) as pilot:
        await _settle(pilot)

        async def visit(stop: str) -> None:
            met.visited.append(stop)
            met.shown[stop] = type(app.screen).__name__
            app.clear_notifications()
            await _settle(pilot)
            met.words[stop] = screen_words(app)
            if crawl:
                met.counts[stop] = await crawl_screen(pilot, stop, met.problems,
                                                      ids=met.ids.setdefault(stop, []))

        await SEGMENTS[segment](pilot, visit)
        met.ends_home = isinstance(app.screen, HomeScreen)
    return met


#: The crawled walks of this process, by (size, segment): the in-sight test below and the
#: rewording test (`test_vocabulary_tui.py`, same xdist group) read the same walk.
_CRAWLED: dict[tuple[tuple[int, int], str], Walked] = {}


async def crawled(make_app, data_dir: Path, size: tuple[int, int], segment: str) -> Walked:
    """The crawled walk of `segment` at `size` with the shipped procedures, walked once per
    process (the first test to ask walks it)."""
    key = (size, segment)
    if key not in _CRAWLED:
        _CRAWLED[key] = await walk(make_app, data_dir, size, segment, crawl=True)
    return _CRAWLED[key]


#: Segments whose crawl at 120×40 the rewording test reads too: on the same worker.
SHARED = {"renouvellement", "premiere-demande"}


def _cases() -> list:
    """At 120×40 only: the 80×24 crawl is the snapshot walk's (module docstring)."""
    return [pytest.param(WIDE, segment, id=f"120x40-{segment}",
                         marks=[pytest.mark.xdist_group("walk-120x40")]
                         if segment in SHARED else [])
            for segment in SEGMENTS]


def check_walked(met: Walked, segment: str) -> None:
    """What a crawled walk of `segment` must have met (here at 120×40, and in the snapshot
    walk at 80×24)."""
    assert met.visited == STOPS[segment]
    assert met.ends_home
    # Each key did open the screen the walk meant.
    assert met.shown == {stop: SCREEN_AT_STOP[stop] for stop in STOPS[segment]}
    assert not met.problems, "\n".join(met.problems)
    # Every stop is a screen the user can act on: at least one widget took the focus.
    assert all(met.counts[stop] >= 1 for stop in met.visited), met.counts
    # The step forms crawled with the text cursor moved inside their Inputs were.
    for stop in INSIDE_INPUTS.keys() & set(met.visited):
        assert INSIDE_INPUTS[stop] <= set(met.ids[stop]), (stop, met.ids[stop])


@pytest.mark.parametrize(("size", "segment"), _cases())
async def test_every_focused_widget_is_in_sight(make_app, data_dir, size, segment):
    """One segment of the walk from the demo data (segments run in parallel)."""
    check_walked(await crawled(make_app, data_dir, size, segment), segment)


def test_every_screen_is_crawled():
    """The walk's stops show every Screen class of the app: each stop's screen is checked
    by the walk above (SCREEN_AT_STOP), and together they name every class found."""
    assert set(SCREEN_AT_STOP) == {stop for stops in STOPS.values() for stop in stops}
    from tests.ui.test_accounts_crawl import ACCOUNT_SCREEN_AT_STOP  # issue 25
    from tests.ui.test_desk_dialogs_crawl import DESK_SCREEN_AT_STOP  # issue 24
    from tests.ui.test_journal_screens import JOURNAL_SCREEN_AT_STOP  # issue 24
    from tests.ui.test_vault_crawl import VAULT_SCREEN_AT_STOP  # the door and the lock

    classes = {cls.__name__ for cls in app_screen_classes()}
    missing = (classes - set(SCREEN_AT_STOP.values()) - set(VAULT_SCREEN_AT_STOP.values())
               - set(JOURNAL_SCREEN_AT_STOP.values()) - set(DESK_SCREEN_AT_STOP.values())
               - set(ACCOUNT_SCREEN_AT_STOP.values()))
    assert not missing, f"screens never crawled (add them to the walk): {sorted(missing)}"
    assert set(SCREEN_AT_STOP.values()) <= classes


def test_the_registry_finds_every_screen():
    """The registry is found by walking the modules: it holds the screens known today and
    leaves out only the documented bases."""
    names = {cls.__name__ for cls in app_screen_classes()}
    assert {"HomeScreen", "StepScreen", "ProfileScreen", "FilePickerScreen", "HelpScreen",
            "NotificationScreen", "RecordNotificationScreen", "CommandPalette"} <= names
    assert not names & {"DossierScreen", "Screen", "ModalScreen"}

