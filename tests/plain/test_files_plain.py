"""Files in the plain mode as in the full-screen slots: a photo refused only for its format
offered a conversion, several photos assembled into one PDF, a scan's low resolution read
out, and the renewal's notice to declare a change of address first — through the real entry
point."""

from __future__ import annotations

from PIL import Image

from anef_tui.store.attachments import AttachmentStore
from anef_tui.store.dossiers import DossierStore
from tests.conftest import frozen_clock
from tests.plain.helpers import plain
from tests.plain.journeys import renewal, scan

DOMICILE = "Justificatif de domicile datant de moins de 6 mois"


def _files(data_dir):
    store = DossierStore(data_dir, clock=frozen_clock)
    [row] = store.list()
    files = AttachmentStore(store).list(row.id)
    store.close()
    return files


def _to_domicile(tmp_path, domicile):
    """The renewal's lines up to the domicile slot's path, included."""
    lines = renewal(domicile, scan(tmp_path / "recepisse.png"))
    return lines[: lines.index(str(domicile)) + 1]


def photo(path, size=(1240, 1754), fmt="PNG"):
    Image.new("RGB", size, (200, 210, 220)).save(path, fmt)
    return path


def test_a_webp_photo_is_offered_a_conversion_and_the_jpeg_attached(data_dir, tmp_path):
    webp = photo(tmp_path / "facture.webp", fmt="WEBP")
    out = plain(data_dir, [*_to_domicile(tmp_path, webp), "1", ":quitter", ":quitter"])
    assert ("« facture.webp » peut être converti en JPEG accepté par l'ANEF. L'original ne "
            "sera pas modifié. Convertir et joindre la copie ?\n1. Oui  2. Non\n") in out
    assert "« facture.webp » converti en JPEG et joint." in out
    assert f"Fichier « facture.jpg » joint à « {DOMICILE} »." in out
    [kept] = _files(data_dir)
    assert kept.slot_id and kept.format == "jpeg" and kept.original_name == "facture.jpg"
    assert webp.read_bytes()[:4] == b"RIFF"  # the original untouched
    assert not [p for p in data_dir.iterdir() if p.name.startswith("tmp-")]


def test_a_conversion_refused_attaches_nothing(data_dir, tmp_path):
    webp = photo(tmp_path / "facture.webp", fmt="WEBP")
    out = plain(data_dir, [*_to_domicile(tmp_path, webp), "2", ":quitter", ":quitter"])
    assert "Convertir et joindre la copie ?" in out
    assert "Rien n'est converti ni joint." in out
    assert _files(data_dir) == []


def test_a_file_no_conversion_fixes_is_not_offered_one(data_dir, tmp_path):
    text = tmp_path / "facture.pdf"
    text.write_text("pas un PDF")
    out = plain(data_dir, [*_to_domicile(tmp_path, text), "", ":quitter", ":quitter"])
    assert "Convertir" not in out
    assert _files(data_dir) == []


def test_photos_assembled_into_one_pdf_attached_to_the_slot(data_dir, tmp_path):
    first, second = photo(tmp_path / "page1.png"), photo(tmp_path / "page2.jpg", fmt="JPEG")
    lines = _to_domicile(tmp_path, tmp_path / "rien.png")[:-1]
    out = plain(data_dir, [*lines, "assembler", str(first), str(second), "",
                           ":quitter", ":quitter"])
    assert "« assembler » pour assembler plusieurs photos" in out
    assert "une par ligne, dans l'ordre des pages ; une ligne vide termine." in out
    assert "2 images assemblées en « page1-2-pages.pdf »." in out
    assert f"Fichier « page1-2-pages.pdf » joint à « {DOMICILE} »." in out
    [kept] = _files(data_dir)
    assert kept.format == "pdf" and kept.pages == 2


def test_a_low_resolution_scan_is_said_when_attached_and_when_listed(data_dir, tmp_path):
    small = photo(tmp_path / "facture.png", size=(600, 800))
    warning = ("Attention : Le fichier « facture.png » a une faible résolution (600 × 800 "
               "pixels) : l'agent pourrait ne pas pouvoir le lire ; numérisez-le à 300 ppp "
               "si possible.")
    out = plain(data_dir, [*_to_domicile(tmp_path, small), ":repeter", ":quitter",
                           ":quitter"])
    joined, listed = out.split(f"Fichier « facture.png » joint à « {DOMICILE} ».\n", 1)
    assert listed.startswith(warning + "\n")
    assert f"Fichiers joints (1) :\n1. facture.png\n   {warning}\n" in listed


def test_the_renewal_says_to_declare_a_change_of_address_first(data_dir, tmp_path):
    lines = _to_domicile(tmp_path, scan(tmp_path / "facture.png"))
    out = plain(data_dir, [*lines, "", ":quitter", ":quitter"])
    # The profile asks the address too (no notice there); the renewal's étape 1 says it.
    profile, step = out.split("Section : ADRESSE.")[1:]
    assert "déménagé" not in profile
    section = step
    assert section.split("Question : Adresse\n", 1)[0].strip().endswith(
        "Aide anef-tui : Si vous avez déménagé, déclarez d'abord votre changement d'adresse "
        "sur l'ANEF, avec la brique « Je déclare un changement de situation », avant de "
        "demander le renouvellement de votre titre.")
