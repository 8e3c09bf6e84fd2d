"""Attachment checks: every file is made here, in tmp_path, with Pillow and pypdf."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter

from anef_tui.files.checks import (
    MAX_BYTES,
    CheckResult,
    check_file,
    check_slot,
    format_size,
    slot_limit_message,
    sniff,
)
from anef_tui.files.checks import entry as check_entry
from anef_tui.files.cli_check import run

MIB = 1024 * 1024
MO = 1_000_000  # the site's « Mo », as the app reads it (issue 22)

# --- helpers that write files ----------------------------------------------------------------


def write_image(path: Path, fmt: str, size=(1240, 1754), **options) -> Path:
    """A small scan-like image (grey page with a dark band) saved as ``fmt``."""
    img = Image.new("RGB", size, (235, 235, 235))
    img.paste((20, 20, 20), (50, 50, size[0] - 50, 120))
    img.save(path, fmt, **options)
    return path


def write_pdf(path: Path, pages: int = 2, password: str | None = None) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password is not None:
        writer.encrypt(password)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def truncated_copy(src: Path, dst: Path) -> Path:
    """``dst`` holds the first half of ``src``'s bytes, as after an interrupted download."""
    data = src.read_bytes()
    dst.write_bytes(data[: len(data) // 2])
    return dst


def sparse_file(path: Path, size: int, head: bytes = b"\x89PNG\r\n\x1a\n") -> Path:
    """A file of ``size`` bytes that takes no disk space, starting with ``head``."""
    with open(path, "wb") as fh:
        fh.write(head)
        fh.truncate(size)
    return path


HEIC_HEAD = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"


# --- sniff -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "pdf"),
        (b"\xef\xbb\xbf garbage before the header %PDF-1.4\n", "pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "jpeg"),
        (b"II*\x00\x08\x00\x00\x00", "tiff"),
        (b"MM\x00*\x00\x00\x00\x08", "tiff"),
        (b"BM" + b"\x00" * 12 + (40).to_bytes(4, "little") + b"\x00" * 8, "bmp"),
        (b"BMW is a car brand, this is text", "text"),
        (b"GIF89a\x01\x00\x01\x00", "gif"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "webp"),
        (HEIC_HEAD, "heic"),
        (b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1heic" + b"\x00" * 4, "heic"),
        (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf", "avif"),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ", "mov"),
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2", "mp4"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "zip"),
        (
            b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text",
            "odt",
        ),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "ole"),
        (b"{\\rtf1\\ansi hello}", "rtf"),
        (b"<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>", "svg"),
        (b"\x00\x01\x02\x03\x04\x05", None),
        (b"", None),
    ],
)
def test_sniff_tells_formats_from_their_first_bytes(head, expected):
    assert sniff(head) == expected


# --- accepted files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "pillow_format", "fmt"),
    [
        ("scan.png", "PNG", "png"),
        ("scan.jpg", "JPEG", "jpeg"),
        ("scan.jpeg", "JPEG", "jpeg"),
        ("SCAN.JPG", "JPEG", "jpeg"),
        ("scan.tiff", "TIFF", "tiff"),
        ("scan.tif", "TIFF", "tiff"),
        ("scan.bmp", "BMP", "bmp"),
    ],
)
def test_a_good_image_is_accepted(tmp_path, name, pillow_format, fmt):
    path = write_image(tmp_path / name, pillow_format)
    result = check_file(path)
    assert result.accepted, result.reason
    assert result.reason is None
    assert result.warnings == ()
    assert (result.format, result.detected, result.pages) == (fmt, fmt, 1)
    assert (result.width, result.height) == (1240, 1754)
    assert result.size == path.stat().st_size
    assert result.path == str(path)


def test_a_good_pdf_is_accepted_with_its_page_count(tmp_path):
    result = check_file(write_pdf(tmp_path / "avis.pdf", pages=3))
    assert result.accepted, result.reason
    assert (result.format, result.pages, result.warnings) == ("pdf", 3, ())
    assert result.width is None


def test_a_multi_page_tiff_counts_its_pages(tmp_path):
    first = Image.new("RGB", (1200, 1600), "white")
    path = tmp_path / "releves.tiff"
    first.save(
        path,
        save_all=True,
        append_images=[first.copy(), first.convert("L")],
        compression="tiff_lzw",
    )
    result = check_file(path)
    assert result.accepted, result.reason
    assert result.pages == 3


def test_the_path_is_kept_as_given(tmp_path, monkeypatch):
    write_pdf(tmp_path / "avis.pdf")
    monkeypatch.chdir(tmp_path)
    assert check_file("avis.pdf").path == "avis.pdf"
    assert check_file(Path("avis.pdf")).path == "avis.pdf"


def test_a_symlink_to_a_good_file_is_accepted(tmp_path):
    target = write_pdf(tmp_path / "avis.pdf")
    link = tmp_path / "lien.pdf"
    link.symlink_to(target)
    result = check_file(link)
    assert result.accepted, result.reason
    assert result.path == str(link)


# --- rule 1: the path itself -----------------------------------------------------------------


def test_a_missing_file_is_refused(tmp_path):
    result = check_file(tmp_path / "absent.pdf")
    assert not result.accepted
    assert result.reason == (
        "Le fichier « absent.pdf » est introuvable : vérifiez son nom et son emplacement."
    )
    assert (result.size, result.format, result.detected) == (None, None, None)


def test_a_dangling_symlink_counts_as_missing(tmp_path):
    link = tmp_path / "lien.pdf"
    link.symlink_to(tmp_path / "disparu.pdf")
    result = check_file(link)
    assert not result.accepted
    assert "« lien.pdf » est introuvable" in result.reason


def test_a_directory_is_refused(tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    result = check_file(str(folder) + os.sep)
    assert not result.accepted
    assert result.reason == "« scans » est un dossier : choisissez un fichier à l'intérieur."


def test_a_named_pipe_is_refused_without_being_opened(tmp_path):
    pipe = tmp_path / "tube.pdf"
    os.mkfifo(pipe)
    result = check_file(pipe)  # opening it would block forever
    assert not result.accepted
    assert "« tube.pdf » n'est pas un fichier ordinaire" in result.reason


def test_an_unreadable_file_is_refused(tmp_path, monkeypatch):
    path = write_pdf(tmp_path / "avis.pdf")

    def forbidden(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # Tests may run as root, where chmod 000 does not stop reading: fake the refusal where
    # check_file looks `open` up (its own module).
    monkeypatch.setattr(check_entry, "open", forbidden, raising=False)
    result = check_file(path)
    assert not result.accepted
    assert result.reason == (
        "Le fichier « avis.pdf » ne peut pas être lu (accès refusé) : vérifiez les droits du "
        "fichier et de son dossier, puis réessayez."
    )
    assert "Permission denied" not in result.reason


# --- rule 2 and 3: empty, too big ------------------------------------------------------------


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "vide.pdf"
    path.touch()
    result = check_file(path)
    assert not result.accepted
    assert result.reason == (
        "Le fichier « vide.pdf » est vide : choisissez le bon fichier "
        "ou numérisez à nouveau le document."
    )
    assert result.size == 0


def test_a_file_over_10_mo_is_refused_with_its_size(tmp_path):
    path = sparse_file(tmp_path / "scan.png", int(12.4 * MO))
    result = check_file(path)
    assert not result.accepted
    assert result.reason == (
        "Le fichier « scan.png » doit faire moins de 10 Mo (il fait 12,4 Mo) : "
        "réduisez sa taille ou sa résolution."
    )
    assert (result.size, result.format, result.detected) == (int(12.4 * MO), "png", "png")


def test_one_byte_over_the_limit_is_never_shown_as_10_mo(tmp_path):
    result = check_file(sparse_file(tmp_path / "scan.png", MAX_BYTES + 1))
    assert not result.accepted
    assert "(il fait 10,1 Mo)" in result.reason


def test_ten_mo_is_read_so_that_the_site_never_refuses_what_is_accepted_here(tmp_path):
    """« 10 Mo » (both guides): 10,000,000 bytes is accepted, one more byte refused — so a
    file between 10,000,000 and 10,485,760 bytes, which the site may count as over 10 Mo,
    is never accepted here."""
    assert MAX_BYTES == 10_000_000
    assert check_file(write_image(tmp_path / "a.png", "PNG")).accepted
    inside = sparse_file(tmp_path / "inside.png", 10_000_000)
    outside = sparse_file(tmp_path / "outside.png", 10_000_001)
    binary_ten = sparse_file(tmp_path / "mebi.png", 10 * MIB)
    assert "doit faire moins de 10 Mo" not in (check_file(inside).reason or "")
    for path in (outside, binary_ten):
        result = check_file(path)
        assert not result.accepted
        assert "doit faire moins de 10 Mo" in result.reason


def test_exactly_10_mo_passes_the_size_rule(tmp_path):
    # The content is a broken PNG, so the file is refused, but not for its size.
    result = check_file(sparse_file(tmp_path / "scan.png", MAX_BYTES))
    assert not result.accepted
    assert "endommagé ou incomplet" in result.reason


def test_the_size_limit_can_be_lowered(tmp_path):
    path = write_image(tmp_path / "scan.png", "PNG")
    assert check_file(path).accepted
    result = check_file(path, max_bytes=1000)
    assert not result.accepted
    assert "doit faire moins de 1 Ko" in result.reason


def test_the_size_rule_comes_before_the_format_rule(tmp_path):
    path = sparse_file(tmp_path / "photo.heic", 11 * MIB, head=HEIC_HEAD)
    result = check_file(path)
    assert "doit faire moins de 10 Mo" in result.reason
    assert result.detected == "heic"
    assert result.format is None


# --- rule 4: format --------------------------------------------------------------------------


def test_a_heic_photo_is_refused_naming_heic_even_when_named_jpg(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(HEIC_HEAD + b"\x00" * 4096)
    result = check_file(path)
    assert not result.accepted
    assert result.reason == (
        "Le fichier « photo.jpg » doit être au format JPG, PNG, PDF, TIFF ou BMP "
        "(c'est un fichier HEIC) : convertissez-le en JPG ou en PNG."
    )
    assert (result.detected, result.format) == ("heic", None)


@pytest.mark.parametrize(("pillow_format", "label"), [("GIF", "GIF"), ("WEBP", "WEBP")])
def test_other_image_formats_are_refused_naming_them(tmp_path, pillow_format, label):
    path = write_image(tmp_path / f"photo.{label.lower()}", pillow_format, size=(1200, 1600))
    result = check_file(path)
    assert not result.accepted
    assert f"(c'est un fichier {label}) : convertissez-le en JPG ou en PNG." in result.reason
    assert "« photo." in result.reason
    assert result.detected == label.lower()


def test_a_word_document_is_refused_with_advice_to_save_it_as_pdf(tmp_path):
    path = tmp_path / "attestation.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    result = check_file(path)
    assert not result.accepted
    assert result.detected == "docx"
    assert "(c'est un fichier Word (DOCX)) : ouvrez-le et enregistrez-le en PDF." in result.reason


def test_a_zip_archive_is_refused_with_advice_to_unpack_it(tmp_path):
    path = tmp_path / "scans.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("page1.jpg", b"...")
    result = check_file(path)
    assert result.detected == "zip"
    assert "ouvrez l'archive et joignez les fichiers qu'elle contient" in result.reason


def test_an_unknown_format_is_refused_without_guessing(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(range(256)) * 8)
    result = check_file(path)
    assert not result.accepted
    assert result.reason == (
        "Le fichier « scan.pdf » doit être au format JPG, PNG, PDF, TIFF ou BMP : "
        "convertissez-le dans l'un de ces formats."
    )
    assert result.detected is None


# --- rule 5: extension -----------------------------------------------------------------------


def test_a_png_named_pdf_is_refused_with_rename_advice(tmp_path):
    path = write_image(tmp_path / "scan.pdf", "PNG")
    result = check_file(path)
    assert not result.accepted
    assert result.reason == (
        "Le fichier « scan.pdf » est un fichier PNG mais son nom se termine par .pdf : "
        "renommez-le en .png."
    )
    assert (result.format, result.detected) == ("png", "png")


def test_a_jpeg_named_png_is_told_to_use_jpg(tmp_path):
    result = check_file(write_image(tmp_path / "scan.png", "JPEG"))
    assert result.reason.endswith(
        "est un fichier JPG mais son nom se termine par .png : renommez-le en .jpg."
    )


@pytest.mark.parametrize("name", ["scan", "releve 12.03.2024"])
def test_a_file_without_extension_is_refused_with_rename_advice(tmp_path, name):
    path = write_pdf(tmp_path / name)
    result = check_file(path)
    assert not result.accepted
    assert result.reason == (
        f"Le fichier « {name} » est un fichier PDF mais son nom n'a pas d'extension : "
        "ajoutez .pdf à la fin de son nom."
    )


# --- rule 6: the file opens ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "pillow_format"),
    [("scan.png", "PNG"), ("scan.jpg", "JPEG"), ("scan.tiff", "TIFF"), ("scan.bmp", "BMP")],
)
def test_a_truncated_image_is_refused_as_damaged(tmp_path, name, pillow_format):
    good = tmp_path / f"good-{name}"
    Image.effect_noise((1200, 1600), 50).convert("RGB").save(good, pillow_format)
    result = check_file(truncated_copy(good, tmp_path / name))
    assert not result.accepted
    assert result.reason == (
        f"Le fichier « {name} » est endommagé ou incomplet : numérisez ou exportez-le à nouveau."
    )


def test_a_progressive_jpeg_cut_short_is_refused(tmp_path):
    good = write_image(tmp_path / "good.jpg", "JPEG", progressive=True)
    result = check_file(truncated_copy(good, tmp_path / "scan.jpg"))
    assert "endommagé ou incomplet" in result.reason


def test_a_truncated_pdf_is_refused_as_damaged(tmp_path):
    good = write_pdf(tmp_path / "good.pdf", pages=3)
    result = check_file(truncated_copy(good, tmp_path / "avis.pdf"))
    assert not result.accepted
    assert "« avis.pdf » est endommagé ou incomplet" in result.reason


def test_a_pdf_of_garbage_is_refused_without_a_traceback(tmp_path, capsys):
    path = tmp_path / "avis.pdf"
    path.write_bytes(b"%PDF-1.4\n" + os.urandom(5000) + b"\n%%EOF\n")
    result = check_file(path)
    assert not result.accepted
    assert "endommagé ou incomplet" in result.reason
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_a_pdf_without_pages_is_refused_as_damaged(tmp_path):
    result = check_file(write_pdf(tmp_path / "avis.pdf", pages=0))
    assert not result.accepted
    assert "endommagé ou incomplet" in result.reason
    assert result.pages == 0


@pytest.mark.parametrize("password", ["secret", ""])
def test_an_encrypted_pdf_is_refused(tmp_path, password):
    # Even an empty user password is refused: the agent's viewer may still ask for one.
    result = check_file(write_pdf(tmp_path / "releve.pdf", password=password))
    assert not result.accepted
    assert result.reason == (
        "Le fichier « releve.pdf » est protégé par un mot de passe : "
        "enregistrez-en une copie sans mot de passe."
    )


def test_a_decompression_bomb_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    warned = write_image(tmp_path / "grand.png", "PNG", size=(1200, 1200))  # over the limit
    raised = write_image(tmp_path / "enorme.png", "PNG", size=(1500, 1500))  # over twice it
    for path in (warned, raised):
        result = check_file(path)
        assert not result.accepted
        assert f"« {path.name} » est une image trop grande (plus de 1 million de" in result.reason


def test_a_corrupt_image_writes_nothing_to_the_terminal(tmp_path, capsys):
    good = tmp_path / "good.tiff"
    first = Image.new("RGB", (1200, 1600), "white")
    first.save(good, save_all=True, append_images=[first, first], compression="tiff_lzw")
    data = good.read_bytes()
    (tmp_path / "scan.tiff").write_bytes(data[: int(len(data) * 0.8)])
    result = check_file(tmp_path / "scan.tiff")
    assert not result.accepted
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


# --- rule 7: warnings ------------------------------------------------------------------------


def test_a_low_resolution_image_is_accepted_with_a_warning(tmp_path):
    result = check_file(write_image(tmp_path / "photo.jpg", "JPEG", size=(640, 480)))
    assert result.accepted
    assert result.warnings == (
        "Le fichier « photo.jpg » a une faible résolution (640 × 480 pixels) : l'agent "
        "pourrait ne pas pouvoir le lire ; numérisez-le à 300 ppp si possible.",
    )


def test_a_long_pdf_is_accepted_with_a_warning(tmp_path):
    result = check_file(write_pdf(tmp_path / "releves.pdf", pages=21))
    assert result.accepted
    assert result.pages == 21
    assert len(result.warnings) == 1
    assert "« releves.pdf » est long (21 pages)" in result.warnings[0]
    assert check_file(write_pdf(tmp_path / "court.pdf", pages=20)).warnings == ()


def test_every_message_names_the_file_not_its_folder(tmp_path):
    (tmp_path / "vide.pdf").touch()
    write_image(tmp_path / "scan.pdf", "PNG")
    write_image(tmp_path / "petit.png", "PNG", size=(300, 300))
    for name in ("absent.pdf", "vide.pdf", "scan.pdf"):
        reason = check_file(tmp_path / name).reason
        assert f"« {name} »" in reason
        assert str(tmp_path) not in reason
    assert "« petit.png »" in check_file(tmp_path / "petit.png").warnings[0]


# --- JSON and slots --------------------------------------------------------------------------


def test_to_json_has_exactly_the_documented_keys(tmp_path):
    result = check_file(write_image(tmp_path / "photo.jpg", "JPEG", size=(640, 480)))
    data = result.to_json()
    assert list(data) == ["path", "accepted", "reason", "warnings", "format", "size", "pages"]
    assert isinstance(data["warnings"], list)
    json.dumps(data)


def test_slot_limit_message():
    assert slot_limit_message(3, 3, "Justificatif de domicile datant de moins de 6 mois") is None
    assert slot_limit_message(4, 3, "Justificatif de domicile datant de moins de 6 mois") == (
        "Vous avez déjà joint 3 fichiers pour « Justificatif de domicile datant de moins de "
        "6 mois » : c'est le maximum ; supprimez-en un pour en joindre un autre."
    )
    assert "déjà joint 6 fichiers" in slot_limit_message(
        7, 6, "Justificatif de résidence habituelle"
    )
    assert "déjà joint 1 fichier pour" in slot_limit_message(2, 1, "Photo")


def test_check_slot_refuses_accepted_files_beyond_the_limit(tmp_path):
    paths = [str(write_pdf(tmp_path / f"facture{i}.pdf")) for i in range(4)]
    results = check_slot(paths, max_files=3, slot_title="Justificatif de domicile")
    assert [r.accepted for r in results] == [True, True, True, False]
    assert results[3].reason.startswith("Vous avez déjà joint 3 fichiers pour « Justificatif")
    assert results[3].pages == 2  # the file was still checked


def test_check_slot_does_not_count_refused_files_or_counts_those_already_there(tmp_path):
    (tmp_path / "vide.pdf").touch()
    good = [str(write_pdf(tmp_path / f"f{i}.pdf")) for i in range(3)]
    results = check_slot([str(tmp_path / "vide.pdf"), *good], max_files=3, slot_title="X")
    assert [r.accepted for r in results] == [False, True, True, True]
    assert "est vide" in results[0].reason
    results = check_slot(good, max_files=3, slot_title="X", already=2)
    assert [r.accepted for r in results] == [True, False, False]


def test_format_size():
    assert format_size(1) == "1 octet"
    assert format_size(512) == "512 octets"
    assert format_size(35 * 1000) == "35 Ko"
    assert format_size(int(1.24 * MO)) == "1,2 Mo"
    assert format_size(10 * MO) == "10 Mo"
    assert format_size(10 * MIB) == "10,5 Mo"  # what the site may call 10 Mo is over it


# --- the `check` subcommand ------------------------------------------------------------------


def test_run_prints_one_line_per_path(tmp_path):
    ok = write_pdf(tmp_path / "avis.pdf", pages=2)
    small = write_image(tmp_path / "photo.jpg", "JPEG", size=(640, 480))
    bad = tmp_path / "absent.png"
    out = io.StringIO()
    code = run([str(ok), str(small), str(bad)], as_json=False, slot=None, slot_limits=None, out=out)
    assert code == 1
    size = format_size(ok.stat().st_size)
    assert out.getvalue().splitlines() == [
        f"OK      {ok} (PDF, 2 pages, {size})",
        f"OK      {small} (JPG, 640 × 480 pixels, {format_size(small.stat().st_size)})",
        "  attention : Le fichier « photo.jpg » a une faible résolution (640 × 480 pixels) : "
        "l'agent pourrait ne pas pouvoir le lire ; numérisez-le à 300 ppp si possible.",
        f"REFUSÉ  {bad} : Le fichier « absent.png » est introuvable : "
        "vérifiez son nom et son emplacement.",
    ]


def test_run_returns_0_when_every_file_is_accepted(tmp_path):
    paths = [str(write_pdf(tmp_path / "a.pdf")), str(write_image(tmp_path / "b.png", "PNG"))]
    out = io.StringIO()
    assert run(paths, as_json=False, slot=None, slot_limits=None, out=out) == 0
    assert all(line.startswith("OK      ") for line in out.getvalue().splitlines())


def test_run_json_keeps_the_order_and_the_keys(tmp_path):
    paths = [
        str(tmp_path / "absent.pdf"),
        str(write_pdf(tmp_path / "avis.pdf", pages=3)),
        str(write_image(tmp_path / "scan.pdf", "PNG")),
    ]
    out = io.StringIO()
    assert run(paths, as_json=True, slot=None, slot_limits=None, out=out) == 1
    text = out.getvalue()
    assert "« absent.pdf »" in text  # ensure_ascii=False
    data = json.loads(text)
    assert [item["path"] for item in data] == paths
    for item in data:
        assert list(item) == ["path", "accepted", "reason", "warnings", "format", "size", "pages"]
    assert [item["accepted"] for item in data] == [False, True, False]
    assert data[1] == {
        "path": paths[1],
        "accepted": True,
        "reason": None,
        "warnings": [],
        "format": "pdf",
        "size": Path(paths[1]).stat().st_size,
        "pages": 3,
    }
    assert text.startswith("[\n  {")  # indent=2


def test_run_with_a_slot_refuses_paths_beyond_its_limit(tmp_path):
    paths = [str(write_pdf(tmp_path / f"facture{i}.pdf")) for i in range(4)]
    out = io.StringIO()
    code = run(paths, as_json=True, slot="justificatif_domicile", slot_limits=None, out=out)
    assert code == 1
    data = json.loads(out.getvalue())
    assert [item["accepted"] for item in data] == [True, True, True, False]
    assert data[3]["reason"] == (
        "Vous avez déjà joint 3 fichiers pour « Justificatif de domicile datant de moins de "
        "6 mois » : c'est le maximum ; supprimez-en un pour en joindre un autre."
    )
    assert data[3]["pages"] == 2
    out = io.StringIO()
    assert run(paths, as_json=False, slot="justificatif_residence", slot_limits=None, out=out) == 0


def test_the_slots_known_are_the_procedures_own(tmp_path, monkeypatch):
    """`verifier --piece` knows the slots the procedure files declare (titles and limits
    from the data), an extra procedure's too, and nothing else."""
    from anef_tui.domain import procedure_index
    from anef_tui.domain.catalogue import load_catalogue
    from anef_tui.files.cli_check import procedure_slots

    slots = procedure_slots()
    declared = {s.id: (s.title, s.max_files)
                for p in load_catalogue().values() for s in p.all_slots()}
    assert slots == declared
    assert slots["justificatif_residence"] == ("Justificatif de résidence habituelle", 6)
    assert "piece_essai" not in slots
    folder = tmp_path / "procedures"
    folder.mkdir()
    essai = Path(__file__).parents[1] / "procedures" / "essai.toml"
    (folder / "essai.toml").write_text(essai.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv(procedure_index.ENV_PROCEDURES, str(folder))
    procedure_index.clear_caches()
    try:
        assert procedure_slots()["piece_essai"] == ("Pièce d'essai", 3)
        paths = [str(write_pdf(tmp_path / f"e{i}.pdf")) for i in range(4)]
        out = io.StringIO()
        assert run(paths, as_json=False, slot="piece_essai", slot_limits=None, out=out) == 1
        assert "déjà joint 3 fichiers pour « Pièce d'essai »" in out.getvalue()
    finally:
        monkeypatch.delenv(procedure_index.ENV_PROCEDURES)
        procedure_index.clear_caches()


def test_run_uses_the_given_slot_limits(tmp_path):
    paths = [str(write_pdf(tmp_path / f"f{i}.pdf")) for i in range(2)]
    limits = {"photo": ("Photo", 1)}
    out = io.StringIO()
    assert run(paths, as_json=False, slot="photo", slot_limits=limits, out=out) == 1
    assert "déjà joint 1 fichier pour « Photo »" in out.getvalue()


def test_run_with_an_unknown_slot_returns_2(tmp_path, capsys):
    out = io.StringIO()
    code = run(
        [str(write_pdf(tmp_path / "a.pdf"))],
        as_json=False,
        slot="passeport",
        slot_limits=None,
        out=out,
    )
    assert code == 2
    assert out.getvalue() == ""
    err = capsys.readouterr().err
    assert "Emplacement « passeport » inconnu" in err
    assert "justificatif_residence" in err


# --- start-up cost ---------------------------------------------------------------------------


def test_importing_the_checks_loads_neither_pillow_nor_pypdf_nor_textual():
    code = (
        "import sys, anef_tui.files.checks, anef_tui.files.cli_check; "
        "print(sorted(m for m in ('PIL', 'pypdf', 'textual') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_check_result_is_frozen():
    result = CheckResult(path="x", accepted=True)
    with pytest.raises(AttributeError):
        result.accepted = False  # type: ignore[misc]
