"""The refusals of the accounts, in French, each saying what to do. They derive from the
store's `StoreError`: every front end already says a StoreError as a fault (a message,
nothing else changes), never as a bug. No message quotes a passphrase."""

from __future__ import annotations

from anef_tui.store.errors import StoreError


class AccountError(StoreError):
    """An operation on the accounts was refused; nothing was written."""


class LoginRefused(AccountError):
    """The same words for an unknown name and a wrong passphrase (a guesser learns nothing
    of which names exist)."""

    def __init__(self) -> None:
        super().__init__(
            "Nom ou phrase secrète incorrect : vérifiez les deux (majuscules, accents, "
            "disposition du clavier) puis réessayez. Phrase oubliée : un référent de la "
            "structure vous en donne une nouvelle."
        )


class AccountDisabled(AccountError):
    """The right passphrase of an account a référent disabled."""

    def __init__(self) -> None:
        super().__init__(
            "Ce compte a été désactivé par un référent de la structure : il ne peut plus "
            "ouvrir la base. Voyez un référent si c'est une erreur."
        )


class NotAllowed(AccountError):
    """An aidant (or a disabled account) asked what only a référent may do."""

    def __init__(self, what: str) -> None:
        super().__init__(f"Seul un référent de la structure peut {what} : rien n'a été fait.")


class LoginRequired(AccountError):
    """A base with accounts opened without a login."""

    def __init__(self) -> None:
        super().__init__(
            "Cette base a des comptes : connectez-vous avec votre nom et votre phrase "
            "secrète (--compte NOM, la phrase tapée au terminal ou --phrase-compte FICHIER "
            "pour un script)."
        )
