"""One page to encode: a frame of a source image decoded on demand, upright, flattened on white,
in sRGB, without metadata, and shrunk to a long side (never below `MIN_LONG_SIDE`).
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from anef_tui.display import display_name
from anef_tui.files.convert.metadata import EXIF_ORIENTATION, strip_jpeg
from anef_tui.files.convert.source import Frames, decoding, open_image

#: Each shrinking step multiplies the long side by this.
SCALE_STEP = 0.8
#: A picture is never shrunk below this many pixels on its long side.
MIN_LONG_SIDE = 1600


class Page:
    """One page to encode: a frame of a source image, decoded on demand."""

    def __init__(
        self, path: Path, detected: str, frame: int, *, keep: bool, frames: Frames | None = None
    ) -> None:
        from PIL import Image

        self.path = path
        self.name = display_name(path)  # for messages
        self.detected = detected
        self.frame = frame
        self.keep = keep  # keep the decoded picture in memory between attempts
        self._decoded = None
        self._lossless: bytes | None | bool = False  # False: not worked out yet
        self._frames = frames  # the source kept open, for the pages of a multi-page TIFF
        with decoding(self.name), self._opened() as img:
            self.width, self.height = img.size
            # Pillow holds the first frame to its limit when opening, not the next ones: the
            # same bound here (between 1 and 2 × the limit, the picture is shrunk below it).
            limit = Image.MAX_IMAGE_PIXELS
            if frame and limit and self.width * self.height > 2 * limit:
                raise Image.DecompressionBombError(f"{self.width * self.height} pixels")

    @contextmanager
    def _opened(self) -> Iterator:
        """The source's image on this page's frame (use inside ``decoding``)."""
        if self._frames is not None:
            yield self._frames.at(self.frame)
            return
        with open_image(self.path, self.detected) as img:
            if self.frame:
                img.seek(self.frame)
            yield img

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
        with decoding(self.name), self._opened() as img:
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
        with decoding(self.name), self._opened() as img:
            if img.mode not in ("RGB", "L"):
                return None  # CMYK JPEGs are converted: PDF readers disagree on them
            try:
                orientation = img.getexif().get(EXIF_ORIENTATION, 1)
            except Exception:
                return None
        if orientation not in (1, 3, 6, 8):  # mirrored pictures cannot be turned by a PDF page
            return None
        stripped = strip_jpeg(self.path.read_bytes(), orientation)
        if stripped is None:
            return None
        # The stripped copy must decode completely (1/8 scale still reads every byte).
        with decoding(self.name), Image.open(io.BytesIO(stripped), formats=["JPEG"]) as img:
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
