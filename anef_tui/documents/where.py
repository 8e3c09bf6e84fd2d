"""Where the person's data is kept, said to them (the mandate they sign, « Ce que anef-tui
sait de vous ») when the dossiers are on a structure's PostgreSQL server (issue 25): not on
this computer, but in the structure's base, read by its workers; what the server's
administrator can read there and what not (README « Ce que l'administrateur du serveur
peut lire »); backups are the administrator's."""

from __future__ import annotations

ON_SERVER = (
    "Tout est gardé dans la base de la structure, sur son serveur : les travailleurs "
    "sociaux de la structure qui ont un compte y ont accès, et l'administrateur du serveur "
    "peut lire vos réponses, le suivi et le journal. Les documents que vous confiez et les "
    "PDF faits pour vous sont chiffrés sur cet ordinateur avant d'être envoyés : "
    "l'administrateur du serveur ne peut pas les lire. L'application n'envoie rien "
    "ailleurs."
)

#: After « …qui supprime vos réponses, vos documents, » in the mandate.
ERASED_ON_SERVER = (
    "le suivi et les PDF faits pour vous dans la base de la structure ; les sauvegardes "
    "faites par l'administrateur du serveur avant l'effacement vous gardent jusqu'à leur "
    "remplacement ; "
)

#: Where a deleted answer or file is deleted from (« supprimées de … »), by where the base is.
FROM_HERE = "de cet ordinateur"
FROM_SERVER = "de la base de la structure, sur son serveur"


def deleted_from(on_server: bool) -> str:
    """« de cet ordinateur », or the structure's base when the dossiers are on a server."""
    return FROM_SERVER if on_server else FROM_HERE


def abandon_question(name: str | None, on_server: bool) -> str:
    """The abandon dialog's question (TUI and plain lines); `name` None: « cette demande »."""
    which = f"la demande de {name}" if name is not None else "cette demande"
    return (f"Abandonner {which} ? Ses réponses et ses pièces jointes seront supprimées "
            f"{deleted_from(on_server)}. Cette action est définitive.")
