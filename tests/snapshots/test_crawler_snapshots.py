"""SVG snapshots at 80×24 of every screen the crawler visits (tests/ui/test_crawler.py):
the same keyboard walk from the demo data, one run per segment, a picture at each stop.
After its picture each stop is crawled at 80×24 (`test_crawler.crawl_screen`: every widget
Tab reaches in sight, the terminal cursor on its cell), so that the crawler does not walk
the segments at that size a second time; the crawler checks 120×40 itself.

Each stop is compared with its own file, `test_screen[<segment>-<stop>].svg`, as syrupy
does for any snapshot: `--snapshot-update` rewrites the ones that changed (read each diff
first: `rsvg-convert` turns an SVG into a PNG). A stop that differs is also written next
to the test's temporary folder, whose path the failure message gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytest_textual_snapshot import SVGImageExtension

from tests.ui.test_crawler import (
    SEGMENTS,
    STOPS,
    Walked,
    check_walked,
    crawl_screen,
    prepare,
)

pytestmark = pytest.mark.snapshot

# The file picker shows its folder's path: a fixed one, so that the picture does not depend
# on where the tests run.
FOLDER = Path("/tmp/anef-tui-crawler-scans")

# What a person sees at each stop.
SEEN = {
    "accueil": "« Mes dossiers » with the ten demo dossiers, soonest deadline first.",
    "aide": "F1: the keys of « Mes dossiers », in French.",
    "palette": "Ctrl+P: « Rechercher une commande… » and the screen's commands.",
    "nouveau-dossier": "« Nouveau dossier »: the démarche to choose and an optional name.",
    "echeances": "F6 « Échéances »: every open deadline, soonest first.",
    "abandon": "F8 on BENALI Zoé: « Abandonner la demande ? », « Annuler » focused.",
    "consentement": "F7 on BENALI Zoé: « Renouveler le consentement », how and how long.",
    "effacer": "Ctrl+P « Effacer cette personne » on BENALI Zoé: what will go, counted, to "
               "« Cette action ne peut pas être annulée », the EFFACER field, « Annuler » "
               "focused.",
    "importer": "Ctrl+P « Importer un dossier », a bundle picked: its path, the phrase's "
                "field (no echo) focused, « Ouvrir » and « Annuler ».",
    "renouvellement-justificatifs": "NGUYEN's « Justificatifs » step, its document slots.",
    "selecteur-de-fichier": "The file picker in the last folder used, the path field focused.",
    "selecteur-assembler": "The picker for assembling photos into one PDF, no page chosen yet.",
    "renouvellement-motif_sejour": "Renewal step 2 « Motif de séjour », filled.",
    "conflit": "« Dossier modifié dans une autre fenêtre », three ways out, « Annuler » first.",
    "renouvellement-informations_personnelles": "Renewal step 1, the état civil read-only.",
    "renouvellement-preambule": "The renewal's préambule, before step 1.",
    "renouvellement-situation_actuelle": "« Votre situation actuelle » with its choices.",
    "renouvellement-pour_qui": "« Pour qui faites-vous la demande ? ».",
    "renouvellement-titre_actuel": "« Mon titre actuel », the renewal's profile, filled.",
    "mot-de-passe": "F5: the ANEF password helper, nothing stored.",
    "renouvellement-confirmation": "GUIDE Malade's filed renewal: its confirmation.",
    "renouvellement-depot": "The dépôt summary of the filed renewal, read-only.",
    "premiere-motif_sejour": "First application step 3 « Motif de séjour », the entry date "
                             "focused.",
    "premiere-informations_personnelles": "First application step 2, the birth name "
                                          "focused, the first names below.",
    "premiere-situation": "« Votre situation », the health one chosen.",
    "premiere-profil": "The first application's profile choice.",
    "premiere-compte": "« Mon compte »: the e-mail typed twice.",
    "premiere-confirmation": "OKAFOR's filed first application: « PRÉ-DEMANDE » confirmation.",
    "premiere-depot": "The filed first application's dépôt summary, read-only.",
    "premiere-justificatifs": "Filed étape 4 read-only, the form focused (arrows scroll).",
    "premiere-situation-merci": "« Merci, nous avons bien pris en compte votre situation. »",
    "notifications": "SILVA's « Mes notifications »: date, title, « non lue ».",
    "enregistrer-complement": "Ctrl+N, « Demande de complément »: each document's state.",
    "enregistrer-certificat-medical": "Ctrl+N, certificate: the asylum date (optional).",
    "enregistrer-prolongation": "Ctrl+N, prolongation: the attestation's two dates.",
    "enregistrer-decision": "Ctrl+N, decision: favourable or not, its date, the card's dates.",
    "notification-complement-renouvellement": "A renewal's complément: maintain or update.",
    "notification-certificat-medical": "The medical certificate notification, its checklist.",
    "notification-prolongation": "The attestation de prolongation and its official PDF slot.",
    "notification-decision": "The decision and its official PDF slot.",
    "notification-complement-premiere-demande": "A first application's complément, "
                                                "« Reprendre ma demande » focused.",
    "reprendre-ma-demande": "Étape 4 reopened for the complément.",
}


# -- pictures compared as drawn, not as split into segments --------------------------------
# How Textual cuts a line into segments of the same style depends on which parts of the
# screen were repainted last; the SVG then has two <text> (or <rect>) where it had one. Runs
# of the same style are merged (and empty rects dropped) before comparing and storing.
_TEXT = re.compile(r'<text class="([^"]+)" x="([\d.]+)" y="([\d.]+)" textLength="([\d.]+)" '
                   r'clip-path="([^"]+)">([^<]*)</text>')
_RECT = re.compile(r'<rect fill="([^"]+)" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" '
                   r'height="([\d.]+)" shape-rendering="crispEdges"/>')
_EMPTY_RECT = re.compile(r'<rect fill="[^"]+" x="[\d.]+" y="[\d.]+" width="0" height="[\d.]+" '
                         r'shape-rendering="crispEdges"/>')


def _num(v: float) -> str:
    return f"{v:g}" if abs(v - round(v, 1)) > 1e-9 else f"{round(v, 1):g}"


def _merge(pattern, key, build, svg):
    out, last, pending = [], 0, None
    for m in pattern.finditer(svg):
        between = svg[last:m.start()]
        item = list(m.groups())
        if pending is not None and between == "" and key(pending) == key(item) and \
                abs(float(pending[1]) + float(pending[3]) - float(item[1])) < 0.05:
            pending[3] = _num(float(pending[3]) + float(item[3]))
            if len(item) > 5:
                pending[5] += item[5]
        else:
            if pending is not None:
                out.append(build(pending))
            out.append(between)
            pending = item
        last = m.end()
    if pending is not None:
        out.append(build(pending))
    out.append(svg[last:])
    return "".join(out)


def canonical(svg: str) -> str:
    """The SVG with each run of one style in one element."""
    svg = _EMPTY_RECT.sub("", svg)
    svg = _merge(_TEXT, lambda g: (g[0], g[2], g[4]),
                 lambda g: f'<text class="{g[0]}" x="{g[1]}" y="{g[2]}" textLength="{g[3]}" '
                           f'clip-path="{g[4]}">{g[5]}</text>', svg)
    svg = _merge(_RECT, lambda g: (g[0], g[2], g[4]),
                 lambda g: f'<rect fill="{g[0]}" x="{g[1]}" y="{g[2]}" width="{g[3]}" '
                           f'height="{g[4]}" shape-rendering="crispEdges"/>', svg)
    return svg


class StopSVG(SVGImageExtension):
    """One file per stop, named as when each stop was its own test; canonical SVG."""

    @classmethod
    def get_snapshot_name(cls, *, test_location, index=0) -> str:
        return f"test_screen[{index}]"

    def _read_snapshot_data_from_location(self, *args, **kwargs):
        data = super()._read_snapshot_data_from_location(*args, **kwargs)
        return canonical(data) if data is not None else None

    def serialize(self, *args, **kwargs):
        return canonical(super().serialize(*args, **kwargs))


def test_every_stop_is_described():
    assert list(SEEN) == [stop for stops in STOPS.values() for stop in stops]


async def _picture(pilot) -> str:
    """What take_svg_screenshot (pytest-textual-snapshot) does before its picture; the walk's
    transient messages (toasts) cleared first."""
    app = pilot.app
    app.clear_notifications()
    for _ in range(2):
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
    return app.export_screenshot(title=app.title)


@pytest.mark.parametrize("segment", list(STOPS))
def test_screens_of_the_walk(snapshot, make_app, data_dir, tmp_path, segment):
    """Each screen of the crawl at 80×24 as described in SEEN[stop]; then, the pictures being
    the same, each stop crawled at 80×24 as the crawler does at 120×40."""
    from anef_tui.ui.screens.home import HomeScreen

    app = make_app(demo=True)
    prepare(data_dir, FOLDER)
    pictures: dict[str, str] = {}
    met = Walked()
    failure: list[BaseException] = []

    async def auto_pilot(pilot) -> None:
        async def visit(stop: str) -> None:
            pictures[stop] = await _picture(pilot)
            met.visited.append(stop)
            met.shown[stop] = type(pilot.app.screen).__name__
            met.counts[stop] = await crawl_screen(pilot, stop, met.problems,
                                                  ids=met.ids.setdefault(stop, []))

        try:
            await pilot.pause()
            await SEGMENTS[segment](pilot, visit)
            met.ends_home = isinstance(pilot.app.screen, HomeScreen)
        except BaseException as error:  # said after the app has stopped
            failure.append(error)
        pilot.app.exit()

    app.run(headless=True, auto_pilot=auto_pilot, size=(80, 24))
    if failure:
        raise failure[0]
    assert list(pictures) == STOPS[segment]
    stored = snapshot.use_extension(StopSVG)
    differ = []
    for stop in STOPS[segment]:
        name = f"{segment}-{stop}"
        if not stored(name=name) == pictures[stop]:
            differ.append(name)
            (tmp_path / f"{name}.svg").write_text(pictures[stop], encoding="utf-8")
    assert differ == [], f"pictures that changed, written to {tmp_path}"
    check_walked(met, segment)
