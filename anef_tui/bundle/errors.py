"""The refusals of a dossier bundle, in French: every one says that nothing was written."""

from __future__ import annotations

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
