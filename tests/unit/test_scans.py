"""Scans judged by what they are, not their shape (issue #21, item 2): a multi-page TIFF is
bounded like a PDF, the app converts whatever the check accepts, a refusal for too many pages
never says « only the useful pages », and libtiff's own messages never reach descriptor 2.
Every file here is made by the test."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from anef_tui.files.checks import MAX_FRAMES, MAX_PDF_PAGES, check_file
from anef_tui.files.convert import (
    ConversionError,
    can_convert,
    combine_to_pdf,
    conversion_target,
    convert,
    convert_to_pdf,
)
from anef_tui.files.quiet import stderr_hidden
from tests.french import assert_french


def passport_page(number: int, size=(440, 310)) -> Image.Image:
    """A small passport-like page: light paper, a dark band whose length tells the page."""
    img = Image.new("RGB", size, (236, 232, 220))
    img.paste((30, 30, 60), (10, 10, 20 + (number * 6) % (size[0] - 30), 30))
    return img


def write_scan(path: Path, pages: int, *, compression: str | None = None) -> Path:
    images = [passport_page(number) for number in range(pages)]
    options = {"compression": compression} if compression else {}
    images[0].save(path, format="TIFF", save_all=True, append_images=images[1:], **options)
    return path


def with_unknown_field_type(path: Path) -> Path:
    """Rewrite the first IFD of a little-endian TIFF with one more entry, tag 65000 of field
    type 99 (no such type): Pillow skips it, libtiff complains about it on descriptor 2."""
    data = path.read_bytes()
    assert data[:4] == b"II*\x00"
    first = struct.unpack_from("<I", data, 4)[0]
    count = struct.unpack_from("<H", data, first)[0]
    entries = [data[first + 2 + 12 * i : first + 14 + 12 * i] for i in range(count)]
    following = data[first + 2 + 12 * count : first + 6 + 12 * count]  # the next IFD's offset
    entries.append(struct.pack("<HHII", 65000, 99, 1, 0))
    entries.sort(key=lambda entry: struct.unpack_from("<H", entry)[0])
    padding = b"\x00" * (len(data) % 2)
    moved = len(data) + len(padding)
    ifd = struct.pack("<H", len(entries)) + b"".join(entries) + following
    path.write_bytes(data[:4] + struct.pack("<I", moved) + data[8:] + padding + ifd)
    return path


# --- a TIFF is bounded like a PDF -------------------------------------------------------------


def test_a_complete_passport_as_one_tiff_is_accepted_like_the_same_pages_as_a_pdf(tmp_path):
    """64 pages and the covers, scanned page by page into one TIFF: accepted as the PDF is."""
    tiff = write_scan(tmp_path / "passeport.tiff", 66, compression="tiff_lzw")
    result = check_file(tiff)
    assert result.accepted, result.reason
    assert result.pages == 66
    pdf = convert_to_pdf(tiff, tmp_path / "converti")
    assert len(PdfReader(pdf).pages) == 66
    as_pdf = check_file(pdf)
    assert as_pdf.accepted, as_pdf.reason
    # The same warning for the same pages, whatever their shape, and no « pages utiles » alone.
    long_tiff = [note for note in result.warnings if "est long (66 pages)" in note]
    long_pdf = [note for note in as_pdf.warnings if "est long (66 pages)" in note]
    assert len(long_tiff) == len(long_pdf) == 1
    assert "copie intégrale" in long_tiff[0] and "copie intégrale" in long_pdf[0]


def test_a_tiff_and_a_pdf_share_one_page_bound():
    assert MAX_FRAMES == MAX_PDF_PAGES == 500


def test_every_frame_of_a_converted_tiff_is_held_to_the_pixel_limit(tmp_path, monkeypatch):
    """Pillow checks the first frame when opening; the conversion checks the others too."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 5_000)
    path = tmp_path / "scan.tiff"
    small, huge = Image.new("L", (40, 40), 200), Image.new("L", (120, 120), 200)
    small.save(path, save_all=True, append_images=[huge])  # 14,400 pixels > 2 × 5,000
    with pytest.raises(ConversionError, match="est une image trop grande"):
        convert_to_pdf(path, tmp_path / "out")


def test_a_combined_pdf_over_the_page_bound_is_refused_before_encoding(tmp_path):
    first = write_scan(tmp_path / "a.tiff", MAX_PDF_PAGES // 2 + 1)
    second = write_scan(tmp_path / "b.tiff", MAX_PDF_PAGES // 2 + 1)
    with pytest.raises(ConversionError) as refused:
        combine_to_pdf([first, second], tmp_path / "tout.pdf")
    message = assert_french(str(refused.value))
    assert f"plus de {MAX_PDF_PAGES} pages" in message and "PDF" in message
    assert not (tmp_path / "tout.pdf").exists()


# --- the conversion offered fits the file ------------------------------------------------------


def test_a_multipage_tiff_over_the_size_limit_is_offered_a_pdf_that_keeps_every_page(tmp_path):
    tiff = write_scan(tmp_path / "passeport.tiff", 12)
    limit = tiff.stat().st_size - 1
    refused = check_file(tiff, max_bytes=limit)
    assert not refused.accepted
    assert can_convert(refused, max_bytes=limit)
    assert conversion_target(refused, max_bytes=limit) == "pdf"
    made = convert(tiff, tmp_path / "out", max_bytes=limit)
    assert made.suffix == ".pdf"
    assert len(PdfReader(made).pages) == 12


def test_a_single_picture_over_the_size_limit_is_still_offered_a_jpeg(tmp_path):
    tiff = write_scan(tmp_path / "photo.tiff", 1)
    limit = tiff.stat().st_size - 1
    refused = check_file(tiff, max_bytes=limit)
    assert conversion_target(refused, max_bytes=limit) == "jpeg"
    assert convert(tiff, tmp_path / "out", max_bytes=limit).suffix == ".jpg"


# --- too many pages: save as PDF, never « only the useful pages » ------------------------------


def test_too_many_pages_says_to_save_as_pdf(tmp_path):
    tiff = write_scan(tmp_path / "archive.tiff", MAX_FRAMES + 1, compression="tiff_lzw")
    result = check_file(tiff)
    assert not result.accepted
    reason = assert_french(result.reason or "")
    assert f"plus de {MAX_FRAMES} pages" in reason
    assert "en plusieurs PDF" in reason
    assert "pages utiles" not in reason


# --- libtiff's own output never reaches descriptor 2 -------------------------------------------


def test_libtiff_complaints_never_reach_descriptor_2_when_checking(tmp_path, capfd):
    path = with_unknown_field_type(write_scan(tmp_path / "scan.tiff", 1, compression="tiff_lzw"))
    result = check_file(path)
    assert result.accepted, result.reason  # the picture itself is sound
    captured = capfd.readouterr()
    assert captured.err == ""
    assert "TIFF" not in " ".join(result.warnings)


def test_libtiff_complaints_never_reach_descriptor_2_when_converting(tmp_path, capfd):
    path = with_unknown_field_type(write_scan(tmp_path / "scan.tiff", 3, compression="tiff_lzw"))
    pdf = convert_to_pdf(path, tmp_path / "out")
    assert len(PdfReader(pdf).pages) == 3
    assert check_file(pdf).accepted
    assert capfd.readouterr().err == ""


def test_the_check_command_prints_nothing_of_libtiff(tmp_path):
    """A fresh process, as a user runs it: only the French verdict, on standard output."""
    path = with_unknown_field_type(write_scan(tmp_path / "scan.tiff", 1, compression="tiff_lzw"))
    done = subprocess.run(
        [sys.executable, "-m", "anef_tui.cli", "check", str(path)],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout
    assert done.stderr == b""
    assert b"TIFF" not in done.stdout.replace(b"(TIFF,", b"")


def _open_descriptors() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


def test_descriptor_2_is_hidden_while_any_thread_decodes_and_restored_after(capfd):
    """The fallback where libtiff cannot be silenced: overlapping blocks in two threads."""
    before = os.fstat(2)
    descriptors = _open_descriptors()
    os.write(2, b"avant\n")
    inside = threading.Barrier(2)
    first_out = threading.Event()

    def first() -> None:
        with stderr_hidden():
            inside.wait()
            os.write(2, b"premier\n")
        first_out.set()

    def second() -> None:
        with stderr_hidden():
            inside.wait()
            first_out.wait(10)
            os.write(2, b"second\n")  # the first block is over, this one is not
            with stderr_hidden():  # nested in one thread: no deadlock
                os.write(2, b"imbrique\n")

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    os.write(2, b"apres\n")
    assert capfd.readouterr().err == "avant\napres\n"
    after = os.fstat(2)
    assert (after.st_dev, after.st_ino) == (before.st_dev, before.st_ino)
    assert _open_descriptors() == descriptors  # every descriptor it made is closed
