"""« Mandat / consentement »: the sheet the applicant signs (issue 24), in plain French —
who, for which démarche, what anef-tui keeps and where, for how long, how to withdraw and
to have the data erased, two signature lines. Every page says it was prepared locally
(`layout`'s footer). `issue_mandate` makes it for a consent, keeps it like the other PDFs
(sealed and exported in an encrypted folder) and records its sha256 with the consent."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from anef_tui.documents import layout
from anef_tui.documents.where import ERASED_ON_SERVER, ON_SERVER
from anef_tui.domain.consent import duration_text, manner_label, until_text

if TYPE_CHECKING:
    from anef_tui.store.consents import Consent
    from anef_tui.store.dossiers import DossierStore

TITLE = "Mandat / consentement"


@dataclass(frozen=True)
class MandateFacts:
    """What the sheet says, read from the consent and the folder."""

    dossier_id: int
    applicant_name: str
    demarche: str  # the procedure's label, from its file
    given_on: date
    valid_until: datetime
    months: int
    manner: str  # a code of assets/consent.toml
    data_dir: str  # as shown to a person
    encrypted: bool
    #: The structure's base on a PostgreSQL server (issue 25), not this desk's folder.
    on_server: bool = False


def mandate_pdf(facts: MandateFacts) -> bytes:
    """The PDF's bytes."""
    pdf = layout.new_document(TITLE, prepared_on=facts.given_on)
    layout.title(pdf, "Mandat et consentement de la personne accompagnée")
    who = facts.applicant_name or "(nom à écrire à la main)"
    layout.label_value(pdf, "Personne accompagnée :", who, bold_value=True)
    layout.label_value(pdf, "Démarche :", facts.demarche, bold_value=True)
    layout.label_value(pdf, "Dossier anef-tui n° :", str(facts.dossier_id))
    layout.label_value(pdf, "Consentement donné le :", layout.fr_date(facts.given_on))
    layout.label_value(
        pdf, "Durée :",
        f"{duration_text(facts.months)}, jusqu'au {until_text(facts.valid_until)}",
        bold_value=True,
    )
    layout.label_value(pdf, "Manière :", manner_label(facts.manner))

    layout.heading(pdf, "Ce que vous acceptez")
    layout.paragraphs(pdf, [
        "Vous demandez à un travailleur social de préparer avec vous, pour vous, la démarche "
        f"« {facts.demarche} » sur le site de l'administration (ANEF). Il le fait avec "
        "l'application anef-tui, sur cet ordinateur.",
        "Vous pouvez refuser : on ne vous refusera pas d'aide pour autant.",
    ])
    layout.heading(pdf, "Ce que l'application garde, et où")
    layout.bullets(pdf, [
        "Vos réponses aux questions de la démarche (état civil, adresse, situation, "
        "coordonnées) et les documents que vous confiez (copies numérisées).",
        "Le suivi de la demande : les notifications de l'administration, les dates à "
        "respecter.",
        ON_SERVER if facts.on_server else
        f"Tout est gardé sur cet ordinateur seulement, dans le dossier « {facts.data_dir} », "
        "rien n'est envoyé ailleurs par l'application."
        + (" Ces données sont chiffrées : sans la phrase secrète, on ne peut pas les lire."
           if facts.encrypted else ""),
    ])
    layout.heading(pdf, "Pour combien de temps")
    layout.paragraph(pdf, (
        f"Ce consentement vaut {duration_text(facts.months)}, jusqu'au "
        f"{until_text(facts.valid_until)}. Après cette date, le dossier ne peut plus "
        "être modifié : il reste lisible, et vous pouvez redonner votre accord pour continuer."
    ))
    layout.heading(pdf, "Retirer votre consentement, faire effacer vos données")
    layout.paragraphs(pdf, [
        "Vous pouvez retirer votre consentement à tout moment, sans donner de raison : "
        "dites-le au travailleur social. Dès ce moment, le dossier ne peut plus être modifié.",
        "Vous pouvez aussi demander que vos données soient effacées : le travailleur social "
        "utilise alors « Effacer cette personne », qui supprime vos réponses, vos documents, "
        + (ERASED_ON_SERVER if facts.on_server else
           "le suivi et les PDF faits pour vous sur cet ordinateur, y compris dans ses "
           "sauvegardes ; ")
        + "le journal garde seulement une ligne disant qu'une personne a été effacée, sans "
        "votre nom.",
        "Vous pouvez demander à tout moment ce que l'application garde sur vous : le "
        "travailleur social vous remet le document « Ce que anef-tui sait de vous ».",
        "Ce que vous avez déjà déposé sur le site de l'administration n'est pas effacé par "
        "anef-tui : cela relève de l'administration.",
    ])
    layout.heading(pdf, "Signatures")
    layout.paragraph(pdf, "Fait le ...................................... à "
                          "......................................")
    layout.space(pdf, 4)
    layout.paragraph(pdf, "La personne accompagnée (nom et signature) :")
    layout.space(pdf, 18)
    layout.paragraph(pdf, "Le travailleur social (nom, structure et signature) :")
    layout.space(pdf, 18)
    return layout.to_bytes(pdf)


def mandate_filename(dossier_id: int, applicant_name: str) -> str:
    """« mandat-0001-GUIDE-Malade.pdf » (a new consent's sheet replaces the earlier one's:
    each consent keeps the hash of its own)."""
    from anef_tui.documents import ascii_slug

    slug = ascii_slug(applicant_name)
    return f"mandat-{dossier_id:04d}" + (f"-{slug}" if slug else "") + ".pdf"


def _mandate(store: DossierStore, consent: Consent, demarche: str) -> tuple[str, bytes]:
    """The sheet for `consent`: its file name and bytes, made in memory."""
    from anef_tui.display import display_path

    record = store.get(consent.dossier_id)
    facts = MandateFacts(
        dossier_id=consent.dossier_id,
        applicant_name=record.summary.applicant_name,
        demarche=demarche,
        given_on=consent.given_at.date(),
        valid_until=consent.valid_until,
        months=consent.months,
        manner=consent.manner,
        data_dir=display_path(store.data_dir),
        encrypted=store.database.key is not None,
        on_server=getattr(store.database, "on_server", False),
    )
    return mandate_filename(consent.dossier_id, facts.applicant_name), mandate_pdf(facts)


def issue_mandate(store: DossierStore, consent: Consent, demarche: str) -> Path:
    """Make the sheet for `consent`, keep it (`store.exports.keep_document`: sealed and
    exported in an encrypted folder), record its sha256; return the path to print."""
    from anef_tui.store.consents import ConsentStore
    from anef_tui.store.exports import keep_document
    from anef_tui.store.journal.documents import record_pdf

    name, data = _mandate(store, consent, demarche)
    path = keep_document(store.data_dir, name, data, store.database.key, store.database)
    ConsentStore(store.database).set_mandate(consent.id, hashlib.sha256(data).hexdigest())
    # « PDF préparé », and « exporté en clair » when the folder is encrypted (keep_document
    # wrote the plain copy to print into exports/).
    record_pdf(store.database, consent.dossier_id, "mandat", data,
               exported=store.database.key is not None)
    return path


def mandate_for_browser(store: DossierStore, consent: Consent,
                        demarche: str) -> tuple[str, bytes]:
    """A served app's (issue 26): the sheet made, kept and its sha256 recorded as
    `issue_mandate` does, never exported (the browser gets it: « PDF envoyé au
    navigateur » in the journal); its file name and bytes."""
    from anef_tui.store.consents import ConsentStore
    from anef_tui.store.exports import keep_only
    from anef_tui.store.journal.documents import record_pdf

    name, data = _mandate(store, consent, demarche)
    keep_only(store.data_dir, name, data, store.database.key, store.database)
    ConsentStore(store.database).set_mandate(consent.id, hashlib.sha256(data).hexdigest())
    record_pdf(store.database, consent.dossier_id, "mandat", data, exported=False,
               delivered=True)
    return name, data
