"""The French sentences of a refusal or a warning: sizes, formats, names, pages, time, slots."""

from __future__ import annotations

import math
import os

from anef_tui.files.checks.limits import CANONICAL_EXTENSION, EXTENSIONS

#: Decimal units, as the site's « 10 Mo » is read (`limits.MAX_BYTES`).
_KO = 1000
_MO = 1000 * 1000

# How to name a detected format in a message: « c'est un fichier HEIC ».
_LABELS = {
    "pdf": "PDF",
    "png": "PNG",
    "jpeg": "JPG",
    "tiff": "TIFF",
    "bmp": "BMP",
    "gif": "GIF",
    "webp": "WEBP",
    "heic": "HEIC",
    "heif": "HEIF",
    "avif": "AVIF",
    "jp2": "JPEG 2000",
    "psd": "Photoshop (PSD)",
    "cr2": "RAW (CR2)",
    "cr3": "RAW (CR3)",
    "svg": "SVG",
    "zip": "ZIP",
    "rar": "RAR",
    "7z": "7Z",
    "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
    "pptx": "PowerPoint (PPTX)",
    "odt": "OpenDocument (ODT)",
    "ods": "OpenDocument (ODS)",
    "odp": "OpenDocument (ODP)",
    "rtf": "RTF",
    "html": "HTML",
    "mp4": "vidéo (MP4)",
    "mov": "vidéo (MOV)",
    "3gp": "vidéo (3GP)",
    "m4a": "audio (M4A)",
}
_IMAGE_LIKE = {"gif", "webp", "heic", "heif", "avif", "jp2", "psd", "cr2", "cr3", "svg"}
_DOCUMENT_LIKE = {"docx", "xlsx", "pptx", "odt", "ods", "odp", "rtf", "html", "ole", "text"}
_ARCHIVES = {"zip", "rar", "7z"}
_MEDIA = {"mp4", "mov", "3gp", "m4a"}


def format_size(n_bytes: int) -> str:
    """French file size: « 512 octets », « 35 Ko », « 1,2 Mo » (1 Mo = 1 000 000 octets)."""
    if n_bytes < _KO:
        return f"{n_bytes} octet" + ("s" if n_bytes > 1 else "")
    if n_bytes < _MO:
        return f"{round(n_bytes / _KO)} Ko"
    return _mo(n_bytes / _MO)


def _mo(value: float) -> str:
    if value == int(value):
        return f"{int(value)} Mo"
    return f"{value:.1f}".replace(".", ",") + " Mo"


def limit_text(max_bytes: int) -> str:
    return _mo(round(max_bytes / _MO, 1)) if max_bytes >= _MO else format_size(max_bytes)


def oversize_text(size: int, max_bytes: int) -> str:
    """The size of a too-big file, never rounded down to the limit (« il fait 10,0 Mo »)."""
    if size < _MO:
        return format_size(size)
    shown = round(size / _MO, 1)
    if shown <= max_bytes / _MO:
        shown = math.ceil(size * 10 / _MO) / 10
    return f"{shown:.1f}".replace(".", ",") + " Mo"


def format_fix(detected: str | None) -> str:
    accepted = "doit être au format JPG, PNG, PDF, TIFF ou BMP"
    if detected is None:
        return f"{accepted} : convertissez-le dans l'un de ces formats"
    if detected == "text":
        what = "c'est un fichier texte"
    elif detected == "ole":
        what = "c'est un ancien fichier Microsoft Office"
    else:
        what = f"c'est un fichier {_LABELS.get(detected, detected.upper())}"
    if detected in _DOCUMENT_LIKE:
        fix = "ouvrez-le et enregistrez-le en PDF"
    elif detected in _ARCHIVES:
        fix = "ouvrez l'archive et joignez les fichiers qu'elle contient"
    elif detected in _MEDIA:
        fix = "joignez à la place une photo ou un scan du document en JPG ou en PDF"
    elif detected in _IMAGE_LIKE:
        fix = "convertissez-le en JPG ou en PNG"
    else:
        fix = "convertissez-le dans l'un de ces formats"
    return f"{accepted} ({what}) : {fix}"


def extension_fix(fmt: str, name: str) -> str | None:
    """None when the name's extension fits the content, else the rename advice."""
    ext = os.path.splitext(name)[1]
    if ext.lower() in EXTENSIONS[fmt]:
        return None
    label = _LABELS[fmt]
    wanted = CANONICAL_EXTENSION[fmt]
    # « relevé 12.03.2024 » has no real extension: « .2024 » is part of the date.
    if not ext or ext[1:].isdigit() or " " in ext:
        return (
            f"est un fichier {label} mais son nom n'a pas d'extension : "
            f"ajoutez {wanted} à la fin de son nom"
        )
    return f"est un fichier {label} mais son nom se termine par {ext} : renommez-le en {wanted}"


def _seconds_text(seconds: float) -> str:
    shown = f"{seconds:g}".replace(".", ",")
    return f"{shown} seconde" + ("s" if seconds >= 2 else "")


def too_slow_reason(the_file: str, seconds: float) -> str:
    return (
        f"{the_file} est trop long à vérifier (plus de {_seconds_text(seconds)}) : "
        "enregistrez-le à nouveau en PDF ou en JPG, ou numérisez à nouveau le document"
    )


def slot_limit_message(n_files: int, max_files: int, slot_title: str) -> str | None:
    """The refusal for a file beyond a slot's limit; None while ``n_files <= max_files``."""
    if n_files <= max_files:
        return None
    files = "fichier" if max_files == 1 else "fichiers"
    return (
        f"Vous avez déjà joint {max_files} {files} pour « {slot_title} » : c'est le maximum ; "
        "supprimez-en un pour en joindre un autre."
    )


def too_many_pages(the_file: str, limit: int) -> str:
    """The refusal of a file over the page bound: no « only the useful pages », as a guide may
    ask for a complete copy (« copie intégrale du passeport »)."""
    return (
        f"{the_file} contient plus de {limit} pages, le maximum pour un seul fichier : "
        f"enregistrez-le en plusieurs PDF de {limit} pages au plus."
    )


def long_document(the_file: str, pages: int) -> str:
    """The warning for a long PDF or TIFF, which stays accepted."""
    return (
        f"{the_file} est long ({pages} pages) : l'agent pourrait ne pas tout lire ; sauf si "
        "la pièce est demandée en entier (copie intégrale), ne gardez que les pages utiles."
    )
