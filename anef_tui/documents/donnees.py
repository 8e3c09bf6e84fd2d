"""« Ce que anef-tui sait de vous » (issue 24 item 3): a PDF for the applicant, in plain
French, of everything anef-tui holds about one dossier — who keeps it and where, why (the
démarche, the consent), the answers step by step, the files kept (names, sizes, dates; not
their content), the notifications, the deadlines, the consents, the journal — then their
rights. The whole document is the app's: it says so at the top, and every page says it was
prepared locally (`layout`'s footer). No tables: headings, « label : value » lines and
bulleted lists, read in order by a screen reader.

Linked dossiers (the one this dossier renews, those renewed from it) are named, not
included: each has its own document, as each has its own consent and its own erasure.

`issue_donnees` makes it, keeps it like the other PDFs (sealed in an encrypted folder) and
always exports it to `<data>/exports` (it is made to be handed over); the journal says so.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from anef_tui.documents import layout
from anef_tui.documents.donnees_facts import DEMO, ENCRYPTED, SERVER, Block, Facts, gather
from anef_tui.documents.where import ON_SERVER, deleted_from

if TYPE_CHECKING:
    from pathlib import Path

    from fpdf import FPDF

    from anef_tui.store.dossiers import DossierStore

TITLE = "Ce que anef-tui sait de vous"
#: The heading of this desk's own journal entries, after the imported part's.
OWN_JOURNAL = "Journal de ce poste"
#: The document's kind: its file name's first word, its code in the journal.
KIND = "donnees"
NOTHING = "Rien n'est enregistré."


def _blocks(pdf: FPDF, blocks: list[Block], empty: str = NOTHING) -> None:
    if not blocks:
        layout.paragraph(pdf, empty)
    for block in blocks:
        layout.subheading(pdf, block.title)
        if block.note:
            layout.paragraph(pdf, block.note, grey=True, after=0.5)
        for label, value in block.pairs:
            layout.label_value(pdf, label, value, bold_value=True)
        layout.space(pdf, 1)


def _list(pdf: FPDF, items: list[str], empty: str = NOTHING) -> None:
    if items:
        layout.bullets(pdf, items)
    else:
        layout.paragraph(pdf, empty)


def _where(facts: Facts) -> str:
    if facts.folder == SERVER:
        return ON_SERVER
    where = (f"Tout est gardé sur cet ordinateur seulement, dans le dossier "
             f"« {facts.data_dir} ». L'application n'envoie rien ailleurs.")
    if facts.folder == ENCRYPTED:
        return where + (" Ces données sont chiffrées : sans la phrase secrète du travailleur "
                        "social, on ne peut pas les lire.")
    if facts.folder == DEMO:
        return where + (" C'est un dossier de démonstration : ses données ne sont pas "
                        "chiffrées, et ce ne sont pas celles d'une vraie personne.")
    return where + (" Attention : ces données ne sont pas chiffrées. Une personne qui a "
                    "accès à cet ordinateur peut les lire.")


def donnees_pdf(facts: Facts) -> bytes:
    """The PDF's bytes."""
    pdf = layout.new_document(TITLE, prepared_on=facts.prepared_on)
    layout.title(pdf, TITLE)
    layout.paragraph(pdf, (
        "Ce document est fait entièrement par l'application anef-tui, sur cet ordinateur. "
        "Ce n'est pas un document de l'administration. Il dit tout ce que anef-tui garde "
        "sur vous pour ce dossier."), bold=True, after=3)
    layout.label_value(pdf, "Dossier anef-tui n° :", str(facts.dossier_id), bold_value=True)
    layout.label_value(pdf, "Personne :", facts.applicant_name or "(pas de nom enregistré)",
                       bold_value=True)
    layout.label_value(pdf, "Démarche :", facts.demarche)
    layout.label_value(pdf, "État du dossier :", facts.state)
    if facts.numero:
        layout.label_value(pdf, "Numéro de la demande :", facts.numero)
    if facts.filed_on:
        layout.label_value(pdf, "Déposée le :", facts.filed_on)
    layout.label_value(pdf, "Document fait le :", layout.fr_date(facts.prepared_on))

    on_server = facts.folder == SERVER
    layout.heading(pdf, "Qui garde ces données")
    layout.paragraph(pdf, (
        "Les travailleurs sociaux de la structure qui vous accompagne, dans la base de la "
        "structure, avec l'application anef-tui. anef-tui ne note pas le nom de la "
        "structure : on peut l'écrire ici.") if on_server else (
        "Le travailleur social qui vous accompagne, sur cet ordinateur, avec l'application "
        "anef-tui. anef-tui ne note pas le nom de sa structure : il peut l'écrire ici."))
    layout.label_value(pdf, "Structure :", "........................................"
                                           "......................")
    layout.label_value(pdf, "Document fait par :", facts.prepared_by)
    if facts.workers:
        layout.label_value(pdf, "Travailleurs sociaux notés dans le journal :",
                           ", ".join(facts.workers))

    layout.heading(pdf, "Pourquoi")
    layout.paragraph(pdf, (
        f"Pour préparer avec vous la démarche « {facts.demarche} » sur le site de "
        "l'administration (ANEF), avec votre accord."))
    layout.paragraph(pdf, facts.consent_now, bold=True)
    if facts.linked:
        layout.paragraph(pdf, "Autres dossiers liés à celui-ci "
                              + ("dans la base de la structure" if on_server
                                 else "sur cet ordinateur")
                              + " (chacun a son propre document) :", after=0.5)
        layout.bullets(pdf, facts.linked)

    layout.heading(pdf, "Vos réponses, étape par étape")
    layout.paragraph(pdf, "Les réponses enregistrées, telles qu'elles ont été tapées.",
                     grey=True)
    _blocks(pdf, facts.answers)

    layout.heading(pdf, "Les fichiers gardés")
    layout.paragraph(pdf, "Le nom de chaque fichier, sa taille, la date où il a été ajouté. "
                          "Leur contenu n'est pas recopié ici.", grey=True)
    _list(pdf, facts.files, "Aucun fichier n'est gardé.")

    layout.heading(pdf, "Les notifications enregistrées")
    layout.paragraph(pdf, "Ce que le travailleur social a recopié des messages de "
                          "l'administration.", grey=True)
    _blocks(pdf, facts.notifications, "Aucune notification n'est enregistrée.")

    layout.heading(pdf, "Les dates à respecter")
    _list(pdf, facts.deadlines, "Aucune date à respecter n'est enregistrée.")

    layout.heading(pdf, "Vos consentements")
    _blocks(pdf, facts.consents, "Aucun consentement n'est enregistré.")

    layout.heading(pdf, "Le journal du dossier")
    layout.paragraph(pdf, (
        "Chaque action faite sur votre dossier : la date, l'action, qui l'a faite et avec "
        "quelle partie de l'application. Ce journal ne peut pas être modifié."), grey=True)
    if facts.journal_brought:  # an imported dossier: the other desk's part first
        from anef_tui.store.journal.imported import HEADING

        layout.subheading(pdf, HEADING)
        layout.paragraph(pdf, "Ce que le journal de l'autre bureau, où votre dossier a été "
                              "commencé, disait de votre dossier quand il a été transmis.",
                         grey=True, after=0.5)
        _list(pdf, facts.journal_brought)
        layout.subheading(pdf, OWN_JOURNAL)
    _list(pdf, facts.journal, "Le journal est vide.")

    layout.heading(pdf, "Vos droits")
    layout.bullets(pdf, [
        "Voir ce qui est gardé sur vous : c'est ce document. Vous pouvez le demander "
        "quand vous voulez.",
        "Faire corriger une erreur : dites-le au travailleur social, il corrige le dossier.",
        "Retirer votre consentement, à tout moment et sans donner de raison : le travailleur "
        "social le note, et le dossier ne peut plus être modifié.",
        "Faire tout effacer : le travailleur social peut « Effacer cette personne ». Vos "
        "réponses, vos fichiers et les documents faits pour vous sont alors supprimés "
        f"{deleted_from(on_server)} ; le journal garde seulement une ligne qui dit qu'un effacement a eu "
        "lieu, sans votre nom.",
        "Ce que vous avez déjà déposé sur le site de l'administration n'est pas effacé par "
        "anef-tui : cela relève de l'administration.",
    ])

    layout.heading(pdf, "Où sont ces données")
    layout.paragraph(pdf, _where(facts))
    return layout.to_bytes(pdf)


def donnees_filename(dossier_id: int, applicant_name: str) -> str:
    """« donnees-0001-GUIDE-Malade.pdf » (kept encrypted as « donnees-0001.pdf »)."""
    from anef_tui.documents import ascii_slug

    slug = ascii_slug(applicant_name)
    return f"{KIND}-{dossier_id:04d}" + (f"-{slug}" if slug else "") + ".pdf"


def prepare_donnees(store: DossierStore, dossier_id: int, *, now: datetime) -> tuple[str, bytes]:
    """The document's file name and bytes, made in memory (nothing kept, nothing said)."""
    facts = gather(store, dossier_id, now=now)
    return donnees_filename(dossier_id, facts.applicant_name), donnees_pdf(facts)


def issue_donnees(store: DossierStore, dossier_id: int, *, now: datetime) -> Path:
    """Make the document, keep it (`keep_document`: sealed in an encrypted folder), export
    it to `<data>/exports` and journal « PDF préparé » and « PDF exporté en clair »; the
    export's path, to hand over. DossierGone, StoreError, OSError for the caller to say."""
    from anef_tui.store.exports import export_bytes, keep_document
    from anef_tui.store.journal.documents import record_pdf

    name, data = prepare_donnees(store, dossier_id, now=now)
    key = store.database.key
    kept = keep_document(store.data_dir, name, data, key, store.database)
    # An encrypted folder's keep_document exported it already; a plain one's kept it only.
    exported = kept if key is not None else export_bytes(store.data_dir, name, data)
    record_pdf(store.database, dossier_id, KIND, data, exported=True)
    return exported


def donnees_for_browser(store: DossierStore, dossier_id: int, *,
                        now: datetime) -> tuple[str, bytes]:
    """A served app's (issue 26): made and kept as `issue_donnees` does, but not exported
    (the browser gets it); journalled « PDF préparé » and « PDF envoyé au navigateur »; its
    file name and bytes."""
    from anef_tui.store.exports import keep_only
    from anef_tui.store.journal.documents import record_pdf

    name, data = prepare_donnees(store, dossier_id, now=now)
    keep_only(store.data_dir, name, data, store.database.key, store.database)
    record_pdf(store.database, dossier_id, KIND, data, exported=False, delivered=True)
    return name, data
