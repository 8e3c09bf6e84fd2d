"""Turn a photo the ANEF refuses into a file it accepts, without ever touching the original.

Social workers often receive phone photos in HEIC or WebP, photos over 10 Mo, or a passport
photographed page by page. This module converts such images to JPEG or PDF:

* ``can_convert`` tells whether a refused file is fixed by a conversion (refused for its format
  or its size only, and its content decodes);
* ``convert_to_jpeg`` and ``convert_to_pdf`` convert one image into ``dest_dir``;
* ``combine_to_pdf`` makes one PDF from several images, one page per image.

Every output is decoded, turned upright (EXIF orientation), flattened on white, converted to
sRGB and stripped of its metadata (no EXIF, no GPS position: privacy). When it would exceed
10 Mo, the quality steps down (90, 85, 80, 75), then the picture shrinks (long side × 0.8 per
step) but never below 1600 pixels on its long side, so that text stays legible. Outputs never
overwrite an existing file: « photo.jpg » becomes « photo (2).jpg ».

Pillow, pillow-heif and img2pdf are imported inside the functions that need them, to keep
start-up fast. Without pillow-heif, HEIC photos are not convertible; without img2pdf, PDFs are
written by Pillow (every page re-encoded). Errors are ``ConversionError`` with one French
sentence that names the file and says what to do.
"""

from __future__ import annotations

import io
import math
import os
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from anef_tui.files.checks import (
    HEAD_BYTES,
    MAX_BYTES,
    MAX_FRAMES,
    CheckResult,
    count_frames,
    format_size,
    sniff,
)

#: JPEG qualities tried in turn before shrinking the picture.
QUALITIES = (90, 85, 80, 75)
#: Each shrinking step multiplies the long side by this.
SCALE_STEP = 0.8
#: A picture is never shrunk below this many pixels on its long side.
MIN_LONG_SIDE = 1600

#: Formats the ANEF refuses that a conversion fixes.
CONVERTIBLE_FORMATS = ("heic", "heif", "webp", "gif", "avif")
#: Accepted image formats: converted only when the file is too big.
_RASTER_FORMATS = ("png", "jpeg", "tiff", "bmp")
# Pillow format names tried for each detected format (« HEIF » is pillow-heif's opener).
_PILLOW_FORMATS = {
    "png": ["PNG"],
    "jpeg": ["JPEG"],
    "tiff": ["TIFF"],
    "bmp": ["BMP"],
    "gif": ["GIF"],
    "webp": ["WEBP"],
    "heic": ["HEIF"],
    "heif": ["HEIF"],
    "avif": ["AVIF", "HEIF"],
}
_HEIF_FORMATS = ("heic", "heif", "avif")

# Rough JPEG size at each quality relative to quality 90, on the small side on purpose: a step
# is skipped only when even this optimistic estimate says it cannot fit.
_QUALITY_FACTOR = {90: 1.0, 85: 0.75, 80: 0.62, 75: 0.54}
# PDF pages are sized to fit an A4 sheet (in points), whichever way the picture is turned.
_A4_LONG_PT = 297 / 25.4 * 72
_A4_SHORT_PT = 210 / 25.4 * 72
# In combine_to_pdf, decoded pages stay in memory between attempts below this many pixels.
_CACHE_PIXELS = 40_000_000
# Segments of a JPEG header kept when a JPEG is embedded as is: everything but metadata.
_JPEG_APP_KEPT = {0xE0: b"JFIF\x00", 0xE2: b"ICC_PROFILE\x00", 0xEE: b"Adobe"}
_EXIF_ORIENTATION = 0x0112

_heif_registered = False


class ConversionError(Exception):
    """A conversion failed; the message is one French sentence saying what to do."""


# --- public API -------------------------------------------------------------------------------


def can_convert(result: CheckResult, *, max_bytes: int = MAX_BYTES) -> bool:
    """True when ``result`` was refused only for its format or its size and a conversion fixes it.

    That is: a HEIC, HEIF, WebP, GIF or AVIF image, or a PNG, JPEG, TIFF or BMP image over
    ``max_bytes``, whose content really decodes. An accepted file, a file that only needs
    renaming (a PNG named .pdf), a damaged, empty or missing file, or a PDF give False.
    A TIFF of several pages is convertible with ``convert_to_pdf`` only.
    """
    if result.accepted or not result.size:
        return False
    detected = result.detected
    if detected in CONVERTIBLE_FORMATS:
        pass  # refused for its format (and maybe its size too): converting fixes both
    elif detected in _RASTER_FORMATS and result.size > max_bytes:
        pass  # refused for its size, which is checked before anything else
    else:
        return False
    if detected in ("heic", "heif") and not _register_heif():
        return False
    try:
        _inspect(Path(result.path), validate=True)
    except ConversionError:
        return False
    return True


def convert_to_jpeg(source: Path, dest_dir: Path, *, max_bytes: int = MAX_BYTES) -> Path:
    """Convert one image to « <stem>.jpg » in ``dest_dir`` (made if missing); return its path.

    The picture is turned upright, flattened on white, stripped of its metadata and saved at
    quality 90, then at lower quality or smaller size until it fits in ``max_bytes``. An animated
    image gives its first frame. Raises ConversionError (the source is never modified).
    """
    source = Path(source)
    detected, frames = _inspect(source)
    if frames > 1 and detected == "tiff":
        raise ConversionError(
            f"Le fichier « {source.name} » contient {frames} pages : "
            "convertissez-le plutôt en PDF pour les garder toutes."
        )
    pages = [_Page(source, detected, 0, keep=True)]
    data = _fit(pages, lambda parts, quality: parts[0], max_bytes, lossless=False)
    return _write_new(Path(dest_dir), _stem(source), ".jpg", data)


def convert_to_pdf(source: Path, dest_dir: Path, *, max_bytes: int = MAX_BYTES) -> Path:
    """Convert one image to a one-page PDF « <stem>.pdf » in ``dest_dir``; return its path.

    Same decoding and size reduction as ``convert_to_jpeg``. A TIFF of several pages gives a PDF
    with one page per TIFF page. Raises ConversionError (the source is never modified).
    """
    source = Path(source)
    detected, frames = _inspect(source)
    count = frames if detected == "tiff" else 1
    keep = count == 1
    pages = [_Page(source, detected, frame, keep=keep) for frame in range(count)]
    data = _fit(pages, _pdf_from_jpegs, max_bytes, lossless=False)
    return _write_new(Path(dest_dir), _stem(source), ".pdf", data)


def combine_to_pdf(sources: Sequence[Path], dest: Path, *, max_bytes: int = MAX_BYTES) -> Path:
    """Make one PDF from the images of one document, one page per image, in the given order.

    HEIC, WebP... are decoded like in ``convert_to_jpeg``; JPEG photos are embedded without
    re-encoding when possible (their metadata removed all the same). When the PDF would exceed
    ``max_bytes``, every page is re-encoded at lower quality, then smaller. The PDF is written at
    ``dest`` (« .pdf » added if missing), or « <stem> (2).pdf » beside it when ``dest`` exists:
    the returned path is the one written. Raises ConversionError; sources are never modified.
    """
    if not sources:
        raise ConversionError("Choisissez au moins une image pour créer le PDF.")
    pages: list[_Page] = []
    for source in sources:
        source = Path(source)
        detected, frames = _inspect(source)
        count = frames if detected == "tiff" else 1
        pages.extend(_Page(source, detected, frame, keep=False) for frame in range(count))
    if sum(page.width * page.height for page in pages) <= _CACHE_PIXELS:
        for page in pages:
            page.keep = True
    limit = format_size(max_bytes)
    data = _fit(
        pages,
        _pdf_from_jpegs,
        max_bytes,
        lossless=True,
        too_big=f"Le PDF dépasserait {limit} : répartissez les pages entre plusieurs fichiers "
        f"de moins de {limit} chacun.",
    )
    dest = Path(dest)
    stem = dest.stem if dest.suffix.lower() == ".pdf" else dest.name
    return _write_new(dest.parent, stem, ".pdf", data)


# --- reading the source -----------------------------------------------------------------------


def _register_heif() -> bool:
    """Register pillow-heif's opener with Pillow once; False when pillow-heif is missing."""
    global _heif_registered
    if not _heif_registered:
        try:
            import pillow_heif
        except ImportError:
            return False
        pillow_heif.register_heif_opener()
        _heif_registered = True
    return True


def _damaged(name: str) -> ConversionError:
    return ConversionError(
        f"Le fichier « {name} » ne peut pas être converti car il est endommagé ou illisible : "
        "exportez-le à nouveau depuis le téléphone ou l'ordinateur."
    )


@contextmanager
def _decoding(name: str) -> Iterator[None]:
    """Turn whatever Pillow raises on a bad file into a French ConversionError."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            # Pillow's warnings about odd metadata must not reach the terminal; pictures over
            # MAX_IMAGE_PIXELS (a warning) are shrunk below it, over twice that Pillow raises.
            warnings.simplefilter("ignore")
            yield
    except ConversionError:
        raise
    except Image.DecompressionBombError:
        millions = (Image.MAX_IMAGE_PIXELS or 0) * 2 // 1_000_000
        raise ConversionError(
            f"Le fichier « {name} » est une image trop grande (plus de {millions} millions de "
            "pixels) : reprenez la photo en définition normale ou numérisez le document à 300 ppp."
        ) from None
    except MemoryError:
        raise ConversionError(
            f"Le fichier « {name} » est une image trop grande pour la mémoire de cet ordinateur : "
            "reprenez la photo en définition normale ou numérisez le document à 300 ppp."
        ) from None
    except Exception as exc:
        raise _damaged(name) from exc


def _open_image(path: Path, detected: str):
    from PIL import Image

    if detected in _HEIF_FORMATS:
        _register_heif()
    return Image.open(path, formats=_PILLOW_FORMATS[detected])


def _inspect(source: Path, *, validate: bool = False) -> tuple[str, int]:
    """The detected format and page count of an image that can be converted.

    Raises ConversionError when it is missing, unreadable, not a convertible image, or (with
    ``validate``) when its first frame does not decode.
    """
    name = source.name or str(source)
    try:
        if not source.is_file():
            raise ConversionError(
                f"Le fichier « {name} » est introuvable : vérifiez son nom et son emplacement."
            )
        with open(source, "rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        raise ConversionError(
            f"Le fichier « {name} » ne peut pas être lu : vérifiez que vous avez le droit de "
            "l'ouvrir."
        ) from None
    if not head:
        raise ConversionError(
            f"Le fichier « {name} » est vide : choisissez le bon fichier ou reprenez la photo."
        )
    detected = sniff(head)
    if detected == "pdf":
        raise ConversionError(
            f"Le fichier « {name} » est déjà un PDF : joignez-le tel quel, "
            "seules les images peuvent être converties."
        )
    if detected not in _PILLOW_FORMATS:
        raise ConversionError(
            f"Le fichier « {name} » n'est pas une photo ni une image : "
            "seules les images (JPG, PNG, HEIC, WEBP…) peuvent être converties."
        )
    if detected in ("heic", "heif") and not _register_heif():
        raise ConversionError(
            f"Le fichier « {name} » est une photo HEIC que ce poste ne sait pas lire : "
            "exportez-la en JPG depuis le téléphone."
        )
    with _decoding(name), _open_image(source, detected) as img:
        # Frame headers are counted up to the bound only: never 85,000 of them.
        frames = count_frames(img, MAX_FRAMES) if detected == "tiff" else 1
        if frames > MAX_FRAMES:
            raise ConversionError(
                f"Le fichier « {name} » contient plus de {MAX_FRAMES} pages : joignez "
                "seulement les pages utiles."
            )
        if validate:
            if detected == "jpeg":
                # 1/8 scale still reads every byte of the compressed data, much faster.
                width, height = img.size
                img.draft(img.mode, (max(1, width // 8), max(1, height // 8)))
            img.load()
    return detected, frames


class _Page:
    """One page to encode: a frame of a source image, decoded on demand."""

    def __init__(self, path: Path, detected: str, frame: int, *, keep: bool) -> None:
        self.path = path
        self.name = path.name
        self.detected = detected
        self.frame = frame
        self.keep = keep  # keep the decoded picture in memory between attempts
        self._decoded = None
        self._lossless: bytes | None | bool = False  # False: not worked out yet
        with _decoding(self.name), _open_image(path, detected) as img:
            if frame:
                img.seek(frame)
            self.width, self.height = img.size

    @property
    def base_long(self) -> int:
        """The long side at full size, shrunk only to stay under Pillow's pixel limit."""
        from PIL import Image

        long_side = max(self.width, self.height)
        limit = Image.MAX_IMAGE_PIXELS
        pixels = self.width * self.height
        if limit and pixels > limit:
            long_side = math.floor(long_side * math.sqrt(limit / pixels) * 0.999)
        return long_side

    def target_long(self, shrink_steps: int) -> int:
        base = self.base_long
        if shrink_steps == 0 or base <= MIN_LONG_SIDE:
            return base
        return max(MIN_LONG_SIDE, math.floor(base * SCALE_STEP**shrink_steps))

    def image(self, long_side: int):
        """The page upright, in RGB, without metadata, its long side at most ``long_side``."""
        if self._decoded is None:
            decoded = self._decode(self.base_long if self.keep else long_side)
            if not self.keep:
                return decoded
            self._decoded = decoded
        return _resize(self._decoded, long_side)

    def _decode(self, long_side: int):
        with _decoding(self.name), _open_image(self.path, self.detected) as img:
            if self.frame:
                img.seek(self.frame)
            width, height = img.size
            if self.detected == "jpeg" and long_side < max(width, height):
                # Let the JPEG decoder shrink by 1/2, 1/4 or 1/8 while decoding.
                ratio = long_side / max(width, height)
                img.draft(img.mode, (math.ceil(width * ratio), math.ceil(height * ratio)))
            icc = img.info.get("icc_profile")
            img.load()
            return _resize(_normalise(img, icc), long_side)

    def lossless(self) -> bytes | None:
        """This JPEG's own bytes without metadata, when it can be embedded in a PDF as is."""
        if self._lossless is False:
            self._lossless = self._find_lossless()
        return self._lossless  # type: ignore[return-value]

    def _find_lossless(self) -> bytes | None:
        from PIL import Image

        if self.detected != "jpeg" or self.base_long != max(self.width, self.height):
            return None
        with _decoding(self.name), _open_image(self.path, self.detected) as img:
            if img.mode not in ("RGB", "L"):
                return None  # CMYK JPEGs are converted: PDF readers disagree on them
            try:
                orientation = img.getexif().get(_EXIF_ORIENTATION, 1)
            except Exception:
                return None
        if orientation not in (1, 3, 6, 8):  # mirrored pictures cannot be turned by a PDF page
            return None
        stripped = _strip_jpeg(self.path.read_bytes(), orientation)
        if stripped is None:
            return None
        # The stripped copy must decode completely (1/8 scale still reads every byte).
        with _decoding(self.name), Image.open(io.BytesIO(stripped), formats=["JPEG"]) as img:
            if img.size != (self.width, self.height):
                return None
            img.draft(img.mode, (max(1, self.width // 8), max(1, self.height // 8)))
            img.load()
        return stripped


def _normalise(img, icc: bytes | None):
    """Upright, alpha flattened on white, sRGB, RGB, no metadata: a new image."""
    from PIL import Image, ImageOps

    try:
        upright = ImageOps.exif_transpose(img)
    except Exception:  # unreadable EXIF: keep the picture as stored
        upright = img
    mode = upright.mode
    if mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in upright.info:
        rgba = upright.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        upright = flat
    elif mode.startswith("I"):  # 16- or 32-bit grey: bring it down to 8 bits
        grey = upright.convert("I")
        _low, high = cast("tuple[int, int]", grey.getextrema())  # mode « I »: two ints
        if high > 255:
            grey = grey.point(lambda value: value * (1 / 256))
        upright = grey.convert("L")
    elif mode in ("1", "F"):
        upright = upright.convert("L")
    elif mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    result = _to_srgb(upright, icc) if icc else upright.convert("RGB")
    if result is img:
        result = img.copy()
    result.info = {}
    return result


def _to_srgb(img, icc: bytes):
    """Apply the picture's colour profile (Display P3 on iPhones, CMYK...) to get sRGB."""
    try:
        from PIL import ImageCms

        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if img.mode == "RGB" and "srgb" in ImageCms.getProfileDescription(profile).lower():
            return img.convert("RGB")
        srgb = ImageCms.createProfile("sRGB")
        return ImageCms.profileToProfile(img, profile, srgb, outputMode="RGB")
    except Exception:  # a broken or unusual profile: plain conversion
        return img.convert("RGB")


def _resize(img, long_side: int):
    from PIL import Image

    width, height = img.size
    current = max(width, height)
    if current <= long_side:
        return img
    size = (max(1, width * long_side // current), max(1, height * long_side // current))
    resized = img.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    resized.info = {}
    return resized


# --- JPEG without metadata --------------------------------------------------------------------


def _strip_jpeg(data: bytes, orientation: int) -> bytes | None:
    """The same JPEG (same compressed pixels) without EXIF, XMP, IPTC, comments or thumbnails.

    Keeps JFIF, the colour profile and Adobe's colour marker; stops at the end of the main
    picture (phones append extra pictures after it). A turned picture gets a minimal EXIF
    block holding only its orientation. None when the file does not parse.
    """
    if not data.startswith(b"\xff\xd8"):
        return None
    out = [b"\xff\xd8"]
    if orientation != 1:
        out.append(_orientation_segment(orientation))
    size = len(data)
    pos = 2
    while pos < size:
        if data[pos] != 0xFF:
            return None
        while pos < size and data[pos] == 0xFF:  # fill bytes before a marker
            pos += 1
        if pos >= size:
            return None
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # end of picture
            out.append(b"\xff\xd9")
            return b"".join(out)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            out.append(bytes((0xFF, marker)))
            continue
        if pos + 2 > size:
            return None
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2 or pos + length > size:
            return None
        body = data[pos + 2 : pos + length]
        pos += length
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:
            signature = _JPEG_APP_KEPT.get(marker)
            if signature is None or not body.startswith(signature):
                continue  # EXIF, XMP, IPTC, comment...: dropped
            if marker == 0xE0:
                body = body[:12] + b"\x00\x00"  # JFIF without its thumbnail
        out.append(bytes((0xFF, marker)) + (len(body) + 2).to_bytes(2, "big") + body)
        if marker == 0xDA:  # start of scan: compressed data runs until the next marker
            end = pos
            while True:
                end = data.find(b"\xff", end)
                if end < 0 or end + 1 >= size:
                    return None
                following = data[end + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
                    end += 1
                    continue
                break
            out.append(data[pos:end])
            pos = end
    return None


def _orientation_segment(orientation: int) -> bytes:
    from PIL import Image

    exif = Image.Exif()
    exif[_EXIF_ORIENTATION] = orientation
    body = exif.tobytes()  # starts with « Exif\0\0 »
    return b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body


# --- encoding and fitting ---------------------------------------------------------------------


def _encode_jpeg(img, quality: int) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def _ladder(pages: Sequence[_Page]) -> list[tuple[int, int]]:
    """(quality, shrink steps) pairs to try in turn, the last one being the smallest allowed."""
    steps = [(quality, 0) for quality in QUALITIES]
    shrink = 0
    while any(page.target_long(shrink) > MIN_LONG_SIDE for page in pages):
        shrink += 1
        steps.append((QUALITIES[-1], shrink))
    return steps


def _fit(
    pages: Sequence[_Page],
    assemble: Callable[[list[bytes], int], bytes],
    max_bytes: int,
    *,
    lossless: bool,
    too_big: str | None = None,
) -> bytes:
    """Encode the pages at the first step of the ladder whose result fits in ``max_bytes``."""
    steps = _ladder(pages)
    index = 0
    while True:
        quality, shrink = steps[index]
        parts: list[bytes] = []
        used_lossless = False
        # JPEG photos go into the PDF as they are on the first attempt (needs img2pdf).
        try_lossless = lossless and index == 0 and _img2pdf() is not None
        for page in pages:
            original = page.lossless() if try_lossless else None
            if original is not None:
                parts.append(original)
                used_lossless = True
            else:
                parts.append(_encode_jpeg(page.image(page.target_long(shrink)), quality))
        data = assemble(parts, quality)
        if len(data) <= max_bytes:
            return data
        if index == len(steps) - 1:
            if too_big is None:
                name = pages[0].name
                too_big = (
                    f"Le fichier « {name} » ne peut pas être réduit sous "
                    f"{format_size(max_bytes)} sans devenir illisible : recadrez la photo sur le "
                    "document ou numérisez-le à 300 ppp."
                )
            raise ConversionError(too_big)
        index = (
            index + 1
            if used_lossless
            else _next_step(pages, steps, index, parts, len(data), max_bytes)
        )


def _next_step(
    pages: Sequence[_Page],
    steps: list[tuple[int, int]],
    index: int,
    parts: list[bytes],
    total: int,
    max_bytes: int,
) -> int:
    """Skip the steps that an optimistic estimate from the last attempt says cannot fit."""
    quality, shrink = steps[index]
    overhead = total - sum(len(part) for part in parts)
    last = len(steps) - 1
    for candidate in range(index + 1, last):
        new_quality, new_shrink = steps[candidate]
        factor = _QUALITY_FACTOR[new_quality] / _QUALITY_FACTOR[quality]
        estimate = overhead + sum(
            len(part) * factor * (page.target_long(new_shrink) / page.target_long(shrink)) ** 2
            for page, part in zip(pages, parts, strict=True)
        )
        if estimate <= max_bytes:
            return candidate
    return last


# --- PDF --------------------------------------------------------------------------------------


def _img2pdf():
    """The img2pdf module, or None when it is not installed."""
    try:
        import img2pdf
    except ImportError:
        return None
    return img2pdf


def _page_layout(width_px: float, height_px: float, _dpi=None) -> tuple[float, ...]:
    """Page size in points: the picture fits an A4 sheet in its own orientation, no margin."""
    long_px, short_px = max(width_px, height_px), min(width_px, height_px)
    scale = min(_A4_LONG_PT / long_px, _A4_SHORT_PT / short_px)
    width, height = width_px * scale, height_px * scale
    return width, height, width, height


def _pdf_from_jpegs(parts: list[bytes], quality: int) -> bytes:
    """A PDF with one page per JPEG, the JPEG bytes embedded as they are (img2pdf)."""
    img2pdf = _img2pdf()
    if img2pdf is None:
        return _pdf_with_pillow(parts, quality)
    return img2pdf.convert(
        parts,
        layout_fun=_page_layout,
        engine=img2pdf.Engine.internal,
        rotation=img2pdf.Rotation.auto,
        nodate=True,
    )


def _pdf_with_pillow(parts: list[bytes], quality: int) -> bytes:
    """Without img2pdf: Pillow writes the PDF, re-encoding every page at ``quality``."""
    from PIL import Image

    images = [Image.open(io.BytesIO(part)) for part in parts]
    resolution = max(
        max(img.size) / (_A4_LONG_PT / 72) for img in images
    )  # the largest page fits an A4 sheet
    buffer = io.BytesIO()
    images[0].save(
        buffer,
        "PDF",
        save_all=True,
        append_images=images[1:],
        resolution=resolution,
        quality=quality,
    )
    return buffer.getvalue()


# --- writing ----------------------------------------------------------------------------------


def _stem(path: Path) -> str:
    """The name without its extension (« relevé 12.03.2024 » has none: « .2024 » is a date)."""
    name = path.name
    suffix = os.path.splitext(name)[1]
    if suffix and not suffix[1:].isdigit() and " " not in suffix:
        name = name[: -len(suffix)]
    return name.strip().lstrip(".") or "document"


def _write_new(dest_dir: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` to « stem.suffix » in ``dest_dir``, or « stem (2).suffix »... if taken."""
    where = dest_dir.name or str(dest_dir)
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
        number = 1
        while True:
            name = f"{stem}{suffix}" if number == 1 else f"{stem} ({number}){suffix}"
            target = dest_dir / name
            try:
                fh = open(target, "xb")  # never overwrites, even when racing another writer
            except FileExistsError:
                number += 1
                continue
            try:
                with fh:
                    fh.write(data)
            except BaseException:
                target.unlink(missing_ok=True)
                raise
            return target
    except OSError:
        raise ConversionError(
            f"Impossible d'enregistrer le fichier converti dans « {where} » : vérifiez que "
            "le dossier existe, qu'il reste de la place et que vous avez le droit d'y écrire."
        ) from None
