"""Turn a photo the ANEF refuses into a file it accepts, without ever touching the original.

Social workers often receive phone photos in HEIC or WebP, photos over 10 Mo, or a passport
photographed page by page. This module converts such images to JPEG or PDF:

* ``can_convert`` tells whether a refused file is fixed by a conversion (refused for its format
  or its size only, and its content decodes), ``conversion_target`` which one (a PDF for a TIFF
  of several pages, so that every page is kept; else a JPEG), ``convert`` makes it;
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

Where each part lives: `entry` (the four public functions), `source` (reading the image,
`ConversionError`), `page` (decoding one page upright, in sRGB, resized), `metadata` (a JPEG
without its metadata), `fit` (the quality and size ladder), `pdf` (assembling pages into a
PDF) and `write` (a new file, never over another). Import from this package: the names below
are its public face.
"""

from __future__ import annotations

from anef_tui.files.convert.entry import (
    CONVERTIBLE_FORMATS,
    can_convert,
    combine_to_pdf,
    combined,
    conversion_target,
    convert,
    convert_to_jpeg,
    convert_to_pdf,
    converted,
)
from anef_tui.files.convert.fit import QUALITIES
from anef_tui.files.convert.page import MIN_LONG_SIDE, SCALE_STEP
from anef_tui.files.convert.source import ConversionError

__all__ = [
    "CONVERTIBLE_FORMATS",
    "MIN_LONG_SIDE",
    "QUALITIES",
    "SCALE_STEP",
    "ConversionError",
    "can_convert",
    "combine_to_pdf",
    "combined",
    "conversion_target",
    "convert",
    "converted",
    "convert_to_jpeg",
    "convert_to_pdf",
]
