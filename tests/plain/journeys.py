"""The lines a person types for whole journeys in the plain mode (one answer per line)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image


def scan(path: Path) -> Path:
    Image.new("RGB", (1240, 1754), (220, 220, 220)).save(path, "PNG")
    return path


PROFILE = [
    "5903007229",  # N° étranger
    "9999999999",  # N° du titre
    "5/10/2022",
    "04/10/2023",
    "GUIDE",  # nom de naissance
    "",  # nom d'usage
    "Malade",  # prénom(s)
    "1",  # Masculin
    "3/10/2000",
    "Mexique",
    "Mexico",
    "mexicaine",
    "20 rue Nationale",
    "20",
    "rue Nationale",
    "",  # complément d'adresse
    "59000",
    "Lille",
    "",  # pays
    "",  # code INSEE
    "guideem@yopmail.com",
    "guideem@yopmail.com",
]


def renewal(domicile: Path, residence: Path) -> list[str]:
    """« nouveau » on « Mes dossiers » to the filed renewal, back on « Mes dossiers »."""
    return [
        "nouveau",
        "1",  # Renouvellement
        "",  # no name: the état civil gives it
        "",  # the consent: the file's defaults (issue 24)
        *PROFILE,
        "1",  # pour qui : moi-même
        "1",  # je sollicite le renouvellement
        "",  # préambule : je commence
        # Étape 1: état civil read-only; the address is kept as it is (8 × Entrée).
        *[""] * 8,
        "01 02 03 04 05",  # téléphone
        "1",  # situation familiale : célibataire
        "non",  # enfants à charge
        "oui",  # attestation polygamie
        "1",  # attestation sanctions
        "1234567890123456789012",
        "1234 5678 9012 3456 7890 12",
        "",  # the optional document (nationalité)
        str(domicile),
        "",
        str(residence),
        "",
        "Mon adresse n'a pas changé.",  # observations
        "1",  # Déposer la demande
        "oui",  # confirmed
        "5",  # Retour à Mes dossiers
    ]


def first_application(passport: Path, domicile: Path, residence: Path) -> list[str]:
    """« nouveau » → a filed first application, back on « Mes dossiers »."""
    return [
        "nouveau",
        "2",  # Première demande
        "Okafor",
        "",  # the consent: the file's defaults (issue 24)
        "okafor@yopmail.com",  # Mon compte
        "okafor@yopmail.com",
        "1",  # profil : pour moi-même
        "3",  # Votre situation : the health one
        # Étape 2: état civil
        "OKAFOR", "", "Chinedu, Emeka", "1", "1990", "Nigeria", "Lagos", "nigériane",
        "3 rue de la Paix", "3", "rue de la Paix", "", "75002", "Paris", "", "",
        "06 12 34 56 78",
        # Étape 3: motif
        "01/02/2020", "1", "2", "1", "1",
        # Étape 4: justificatifs
        "1234567890123456789012", "1234567890123456789012",
        str(passport), "", str(passport), "", "",
        str(domicile), "", str(residence), "",
        "",  # observations
        "1", "1",  # Déposer la demande, confirmed
        "5",
    ]
