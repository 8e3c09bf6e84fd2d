"""The refusals of a dossier bundle, in French: every one says that nothing was written."""

from __future__ import annotations

from typing import Any

from anef_tui.store.errors import StoreError

NOTHING_WRITTEN = "rien n'a été écrit dans vos données"


class BundleRefused(StoreError):
    """The bundle cannot be brought in (or made): `why` in French, nothing written."""

    def __init__(self, why: str) -> None:
        self.why = why
        super().__init__(f"Paquet de dossier refusé : {why} ; {NOTHING_WRITTEN}.")


class WrongBundlePhrase(BundleRefused):
    """The phrase does not open the bundle (or its first bytes were altered)."""

    def __init__(self) -> None:
        super().__init__(
            "la phrase du paquet ne l'ouvre pas. Retapez-la telle qu'elle a été donnée à "
            "l'export (8 groupes de 4 caractères) ; si elle est exacte, le paquet a été "
            "modifié")


class MistypedBundlePhrase(BundleRefused):
    """The phrase as typed cannot be a bundle's phrase (length, alphabet, a group's check)."""


class BundleOnServer(BundleRefused):
    """A bundle made from, or brought into, a structure's base on a server (issue 25): the
    other desks see its dossiers already, and a bundle's files are a data folder's."""

    def __init__(self) -> None:
        super().__init__(
            "sur une base partagée sur un serveur, les autres postes de la structure voient "
            "déjà le dossier ; un paquet passe un dossier d'un dossier de données à un autre")


def refuse_on_a_server(database: Any) -> None:
    """BundleOnServer when `database` is a server's base."""
    if not database.db.engine.in_data_folder:
        raise BundleOnServer()
