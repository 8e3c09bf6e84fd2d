"""Every refusal of the vault, one class each, with a French message that says what to do.

They derive from the store's `StoreError` on purpose: the interface and the command line
already treat a StoreError as a fault (a message, nothing else changes), so a wrong
passphrase or a damaged encrypted file is said like a full disk, never as a bug. The
message never quotes a passphrase, a key or an exception's own (English) text.
"""

from __future__ import annotations

import os

from anef_tui.display import display_path, display_text
from anef_tui.oserrors import advice, reason
from anef_tui.store.errors import DamagedDatabase, StoreError

#: Said wherever a key file is missing or damaged: the one way back.
_KEY_FILE_BACKUP = (
    "remettez en place la copie de ce fichier gardée avec vos sauvegardes : sans lui, les "
    "données chiffrées de ce dossier ne peuvent pas être lues"
)


class VaultError(StoreError):
    """The vault refused: the message is French and says what to do."""


class WrongPassphrase(VaultError):
    """The passphrase does not unwrap the data key (nothing was changed on disk)."""

    def __init__(self) -> None:
        super().__init__(
            "Phrase secrète incorrecte : rien n'a été modifié. Vérifiez les majuscules, les "
            "accents et la disposition du clavier, puis retapez-la. Si vous l'avez oubliée, "
            "ouvrez le coffre avec la clé de secours imprimée à sa création."
        )


class WeakPassphrase(VaultError):
    """A new passphrase that the rules refuse; `problems` lists why, in French."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        detail = " ; ".join(problems) if problems else "elle est trop facile à deviner"
        super().__init__(
            f"Cette phrase secrète n'est pas acceptée ({detail}) : choisissez-en une d'au "
            "moins 12 caractères, ou de quatre mots ou plus, qui ne soit ni une suite ni un "
            "mot courant."
        )


class MistypedRecoveryKey(VaultError):
    """The recovery key as typed cannot be one: wrong length, a character outside the
    alphabet, or a group whose check character does not match (a typo, told apart from a
    key that is well formed but belongs to nothing here)."""


class WrongRecoveryKey(VaultError):
    """A well-formed recovery key that does not open this vault."""

    def __init__(self) -> None:
        super().__init__(
            "Cette clé de secours est bien formée mais n'ouvre pas ce coffre : c'est peut-être "
            "celle d'un autre dossier de données. Reprenez la feuille imprimée à la création "
            "de ce coffre (son identifiant est écrit dessus)."
        )


class KeyFileMissing(VaultError):
    """The key file is not there."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        super().__init__(
            f"Le fichier de clé « {display_path(path)} » est introuvable : {_KEY_FILE_BACKUP}."
        )


class KeyFileExists(VaultError):
    """A vault is created where a key file already is: it is never overwritten."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        super().__init__(
            f"Un fichier de clé « {display_path(path)} » existe déjà : il n'a pas été remplacé "
            "(le remplacer rendrait illisibles les données qu'il protège). Ouvrez le coffre "
            "avec sa phrase secrète, ou choisissez un autre dossier de données."
        )


class KeyFileDamaged(VaultError):
    """The key file is truncated, garbled, or not a key file of anef-tui."""

    def __init__(self, path: str | os.PathLike[str], detail: str) -> None:
        self.path = os.fspath(path)
        super().__init__(
            f"Le fichier de clé « {display_path(path)} » est illisible ({detail}) : "
            f"{_KEY_FILE_BACKUP}."
        )


class KeyFileVersion(VaultError):
    """The key file was written by a newer anef-tui (a format this one does not know)."""

    def __init__(self, path: str | os.PathLike[str], version: object) -> None:
        self.path = os.fspath(path)
        super().__init__(
            f"Le fichier de clé « {display_path(path)} » est d'un format plus récent "
            f"(version {display_text(version)[:20]}) que cette version d'anef-tui : "
            "mettez anef-tui à jour pour ouvrir ce dossier. Rien n'a été modifié."
        )


class KeyFileSwapped(VaultError):
    """The key file belongs to another vault than the data beside it (key files swapped
    between two data folders): nothing was opened nor written."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        super().__init__(
            f"Le fichier de clé ne correspond pas aux données de « {display_path(path)} » : "
            "il vient d'un autre dossier de données. Rien n'a été ouvert ni modifié. Remettez "
            "dans ce dossier son propre fichier « coffre.cle » (une sauvegarde de ce dossier "
            "en contient une copie)."
        )


class VaultWriteError(VaultError):
    """A file of the vault could not be written or read (OSError, in French)."""

    def __init__(self, path: str | os.PathLike[str], exc: OSError) -> None:
        self.path = os.fspath(path)
        super().__init__(
            f"« {display_path(path)} » ne peut pas être lu ou écrit ({reason(exc)}) : "
            f"{advice(exc)}. Rien n'a été remplacé."
        )


class DamagedFile(VaultError):
    """An encrypted file that does not authenticate: damaged, truncated, lengthened or
    not encrypted by anef-tui. Nothing was written."""

    def __init__(self, path: str | os.PathLike[str], detail: str) -> None:
        self.path = os.fspath(path)
        super().__init__(
            f"Le fichier chiffré « {display_path(path)} » ne peut pas être déchiffré "
            f"({detail}) : rien n'a été écrit. Joignez à nouveau le document depuis "
            "l'original, ou restaurez une sauvegarde."
        )


class ForeignFile(VaultError):
    """An encrypted file of another vault (another data folder): not decrypted, nothing
    written."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        super().__init__(
            f"Le fichier chiffré « {display_path(path)} » appartient à un autre dossier de "
            "données (il a été chiffré avec une autre clé) : rien n'a été écrit. Ouvrez-le "
            "depuis son propre dossier, ou joignez à nouveau le document depuis l'original."
        )


class FileFromNewerVersion(VaultError):
    """An encrypted file in a format newer than this anef-tui knows."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        super().__init__(
            f"Le fichier chiffré « {display_path(path)} » est d'un format plus récent que "
            "cette version d'anef-tui : mettez anef-tui à jour. Rien n'a été écrit."
        )


class WrongDatabaseKey(VaultError):
    """SQLCipher refused the key: the key file of another folder, or page 1 damaged."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        super().__init__(
            f"La base « {display_path(path)} » ne s'ouvre pas avec la clé de ce coffre : rien "
            "n'a été modifié. Soit le fichier « coffre.cle » vient d'un autre dossier de "
            "données (remettez celui de ce dossier), soit la base est endommagée (restaurez "
            "une sauvegarde)."
        )


class DamagedEncryptedDatabase(VaultError, DamagedDatabase):
    """A page of the encrypted database does not authenticate (SQLCipher's HMAC). A
    DamagedDatabase too: whatever sets a damaged base aside (restore) or refuses to write to
    it (the store's deferred check) treats it as one."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        StoreError.__init__(self,
            f"La base chiffrée « {display_path(path)} » est endommagée (une page ne se "
            "déchiffre plus) : rien n'y a été écrit. Restaurez une sauvegarde avec "
            "« anef-tui sauvegardes »."
        )


class NotEncryptedDatabase(VaultError):
    """The database is a plain SQLite file: it must be converted before use."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        super().__init__(
            f"La base « {display_path(path)} » n'est pas chiffrée : elle doit d'abord être "
            "convertie (une copie chiffrée vérifiée est faite avant toute suppression)."
        )


class ConversionFailed(VaultError):
    """The encrypted copy of a plain database did not match it: the copy was removed and
    the original left as it was."""

    def __init__(self, path: str | os.PathLike[str], detail: str) -> None:
        self.path = os.fspath(path)
        super().__init__(
            f"La copie chiffrée de « {display_path(path)} » n'a pas pu être vérifiée "
            f"({detail}) : elle a été supprimée et la base d'origine est restée telle quelle. "
            "Libérez de la place sur le disque si besoin, puis réessayez."
        )


class EncryptionUnavailable(VaultError):
    """A library the vault needs (cryptography, argon2-cffi, sqlcipher3) is missing or
    lacks a feature (FTS5)."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"Le chiffrement n'est pas disponible ({what}) : réinstallez anef-tui "
            "(« pipx reinstall anef-tui » ou « make run ») pour retrouver ses bibliothèques."
        )


class VaultLocked(VaultError):
    """A folder holding a key file (`coffre.cle`) opened without its key: refused before
    anything is read or written."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        super().__init__(
            f"Ce dossier de données est chiffré : « {display_path(path)} » ne s'ouvre qu'avec "
            "sa phrase secrète (ou sa clé de secours). Relancez anef-tui et tapez-la quand "
            "elle est demandée. Rien n'a été lu ni modifié."
        )


class ForeignBackup(VaultError):
    """A backup of another vault (another data folder), or a plain backup in an encrypted
    folder: not restored."""

    def __init__(self, name: str, detail: str) -> None:
        super().__init__(
            f"La sauvegarde « {display_text(name)} » ne peut pas être restaurée : {detail}. "
            "Rien n'a été changé dans la base actuelle. Choisissez une sauvegarde de ce "
            "dossier (« anef-tui sauvegardes » les liste)."
        )
