"""Pydantic models of the applicant as the ANEF forms describe them.

There is deliberately no medical field anywhere in these models: the procedure forbids giving
any medical information (diagnosis, treatment, medical document) to the préfecture, so the app
never asks for, stores or prints it. Models forbid unknown fields so none can slip in.

Values are kept as typed and normalised by `anef_tui.domain.rules`; a draft may be incomplete,
so most fields default to "". Upper-casing for the PDFs is done by the PDF layer, not here.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Sexe(StrEnum):
    MASCULIN = "Masculin"
    FEMININ = "Féminin"


class SituationFamiliale(StrEnum):
    """« Quelle est votre situation familiale actuelle ? » Values are stored: never rename."""

    CELIBATAIRE = "Célibataire"
    CONCUBIN = "Concubin(ne)"
    DIVORCE = "Divorcé(e)"
    MARIE = "Marié(e)"
    PACSE = "Pacsé(e)"


# Situations that make « Date de début de l'union » and « Pays de l'union » required.
UNION_SITUATIONS: frozenset[SituationFamiliale] = frozenset(
    {SituationFamiliale.MARIE, SituationFamiliale.PACSE}
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Adresse(_Model):
    """ADRESSE block: Numéro de voie, Voie, Complément d'adresse, Code postal, Ville, Pays,
    Code INSEE. Ville and Code postal are required on the form but may be "" in a draft."""

    numero_voie: str = ""
    voie: str = ""
    complement: str = ""
    code_postal: str = ""
    ville: str = ""
    pays: str = "France"
    code_insee: str = ""

    def one_line(self) -> str:
        """The address on one line, in normal case: « 20 rue Nationale 59000 Lille France »."""
        parts = [
            f"{self.numero_voie} {self.voie}",
            self.complement,
            f"{self.code_postal} {self.ville}",
            self.pays,
        ]
        return " ".join(" ".join(part.split()) for part in parts if part.strip())


class Applicant(_Model):
    """ÉTAT CIVIL, ADRESSE and INFORMATIONS DE CONTACT of the applicant."""

    nom_naissance: str = ""
    nom_usage: str = ""
    prenoms: list[str] = Field(default_factory=list)
    sexe: Sexe | None = None
    # JJ/MM/AAAA, or MM/AAAA / AAAA for a first application where only the year is required.
    date_naissance: str = ""
    pays_naissance: str = ""
    lieu_naissance: str = ""
    nationalites: list[str] = Field(default_factory=list)
    n_etranger: str | None = None
    adresse: Adresse = Field(default_factory=Adresse)
    email: str = ""
    telephone: str = ""

    @property
    def premier_prenom(self) -> str:
        return next((p.strip() for p in self.prenoms if p.strip()), "")

    @property
    def display_name(self) -> str:
        """« GUIDE Malade »: birth name upper-cased, then the first prénom; "" when unnamed."""
        return " ".join(
            part for part in (self.nom_naissance.strip().upper(), self.premier_prenom) if part
        )
