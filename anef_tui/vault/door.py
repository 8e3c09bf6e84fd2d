"""The words and steps every front end shares to open a data folder (issue 23): the TUI's
unlock screens, the plain mode and the command line say the same French sentences and
follow the same rules. Textual-free.
"""

from __future__ import annotations

from pathlib import Path

from anef_tui.vault.keys import Created

#: Minutes without a key before the lock, unless the preference says otherwise.
DEFAULT_IDLE_MINUTES = 5
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 120
IDLE_PREFERENCE = "verrouillage_minutes"


def idle_minutes(preferences: dict) -> int:
    """The idle time before the lock, from the preferences (an odd value: the default)."""
    value = preferences.get(IDLE_PREFERENCE)
    if isinstance(value, int) and not isinstance(value, bool) \
            and MIN_IDLE_MINUTES <= value <= MAX_IDLE_MINUTES:
        return value
    return DEFAULT_IDLE_MINUTES


PASSPHRASE_PROMPT = "Phrase secrète"
PASSPHRASE_AGAIN_PROMPT = "La même phrase secrète, une seconde fois"
RECOVERY_PROMPT = "Clé de secours"

UNLOCK_INTRO = (
    "Les dossiers de ce dossier de données sont chiffrés. Tapez la phrase secrète pour "
    "les ouvrir."
)
CREATE_INTRO = (
    "Les dossiers contiennent des données personnelles et de santé : anef-tui les chiffre. "
    "Choisissez une phrase secrète : au moins 12 caractères ou 4 mots, facile à retenir "
    "pour vous, difficile à deviner. Elle sera demandée à chaque ouverture."
)
RULES = "Au moins 12 caractères, ou au moins 4 mots ; pas une suite ni un mot courant."
MISMATCH = "Les deux phrases ne sont pas les mêmes : tapez-les de nouveau."
WRONG_RECOVERY_HINT = (
    "Phrase secrète oubliée ? Tapez la clé de secours imprimée à la création du coffre."
)
PLAIN_WARNING = (
    "Sans chiffrement, quiconque lit ce dossier de données (un autre compte, un disque "
    "volé, une sauvegarde copiée) lit l'identité, la situation et l'état de santé des "
    "personnes. Ne choisissez cela que pour un poste sans données réelles."
)
CONVERT_INTRO = (
    "Ce dossier de données a été créé avant le chiffrement : ses dossiers sont lisibles "
    "par quiconque accède à ce disque. Chiffrez-les maintenant : une copie chiffrée est "
    "faite et vérifiée d'abord, puis les fichiers en clair sont effacés."
)


def strength_line(strength: str) -> str:
    """The strength said in words (never a colour)."""
    return f"Solidité : {strength}"


def wait_line(seconds: float) -> str:
    whole = max(1, round(seconds))
    return f"Attendez {whole} seconde{'s' if whole > 1 else ''} avant d'essayer de nouveau."


def recovery_sheet(created: Created, data_dir: Path) -> list[str]:
    """What the user copies on paper, once: the recovery key and which folder it opens."""
    from anef_tui.display import display_path

    return [
        "Clé de secours (affichée une seule fois) :",
        f"    {created.recovery_key}",
        f"Coffre n° {created.key.vault_id[:8]} — dossier de données {display_path(data_dir)}",
        "Recopiez-la sur papier et gardez-la sous clé, loin de cet ordinateur. Elle ouvre "
        "les dossiers si la phrase secrète est oubliée ; sans elle ni la phrase, personne, "
        "pas même anef-tui, ne peut les lire.",
    ]
