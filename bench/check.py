"""How long ``anef_tui.files.checks.check_file`` takes on big and typical attachments.

Creates the files in a temporary folder, then prints the median time over N runs for:
a ~9.5 Mo JPEG of random noise at quality 95 (the worst JPEG: every byte is entropy-coded),
a ~10 Mo scanned PDF (pages of JPEG images, as scanners write them), a ~10 Mo PNG of noise and
an A4 600 ppp PNG scan (PNGs are decoded in full), and a folder of 50 typical scans (1-3 Mo
JPEG and PDF files). Usage: ``.venv/bin/python bench/check.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

from anef_tui.files.checks import check_file

MIB = 1024 * 1024
RNG = random.Random(2024)


def noise(width: int, height: int) -> Image.Image:
    return Image.frombytes("RGB", (width, height), RNG.randbytes(width * height * 3))


def noise_jpeg(path: Path, target_bytes: int, quality: int = 95) -> Path:
    """A JPEG of random noise close to ``target_bytes`` (aspect ratio of an A4 page)."""
    sample = tmp_encode(noise(400, 566), "JPEG", quality=quality)
    bytes_per_pixel = len(sample) / (400 * 566)
    pixels = target_bytes / bytes_per_pixel
    width = int((pixels / 1.414) ** 0.5)
    noise(width, int(width * 1.414)).save(path, "JPEG", quality=quality)
    return path


def scanned_pdf(path: Path, target_bytes: int, pages: int) -> Path:
    """A PDF whose pages are JPEG images, the way a scanner writes it."""
    per_page = target_bytes // pages
    images = []
    for _ in range(pages):
        jpeg = noise_jpeg(path.with_suffix(".tmp.jpg"), per_page, quality=90)
        images.append(Image.open(jpeg))
        images[-1].load()
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], quality=90)
    path.with_suffix(".tmp.jpg").unlink()
    return path


def a4_scan_png(path: Path, dpi: int = 600) -> Path:
    """A white A4 page covered with dark « words », as a text page scanned in colour."""
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    step = dpi // 15
    for y in range(dpi // 2, height - dpi // 2, step):
        for x in range(dpi // 2, width - dpi // 2, step):
            if RNG.random() < 0.7:
                draw.rectangle((x, y, x + RNG.randint(5, step), y + step // 2), fill=(30, 30, 30))
    img.save(path, "PNG")
    return path


def tmp_encode(img: Image.Image, fmt: str, **options) -> bytes:
    import io

    buffer = io.BytesIO()
    img.save(buffer, fmt, **options)
    return buffer.getvalue()


def median_ms(paths: list[Path], runs: int) -> tuple[float, bool]:
    for path in paths:  # warm-up: imports Pillow and pypdf, fills the page cache
        check_file(path)
    times = []
    accepted = True
    for _ in range(runs):
        start = time.perf_counter()
        for path in paths:
            accepted &= check_file(path).accepted
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), accepted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases: list[tuple[str, list[Path]]] = [
            ("JPEG bruit q95", [noise_jpeg(folder / "bruit.jpg", int(9.5 * MIB))]),
            ("PDF scanné (4 pages)", [scanned_pdf(folder / "scan.pdf", int(9.5 * MIB), 4)]),
        ]
        png = folder / "bruit.png"
        noise(1750, 1900).save(png, "PNG")
        cases.append(("PNG bruit", [png]))
        cases.append(("PNG A4 600 ppp", [a4_scan_png(folder / "a4-600.png")]))

        scans = folder / "scans"
        scans.mkdir()
        typical = []
        for i in range(50):
            target = RNG.randint(1 * MIB, 3 * MIB)
            if i % 2:
                typical.append(noise_jpeg(scans / f"scan{i:02}.jpg", target, quality=85))
            else:
                pages = RNG.randint(1, 3)
                typical.append(scanned_pdf(scans / f"scan{i:02}.pdf", target, pages))
        cases.append(("50 scans JPEG/PDF 1-3 Mo", typical))

        print(f"check_file, médiane sur {args.runs} passages")
        print(f"{'fichier(s)':<26} {'taille':>10} {'médiane':>10}  acceptés")
        for label, paths in cases:
            size = sum(p.stat().st_size for p in paths) / MIB
            ms, accepted = median_ms(paths, args.runs)
            print(f"{label:<26} {size:>7.1f} Mo {ms:>7.1f} ms  {'oui' if accepted else 'NON'}")


if __name__ == "__main__":
    main()
