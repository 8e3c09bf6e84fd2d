"""The roles of the workers' accounts, from `assets/roles.toml`: codes, French labels, and
which role holds which permission. Code uses the codes; only words are shown."""

from __future__ import annotations

import functools
import tomllib

from anef_tui.paths import assets_dir

ROLES_FILE = "roles.toml"

#: Permission codes (`[permissions]` of roles.toml).
MANAGE_ACCOUNTS = "manage_accounts"
SET_RETENTION = "set_retention"
READ_ALL_JOURNALS = "read_all_journals"
MOVE_FOLDER = "move_folder"


@functools.cache
def _vocabulary() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    with open(assets_dir() / ROLES_FILE, "rb") as handle:
        data = tomllib.load(handle)
    roles = {str(k): str(v) for k, v in data.get("roles", {}).items()}
    permissions = {str(k): frozenset(str(r) for r in v)
                   for k, v in data.get("permissions", {}).items()}
    return roles, permissions


def role_codes() -> tuple[str, ...]:
    """Every role, in the file's order."""
    return tuple(_vocabulary()[0])


def role_label(code: str) -> str:
    """« référent » for `referent`; an unknown code (a newer version's) as is."""
    return _vocabulary()[0].get(code, code)


def role_of_words(typed: str) -> str | None:
    """The role's code from what a person typed: its code or its label, accents and case
    aside (« referent », « Référent »); None when none matches."""
    import unicodedata

    def bare(text: str) -> str:
        decomposed = unicodedata.normalize("NFD", text.strip().lower())
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    wanted = bare(typed)
    for code, label in _vocabulary()[0].items():
        if wanted in (bare(code), bare(label)):
            return code
    return None


def may(role: str, permission: str) -> bool:
    """Whether an account of `role` holds `permission`."""
    return role in _vocabulary()[1].get(permission, frozenset())


def managing_role() -> str:
    """The role the first account gets: the first one that may manage accounts."""
    for code in role_codes():
        if may(code, MANAGE_ACCOUNTS):
            return code
    raise LookupError("roles.toml : aucun rôle ne peut gérer les comptes")
