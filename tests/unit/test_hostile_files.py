"""Hostile files are bounded: too many pages or frames, decompression bombs, checks that would
take too long, file names that are not UTF-8. Every file here is made by the test, small."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter

from anef_tui.files import checks
from anef_tui.files.checks import (
    MAX_FRAMES,
    MAX_PDF_PAGES,
    check_file,
    check_slot,
    count_frames,
    display_path,
)
from anef_tui.files.cli_check import format_line, run
from anef_tui.files.convert import ConversionError, convert_to_pdf


def write_tiff(path: Path, frames: int, size=(8, 8), sizes=None) -> Path:
    sizes = sizes or [size] * frames
    images = [Image.new("L", s, color=i % 255) for i, s in enumerate(sizes)]
    images[0].save(path, format="TIFF", save_all=True, append_images=images[1:])
    return path


def write_pdf(path: Path, pages: int) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def late_clock(after_calls: int = 1):
    """A monotonic clock that jumps one hour ahead after `after_calls` readings."""
    return itertools.chain([0.0] * after_calls, itertools.repeat(3600.0)).__next__


# --- frames and pages ------------------------------------------------------------------------


def test_a_tiff_over_the_page_limit_is_refused_without_reading_them_all(tmp_path):
    path = write_tiff(tmp_path / "scan.tiff", MAX_FRAMES + 20)
    result = check_file(path)
    assert not result.accepted
    assert f"contient plus de {MAX_FRAMES} pages" in result.reason
    assert f"enregistrez-le en plusieurs PDF de {MAX_FRAMES} pages au plus" in result.reason
    assert "pages utiles" not in result.reason
    with Image.open(path) as img:
        assert count_frames(img, MAX_FRAMES) == MAX_FRAMES + 1  # stopped past the bound
        assert img.tell() == 0


def test_a_tiff_at_the_frame_limit_is_accepted(tmp_path):
    result = check_file(write_tiff(tmp_path / "scan.tiff", MAX_FRAMES))
    assert result.accepted, result.reason
    assert result.pages == MAX_FRAMES


def test_counting_frames_stops_at_the_bound():
    seeks = []

    class Endless:
        def seek(self, frame):
            seeks.append(frame)

    assert count_frames(Endless(), 5) == 6
    assert max(seeks) == 5


def test_a_tiff_over_the_frame_limit_is_not_converted_either(tmp_path):
    path = write_tiff(tmp_path / "scan.tiff", MAX_FRAMES + 5)
    with pytest.raises(ConversionError, match=f"plus de {MAX_FRAMES} pages") as refused:
        convert_to_pdf(path, tmp_path / "out")
    assert "pages utiles" not in str(refused.value)


def test_a_pdf_over_the_page_limit_is_refused(tmp_path):
    result = check_file(write_pdf(tmp_path / "long.pdf", MAX_PDF_PAGES + 1))
    assert not result.accepted
    assert f"contient plus de {MAX_PDF_PAGES} pages" in result.reason
    assert "pages utiles" not in result.reason


def test_a_long_pdf_under_the_limit_is_only_warned_about(tmp_path):
    result = check_file(write_pdf(tmp_path / "long.pdf", 30))
    assert result.accepted
    assert result.pages == 30
    assert "est long (30 pages)" in result.warnings[0]


def test_a_pdf_lying_about_its_page_count_is_still_bounded(tmp_path):
    """/Count says 1, the page tree holds 501 pages: the tree is counted, up to the bound."""
    path = write_pdf(tmp_path / "menteur.pdf", MAX_PDF_PAGES + 1)
    data = path.read_bytes()
    declared = f"/Count {MAX_PDF_PAGES + 1}".encode()
    assert data.count(declared) == 1
    path.write_bytes(data.replace(declared, b"/Count 1".ljust(len(declared))))
    result = check_file(path)
    assert not result.accepted
    assert f"plus de {MAX_PDF_PAGES} pages" in result.reason


def test_a_pdf_whose_page_tree_loops_is_damaged_not_a_hang(tmp_path):
    path = write_pdf(tmp_path / "boucle.pdf", 1)
    data = path.read_bytes()
    # pypdf writes the page tree root as object 2 and the page as object 4: point the
    # root's /Kids back at the root itself.
    assert data.count(b"/Kids [ 4 0 R ]") == 1 and b"2 0 obj\n<<\n/Type /Pages" in data
    path.write_bytes(data.replace(b"/Kids [ 4 0 R ]", b"/Kids [ 2 0 R ]"))
    result = check_file(path)
    assert not result.accepted
    assert "est endommagé ou incomplet" in result.reason


# --- time budget -----------------------------------------------------------------------------


@pytest.mark.parametrize("maker", ["tiff", "pdf", "png"])
def test_a_check_over_its_time_budget_gives_up_in_french(tmp_path, maker):
    if maker == "tiff":
        path = write_tiff(tmp_path / "scan.tiff", 3)
    elif maker == "pdf":
        path = write_pdf(tmp_path / "scan.pdf", 3)
    else:
        path = tmp_path / "photo.png"
        Image.new("RGB", (8, 8)).save(path)
    result = check_file(path, clock=late_clock(), time_budget=5)
    assert not result.accepted
    assert "est trop long à vérifier (plus de 5 secondes)" in result.reason
    assert result.reason.endswith(".")


def test_the_same_files_pass_with_a_clock_that_does_not_jump(tmp_path):
    tiff = write_tiff(tmp_path / "scan.tiff", 3)
    pdf = write_pdf(tmp_path / "scan.pdf", 3)
    results = check_slot([tiff, pdf], max_files=3, slot_title="S", clock=lambda: 0.0)
    assert [r.accepted for r in results] == [True, True]


# --- decompression bombs ---------------------------------------------------------------------


def test_a_later_frame_over_the_pixel_limit_is_refused(tmp_path, monkeypatch):
    """Pillow checks the first frame only: a small first page hides a huge second one."""
    path = write_tiff(tmp_path / "scan.tiff", 2, sizes=[(10, 10), (100, 100)])
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    result = check_file(path)
    assert not result.accepted
    assert "est une image trop grande" in result.reason


def test_a_bomb_twice_over_the_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "bombe.png"
    Image.new("L", (100, 100)).save(path)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 10,000 > 2 × 1,000: an error
    result = check_file(path)
    assert not result.accepted
    assert "est une image trop grande" in result.reason


# --- file names that are not UTF-8 -------------------------------------------------------------


def test_display_path_is_always_valid_utf8():
    bad = os.fsdecode(b"/tmp/x/\xff\xfe.pdf")
    assert display_path(bad) == "/tmp/x/\ufffd\ufffd.pdf"
    assert display_path(b"/tmp/x/\xff.pdf") == "/tmp/x/\ufffd.pdf"
    assert display_path("a\x1b[31mrouge\n.pdf") == "a\ufffd[31mrouge\ufffd.pdf"
    assert display_path("fdp.\u202egpj") == "fdp.\ufffdgpj"
    assert display_path("relevé 2024.pdf") == "relevé 2024.pdf"


@pytest.fixture
def bad_names(tmp_path):
    folder = os.fsencode(tmp_path)
    pdf = folder + b"/\xff\xfe.pdf"
    with open(pdf, "wb") as fh:
        fh.write(write_pdf(tmp_path / "model.pdf", 1).read_bytes())
    png = folder + b"/photo \xe9t\xe9\x1b[2J.png"
    with open(png, "wb") as fh:
        fh.write(b"not a png at all")
    return [pdf, png]


def test_check_file_takes_bytes_and_reports_a_safe_name(bad_names):
    pdf, png = (check_file(p) for p in bad_names)
    assert pdf.accepted
    assert os.fsencode(pdf.path) == bad_names[0]  # the path still opens the file
    assert "\ufffd" in png.reason and "\x1b" not in png.reason
    png.reason.encode("utf-8")
    format_line(png).encode("utf-8")


def _cli(*args: bytes) -> subprocess.CompletedProcess:
    return subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"anef_tui.cli", b"check", *args],
        capture_output=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_cli_plain_output_is_valid_utf8(bad_names):
    done = _cli(*bad_names)
    text = done.stdout.decode("utf-8")  # strict: fails on invalid UTF-8
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr.decode("utf-8")
    assert "OK      " in text and "\ufffd\ufffd.pdf (PDF, 1 page" in text
    assert "REFUSÉ  " in text and "\x1b" not in text


def test_cli_json_output_is_valid_json_and_utf8(bad_names):
    done = _cli(b"--json", *bad_names)
    data = json.loads(done.stdout.decode("utf-8"))
    assert [d["accepted"] for d in data] == [True, False]
    assert data[0]["path"].endswith("/\ufffd\ufffd.pdf")
    assert "\ufffd" in data[1]["reason"]
    assert "Traceback" not in done.stderr.decode("utf-8")


def test_cli_run_writes_through_any_stream(bad_names, tmp_path):
    import io

    out = io.StringIO()
    assert run([os.fsdecode(p) for p in bad_names], as_json=True, slot=None,
               slot_limits=None, out=out) == 1
    json.loads(out.getvalue())
    out.getvalue().encode("utf-8")


def test_unknown_slot_with_bad_bytes_is_a_french_line(tmp_path):
    import io

    err = io.StringIO()
    code = run([], as_json=False, slot=os.fsdecode(b"\xff"), slot_limits=None, err=err)
    assert code == 2
    assert "Emplacement « \ufffd » inconnu" in err.getvalue()


def test_the_budget_constants_are_sane():
    assert checks.LONG_PDF_PAGES < MAX_PDF_PAGES
    assert checks.CHECK_SECONDS > 0
