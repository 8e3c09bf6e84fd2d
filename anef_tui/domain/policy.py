"""Each procedure's follow-up policy, by procedure id (`[followup]` of its file).

The store and the screens know a dossier by its procedure id; this module finds what its file
says about what follows the dépôt, so that no code asks « is it the renewal? ». The catalogue
(pydantic) is imported when first asked, never at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from anef_tui.domain.catalogue import FollowupPolicy


class UnknownProcedure(ValueError):
    """No valid procedure file describes this id any more; the message is French."""


def followup_policy(procedure_id: str) -> FollowupPolicy:
    """The `[followup]` table of procedure `procedure_id`; UnknownProcedure (French) when no
    valid file describes it."""
    from anef_tui.domain.catalogue import CatalogueError, load_procedure

    try:
        return load_procedure(procedure_id).followup
    except CatalogueError as exc:
        raise UnknownProcedure(f"Procédure inconnue : « {procedure_id} ».") from exc


def resumes_application(procedure_id: str) -> bool:
    """Whether a complément of this procedure is answered by reopening a step (« Reprendre ma
    demande ») rather than document by document; False for an unknown procedure."""
    try:
        return followup_policy(procedure_id).complement_mode == "reprise_etape"
    except UnknownProcedure:
        return False
