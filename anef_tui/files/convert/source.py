"""Reading the image to convert: what it is, how many pages, and Pillow's errors in French.

Pillow and pillow-heif are imported inside the functions, to keep start-up fast.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from anef_tui.display import display_name
from anef_tui.files.checks import HEAD_BYTES, MAX_FRAMES, count_frames, sniff, too_many_pages
from anef_tui.files.quiet import hide_native_output
from anef_tui.oserrors import advice, reason

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

_heif_registered = False


class ConversionError(Exception):
    """A conversion failed; the message is one French sentence saying what to do."""


def register_heif() -> bool:
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
def decoding(name: str) -> Iterator[None]:
    """Turn whatever Pillow raises on a bad file into a French ConversionError; keep what
    libtiff writes to descriptor 2 off the terminal (`files.quiet`)."""
    from PIL import Image

    try:
        with warnings.catch_warnings(), hide_native_output():
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


def open_image(path: Path, detected: str):
    from PIL import Image

    if detected in _HEIF_FORMATS:
        register_heif()
    return Image.open(path, formats=_PILLOW_FORMATS[detected])


class Frames:
    """The pages of one multi-page source, read through one open image.

    Pillow remembers where each TIFF frame starts once it has read its header: going to a frame
    already seen reads one header, where a fresh open reads every header before it (for a
    500-page TIFF, 500 headers instead of 125,000). Use inside ``decoding``; close when done.
    """

    def __init__(self, path: Path, detected: str) -> None:
        self.path = path
        self.detected = detected
        self._img = None

    def at(self, frame: int):
        """The source's image, on ``frame``."""
        img = self._img
        if img is None:
            img = self._img = open_image(self.path, self.detected)
        img.seek(frame)
        return img

    def close(self) -> None:
        if self._img is not None:
            self._img.close()
            self._img = None


def inspect_source(source: Path, *, validate: bool = False) -> tuple[str, int]:
    """The detected format and page count of an image that can be converted.

    Raises ConversionError when it is missing, unreadable, not a convertible image, or (with
    ``validate``) when its first frame does not decode.
    """
    name = display_name(source)
    try:
        if not source.is_file():
            raise ConversionError(
                f"Le fichier « {name} » est introuvable : vérifiez son nom et son emplacement."
            )
        with open(source, "rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError as exc:
        raise ConversionError(
            f"Le fichier « {name} » ne peut pas être lu ({reason(exc)}) : {advice(exc)}."
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
    if detected in ("heic", "heif") and not register_heif():
        raise ConversionError(
            f"Le fichier « {name} » est une photo HEIC que ce poste ne sait pas lire : "
            "exportez-la en JPG depuis le téléphone."
        )
    with decoding(name), open_image(source, detected) as img:
        # Frame headers are counted up to the bound only: never 85,000 of them. The bound is
        # the check's: whatever TIFF a check accepts converts.
        frames = count_frames(img, MAX_FRAMES) if detected == "tiff" else 1
        if frames > MAX_FRAMES:
            raise ConversionError(too_many_pages(f"Le fichier « {name} »", MAX_FRAMES))
        if validate:
            if detected == "jpeg":
                # 1/8 scale still reads every byte of the compressed data, much faster.
                width, height = img.size
                img.draft(img.mode, (max(1, width // 8), max(1, height // 8)))
            img.load()
    return detected, frames
