"""What the dossier list is searched and ordered by: search key, its words, filing sequence."""

from __future__ import annotations

from anef_tui.domain.procedure_index import procedure_index
from anef_tui.domain.text import fold
from anef_tui.store import driver


def procedure_label(procedure: str) -> str:
    """« Renouvellement »: the procedure's `short_label`, from its file; its id when no file
    describes it any more (a procedure of an extra folder no longer given)."""
    ref = procedure_index().get(procedure)
    return ref.short_label if ref is not None else procedure


def n_etranger_of(data: dict, procedure: str) -> str:
    """The foreigner number (field of role « n_etranger ») in the validated answers
    ({step: {field: value}}) of a dossier of `procedure`, or "" (none, or no valid file
    describes the procedure any more)."""
    # Imported here: the catalogue (pydantic) stays off the start-up path.
    from anef_tui.domain import roles
    from anef_tui.domain.catalogue import CatalogueError, load_procedure

    try:
        return roles.text(load_procedure(procedure), data, roles.N_ETRANGER)
    except CatalogueError:
        return ""


def search_key_for(
    applicant_name: str,
    procedure: str,
    numero_demande: str | None = None,
    n_etranger: str | None = None,
) -> str:
    """The folded text a dossier is searched by: name, procedure label, numbers."""
    parts = [
        applicant_name or "",
        procedure_label(procedure),
        numero_demande or "",
        n_etranger or "",
    ]
    return fold(" ".join(parts))


def search_words(search_key: str) -> list[str]:
    """The distinct words of a (folded) search key, as `search_words` keeps them."""
    return sorted(set(search_key.split()))


def index_search_key(conn: driver.Connection, dossier_id: int, search_key: str) -> None:
    """Keep `search_words` in step with a dossier's search key (call it wherever the key is
    written). Rows are deleted, not left behind: with secure_delete on, a former name is
    erased from the file."""
    conn.execute("DELETE FROM search_words WHERE dossier_id = ?", (dossier_id,))
    conn.executemany(
        "INSERT INTO search_words (word, dossier_id) VALUES (?, ?)",
        [(word, dossier_id) for word in search_words(search_key)],
    )


#: The order of « Mes dossiers » (soonest deadline, none last, then last saved), written so
#: that the index `dossiers_listing` gives it without sorting.
LISTING_ORDER = "next_deadline IS NULL, next_deadline, updated_at DESC, id DESC"


#: The 7-digit sequence (characters 13 to 19) of a 19-digit N° de la demande, and the
#: condition under which a number has one: `dossiers_by_sequence` indexes exactly that.
SEQUENCE_EXPR = "CAST(substr(numero_demande, 13, 7) AS INTEGER)"


SEQUENCE_WHERE = "length(numero_demande) = 19 AND numero_demande NOT GLOB '*[^0-9]*'"
