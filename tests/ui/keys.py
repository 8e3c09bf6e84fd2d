"""Keyboard helpers for Pilot tests: reach a widget with Tab, as a keyboard user would; type
« Mon titre actuel » as the guide does; attach a file through the picker."""

from __future__ import annotations

from pathlib import Path


async def tab_to(pilot, widget_id: str, limit: int = 150) -> None:
    """Press Tab until the widget with this id has the focus."""
    for _ in range(limit):
        focused = pilot.app.focused
        if focused is not None and focused.id == widget_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"#{widget_id} never got the focus")


async def type_into(pilot, widget_id: str, text: str) -> None:
    """Tab to an input, clear it (Ctrl+U from the end) and type."""
    await tab_to(pilot, widget_id)
    await pilot.press("end", "ctrl+u", *text)


async def open_notifications(pilot, name: str) -> None:
    """From « Mes dossiers »: search the dossier by name, then F4 « Mes notifications »."""
    await pilot.press("ctrl+f", *name, "enter", "f4")
    await pilot.pause()


async def open_notification(pilot, name: str) -> None:
    """« Mes notifications » of that dossier, then open the newest notification."""
    await open_notifications(pilot, name)
    await pilot.press("enter")
    await pilot.pause()


#: « Mon titre actuel » as the guide types it (GUIDE Malade), before and after the first
#: names.
PROFILE = [
    ("n_etranger", "5903007229"),
    ("n_titre", "9999999999"),
    ("date_debut_validite", "5/10/2022"),
    ("date_fin_validite", "04/10/2023"),
    ("nom_naissance", "GUIDE"),
]
PROFILE_AFTER_NAME = [
    ("date_naissance", "3/10/2000"),
    ("pays_naissance", "Mexique"),
    ("lieu_naissance", "Mexico"),
    ("nationalite", "mexicaine"),
    ("adresse", "20 rue Nationale"),
    ("numero_voie", "20"),
    ("voie", "rue Nationale"),
    ("code_postal", "59000"),
    ("ville", "Lille"),
    ("email", "guideem@yopmail.com"),
    ("email_confirmation", "guideem@yopmail.com"),
]


async def fill_profile(pilot) -> None:
    """Fill « Mon titre actuel » from its first field, with the keys."""
    for field, text in PROFILE:
        await type_into(pilot, f"f-{field}", text)
    # Prénom(s): the first input of the repeatable list.
    await pilot.press("tab")
    await pilot.press("tab")
    await pilot.press(*"Malade")
    await tab_to(pilot, "f-sexe")
    await pilot.press("space")  # the focused first choice, « Masculin »
    for field, text in PROFILE_AFTER_NAME:
        await type_into(pilot, f"f-{field}", text)


async def attach(pilot, slot_id: str, path: Path) -> None:
    """« Joindre » on a slot, the path typed in the picker, the checks waited for."""
    await tab_to(pilot, f"attach-{slot_id}")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("ctrl+u", *str(path), "enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
