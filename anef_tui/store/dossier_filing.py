"""DossierStore's filing: the dépôt with its local N° de la demande, the official number
that replaces it, and a renewal prepared from an earlier dossier.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from anef_tui.domain.filing import (
    departement_of,
    normalise_numero_demande,
    numero_demande,
    renewal_drafts_from,
    renewal_profile_from,
)
from anef_tui.domain.status import DossierStatus, check_transition
from anef_tui.store.dossier_part import DossierPart
from anef_tui.store.errors import StoreError
from anef_tui.store.keys import index_search_key, n_etranger_of, search_key_for
from anef_tui.store.records import NotEditable

if TYPE_CHECKING:
    from anef_tui.domain.consent import ConsentTerms

# The largest local sequence given at filing, read from the index
# `dossiers_by_local_sequence` (migration 7), not by a scan; an official number that
# replaced a local one does not count.
_MAX_SEQUENCE_SQL = "SELECT max(local_sequence) FROM dossiers"


class DossierFiling(DossierPart):
    """Filing, numbering, renewal from an earlier dossier (a part of DossierStore)."""

    def file_dossier(
        self, dossier_id: int, *, filed_at: datetime, current_step: str | None = None,
        documents_due: bool = False,
    ) -> str:
        """File a draft and give it its local N° de la demande; return that number.

        One transaction: the dossier must be a draft (NotEditable otherwise); the
        département comes from the code postal of the answers (StoreError if there is
        none); the sequence is 1 + the largest one of any N° de la demande in the database,
        so the number is unique whatever its date or département. « brouillon » ->
        « déposée », `filed_at` recorded, event 'filed'. `current_step`, when given,
        becomes the dossier's current step (e.g. the confirmation step). `documents_due`:
        the caller makes the PDFs now and says so with `documents_made` (until then
        `documents_owed` lists the dossier: a session killed meanwhile owes them).
        """
        if filed_at.tzinfo is not None:
            filed_at = filed_at.astimezone().replace(tzinfo=None)
        filed_text = filed_at.isoformat(timespec="seconds")
        now = self._now()
        with self.transaction() as db:
            conn = db.conn
            row = self._row(conn, dossier_id)
            current = self._summary(row).status
            if not current.editable:
                raise NotEditable("Ce dossier est déjà déposé : il ne peut pas l'être deux fois.")
            self._require_consent(conn, dossier_id, now)
            check_transition(current, DossierStatus.DEPOSEE)
            data, _drafts = self._answers(conn, dossier_id)
            postcode, where = self._postcode(row[1], data)
            try:
                departement = departement_of(postcode)
            except ValueError as exc:
                raise StoreError(
                    f"{exc} Corrigez-le à l'étape « {where} » avant de déposer la demande."
                ) from exc
            # The next local sequence follows the last *local* one (kept in `local_sequence`
            # even once an official number has replaced it), never an official number.
            (highest,) = conn.execute(_MAX_SEQUENCE_SQL).fetchone()
            sequence = int(highest or 0) + 1
            while True:
                try:
                    numero = numero_demande(departement, filed_at.date(), sequence)
                except ValueError as exc:
                    raise StoreError(
                        "Plus aucun N° de la demande local n'est disponible dans cette base : "
                        "enregistrez les numéros officiels de vos demandes."
                    ) from exc
                taken = conn.execute(
                    "SELECT 1 FROM dossiers WHERE numero_demande = ?", (numero,)
                ).fetchone()
                if taken is None:  # an official number may have these very digits
                    break
                sequence += 1
            key = search_key_for(row[4], row[1], numero, n_etranger_of(data, row[1]))
            conn.execute(
                "UPDATE dossiers SET status = ?, numero_demande = ?, local_sequence = ?, "
                "filed_at = ?, search_key = ?, current_step = coalesce(?, current_step), "
                "updated_at = ?, documents_due = ? WHERE id = ?",
                (
                    DossierStatus.DEPOSEE.value,
                    numero,
                    sequence,
                    filed_text,
                    key,
                    current_step,
                    now,
                    int(documents_due),
                    dossier_id,
                ),
            )
            index_search_key(conn, dossier_id, key)
            self._log(
                conn, dossier_id, "filed", f"{current.value} -> {DossierStatus.DEPOSEE.value}", now
            )
        return numero

    def documents_owed(self) -> list[int]:
        """Filed dossiers whose PDFs were owed by their filing and not yet written."""
        with self._reading() as conn:
            return [int(r[0]) for r in conn.execute(
                "SELECT id FROM dossiers WHERE documents_due = 1 ORDER BY id"
            )]

    def documents_made(self, dossier_id: int) -> None:
        """The PDFs owed by the filing are written."""
        with self.transaction() as db:
            db.conn.execute(
                "UPDATE dossiers SET documents_due = 0 WHERE id = ? AND documents_due = 1",
                (dossier_id,),
            )

    @staticmethod
    def _postcode(procedure_id: str, data: dict) -> tuple[str, str]:
        """(the code postal of the answers, the title of the step it is typed in): the field
        of role « code_postal » (`roles.value`), which gives the N° de la demande its
        département. StoreError (French) when it is missing."""
        # Imported here: the catalogue (pydantic) stays off the store's start-up path.
        from anef_tui.domain import roles
        from anef_tui.domain.catalogue import CatalogueError, load_procedure

        try:
            procedure = load_procedure(procedure_id)
        except CatalogueError as exc:
            raise StoreError(f"Ce dossier ne peut pas être déposé : {exc}") from exc
        places = roles.locations(procedure, roles.CODE_POSTAL)
        titles = {s.id: s.title for s in procedure.steps}
        if procedure.profile is not None:
            titles[procedure.profile.id] = procedure.profile.title
        where = titles.get(places[0][0], "") if places else ""
        postcode = roles.text(procedure, data, roles.CODE_POSTAL)
        if not postcode:
            raise StoreError(
                f"Le code postal manque : renseignez-le à l'étape « {where} » avant de déposer "
                "la demande."
            )
        return postcode, where

    def set_official_numero(self, dossier_id: int, numero: str) -> None:
        """Record the N° de la demande the official site gave, in place of the local one.

        Spaces are ignored; anything but 19 digits, or the number of another dossier, raises
        ValueError (French). Only for a filed dossier (StoreError on a draft). Setting the
        number the dossier already has does nothing. Event 'numero_officiel' (detail
        "local -> officiel", or "officiel -> officiel" for a correction; never the number).
        """
        value = normalise_numero_demande(numero)
        now = self._now()
        with self.transaction() as db:
            conn = db.conn
            row = self._row(conn, dossier_id)
            if self._summary(row).status.editable:
                raise StoreError(
                    "Déposez d'abord la demande : le N° de la demande officiel s'enregistre "
                    "une fois le dossier déposé."
                )
            if row[8] == value:
                return
            self._require_consent(conn, dossier_id, now)
            other = conn.execute(
                "SELECT id FROM dossiers WHERE numero_demande = ? AND id != ?",
                (value, dossier_id),
            ).fetchone()
            if other is not None:
                raise ValueError(
                    f"Le N° de la demande {value} est déjà celui du dossier n° {other[0]} : "
                    "vérifiez le numéro."
                )
            already = conn.execute(
                "SELECT 1 FROM events WHERE dossier_id = ? AND kind = 'numero_officiel'",
                (dossier_id,),
            ).fetchone()
            data, _drafts = self._answers(conn, dossier_id)
            key = search_key_for(row[4], row[1], value, n_etranger_of(data, row[1]))
            conn.execute(
                "UPDATE dossiers SET numero_demande = ?, search_key = ?, updated_at = ? "
                "WHERE id = ?",
                (value, key, now, dossier_id),
            )
            index_search_key(conn, dossier_id, key)
            detail = "officiel -> officiel" if already else "local -> officiel"
            self._log(conn, dossier_id, "numero_officiel", detail, now)

    def create_renewal_from(
        self, parent_id: int, *, consent: ConsentTerms | None = None
    ) -> int:
        """A new draft of the procedure that renews a title (the one whose file has a
        `[renewal_from]` table) prepared from dossier `parent_id` (any procedure, any state):
        its profile holds the parent's answers of the roles that table lists (état civil,
        address, e-mail, N° étranger; see `filing.renewal_profile_from`), and its steps'
        drafts those of the other roles listed (the phone: `filing.renewal_drafts_from`);
        return its id. StoreError
        (French) when no procedure renews a title or the parent's procedure is gone."""
        # Imported here: the catalogue (pydantic) stays off the store's start-up path.
        from anef_tui.domain.catalogue import CatalogueError, load_catalogue, load_procedure

        with self._reading() as conn:
            row = self._row(conn, parent_id)
            data, _drafts = self._answers(conn, parent_id)
        try:
            targets = [p for p in load_catalogue().values() if p.renewal_from is not None]
            source = load_procedure(row[1])
        except CatalogueError as exc:
            raise StoreError(
                f"Le renouvellement ne peut pas être préparé à partir du dossier n° {parent_id} "
                f": {exc}"
            ) from exc
        if not targets:
            raise StoreError(
                "Aucune procédure ne prépare un renouvellement à partir d'un dossier antérieur."
            )
        target = targets[0]
        assert target.profile is not None  # checked by the catalogue with renewal_from
        profile = renewal_profile_from(data, source, target)
        return self.create(
            target.id,
            applicant_name=row[4] or "",
            answers={target.profile.id: profile},
            drafts=renewal_drafts_from(data, source, target),
            parent_id=parent_id,
            consent=consent,
        )
