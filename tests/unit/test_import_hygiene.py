"""Layers: the domain, store, files and documents modules never import Textual.

Every module of those four packages is found by walking them (pkgutil), not listed by hand, so
a new module is checked the day it is added. Checked in a fresh interpreter, since this test
process itself imports Textual elsewhere.
"""

from __future__ import annotations

import subprocess
import sys

CORE_PACKAGES = (
    "anef_tui.domain", "anef_tui.store", "anef_tui.files", "anef_tui.documents", "anef_tui.plain",
    "anef_tui.vault", "anef_tui.accounts",
)
# Top-level modules the CLI imports without the interface: they stay off Textual too.
TOP_LEVEL = (
    "anef_tui.preferences", "anef_tui.demo", "anef_tui.paths", "anef_tui.cli", "anef_tui.crash",
    "anef_tui.display", "anef_tui.oserrors", "anef_tui.cli.french_parser",
)

_WALK = f"""
import importlib, pkgutil
found = []
for name in {CORE_PACKAGES!r}:
    package = importlib.import_module(name)
    found.append(name)
    for info in pkgutil.walk_packages(package.__path__, name + "."):
        importlib.import_module(info.name)
        found.append(info.name)
for name in {TOP_LEVEL!r}:
    importlib.import_module(name)
print("FOUND " + " ".join(found))
from anef_tui.domain.catalogue import load_catalogue
load_catalogue()
"""


def _run(code: str) -> tuple[set[str], list[str]]:
    probe = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    found: list[str] = []
    modules: set[str] = set()
    for line in out.split("\n"):
        if line.startswith("FOUND "):
            found = line.split()[1:]
        elif line:
            modules.add(line)
    return modules, found


def test_core_modules_do_not_import_textual():
    modules, found = _run(_WALK)
    # The walk really found the modules (a wrong path would find none and prove nothing).
    for name in ("anef_tui.domain.roles", "anef_tui.domain.checks", "anef_tui.store.dossiers",
                 "anef_tui.files.checks", "anef_tui.documents.confirmation",
                 "anef_tui.vault.keys", "anef_tui.vault.database"):
        assert name in found
    assert len(found) >= 30
    assert not {m for m in modules if m == "textual" or m.startswith("textual.")}
    assert "rich" not in modules


def test_cli_start_up_stays_light():
    """fpdf, pypdf, Pillow, pydantic and the vault's cryptography are imported where used,
    never when the app starts."""
    modules, _ = _run("import anef_tui.cli, anef_tui.ui.app")
    for heavy in ("fpdf", "pypdf", "PIL", "pydantic", "cryptography", "argon2", "sqlcipher3",
                  "_cffi_backend"):
        assert heavy not in modules, heavy


def test_the_vault_imports_its_libraries_only_when_used():
    """Importing every module of the vault loads none of cryptography, argon2, sqlcipher3:
    the next session can import them from the store without slowing the first paint."""
    modules, _ = _run("import anef_tui.vault.keys, anef_tui.vault.files, "
                      "anef_tui.vault.database, anef_tui.vault.passphrase, "
                      "anef_tui.accounts, anef_tui.accounts.words, "
                      "anef_tui.accounts.settings")
    for heavy in ("cryptography", "argon2", "sqlcipher3", "_cffi_backend"):
        assert heavy not in modules, heavy
