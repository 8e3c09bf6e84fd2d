"""Conversions to JPEG/PDF: every input is made here, in tmp_path, with Pillow and pillow-heif."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pillow_heif
import pytest
from PIL import Image
from pypdf import PdfReader

from anef_tui.files.checks import MAX_BYTES, check_file, format_size
from anef_tui.files.convert import (
    MIN_LONG_SIDE,
    ConversionError,
    can_convert,
    combine_to_pdf,
    convert_to_jpeg,
    convert_to_pdf,
)
from anef_tui.files.convert import pdf as convert_pdf

RED = (220, 20, 20)
BLUE = (20, 20, 220)

# --- helpers ----------------------------------------------------------------------------------


def page(size=(400, 300), colour=(235, 235, 235)) -> Image.Image:
    """A small scan-like picture: a light page with a dark band at the top."""
    img = Image.new("RGB", size, colour)
    img.paste((20, 20, 20), (10, 10, size[0] - 10, 40))
    return img


def noise(size) -> Image.Image:
    """Random noise: compresses badly, so JPEG sizes are large and predictable."""
    return Image.effect_noise(size, 60).convert("RGB")


def write_heic(path: Path, img: Image.Image) -> Path:
    pillow_heif.from_pillow(img).save(path, quality=80)
    return path


def jpeg_bytes(img: Image.Image, **options) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def assert_accepted(path: Path) -> None:
    result = check_file(path)
    assert result.accepted, result.reason


def no_metadata(path: Path) -> bool:
    data = path.read_bytes()
    with Image.open(path) as img:
        return not img.getexif() and b"Exif" not in data and b"GPS" not in data


def snapshot(paths) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in paths}


def pdf_images(path: Path) -> list[tuple[int, int, bytes]]:
    """(width, height, stream bytes) of the picture on each page, in page order."""
    found = []
    for pdf_page in PdfReader(path).pages:
        xobjects = pdf_page["/Resources"]["/XObject"]
        (image,) = (ref.get_object() for ref in xobjects.values())
        found.append((int(image["/Width"]), int(image["/Height"]), image._data))
    return found


# --- convert_to_jpeg --------------------------------------------------------------------------


def test_webp_with_transparency_becomes_a_jpeg_flattened_on_white(tmp_path):
    img = page().convert("RGBA")
    img.paste((0, 0, 0, 0), (200, 100, 300, 200))  # a transparent hole
    source = tmp_path / "photo.webp"
    img.save(source, "WEBP", lossless=True)
    before = source.read_bytes()

    assert can_convert(check_file(source))
    out = convert_to_jpeg(source, tmp_path / "sortie")

    assert out == tmp_path / "sortie" / "photo.jpg"
    assert_accepted(out)
    with Image.open(out) as result:
        assert result.format == "JPEG" and result.mode == "RGB" and result.size == (400, 300)
        assert min(result.getpixel((250, 150))) > 240  # white, not black
    assert source.read_bytes() == before


def test_animated_gif_gives_its_first_frame(tmp_path):
    frames = [Image.new("RGB", (120, 80), RED), Image.new("RGB", (120, 80), BLUE)]
    source = tmp_path / "anim.gif"
    frames[0].save(source, save_all=True, append_images=frames[1:], duration=100, loop=0)

    out = convert_to_jpeg(source, tmp_path)

    assert out.name == "anim.jpg"
    assert_accepted(out)
    with Image.open(out) as result:
        red, green, blue = result.getpixel((60, 40))
        assert red > 180 and blue < 80


def test_heic_converts_to_jpeg_and_pdf(tmp_path):
    source = write_heic(tmp_path / "IMG_0001.HEIC", page((320, 240)))
    result = check_file(source)
    assert result.detected == "heic" and not result.accepted
    assert can_convert(result)

    jpg = convert_to_jpeg(source, tmp_path)
    pdf = convert_to_pdf(source, tmp_path)

    assert (jpg.name, pdf.name) == ("IMG_0001.jpg", "IMG_0001.pdf")
    assert_accepted(jpg)
    assert_accepted(pdf)
    assert len(PdfReader(pdf).pages) == 1
    with Image.open(jpg) as img:
        assert img.size == (320, 240)


def test_avif_converts_to_jpeg(tmp_path):
    source = tmp_path / "photo.avif"
    page().save(source, "AVIF")
    assert can_convert(check_file(source))
    assert_accepted(convert_to_jpeg(source, tmp_path))


def test_exif_orientation_applied_and_metadata_removed(tmp_path):
    stored = Image.new("RGB", (400, 300), (235, 235, 235))
    stored.paste(RED, (0, 0, 60, 60))  # top-left as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # display turned 90° clockwise
    exif[0x010F] = "Apple"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (48.0, 51.0, 24.0)
    source = tmp_path / "passeport.jpg"
    stored.save(source, exif=exif.tobytes(), comment=b"dossier de M. X")
    before = source.read_bytes()

    out = convert_to_jpeg(source, tmp_path / "sortie")

    with Image.open(out) as img:
        assert img.size == (300, 400)
        assert img.getpixel((280, 20))[0] > 180  # the red corner is now top-right
        assert img.getpixel((20, 20))[0] < 250 and img.getpixel((20, 20))[2] > 200
    assert no_metadata(out)
    assert b"dossier de M. X" not in out.read_bytes()
    assert source.read_bytes() == before


def test_real_oversize_image_is_convertible_and_fits(tmp_path):
    # An uncompressed BMP over 10 Mo (fast to write, unlike a noisy PNG).
    source = tmp_path / "scan.bmp"
    Image.linear_gradient("L").resize((1900, 1900)).convert("RGB").save(source)
    result = check_file(source)
    assert source.stat().st_size > MAX_BYTES
    assert not result.accepted and "moins de 10 Mo" in result.reason
    assert can_convert(result)

    out = convert_to_jpeg(source, tmp_path)

    assert_accepted(out)
    with Image.open(out) as img:
        assert img.size == (1900, 1900)  # quality 90 was enough: no shrinking


def test_quality_then_size_steps_down_until_it_fits(tmp_path):
    source = tmp_path / "grande.png"
    noise((2000, 1500)).save(source, compress_level=0)
    at_90 = len(jpeg_bytes(Image.open(source), quality=90, optimize=True))

    lower_quality = convert_to_jpeg(source, tmp_path, max_bytes=int(at_90 * 0.9))
    smaller = convert_to_jpeg(source, tmp_path, max_bytes=at_90 // 2)

    assert lower_quality.stat().st_size <= at_90 * 0.9
    with Image.open(lower_quality) as img:
        assert img.size == (2000, 1500)
    assert smaller.stat().st_size <= at_90 // 2
    with Image.open(smaller) as img:
        assert MIN_LONG_SIDE <= max(img.size) < 2000


def test_never_shrinks_below_1600_pixels(tmp_path):
    source = tmp_path / "bruit.png"
    noise((2000, 1500)).save(source, compress_level=0)
    out_dir = tmp_path / "sortie"

    with pytest.raises(ConversionError) as error:
        convert_to_jpeg(source, out_dir, max_bytes=50_000)

    assert str(error.value).startswith(
        "Le fichier « bruit.png » ne peut pas être réduit sous 50 Ko"
    )
    assert not out_dir.exists() or not any(out_dir.iterdir())


def test_sixteen_bit_grey_png_keeps_its_tones(tmp_path):
    source = tmp_path / "gris16.png"
    Image.new("I;16", (200, 100), 32768).save(source)
    out = convert_to_jpeg(source, tmp_path)
    with Image.open(out) as img:
        assert 120 <= img.getpixel((100, 50))[0] <= 136


def test_names_never_overwrite(tmp_path):
    source = tmp_path / "photo.jpg"
    page().save(source, quality=95)
    before = source.read_bytes()

    first = convert_to_jpeg(source, tmp_path)  # photo.jpg exists: it is the source
    second = convert_to_jpeg(source, tmp_path)
    pdfs = [convert_to_pdf(source, tmp_path) for _ in range(2)]

    assert [first.name, second.name] == ["photo (2).jpg", "photo (3).jpg"]
    assert [pdf.name for pdf in pdfs] == ["photo.pdf", "photo (2).pdf"]
    assert source.read_bytes() == before


def test_name_without_a_real_extension_keeps_its_date(tmp_path):
    source = tmp_path / "relevé 12.03.2024"
    page().save(source, "WEBP")
    assert convert_to_jpeg(source, tmp_path).name == "relevé 12.03.2024.jpg"


def test_multipage_tiff_goes_to_pdf_not_jpeg(tmp_path):
    source = tmp_path / "scan.tiff"
    page(colour=RED).save(source, save_all=True, append_images=[page(colour=BLUE)])

    with pytest.raises(ConversionError, match="contient 2 pages"):
        convert_to_jpeg(source, tmp_path)
    pdf = convert_to_pdf(source, tmp_path)

    assert len(PdfReader(pdf).pages) == 2
    assert_accepted(pdf)


def test_unwritable_destination_is_a_french_error(tmp_path):
    source = tmp_path / "photo.webp"
    page().save(source, "WEBP")
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier")

    with pytest.raises(ConversionError, match="Impossible d'enregistrer"):
        convert_to_jpeg(source, blocker)


# --- combine_to_pdf ---------------------------------------------------------------------------


def test_three_jpegs_make_a_three_page_pdf_in_order(tmp_path):
    sources = []
    for number, width in enumerate((300, 400, 500), start=1):
        path = tmp_path / f"page{number}.jpg"
        exif = Image.Exif()
        exif[0x010F] = "Apple"
        exif.get_ifd(0x8825)[2] = (48.0, 51.0, 24.0)
        page((width, 200)).save(path, quality=95, exif=exif.tobytes())
        sources.append(path)
    before = snapshot(sources)

    pdf = combine_to_pdf(sources, tmp_path / "passeport.pdf")

    assert pdf == tmp_path / "passeport.pdf"
    assert_accepted(pdf)
    images = pdf_images(pdf)
    assert [(w, h) for w, h, _ in images] == [(300, 200), (400, 200), (500, 200)]
    for source, (_, _, data) in zip(sources, images, strict=True):
        original = source.read_bytes()
        # Embedded as is: the compressed pixels are the source's, the metadata is gone.
        assert data[data.index(b"\xff\xda") :] == original[original.index(b"\xff\xda") :]
        assert b"Exif" not in data and b"Apple" not in data
    assert snapshot(sources) == before


def test_turned_jpeg_is_embedded_as_is_on_a_turned_page(tmp_path):
    source = tmp_path / "tourne.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6
    exif.get_ifd(0x8825)[2] = (48.0, 51.0, 24.0)
    page((400, 300)).save(source, exif=exif.tobytes())

    pdf = combine_to_pdf([source], tmp_path / "doc.pdf")

    (pdf_page,) = PdfReader(pdf).pages
    assert pdf_page.get("/Rotate") == 90
    (_, _, data) = pdf_images(pdf)[0]
    with Image.open(io.BytesIO(data)) as img:
        assert dict(img.getexif()) == {0x0112: 6}  # only the orientation is left


def test_mixed_formats_combine(tmp_path):
    heic = write_heic(tmp_path / "p1.heic", page((300, 200)))
    png = tmp_path / "p2.png"
    page((310, 200)).save(png)
    webp = tmp_path / "p3.webp"
    page((320, 200)).save(webp)

    pdf = combine_to_pdf([heic, png, webp], tmp_path / "doc")

    assert pdf.name == "doc.pdf"
    assert_accepted(pdf)
    assert [w for w, _, _ in pdf_images(pdf)] == [300, 310, 320]


def test_combine_reencodes_pages_to_fit(tmp_path):
    sources = []
    for number in range(3):
        path = tmp_path / f"p{number}.jpg"
        noise((1800, 1200)).save(path, quality=95)
        sources.append(path)
    before = snapshot(sources)
    total = sum(path.stat().st_size for path in sources)

    pdf = combine_to_pdf(sources, tmp_path / "doc.pdf", max_bytes=total // 2)

    assert pdf.stat().st_size <= total // 2
    assert len(PdfReader(pdf).pages) == 3
    assert snapshot(sources) == before


def test_combine_too_big_is_refused_without_writing(tmp_path):
    sources = []
    for number in range(2):
        path = tmp_path / f"p{number}.png"
        noise((1700, 1000)).save(path, compress_level=0)
        sources.append(path)

    with pytest.raises(ConversionError) as error:
        combine_to_pdf(sources, tmp_path / "doc.pdf", max_bytes=100_000)

    assert str(error.value).startswith("Le PDF dépasserait 100 Ko : ")
    assert not (tmp_path / "doc.pdf").exists()
    assert format_size(MAX_BYTES) == "10 Mo"  # the message says « 10 Mo » by default


def test_combine_refusals(tmp_path):
    good = tmp_path / "ok.jpg"
    page().save(good)
    scan = tmp_path / "scan.pdf"
    page().save(scan, "PDF")
    broken = tmp_path / "casse.webp"
    broken.write_bytes(b"RIFF\x00\x10\x00\x00WEBPVP8 " + b"\x00" * 200)

    with pytest.raises(ConversionError, match="au moins une image"):
        combine_to_pdf([], tmp_path / "doc.pdf")
    with pytest.raises(ConversionError, match="« scan.pdf » est déjà un PDF"):
        combine_to_pdf([good, scan], tmp_path / "doc.pdf")
    with pytest.raises(ConversionError, match="« casse.webp » .* endommagé"):
        combine_to_pdf([good, broken], tmp_path / "doc.pdf")
    with pytest.raises(ConversionError, match="« absent.jpg » est introuvable"):
        combine_to_pdf([good, tmp_path / "absent.jpg"], tmp_path / "doc.pdf")
    assert not (tmp_path / "doc.pdf").exists()


def test_combine_never_overwrites(tmp_path):
    source = tmp_path / "p.jpg"
    page().save(source)
    existing = tmp_path / "doc.pdf"
    existing.write_bytes(b"ancien")

    pdf = combine_to_pdf([source], existing)

    assert pdf.name == "doc (2).pdf"
    assert existing.read_bytes() == b"ancien"


def test_without_img2pdf_pillow_writes_the_pdf(tmp_path, monkeypatch):
    # Both places that ask for img2pdf (the fitting ladder and the PDF writer) look it up there.
    monkeypatch.setattr(convert_pdf, "load_img2pdf", lambda: None)
    sources = []
    for number, colour in enumerate((RED, BLUE, RED)):
        path = tmp_path / f"p{number}.jpg"
        page(colour=colour).save(path)
        sources.append(path)

    pdf = combine_to_pdf(sources, tmp_path / "doc.pdf")

    assert b"created by Pillow" in pdf.read_bytes()[:100]  # Pillow wrote it, not img2pdf
    assert len(PdfReader(pdf).pages) == 3
    assert_accepted(pdf)


# --- can_convert ------------------------------------------------------------------------------


def test_can_convert_truth_table(tmp_path):
    accepted = tmp_path / "ok.png"
    page().save(accepted)
    misnamed = tmp_path / "scan.pdf"
    page().save(misnamed, "PNG")
    heic = write_heic(tmp_path / "photo.heic", page((64, 48)))
    corrupt = tmp_path / "casse.webp"
    corrupt.write_bytes(b"RIFF\x00\x10\x00\x00WEBPVP8 " + b"\x00" * 200)
    empty = tmp_path / "vide.heic"
    empty.write_bytes(b"")
    real_pdf = tmp_path / "vrai.pdf"
    page().save(real_pdf, "PDF")
    words = tmp_path / "notes.txt"
    words.write_text("bonjour " * 100)

    assert check_file(accepted).accepted
    assert not can_convert(check_file(accepted))
    assert not can_convert(check_file(misnamed))  # renaming is the fix, not converting
    assert can_convert(check_file(heic))
    assert not can_convert(check_file(corrupt))
    assert not can_convert(check_file(empty))
    assert not can_convert(check_file(tmp_path / "absent.heic"))
    assert not can_convert(check_file(words))

    small = 1000  # as if the limit were 1000 bytes: the PNG is « too big », the PDF too
    assert can_convert(check_file(accepted, max_bytes=small), max_bytes=small)
    assert not can_convert(check_file(real_pdf, max_bytes=small), max_bytes=small)


def test_module_import_stays_light():
    code = (
        "import sys, anef_tui.files.convert\n"
        "print(sorted(m for m in ('PIL', 'pillow_heif', 'img2pdf', 'textual') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "[]"
