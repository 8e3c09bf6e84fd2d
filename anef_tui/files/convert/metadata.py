"""A JPEG without its metadata (no EXIF, no GPS position), its compressed pixels untouched."""

from __future__ import annotations

# Segments of a JPEG header kept when a JPEG is embedded as is: everything but metadata.
_JPEG_APP_KEPT = {0xE0: b"JFIF\x00", 0xE2: b"ICC_PROFILE\x00", 0xEE: b"Adobe"}
EXIF_ORIENTATION = 0x0112


def strip_jpeg(data: bytes, orientation: int) -> bytes | None:
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
    exif[EXIF_ORIENTATION] = orientation
    body = exif.tobytes()  # starts with « Exif\0\0 »
    return b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body
