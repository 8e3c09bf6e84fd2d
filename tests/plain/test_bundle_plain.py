"""A dossier handed over in the plain mode (issue 24 item 4): « exporter N » says the path
and the phrase once; « importer CHEMIN » asks the phrase, shows the summary and imports after
« oui »; a wrong phrase and a damaged bundle are refused with nothing written."""

from __future__ import annotations

import re

from anef_tui.bundle.sealed import new_phrase
from anef_tui.store.dossiers import DossierStore
from tests.bundle_helpers import folder_hashes
from tests.conftest import frozen_clock
from tests.french import assert_french
from tests.plain.test_journal_plain import folder_with_dossier, typed
from tests.vault_helpers import plain_folder

PHRASE = re.compile(r"Phrase du paquet, dite une seule fois : ([0-9A-Z-]{39})")


def test_export_then_import_in_another_folder(tmp_path):
    source = folder_with_dossier(tmp_path, steps=1)
    said = typed(source, ["exporter 1", ":quitter"], worker="Marie")
    bundle = source / "exports" / "dossier-0001.anef-dossier"
    assert bundle.exists() and str(bundle) in said.replace("\n", "")
    phrase = PHRASE.search(said)[1]
    other = plain_folder(tmp_path / "autre")
    typed(other, [":quitter"])  # the base made
    before = folder_hashes(other)
    wrong = typed(other, [f"importer {bundle}", new_phrase(), ":quitter"], worker="Paul")
    assert "la phrase du paquet ne l'ouvre pas" in wrong
    damaged = tmp_path / "abime.anef-dossier"
    data = bytearray(bundle.read_bytes())
    data[-3] ^= 0x10
    damaged.write_bytes(bytes(data))
    refused = typed(other, [f"importer {damaged}", phrase, ":quitter"], worker="Paul")
    assert "Paquet de dossier refusé : le paquet est abîmé" in refused
    no = typed(other, [f"importer {bundle}", phrase, "non", ":quitter"], worker="Paul")
    assert "Personne : DUPONT Marie" in no and "Rien n'a été importé." in no
    assert folder_hashes(other) == before
    done = typed(other, [f"importer {bundle}", phrase.lower(), "oui", ":quitter"],
                 worker="Paul")
    assert "Dossier importé : n° 1." in done
    for line in (wrong + refused + done).splitlines():
        if "Paquet" in line or "importé" in line:
            assert_french(line)
    with DossierStore(other, clock=frozen_clock) as store:
        assert store.get(1).summary.applicant_name == "DUPONT Marie"
