"""What the system refused, in French: an OSError by its errno family, a UnicodeError by kind.

Python's own text for these errors is English and technical (« [Errno 17] File exists:
'…/documents' », `strerror` « Permission denied », « 'utf-8' codec can't encode character
'\\udce9' in position 5: surrogates not allowed »): it never reaches a user. Instead:

- `reason(exc)`: what happened, a short clause to put in brackets after what failed
  (« le disque est plein »);
- `advice(exc)`: what to do, a clause to put after a colon (« libérez de la place sur le
  disque, puis réessayez »);
- `error_message(exc, path)`: both as sentences, naming the path as `display_path` shows it
  (a name that is not UTF-8 or holds control characters never breaks the message);
- `error_text(exc)`: the message to show for any error caught around a file or the store:
  OSError and UnicodeError in French words, any other its own message (the app's errors
  are written in French).

An errno missing from the table gets a French sentence with its number, never `strerror`.
No Textual here: the store, the command line and plain mode use it as the interface does.
"""

from __future__ import annotations

import errno
import os

from anef_tui.display import REPLACEMENT, display_path, display_text

_RETRY = ", puis réessayez"

#: (errno names, reason, advice). Names missing on a platform are skipped.
_FAMILIES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("ENOENT",), "fichier ou dossier introuvable, peut-être déplacé ou supprimé",
     "vérifiez le chemin" + _RETRY),
    (("EEXIST",), "un fichier ou un dossier du même nom existe déjà",
     "déplacez-le ou renommez-le" + _RETRY),
    (("EACCES",), "accès refusé",
     "vérifiez les droits du fichier et de son dossier" + _RETRY),
    (("EPERM",), "opération refusée par le système",
     "vérifiez les droits du fichier et de son dossier" + _RETRY),
    (("ENOSPC",), "le disque est plein", "libérez de la place sur le disque" + _RETRY),
    (("EDQUOT",), "votre quota de disque est atteint", "libérez de la place" + _RETRY),
    (("EROFS",), "le disque est en lecture seule",
     "choisissez un emplacement où l'écriture est permise" + _RETRY),
    (("EIO",), "erreur de lecture ou d'écriture sur le disque",
     "vérifiez que le disque est bien branché" + _RETRY),
    (("ENOTDIR",), "un élément du chemin est un fichier, pas un dossier",
     "vérifiez le chemin" + _RETRY),
    (("EISDIR",), "c'est un dossier, pas un fichier", "choisissez un fichier" + _RETRY),
    (("ENAMETOOLONG",), "le nom du fichier ou le chemin est trop long",
     "choisissez un nom plus court ou un dossier moins profond" + _RETRY),
    (("ELOOP",), "le chemin passe par un lien symbolique refusé ou par une boucle de liens",
     "remplacez le lien par le fichier ou le dossier lui-même" + _RETRY),
    (("EMFILE", "ENFILE"), "trop de fichiers sont ouverts en même temps",
     "fermez d'autres programmes" + _RETRY),
    (("EBUSY", "ETXTBSY"), "le fichier est occupé par un autre programme",
     "fermez-le dans l'autre programme" + _RETRY),
    (("EXDEV",), "le fichier ne peut pas être déplacé d'un disque à un autre",
     "choisissez un emplacement sur le même disque" + _RETRY),
    (("ENOTEMPTY",), "le dossier n'est pas vide",
     "videz-le ou choisissez-en un autre" + _RETRY),
    (("EINVAL",), "le système refuse ce nom ou cette opération",
     "choisissez un autre nom ou un autre emplacement" + _RETRY),
    (("EAGAIN", "EWOULDBLOCK"), "le fichier est momentanément verrouillé par un autre programme",
     "réessayez dans un instant"),
    (("ENODEV", "ENXIO"), "le périphérique est absent ou débranché",
     "rebranchez le disque ou choisissez un autre emplacement" + _RETRY),
    (("EFBIG",), "le fichier est trop gros pour ce disque",
     "choisissez un autre emplacement" + _RETRY),
    (("ENOTSUP", "EOPNOTSUPP"), "ce disque ne permet pas cette opération",
     "choisissez un autre emplacement" + _RETRY),
    (("ESTALE", "ETIMEDOUT", "ENOTCONN", "ECONNRESET", "ENETDOWN", "ENETUNREACH",
      "EHOSTDOWN", "EHOSTUNREACH"), "le disque réseau ne répond pas",
     "vérifiez la connexion au réseau" + _RETRY),
    (("ENOMEM",), "la mémoire de l'ordinateur est insuffisante",
     "fermez d'autres programmes" + _RETRY),
    (("EINTR",), "l'opération a été interrompue", "réessayez"),
    (("EPIPE",), "le programme qui lisait la sortie s'est arrêté", "réessayez"),
)

_BY_ERRNO: dict[int, tuple[str, str]] = {}
for _names, _reason, _advice in _FAMILIES:
    for _name in _names:
        _code = getattr(errno, _name, None)
        if _code is not None:
            _BY_ERRNO.setdefault(_code, (_reason, _advice))

#: An OSError made without an errno (`PermissionError(path)`) still says what it is.
_BY_CLASS: tuple[tuple[type[OSError], str], ...] = (
    (FileNotFoundError, "ENOENT"),
    (FileExistsError, "EEXIST"),
    (PermissionError, "EACCES"),
    (IsADirectoryError, "EISDIR"),
    (NotADirectoryError, "ENOTDIR"),
    (BlockingIOError, "EAGAIN"),
    (TimeoutError, "ETIMEDOUT"),
    (InterruptedError, "EINTR"),
    (BrokenPipeError, "EPIPE"),
)

_OTHER_ADVICE = "vérifiez le disque et le dossier" + _RETRY

_NOT_UTF8_NAME = (
    f"un nom de fichier ou de dossier contient des octets qui ne sont pas de l'UTF-8, "
    f"affichés « {REPLACEMENT} »",
    "renommez ce fichier ou ce dossier avec des lettres ordinaires" + _RETRY,
)
_UNWRITABLE_TEXT = (
    "un texte contient des caractères que le système ne sait pas écrire",
    "réglez le terminal en UTF-8 ou retirez ces caractères" + _RETRY,
)
_NOT_UTF8_TEXT = (
    "le contenu n'est pas un texte UTF-8",
    "enregistrez le fichier en UTF-8" + _RETRY,
)


def _os_family(exc: OSError) -> tuple[str, str]:
    code = exc.errno if isinstance(exc.errno, int) else None
    if code is None:
        for cls, name in _BY_CLASS:
            if isinstance(exc, cls):
                code = getattr(errno, name, None)
                break
    if code is not None and code in _BY_ERRNO:
        return _BY_ERRNO[code]
    if code is not None:
        return f"le système a refusé l'opération (erreur système n° {code})", _OTHER_ADVICE
    return "le système a refusé l'opération", _OTHER_ADVICE


def _unicode_family(exc: UnicodeError) -> tuple[str, str]:
    if isinstance(exc, UnicodeDecodeError):
        return _NOT_UTF8_TEXT
    if isinstance(exc, UnicodeEncodeError):
        wrong = exc.object[exc.start:exc.end] if isinstance(exc.object, str) else ""
        if any("\udc80" <= c <= "\udcff" for c in wrong):
            return _NOT_UTF8_NAME  # bytes of a file name that are not UTF-8 (surrogateescape)
    return _UNWRITABLE_TEXT


def _family(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, OSError):
        return _os_family(exc)
    if isinstance(exc, UnicodeError):
        return _unicode_family(exc)
    return "le système a refusé l'opération", _OTHER_ADVICE


def reason(exc: BaseException) -> str:
    """What happened, in French, lower case, without final punctuation: « accès refusé »."""
    return _family(exc)[0]


def advice(exc: BaseException) -> str:
    """What to do, in French, lower case, without final punctuation."""
    return _family(exc)[1]


def _path_of(exc: BaseException) -> object:
    if isinstance(exc, OSError):
        return exc.filename
    return None


def error_message(exc: BaseException, path: str | bytes | os.PathLike | None = None) -> str:
    """French sentences: « « /chemin » : accès refusé. Vérifiez les droits …, puis
    réessayez. » The path is `path`, else the one the error names, shown safely."""
    why, what = _family(exc)
    where = path if path is not None else _path_of(exc)
    if isinstance(where, str | bytes | os.PathLike):
        return f"« {display_path(where)} » : {why}. {_capital(what)}."
    return f"{_capital(why)}. {_capital(what)}."


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def is_system_error(exc: BaseException) -> bool:
    """Whether `exc`'s own text is Python's (English): an OSError or a UnicodeError."""
    return isinstance(exc, OSError | UnicodeError)


def error_text(exc: BaseException) -> str:
    """The French message to show for an error caught around files or the store: an OSError
    or a UnicodeError as `error_message` says it, any other error its own message (the
    app's errors are French), shown safely."""
    if is_system_error(exc):
        return error_message(exc)
    return display_text(exc)
