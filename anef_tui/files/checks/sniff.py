"""Tell what a file is from its first bytes, never from its name."""

from __future__ import annotations

import zipfile

#: How many bytes ``sniff`` needs.
HEAD_BYTES = 2048

_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs"}
_AVIF_BRANDS = {b"avif", b"avis"}
_HEIF_BRANDS = {b"mif1", b"msf1"}
_BMP_HEADER_SIZES = {12, 16, 40, 52, 56, 64, 108, 124}
_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}
_OOXML_PARTS = {
    "word/document.xml": "docx",
    "xl/workbook.xml": "xlsx",
    "ppt/presentation.xml": "pptx",
}


def sniff(head: bytes) -> str | None:
    """Tell what a file is from its first bytes (2048 are enough); None when unknown.

    Returns one of ACCEPTED, or another name such as "heic", "webp", "gif", "zip", "odt",
    "ole" (old Microsoft Office), "text"...
    """
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):
        # Canon CR2 raw files are TIFF containers marked « CR » at offset 8.
        return "cr2" if head[8:10] == b"CR" else "tiff"
    if _is_bmp(head):
        return "bmp"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp":
        return _sniff_ftyp(head)
    if head.startswith(b"\x00\x00\x00\x0cjP  \r\n\x87\n") or head.startswith(b"\xff\x4f\xff\x51"):
        return "jp2"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        # OpenDocument stores an uncompressed « mimetype » entry first.
        if head[30:38] == b"mimetype":
            for mimetype, name in _ODF_MIMETYPES.items():
                if head[38:].startswith(mimetype):
                    return name
        return "zip"
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"8BPS"):
        return "psd"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    return _sniff_text(head)


def _is_bmp(head: bytes) -> bool:
    # "BM" alone is too weak (a text file may start with it): check the DIB header size too.
    if not head.startswith(b"BM") or len(head) < 18:
        return False
    return int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES


def _sniff_ftyp(head: bytes) -> str | None:
    """ISO base media files (HEIC, AVIF, MP4, MOV...): read the brands of the ftyp box."""
    box_size = int.from_bytes(head[0:4], "big")
    major = head[8:12]
    compatible = [head[i : i + 4] for i in range(16, min(box_size, len(head)) - 3, 4)]
    for brands in ([major], compatible):
        if any(b in _HEIC_BRANDS for b in brands):
            return "heic"
        if any(b in _AVIF_BRANDS for b in brands):
            return "avif"
    if major in _HEIF_BRANDS or any(b in _HEIF_BRANDS for b in compatible):
        return "heif"
    if major == b"qt  ":
        return "mov"
    if major == b"crx ":
        return "cr3"
    if major.startswith(b"3g"):
        return "3gp"
    if major == b"M4A ":
        return "m4a"
    return "mp4"


def _sniff_text(head: bytes) -> str | None:
    if not head or b"\x00" in head:
        return None
    try:
        # The head may end in the middle of a UTF-8 character.
        text = head.decode("utf-8") if len(head) < HEAD_BYTES else head[:-4].decode("utf-8")
    except UnicodeDecodeError:
        return None
    lowered = text.lstrip("\ufeff \t\r\n").lower()
    if lowered.startswith("{\\rtf"):
        return "rtf"
    if "<svg" in lowered[:1024]:
        return "svg"
    if lowered.startswith(("<!doctype html", "<html")):
        return "html"
    return "text"


def refine_zip(fh) -> str:
    """Tell a Word/Excel/PowerPoint file from a plain ZIP archive by its entries."""
    try:
        names = set(zipfile.ZipFile(fh).namelist())
    except Exception:
        return "zip"
    for part, name in _OOXML_PARTS.items():
        if part in names:
            return name
    return "zip"
