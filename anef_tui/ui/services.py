"""What screens use of the outside world, typed: the stores, the catalogue, the clock, the
data directory and the few file helpers screens need.

The App builds one `Services` (`AnefApp.services`); a screen reaches it through its typed
`self.services` property (`ui/screens/guarded.py`), never through an untyped `self.app.store`.
Widgets never touch it: they post messages and their screen calls the stores.

The attachment and follow-up stores are built on first use: their modules (and Pillow,
pypdf… behind them) stay off the first paint (`bench/startup.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.domain.procedure_index import ProcedureRef, procedure_index
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.errors import StoreError
from anef_tui.ui.delivery import TEXT, Handout
from anef_tui.ui.served import served

if TYPE_CHECKING:
    from anef_tui.accounts.session import Session
    from anef_tui.domain.catalogue import Procedure
    from anef_tui.store.attachments import Attachment, AttachmentStore
    from anef_tui.store.consents import ConsentStore
    from anef_tui.store.desks import Desk
    from anef_tui.store.followup import FollowUpStore


class Services:
    """The stores and helpers of one running app (one data directory, one clock)."""

    def __init__(
        self, dossiers: DossierStore, *, clock: Callable[[], datetime] = datetime.now
    ) -> None:
        self.dossiers = dossiers
        self.clock = clock
        #: The light procedure index (id, labels, order): what « Mes dossiers » needs.
        self.index: dict[str, ProcedureRef] = procedure_index()
        self._attachments: AttachmentStore | None = None
        self._followup: FollowUpStore | None = None
        #: The worker logged in when the base has accounts (issue 25), None otherwise.
        self.session: Session | None = None
        #: Served to a browser (issue 26): files go to the browser (`hand_*`), no exports.
        self.served = served()

    @property
    def data_dir(self) -> Path:
        return self.dossiers.data_dir

    @property
    def documents_dir(self) -> Path:
        """Where PDFs are written (`<data dir>/documents/`, owner-only, made on first use)."""
        return self.data_dir / "documents"

    def today(self) -> date:
        return self.clock().date()

    @property
    def attachments(self) -> AttachmentStore:
        """The attachment store (files copied into the data directory)."""
        if self._attachments is None:
            from anef_tui.store.attachments import AttachmentStore

            self._attachments = AttachmentStore(self.dossiers)
        return self._attachments

    @property
    def desk(self) -> Desk:
        """This desk in the base (issue 25): the change feed and who else has a dossier
        open (`store/desks/`)."""
        from anef_tui.store.desks import desk_of

        return desk_of(self.dossiers.database)

    @property
    def consents(self) -> ConsentStore:
        """The applicants' consents (issue 24)."""
        from anef_tui.store.consents import ConsentStore

        return ConsentStore(self.dossiers.database)

    def issue_mandate(self, dossier_id: int) -> Path:
        """The « Mandat / consentement » PDF of the dossier's latest consent, kept like the
        other PDFs, its hash recorded; the path to print. Called from worker threads."""
        from anef_tui.documents.mandat import issue_mandate

        consent = self.consents.current(dossier_id)
        if consent is None:
            raise StoreError("Ce dossier n'a pas de consentement enregistré.")
        ref = procedure_index().get(consent.procedure)
        label = ref.short_label if ref is not None else consent.procedure
        return issue_mandate(self.dossiers, consent, label)

    @property
    def followup(self) -> FollowUpStore:
        """Notifications, complément answers, certificate checklist, deadlines."""
        if self._followup is None:
            from anef_tui.store.followup import FollowUpStore

            self._followup = FollowUpStore(self.dossiers)
        return self._followup

    @property
    def catalogue(self) -> dict[str, Procedure]:
        """The full, validated catalogue (loaded once; cached by the domain)."""
        from anef_tui.domain.catalogue import load_catalogue

        return load_catalogue()

    def procedure_of(self, dossier_id: int) -> Procedure:
        """The procedure a dossier follows (KeyError if its file is no longer found)."""
        return self.catalogue[self.dossiers.get(dossier_id).summary.procedure]

    # -- files --------------------------------------------------------------------------
    def last_folder(self) -> Path:
        """Where the file picker starts: the last folder used, else the home folder. In an
        encrypted folder it is kept in memory only (a folder's name may name a person, and
        preferences.json is plain): the picker starts at home at each start."""
        from anef_tui.preferences import load_preferences

        if self.encrypted:
            folder = getattr(self, "_last_folder", None)
        else:
            folder = load_preferences(self.data_dir).get("last_folder")
        # A hand-edited or damaged preferences file may hold anything (`123`, a list, NUL).
        try:
            path = Path(folder) if isinstance(folder, str) and folder else Path.home()
            return path if path.is_dir() else Path.home()
        except (OSError, ValueError):
            return Path.home()

    def remember_folder(self, folder: Path) -> None:
        """Best effort: a full disk must not stop the file from being attached."""
        from anef_tui.preferences import save_preference

        if self.encrypted:  # never written in plain: see last_folder
            self._last_folder = str(folder)
            return
        try:
            save_preference(self.data_dir, "last_folder", str(folder))
        except (OSError, ValueError, TypeError):
            pass

    @property
    def encrypted(self) -> bool:
        """Whether the data folder is encrypted (an unlocked vault, issue 23)."""
        return self.dossiers.database.key is not None

    @property
    def files_exportable(self) -> bool:
        """Whether an attached file offers « Exporter »: in an encrypted folder (a copy in
        plain to upload), and whenever served (issue 26: the stored copy is on the server,
        out of the browser user's reach; it is sent to the browser)."""
        return self.encrypted or self.served

    @property
    def pdf_saved(self) -> str:
        """What a PDF made says: « PDF enregistré », or « PDF exporté en clair » where the
        folder is encrypted (the path shown is then the export's)."""
        return "PDF exporté en clair" if self.encrypted else "PDF enregistré"

    def list_saved(self) -> str:
        """« Liste des pièces justificatives enregistrée » (« exportée en clair »)."""
        return "Liste des pièces justificatives " + (
            "exportée en clair" if self.encrypted else "enregistrée")

    def export_attachment(self, attachment: Attachment) -> Path:
        """A copy in plain of an attached file in `<data dir>/exports/` (an encrypted folder:
        a scan to upload to the ANEF site); its path. In a plain folder, the stored copy
        itself is already readable: its path."""
        key = self.dossiers.database.key
        from anef_tui.store.exports import export_bytes, export_stored
        from anef_tui.store.journal.documents import record_file_export

        if self.attachments.in_base:  # a server's base (issue 25): unsealed from the base
            exported = export_bytes(self.data_dir, attachment.original_name,
                                    self.attachments.read_bytes(attachment))
            record_file_export(self.dossiers.database, attachment.dossier_id,
                               attachment.slot_id, attachment.sha256, attachment.size)
            return exported
        path = self.attachments.path_of(attachment)
        if key is None:
            return path
        exported = export_stored(self.data_dir, path, attachment.original_name, key)
        record_file_export(self.dossiers.database, attachment.dossier_id, attachment.slot_id,
                           attachment.sha256, attachment.size)
        return exported

    def save_pdf(self, kind: str, dossier_id: int) -> Path:
        """Make a PDF of the dossier into `<data dir>/documents/` (owner-only); return the
        path to open (in an encrypted folder, its plain export: see `write_document`).

        Called from worker threads: fpdf is imported there, never at start-up.
        """
        name, data = self._pdf(kind, dossier_id)
        return self.write_document(name, data, dossier_id=dossier_id, kind=kind)

    def _pdf(self, kind: str, dossier_id: int) -> tuple[str, bytes]:
        from anef_tui.documents import default_filename, make_pdf

        record = self.dossiers.get(dossier_id)
        procedure = self.catalogue[record.summary.procedure]
        data = make_pdf(
            kind, procedure, record, self.attachments.list(dossier_id), today=self.today(),
        )
        return default_filename(kind, record), data

    def make_donnees(self, dossier_id: int) -> Path:
        """« Ce que anef-tui sait de vous » for the dossier's applicant: kept like the other
        PDFs, always exported to `<data dir>/exports/` (it is handed over), journalled; the
        export's path. Called from worker threads."""
        from anef_tui.documents.donnees import issue_donnees

        return issue_donnees(self.dossiers, dossier_id, now=self.clock())

    def write_document(self, name: str, data: bytes, *, dossier_id: int | None = None,
                       kind: str = "") -> Path:
        """Keep `data` as `<data dir>/documents/<name>` (0600, replaced whole) and return
        the path to open: that file in a plain folder; in an encrypted one it is kept
        encrypted and exported in plain to `<data dir>/exports/` (`store.exports`). The
        dossier's journal says so (`kind`: the document's), when `dossier_id` is given."""
        from anef_tui.store.exports import keep_document
        from anef_tui.store.journal.documents import record_pdf

        database = self.dossiers.database
        path = keep_document(self.data_dir, name, data, database.key, database)
        if dossier_id is not None:
            record_pdf(database, dossier_id, kind, data, exported=database.key is not None)
        return path

    # -- files handed to the user: a path on a desk, the browser's when served (issue 26) --
    def hand_pdf(self, kind: str, dossier_id: int) -> Handout:
        """`save_pdf`'s PDF, handed over: served, kept (never exported) and its bytes for
        the browser. Called from worker threads."""
        if not self.served:
            return Handout.on_disk(self.save_pdf(kind, dossier_id))
        name, data = self._pdf(kind, dossier_id)
        return self.hand_document(name, data, dossier_id=dossier_id, kind=kind)

    def hand_document(self, name: str, data: bytes, *, dossier_id: int | None = None,
                      kind: str = "") -> Handout:
        """`write_document`, handed over: served, kept as it keeps it (plain in a plain
        folder, sealed in an encrypted one or in a server's base), no plain export, the
        journal saying « PDF envoyé au navigateur »."""
        if not self.served:
            return Handout.on_disk(self.write_document(name, data, dossier_id=dossier_id,
                                                       kind=kind))
        from anef_tui.store.exports import keep_only
        from anef_tui.store.journal.documents import record_pdf

        database = self.dossiers.database
        keep_only(self.data_dir, name, data, database.key, database)
        if dossier_id is not None:
            record_pdf(database, dossier_id, kind, data, exported=False, delivered=True)
        return Handout.for_browser(name, data)

    def hand_donnees(self, dossier_id: int) -> Handout:
        """« Ce que anef-tui sait de vous » (`make_donnees`), handed over."""
        if not self.served:
            return Handout.on_disk(self.make_donnees(dossier_id))
        from anef_tui.documents.donnees import donnees_for_browser

        return Handout.for_browser(*donnees_for_browser(self.dossiers, dossier_id,
                                                        now=self.clock()))

    def hand_mandate(self, dossier_id: int) -> Handout:
        """The « Mandat / consentement » PDF (`issue_mandate`), handed over."""
        if not self.served:
            return Handout.on_disk(self.issue_mandate(dossier_id))
        from anef_tui.documents.mandat import mandate_for_browser

        consent = self.consents.current(dossier_id)
        if consent is None:
            raise StoreError("Ce dossier n'a pas de consentement enregistré.")
        ref = procedure_index().get(consent.procedure)
        label = ref.short_label if ref is not None else consent.procedure
        return Handout.for_browser(*mandate_for_browser(self.dossiers, consent, label))

    def hand_attachment(self, attachment: Attachment) -> Handout:
        """An attached file (« Exporter »): on a desk, its plain copy (`export_attachment`);
        served, the stored copy's bytes (unsealed in memory), journalled « Fichier envoyé
        au navigateur »."""
        if not self.served:
            return Handout.on_disk(self.export_attachment(attachment))
        from anef_tui.store.journal.documents import record_file_export

        data = self.attachments.read_bytes(attachment)
        record_file_export(self.dossiers.database, attachment.dossier_id, attachment.slot_id,
                           attachment.sha256, attachment.size, delivered=True)
        return Handout.for_browser(attachment.original_name, data,
                                   mime_type=_mime_of(attachment.original_name),
                                   what="Fichier")

    def hand_journal(self, dossier_id: int) -> Handout:
        """The dossier's journal as text (« Exporter le journal »), handed over."""
        from anef_tui.store.journal import export_journal

        if not self.served:
            return Handout.on_disk(export_journal(self.dossiers.database, dossier_id))
        from anef_tui.store.journal.reading import journal_for_browser

        name, data = journal_for_browser(self.dossiers.database, dossier_id)
        return Handout.for_browser(name, data, mime_type=TEXT, what="Journal")


def _mime_of(name: str) -> str:
    import mimetypes

    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def services_of(app: object) -> Services:
    """The services of the running app (`AnefApp.services`), typed."""
    found = getattr(app, "services", None)
    if not isinstance(found, Services):
        raise TypeError("this app has no anef-tui services")
    return found
