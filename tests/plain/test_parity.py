"""The plain mode does everything the full-screen app does: one table of actions
(domain/actions.py) that every screen's BINDINGS must stay within, and that the plain mode
handles in full. A new key on a screen fails here until the plain mode offers it too."""

from __future__ import annotations

import inspect
import pkgutil
from importlib import import_module

import anef_tui.ui.screens as screens_pkg
from anef_tui.domain import actions
from anef_tui.plain import home, steps
from anef_tui.plain.followup import (
    deadlines,
    dossier,
    notification,
    notifications,
    record,
    reprise,
)

#: Full-screen screen class -> the table's screen (actions a filed dossier refuses through
#: `check_action` left aside, with why).
SCREEN_OF = {
    "HomeScreen": ("mes_dossiers", {}),
    "DossierScreen": ("etape", {}),
    "StepScreen": ("etape", {}),
    "ProfileScreen": ("etape", {}),
    "PreliminaryScreen": ("etape", {}),
    "DepotScreen": ("etape", {}),
    "ConfirmationScreen": ("confirmation", {"abandon": "a filed dossier is never abandoned",
                                            "view_next": "its Ctrl+S / F2 are its PDF's"}),
    "NotificationsScreen": ("notifications", {}),
    "NotificationScreen": ("notification", {}),
    "RecordNotificationScreen": ("enregistrement", {}),
    "DeadlinesScreen": ("echeances", {}),
    "ResumeApplicationScreen": ("reprise", {}),
}
#: Screens that are a means, not a place: their keys (a dialog's « Annuler », the file
#: picker's tree) are a typed answer in plain mode.
# « Exports en clair » (issue 23) is a means too: the plain mode's « exports » and
# « nettoyer » on « Mes dossiers » (plain/exports.py).
MEANS = {"ConfirmScreen", "ConflictScreen", "FilePickerScreen", "HelpScreen",
         "PasswordHelperScreen", "NewDossierScreen", "Screen", "ModalScreen", "ExportsScreen",
         "ConsentScreen",
         # The journal (issue 24): « journal N », « :journal » and « aidant » (plain/journal.py).
         "JournalScreen", "WorkerNameScreen",
         # A dossier handed over (issue 24): « exporter N », « importer CHEMIN » (plain/bundles.py).
         "ImportScreen", "PhraseShownScreen",
         # The erasure (issue 24 item 5): « effacer N », « echus », « effacer echus »,
         # « conservation MOIS » (plain/erase.py).
         "EraseScreen", "RetentionScreen", "PeriodScreen"}

PLAIN = {
    "mes_dossiers": home.HANDLED,
    "etape": steps.HANDLED,
    "confirmation": dossier.HANDLED,
    "notifications": notifications.HANDLED,
    "notification": notification.HANDLED,
    "enregistrement": record.HANDLED,
    "echeances": deadlines.HANDLED,
    "reprise": reprise.HANDLED,
}


def _screen_classes():
    from textual.screen import Screen

    found = {}
    for info in pkgutil.walk_packages(screens_pkg.__path__, screens_pkg.__name__ + "."):
        module = import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__.startswith("anef_tui"):
                found[name] = cls
    return found


def _actions(cls) -> set[str]:
    names = set()
    for base in cls.__mro__:
        if base.__module__.startswith("anef_tui"):
            for binding in base.__dict__.get("BINDINGS", []):
                names.add(binding.action if hasattr(binding, "action") else binding[1])
    return names


def test_every_screen_is_placed_in_the_table_or_is_a_means():
    unknown = set(_screen_classes()) - set(SCREEN_OF) - MEANS
    assert not unknown, f"screens with no place in domain/actions.py: {sorted(unknown)}"


def test_every_key_of_a_screen_is_an_action_of_the_table():
    classes = _screen_classes()
    for name, (screen, refused) in SCREEN_OF.items():
        if name not in classes:
            continue
        missing = _actions(classes[name]) - actions.codes(screen) - set(refused)
        assert not missing, f"{name}: {sorted(missing)} not in domain/actions.py « {screen} »"


def test_the_plain_mode_handles_every_action_of_the_table():
    assert set(PLAIN) == set(actions.SCREENS)
    for screen, table in actions.SCREENS.items():
        assert set(PLAIN[screen]) == set(table), screen


def test_the_plain_menus_say_the_table_labels(data_dir):
    from tests.plain.helpers import plain

    out = plain(data_dir, [":aide", ":quitter"])
    for word in ("echeances", "abandonner N", "notifications N"):
        assert word in out
