"""« CONFIRMATION DU DÉPÔT … »: the receipt the ANEF site gives once a demand is filed.

Layout and wording follow the seeds (renewal: seed 000, « CONFIRMATION DU DÉPÔT D'UNE DEMANDE
DE RENOUVELLEMENT DE TITRE DE SÉJOUR »; first application: seed 002, « CONFIRMATION DU DÉPÔT
D'UNE PRÉ-DEMANDE »): the title, « VOS RÉFÉRENCES : » (Identifiant (N° étranger), N° de la
demande, DATE D'ÉMISSION), the état civil and address in upper case, then the body
paragraphs. Every string comes from the procedure catalogue. The first application has no
N° étranger yet: its « Identifiant (N° étranger) : » is printed empty, as in seed 002.

Address: the seed 002 example prints « 20 RUE NATIONALE 59800 LILLE FRANCE » (seed 000 repeats
street and town, a quirk of the site that is not reproduced): « Adresse », then « Complément
d'adresse », « Code postal Ville », « Pays », each part skipped when already printed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from anef_tui.documents import layout
from anef_tui.domain import roles

if TYPE_CHECKING:
    from anef_tui.domain.catalogue import Procedure
    from anef_tui.store.dossiers import DossierRecord

_T = TypeVar("_T")

#: The labels of the PDF, keyed as `confirmation_labels` in the procedure file: the three
#: references, then the roles of the fields printed (`anef_tui.domain.roles`).
DEFAULT_LABELS: dict[str, str] = {
    "identifiant": "Identifiant (N° étranger) :",
    "numero_demande": "N° de la demande :",
    "date_emission": "DATE D'ÉMISSION :",
    roles.NOM: "Nom de naissance :",
    roles.NOM_USAGE: "Nom d'usage :",
    roles.PRENOMS: "Prénom :",
    roles.DATE_NAISSANCE: "Né(e) le :",
    roles.LIEU_NAISSANCE: "A :",
    roles.NATIONALITE: "Nationalité :",
    roles.ADRESSE: "Adresse :",
}


#: The roles whose fields make each row of the état civil (a row is printed when the
#: procedure has a field of one of them).
ROW_ROLES: dict[str, tuple[str, ...]] = {
    roles.NOM: (roles.NOM,),
    roles.NOM_USAGE: (roles.NOM_USAGE,),
    roles.PRENOMS: (roles.PRENOMS,),
    roles.DATE_NAISSANCE: (roles.DATE_NAISSANCE,),
    roles.LIEU_NAISSANCE: (roles.LIEU_NAISSANCE, roles.PAYS_NAISSANCE),
    roles.NATIONALITE: (roles.NATIONALITE,),
    roles.ADRESSE: (roles.ADRESSE, roles.NUMERO_VOIE, roles.VOIE, roles.COMPLEMENT_ADRESSE,
                    roles.CODE_POSTAL, roles.VILLE, roles.PAYS),
}


def reference_label(procedure: Procedure, key: str) -> str:
    """A label of the confirmation (« N° de la demande : »): the procedure's own
    (`[confirmation_labels]`), else the seed's. The screens that show a filed dossier's
    references use it too: the same words as its PDF."""
    return procedure.confirmation_labels.get(key) or DEFAULT_LABELS[key]


def _text(value: Any) -> str:
    """A stored answer as one line: lists joined by « , », booleans and None dropped."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(t for t in (_text(v) for v in value) if t)
    return " ".join(str(value).split())


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def profile_values(procedure: Procedure, record: DossierRecord) -> dict[str, Any]:
    """The applicant profile's saved answers (renewal: « Mon titre actuel »), or {}."""
    profile = getattr(procedure, "profile", None)
    values = record.answers.get(profile.id) if profile is not None else None
    return values if isinstance(values, dict) else {}


def identity(procedure: Procedure, record: DossierRecord) -> dict[str, Any]:
    """The applicant's état civil and address, by role (`roles.value`: the step's saved
    answers over the profile's, a read-only copy of the profile always the profile's value,
    as on the site). Roles without a value are left out."""
    out: dict[str, Any] = {}
    for role in roles.FIELD_ROLES:
        value = roles.value(procedure, record.answers, role)
        if not _empty(value):
            out[role] = value
    return out


def birth_date(value: Any) -> str:
    """« 03/10/2000 » as stored; an ISO date « 2000-10-03 » becomes « 03/10/2000 »."""
    text = _text(value)
    try:
        return layout.fr_date(date.fromisoformat(text))
    except ValueError:
        return text


def nationality(values: dict[str, Any]) -> str:
    """Upper-case adjective(s): « MEXICAINE » (first application: every nationality)."""
    return _text(values.get(roles.NATIONALITE)).upper()


def birth_place(values: dict[str, Any]) -> str:
    """« MEXICO, MEXIQUE »."""
    parts = [_text(values.get(roles.LIEU_NAISSANCE)), _text(values.get(roles.PAYS_NAISSANCE))]
    return ", ".join(p for p in parts if p).upper()


def address(values: dict[str, Any]) -> str:
    """« 20 RUE NATIONALE 59000 LILLE FRANCE »."""
    street = _text(values.get(roles.ADRESSE)) or " ".join(
        p for p in (_text(values.get(roles.NUMERO_VOIE)), _text(values.get(roles.VOIE))) if p
    )
    town = " ".join(
        p for p in (_text(values.get(roles.CODE_POSTAL)), _text(values.get(roles.VILLE))) if p
    )
    out: list[str] = []
    complement = _text(values.get(roles.COMPLEMENT_ADRESSE))
    for part in (street, complement, town, _text(values.get(roles.PAYS))):
        if part and part.casefold() not in " ".join(out).casefold():
            out.append(part)
    return " ".join(out).upper()


def filing_date(record: DossierRecord, fallback: _T) -> date | _T:
    filed_at = record.summary.filed_at
    if filed_at:
        try:
            return datetime.fromisoformat(filed_at).date()
        except ValueError:
            pass
    return fallback


def email_lines(procedure: Procedure, record: DossierRecord) -> list[str]:
    """The confirmation e-mail the site sends once the demand is filed, with the applicant's
    name as the seeds print it. The procedure's text says how: « {prenom} » as typed,
    « {PRENOM} » in capitals (renewal: « Bonjour MALADE GUIDE, »), « {nom} » in capitals."""
    values = identity(procedure, record)
    prenoms = values.get(roles.PRENOMS)
    first = prenoms[0] if isinstance(prenoms, list) and prenoms else prenoms
    prenom = _text(first)
    nom = _text(values.get(roles.NOM)).upper()
    return [
        " ".join(
            line.replace("{PRENOM}", prenom.upper()).replace("{prenom}", prenom)
            .replace("{nom}", nom).split()
        ).replace(" ,", ",")
        for line in procedure.email_text
    ]


def confirmation_pdf(procedure: Procedure, record: DossierRecord, *, issued: date) -> bytes:
    """The confirmation of a filed dossier; ValueError (French) for a draft."""
    if record.summary.status.editable or not record.summary.numero_demande:
        raise ValueError(
            f"Le dossier n° {record.id} n'est pas encore déposé : la confirmation de dépôt "
            "n'existe qu'une fois la demande déposée et son N° de la demande enregistré."
        )
    labels = {key: reference_label(procedure, key) for key in DEFAULT_LABELS}
    values = identity(procedure, record)
    # A procedure with no field of role « n_etranger » (a first application: none before the
    # pre-demand is accepted) prints « Identifiant (N° étranger) : » empty.
    n_etranger = _text(values.get(roles.N_ETRANGER))

    pdf = layout.new_document(procedure.confirmation_title, prepared_on=issued)
    layout.title(pdf, procedure.confirmation_title)

    layout.paragraph(pdf, procedure.confirmation_references_title, bold=True, after=1)
    for key, value in (
        ("identifiant", n_etranger),
        ("numero_demande", record.summary.numero_demande or ""),
        # The guide prints the filing date here (« DATE D'ÉMISSION : 04/10/2023 », the day
        # of « Le 04/10/2023, vous avez déposé… »), not the day the PDF is printed.
        ("date_emission", layout.fr_date(filing_date(record, issued))),
    ):
        layout.label_value(pdf, labels[key], value, bold_value=True)
    layout.space(pdf, layout.LINE_H)

    for key, value in (
        (roles.NOM, _text(values.get(roles.NOM)).upper()),
        (roles.NOM_USAGE, _text(values.get(roles.NOM_USAGE)).upper()),
        (roles.PRENOMS, _text(values.get(roles.PRENOMS)).upper()),
        (roles.DATE_NAISSANCE, birth_date(values.get(roles.DATE_NAISSANCE))),
        (roles.LIEU_NAISSANCE, birth_place(values)),
        (roles.NATIONALITE, nationality(values)),
        (roles.ADRESSE, address(values)),
    ):
        # A row for what the procedure asks only: one without a place of birth or a
        # nationality prints no empty « A : » or « Nationalité : » (an empty « Nom d'usage : »
        # of a procedure that asks it stays, as in the seed).
        if any(roles.has(procedure, role) for role in ROW_ROLES[key]):
            layout.label_value(pdf, labels[key], value, bold_value=True)
    layout.space(pdf, 2 * layout.LINE_H)

    on = layout.fr_date(filing_date(record, issued))
    for text in procedure.confirmation_body:
        layout.paragraph(pdf, text.replace("{date}", on), after=3)
    return layout.to_bytes(pdf)


def notification_values(procedure: Procedure, record: DossierRecord) -> dict[str, str]:
    """What a notification's texts cite of the dossier, in every front end: the name as the
    ANEF writes it in the personal space (« MALADE Guide »: first prénom upper case, nom
    capitalised), the N° de la demande, the filing date JJ/MM/AAAA."""
    values = identity(procedure, record)
    prenoms = values.get(roles.PRENOMS)
    first = prenoms[0] if isinstance(prenoms, list) and prenoms else prenoms
    nom = values.get(roles.NOM)
    filed = filing_date(record, None) if record.summary.filed_at else None
    shown = filed.strftime("%d/%m/%Y") if filed else ""
    return {
        "prenom": str(first).upper() if first else "",
        "nom": str(nom).title() if nom else "",
        "numero_demande": record.summary.numero_demande or "",
        "depose_le": shown,
        "registered_on": shown,
    }
