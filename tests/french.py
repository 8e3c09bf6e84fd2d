"""What a user may read: French, valid UTF-8, no raw control character — never Python's text.

Shared by the tests that provoke every family of OSError and every codec error at each entry
point (`tests/unit/test_french_messages.py`, `tests/ui/test_faults.py`).
"""

from __future__ import annotations

import errno
import os
import unicodedata

#: Errno families `anef_tui.oserrors` words, plus one it does not know (E2BIG).
ERRNO_NAMES = (
    "ENOENT", "EEXIST", "EACCES", "EPERM", "ENOSPC", "EDQUOT", "EROFS", "EIO", "ENOTDIR",
    "EISDIR", "ENAMETOOLONG", "ELOOP", "EMFILE", "ENFILE", "EBUSY", "ETXTBSY", "EXDEV",
    "ENOTEMPTY", "EINVAL", "EAGAIN", "ENODEV", "ENXIO", "E2BIG",
)
CODES = tuple(getattr(errno, name) for name in ERRNO_NAMES if hasattr(errno, name))

#: Fragments of Python's own English (messages, strerror, argparse) that must never show.
ENGLISH = (
    "Errno", "No such file", "Permission denied", "codec", "File exists", "Traceback",
    "Error:", "error:", "surrogates", "Not a directory", "Is a directory", "too long",
    "not permitted", "Read-only", "No space", "Input/output", "Too many", "busy",
    "Invalid argument", "not empty", "cross-device", "temporarily", "No such device",
    "symbolic links", "can't encode", "can't decode", "invalid start byte", "usage:",
    "invalid choice", "invalid int", "unrecognized", "arguments are required",
    "\\udc", "Cannot ", "Expected ",
)


def os_error(name: str, path: str | None = "/tmp/anef-test/fichier") -> OSError:
    """A real OSError of that errno, with Python's own English `strerror`."""
    code = getattr(errno, name)
    return OSError(code, os.strerror(code), path) if path else OSError(code, os.strerror(code))


def codec_errors() -> dict[str, UnicodeError]:
    """The codec errors a file name or a file's text can raise, as Python raises them."""
    found: dict[str, UnicodeError] = {}
    for key, attempt in (
        ("surrogate", lambda: "caf\udce9.pdf".encode("utf-8")),
        ("latin-1", lambda: "3 €".encode("latin-1")),
        ("decode", lambda: b"caf\xe9".decode("utf-8")),
    ):
        try:
            attempt()
        except UnicodeError as exc:
            found[key] = exc
    return found


def system_errors() -> dict[str, BaseException]:
    """Every OSError family (with a path, and one without errno) and every codec error."""
    errors: dict[str, BaseException] = {name: os_error(name) for name in ERRNO_NAMES
                                         if hasattr(errno, name)}
    errors["no-errno"] = PermissionError("/tmp/anef-test/fichier")
    errors.update(codec_errors())
    return errors


def assert_french(text: str | bytes) -> str:
    """`text` is what a user reads: valid UTF-8, no control character but line breaks, no
    English fragment nor any `strerror`. Returns it as str."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")  # strict: the bytes are valid UTF-8
    text.encode("utf-8")  # strict: no lone surrogate
    controls = [c for c in text if unicodedata.category(c) in ("Cc", "Cs") and c != "\n"]
    assert controls == [], f"control characters in {text!r}"
    for fragment in ENGLISH:
        assert fragment not in text, f"{fragment!r} in {text!r}"
    for code in CODES:
        assert os.strerror(code) not in text, f"{os.strerror(code)!r} in {text!r}"
    return text
