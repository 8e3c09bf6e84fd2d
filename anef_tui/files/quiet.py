"""Keep the C libraries' own messages off the user's terminal.

libtiff, which Pillow uses to decode compressed TIFFs, reports problems by writing straight to
file descriptor 2: « TIFFFetchNormalTag: Defined set_get_field_type of custom tag 65000 … » for
a TIFF with a field of unknown type that still decodes (and is accepted). Python's
``warnings`` never see it. Under the TUI, descriptor 2 is the terminal Textual draws on (its
Linux driver writes to ``sys.__stderr__``); in the plain mode it is the user's screen too.

Pillow turns libtiff's *warnings* off (``TIFFSetWarningHandler(NULL)`` before each decode) but
not its *errors*. `hide_native_output()`, used around every decoding in the checks and the
conversions, does two things:

1. once per process, `silence_libtiff()` sets the error and warning handlers of the libtiff
   that Pillow loaded to NULL, as Pillow does for warnings. Nothing is redirected, so Textual's
   drawing thread keeps writing to the terminal while a check runs in a worker thread.
2. where that libtiff cannot be reached (Pillow with libtiff linked in statically, as on
   Windows, where Textual draws on descriptor 1; a Pillow built on a Mac outside a wheel),
   descriptor 2 points at the null device while something decodes: `stderr_hidden()`, shared
   by the threads that decode at the same time (a count under a lock), restored when the last
   one is done. It closes only the descriptors it made itself. Nothing is captured, so nothing
   of it can reach a message. On a Mac, what Textual draws during that time is lost too (a
   stale patch of screen until the next repaint): better than libtiff's text over the screen.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_silenced: bool | None = None  # None: not tried yet
_depth = 0  # threads inside stderr_hidden()
_saved: int | None = None  # descriptor 2 as it was, while hidden


def _loaded_libtiff_paths() -> list[str]:
    """Paths of the libtiff that Pillow loaded: from the process's memory map (Linux), else the
    copy a Pillow wheel ships beside itself (macOS: ``PIL/.dylibs``)."""
    paths: list[str] = []
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="surrogateescape") as maps:
            for line in maps:
                parts = line.split(maxsplit=5)  # address, perms, offset, device, inode, path
                path = parts[5].rstrip("\n") if len(parts) == 6 else ""
                name = os.path.basename(path)
                if name.startswith("libtiff") and ".so" in name and path not in paths:
                    paths.append(path)
        return paths
    except OSError:
        pass
    import PIL

    shipped = os.path.join(os.path.dirname(PIL.__file__), ".dylibs")
    try:
        names = sorted(os.listdir(shipped))
    except OSError:
        return paths
    return [os.path.join(shipped, name) for name in names if name.startswith("libtiff")]


def _null_handlers(path: str) -> bool:
    """Set every message handler of the libtiff at ``path`` (already loaded) to NULL."""
    import ctypes

    library = ctypes.CDLL(path)  # the same copy: the loader finds it already mapped
    names = (
        "TIFFSetErrorHandler",
        "TIFFSetErrorHandlerExt",
        "TIFFSetWarningHandler",
        "TIFFSetWarningHandlerExt",
    )
    setters = [getattr(library, name, None) for name in names]
    if setters[0] is None:
        return False
    for setter in setters:
        if setter is not None:
            setter.restype = ctypes.c_void_p
            setter.argtypes = [ctypes.c_void_p]
            setter(None)
    return True


def silence_libtiff() -> bool:
    """Turn off the messages of the libtiff Pillow uses, once; True when that was possible."""
    global _silenced
    with _lock:
        if _silenced is None:
            try:
                from PIL import Image

                Image.init()  # _imaging is loaded, and libtiff with it when it is shared
                paths = _loaded_libtiff_paths()
                results = [_null_handlers(path) for path in paths]
                _silenced = bool(results) and all(results)
            except Exception:
                _silenced = False
        return _silenced


@contextmanager
def stderr_hidden() -> Iterator[None]:
    """Point descriptor 2 at the null device inside the block, for every thread at once.

    Blocks in several threads overlap: the first one in redirects, the last one out restores.
    Python's own ``sys.stderr`` is flushed first, so nothing written before is lost.
    """
    global _depth, _saved
    with _lock:
        if _depth == 0:
            try:
                sys.stderr.flush()
            except (AttributeError, OSError, ValueError):
                pass
            try:
                saved = os.dup(2)
            except OSError:  # no descriptor 2 at all: nothing can reach a terminal
                saved = None
            if saved is not None:
                try:
                    null = os.open(os.devnull, os.O_WRONLY)
                    try:
                        os.dup2(null, 2)
                    finally:
                        os.close(null)  # our own descriptor on the null device
                except OSError:
                    os.close(saved)
                    saved = None
            _saved = saved
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                os.dup2(_saved, 2)
                os.close(_saved)  # our own copy, made by os.dup above
                _saved = None


@contextmanager
def hide_native_output() -> Iterator[None]:
    """Around decoding: C libraries' messages never reach descriptor 2 (see the module)."""
    if silence_libtiff():
        yield
        return
    with stderr_hidden():
        yield
