"""Issue 21, item 3: the follow-up's wording is data. Every `label` and `notice` of the shipped
`followup.toml` reworded (a copy, read through `ANEF_TUI_FOLLOWUP`): the same journeys give
the same deadlines, alerts and counts; nothing but the words shown changes."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import datetime, timedelta

import pytest

from anef_tui.cli import main
from anef_tui.domain import notification_kinds
from anef_tui.paths import assets_dir
from anef_tui.store.deadlines import DeadlineIndex
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.followup import FollowUpStore

NOW = datetime(2026, 11, 22, 10, 0)
TODAY = NOW.date()
LATER = TODAY + timedelta(days=3)  # the convocation (in two days) is then past

_WORDING = re.compile(r'^(label|notice|deadline_label|screen_label) = "(.*)"$', re.M)
_KEYS = ("label", "notice", "deadline_label", "screen_label")
NEW = "Reformulé : "


def reworded(text: str) -> str:
    """The kinds file with every label and notice given new words."""
    return _WORDING.sub(lambda m: f'{m[1]} = "{NEW}{m[2]}"', text)


def _keys(value) -> list[str]:
    """The labels and notices of a parsed kinds file, at any depth."""
    if isinstance(value, dict):
        return [v for k, v in value.items() if k in _KEYS and isinstance(v, str)] + [
            w for v in value.values() for w in _keys(v)]
    if isinstance(value, list):
        return [w for v in value for w in _keys(v)]
    return []


def _use(monkeypatch, path) -> None:
    if path is None:
        monkeypatch.delenv(notification_kinds.FILE_ENV, raising=False)
    else:
        monkeypatch.setenv(notification_kinds.FILE_ENV, str(path))
    notification_kinds.clear_caches()


@pytest.fixture
def wording(tmp_path, monkeypatch):
    """Switch between the shipped file and a reworded copy of it."""
    copy = tmp_path / "reformule.toml"
    shipped = (assets_dir() / "followup.toml").read_text(encoding="utf-8")
    copy.write_text(reworded(shipped), encoding="utf-8")
    # Every label and notice the file holds, wherever it is, is one of the lines reworded.
    assert len(_WORDING.findall(shipped)) == len(_keys(tomllib.loads(shipped))) > 15

    def use(new: bool) -> None:
        _use(monkeypatch, copy if new else None)

    yield use
    _use(monkeypatch, None)


def journeys(data_dir, capsys) -> dict:
    """A prolongation ending in 10 days and a convocation à l'OFII two days ahead, on two
    renewals; what « Mes dossiers », `liste --json`, F6 and the notification show, today and
    once the convocation has passed."""
    with DossierStore(data_dir, clock=lambda: NOW) as store:
        follow = FollowUpStore(store)
        ids = []
        for name in ("POPESCU Elena", "CÔTÉ Noé"):
            dossier_id = store.create("renouvellement", applicant_name=name,
                                      answers={"titre_actuel": {"code_postal": "59000"}})
            store.file_dossier(dossier_id, filed_at=NOW - timedelta(days=40))
            ids.append(dossier_id)
        popescu, cote = ids
        prolongation = follow.add_notification(
            popescu, "prolongation", received_on=TODAY - timedelta(days=80),
            data={"valid_from": (TODAY - timedelta(days=80)).isoformat(),
                  "valid_until": (TODAY + timedelta(days=10)).isoformat()})
        certificate = follow.add_notification(cote, "certificat_medical",
                                              received_on=TODAY - timedelta(days=5))
        follow.update_certificate_checklist(
            certificate, {"convocation_ofii": (TODAY + timedelta(days=2)).isoformat()})
        index = DeadlineIndex(store)
        seen: dict = {}
        for label, day in (("today", TODAY), ("later", LATER)):
            alerts, total = index.prolongation_alerts(day)  # « Mes dossiers » and F6
            seen[label] = {
                "alerts": [(a.applicant_name, a.date, a.code, a.label) for a in alerts],
                "alert_total": total,
                "f6": [(d.applicant_name, d.date, d.code, d.label) for d in index.page(day)],
                "count": index.count(day),
                "rolled": index.roll_over(day),
                "list": [(r.applicant_name, r.next_deadline, r.next_deadline_label)
                         for r in store.list()],
                "warnings": [(w.dossier_id, w.date, w.code, w.label)
                             for w in follow.prolongation_warnings(day)],
            }
        seen["notice"] = follow.get(prolongation).deadline_label
        seen["notification"] = (follow.get(certificate).deadline,
                                follow.get(certificate).deadline_label)
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "liste", "--json"]) == 0
    seen["json"] = [(d["applicant"], d["next_deadline"], d["next_deadline_label"])
                    for d in json.loads(capsys.readouterr().out)]
    return seen


def _words(value) -> list[str]:
    """Every string of a nested value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [w for v in value.values() for w in _words(v)]
    if isinstance(value, list | tuple):
        return [w for v in value for w in _words(v)]
    return []


def _as_reworded(value, labels: set[str]):
    if isinstance(value, str):
        return NEW + value if value in labels else value
    if isinstance(value, dict):
        return {k: _as_reworded(v, labels) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_reworded(v, labels) for v in value]
    if isinstance(value, tuple):
        return tuple(_as_reworded(v, labels) for v in value)
    return value


def test_rewording_every_label_changes_the_words_only(tmp_path, capsys, wording):
    wording(False)
    shipped = journeys(tmp_path / "livre", capsys)
    labels = set(_WORDING.findall((assets_dir() / "followup.toml").read_text(
        encoding="utf-8")))
    labels = {text for _, text in labels}
    wording(True)
    new = journeys(tmp_path / "reformule", capsys)

    # The journeys did what they are about, with the shipped words…
    today, later = shipped["today"], shipped["later"]
    assert today["alerts"] == [("POPESCU Elena", TODAY + timedelta(days=10),
                                "fin_prolongation", "Fin de la prolongation")]
    assert today["alert_total"] == 1 and len(today["warnings"]) == 1
    assert ("CÔTÉ Noé", TODAY + timedelta(days=2), "convocation_ofii",
            "Convocation du médecin de l'OFII") in today["f6"]
    assert later["count"] == today["count"] - 1  # the convocation past is no longer due
    assert (today["rolled"], later["rolled"]) == (0, 1)
    assert ("CÔTÉ Noé", "2026-12-17", "Envoyer le certificat médical à l'OFII") in later["list"]
    assert ("POPESCU Elena", "2026-12-02", "Fin de la prolongation") in shipped["json"]
    assert shipped["notice"] == "Fin de l'attestation de prolongation"

    # …and with the new words, the same, reworded: nothing else moved.
    assert new == _as_reworded(shipped, labels)
    assert new != shipped
    assert not set(_words(new)) & labels  # no old word left anywhere
    assert new["today"]["alerts"][0][3] == NEW + "Fin de la prolongation"
    assert ("POPESCU Elena", "2026-12-02", NEW + "Fin de la prolongation") in new["json"]
    assert new["notice"] == NEW + "Fin de l'attestation de prolongation"


# -- the procedures' wording (issue 21, item 3) -------------------------------------------------
# Every word a procedure file shows — labels, titles, headings, buttons, the confirmation's
# labels — is reworded in a copy read in place of the shipped file (the extra folder,
# ANEF_TUI_PROCEDURES: a file of the same id replaces the shipped one). The rewording keeps
# each text's length and every glyph's width (« e » → « ė », « E » → « Ė »: one cell on a
# terminal, the same advance in the DejaVu fonts), so that the same journeys must give the
# very same screens, transcripts, listings and PDF texts once « ė » is read back as « e ».
PROCEDURE_WORDS = (
    "label", "title", "heading", "display_label", "description", "submit_label", "button",
    "download_label", "add_label", "short_label", "compact_label", "brick", "back",
    "abandon", "save_later", "save_continue", "revise_label", "after_download_label",
    "remove_label",
    "section_label", "steps_heading", "group", "new_page_heading", "lead", "section",
    "documents_list_title", "documents_list_subtitle", "confirmation_title",
    "confirmation_references_title",
)
_REWORD = str.maketrans({"e": "ė", "E": "Ė"})
READ_BACK = str.maketrans({"ė": "e", "Ė": "E"})
_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")
_LINE = re.compile(r'^([a-z_]+) = "(.*)"(\s*#.*)?$')


def reworded_procedure(text: str) -> str:
    """The procedure file with every word it shows reworded (identifiers kept: a slot's
    `section` is a section id)."""
    out = []
    table = ""
    for line in text.split("\n"):
        if line.startswith("["):
            table = line.strip()
        match = _LINE.match(line)
        if match and not _IDENT.fullmatch(match[2]) and (
                match[1] in PROCEDURE_WORDS or table == "[confirmation_labels]"):
            line = f'{match[1]} = "{match[2].translate(_REWORD)}"{match[3] or ""}'
        out.append(line)
    return "\n".join(out)


def _use_procedures(monkeypatch, folder) -> None:
    from anef_tui.domain import procedure_index

    if folder is None:
        monkeypatch.delenv(procedure_index.ENV_PROCEDURES, raising=False)
    else:
        monkeypatch.setenv(procedure_index.ENV_PROCEDURES, str(folder))
    procedure_index.clear_caches()


@pytest.fixture
def procedure_wording(tmp_path, monkeypatch):
    """Switch between the shipped procedures and reworded copies of them."""
    folder = tmp_path / "procedures-reformulees"
    folder.mkdir()
    reworded = 0
    for shipped in sorted((assets_dir() / "procedures").glob("*.toml")):
        text = shipped.read_text(encoding="utf-8")
        assert "ė" not in text and "Ė" not in text
        new = reworded_procedure(text)
        reworded += sum(a != b for a, b in zip(text.split("\n"), new.split("\n"), strict=True))
        (folder / shipped.name).write_text(new, encoding="utf-8")
    assert reworded > 250  # every label, title, heading, button…

    def use(new: bool) -> None:
        _use_procedures(monkeypatch, folder if new else None)

    yield use
    _use_procedures(monkeypatch, None)


def procedure_journeys(data_dir, tmp_path, capsys) -> dict[str, str]:
    """A renewal and a first application typed in the plain mode, then `liste`, `liste
    --json` and the three PDFs of each (as text): everything a person reads."""
    from pypdf import PdfReader

    from tests.plain.helpers import plain
    from tests.plain.journeys import first_application, renewal, scan

    seen: dict[str, str] = {}
    seen["texte"] = plain(data_dir, [
        *renewal(scan(tmp_path / "facture.png"), scan(tmp_path / "recepisse.png")),
        *first_application(scan(tmp_path / "passeport.png"), scan(tmp_path / "f2.png"),
                           scan(tmp_path / "r2.png")),
        "liste", ":quitter",
    ]).replace(str(data_dir), "<DONNEES>")
    for args in (["liste"], ["liste", "--json"]):
        capsys.readouterr()
        assert main(["--data-dir", str(data_dir), *args]) == 0
        seen[" ".join(args)] = capsys.readouterr().out
    for dossier in (1, 2):
        for kind in ("confirmation", "liste", "recapitulatif"):
            out = tmp_path / f"{kind}-{dossier}.pdf"
            assert main(["--data-dir", str(data_dir), "pdf", str(dossier), "--document", kind,
                         "--sortie", str(out)]) == 0
            pages = PdfReader(out).pages
            seen[f"pdf {dossier} {kind}"] = "\n".join(p.extract_text() for p in pages)
    capsys.readouterr()
    return seen


def test_rewording_every_procedure_label_changes_the_words_only(tmp_path, capsys,
                                                                  procedure_wording,
                                                                  monkeypatch):
    monkeypatch.setenv("ANEF_TUI_AIDANT", "Test")  # `pdf` writes in the journal (issue 24)
    procedure_wording(False)
    shipped = procedure_journeys(tmp_path / "livre", tmp_path, capsys)
    procedure_wording(True)
    new = procedure_journeys(tmp_path / "reformule", tmp_path, capsys)
    # The journeys did what they are about: both dossiers filed, listed and printed…
    assert "Dossier 2 : OKAFOR Chinedu, Première demande, Déposée." in shipped["texte"]
    assert "CONFIRMATION DU DÉPÔT" in shipped["pdf 1 confirmation"]
    # …and with the new words, the same, reworded: nothing else moved.
    for key, text in shipped.items():
        assert new[key].translate(READ_BACK) == text, key
    assert "Dossier 2 : OKAFOR Chinedu, Prėmièrė dėmandė, Déposée." in new["texte"]
    assert "Rėnouvėllėmėnt" in new["liste"]
    assert "Nom dė naissancė :" in new["pdf 1 confirmation"]
    for key in ("texte", "liste", "pdf 1 recapitulatif", "pdf 2 liste"):
        assert new[key] != shipped[key], key
    # And no shipped wording of a label is left: none is copied in the code.
    assert old_words_left(new) == {}


def _shown_words() -> tuple[set[str], set[str]]:
    """(every text the rewording changes, every other text of the procedure files: hints,
    notes, paragraphs, choices — words a label may also be part of)."""
    reworded: set[str] = set()
    for shipped in (assets_dir() / "procedures").glob("*.toml"):
        text = shipped.read_text(encoding="utf-8")
        for old, new in zip(text.split("\n"), reworded_procedure(text).split("\n"),
                            strict=True):
            if old != new:
                reworded.add(_LINE.match(old)[2])
    others: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, str) and value not in reworded:
            others.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for shipped in (assets_dir() / "procedures").glob("*.toml"):
        walk(tomllib.loads(shipped.read_text(encoding="utf-8")))
    return reworded, others


def old_words_left(outputs: dict[str, str]) -> dict[str, list[str]]:
    """The shipped wording of a label still read once it is reworded: a copy of the data's
    words in the code (the only other place they could come from)."""
    reworded, others = _shown_words()
    left: dict[str, list[str]] = {}
    for label in sorted(reworded):
        if len(label) < 4 or any(label in other for other in others):
            continue
        found = [key for key, text in outputs.items() if label in text]
        if found:
            left[label] = found
    return left
