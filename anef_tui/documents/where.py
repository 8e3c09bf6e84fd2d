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
