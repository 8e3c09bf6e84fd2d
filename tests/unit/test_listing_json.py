"""Issue 21, item 6: `anef-tui liste --json` goes through the C encoder and checks for
controls in C, with the very same output as before, byte for byte: the document
`json.dumps(rows, indent=2, ensure_ascii=False)` wrote, with C1, DEL, bidi controls and
lone surrogates escaped (`controls.json_text`). The former code is kept here as the
reference and fed tricky data: every control, quotes and backslashes, names whose bytes
were not UTF-8, characters beyond the BMP, line and paragraph separators, None and empty
values, and more rows than one batch. The speed is measured by `bench/listing.py`."""

from __future__ import annotations

import io
import itertools
import json
import sys
import unicodedata

from anef_tui.cli import main
from anef_tui.cli.listing import JSON_BATCH, json_chunks
from anef_tui.controls import BIDI_CONTROLS, has_controls, json_text
from anef_tui.domain.status import DossierStatus
from anef_tui.store.records import DossierSummary


def _was_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs") or char in BIDI_CONTROLS


def _json_text_before(document: str) -> str:
    """`controls.json_text` as it was: a Python loop over every character."""
    return "".join(
        f"\\u{ord(c):04x}" if _was_control(c) and c not in "\n\t" else c for c in document
    )


def _document_before(rows, consents: dict | None = None) -> str:
    """What `liste --json` wrote before: each row through the pure-Python encoder (and,
    since journal2, its consent: `consents` by id, null when not given)."""
    out = []
    for row in rows:
        out.append("[\n  " if not out else ",\n  ")
        line = _json_text_before(json.dumps({
            "id": row.id, "applicant": row.applicant_name, "procedure": row.procedure,
            "status": str(row.status), "states": [str(s) for s in row.states],
            "step": row.current_step,
            "updated_at": row.updated_at, "next_deadline": row.next_deadline,
            "next_deadline_label": row.next_deadline_label,
            "consent": consents[row.id].data() if consents else None,
        }, ensure_ascii=False, indent=2))
        out.append(line.replace("\n", "\n  "))
    out.append("\n]\n" if out else "[]\n")
    return "".join(out)


TRICKY = [
    "POPESCU Elena", "", "CÔTÉ Noé", 'a "guillemet" et \\ barre', "tab\there", "ligne\nsuite",
    "retour\r", "\x00nul", "\x1b[2J\x1b]0;titre\x07", "del\x7f", "c1\x85\x9b31m",
    "bidi\u202eevil\u2066", "caf\udce9", "\ud83d seul", "😀 𝔘𝔫𝔦", "sép\u2028\u2029ar",
    "insécable\u00a0fin", "e\u0301", "\u061c\u200e\u200f", "\x08\x0c\x1f", "x" * 300,
]


def tricky_rows(count: int) -> list[DossierSummary]:
    texts = itertools.cycle(TRICKY)
    optional = itertools.cycle([None, *TRICKY])
    statuses = itertools.cycle(DossierStatus)
    several = itertools.cycle([(), *((s,) for s in DossierStatus), tuple(DossierStatus)])
    return [
        DossierSummary(
            id=n, procedure=next(texts), status=next(statuses), current_step=next(optional),
            applicant_name=next(texts), updated_at=next(texts), next_deadline=next(optional),
            next_deadline_label=next(optional), numero_demande=None, filed_at=None,
            states=next(several),
        )
        for n in range(1, count + 1)
    ]


def test_the_json_listing_is_the_same_as_before_on_tricky_data():
    for count in (0, 1, len(TRICKY), JSON_BATCH, JSON_BATCH + 1, 3 * JSON_BATCH + 7):
        rows = tricky_rows(count)
        written = "".join(json_chunks(iter(rows)))
        assert written == _document_before(rows), count
        if rows:  # and it is JSON, with the same data (controls escaped, not lost)
            read = json.loads(written)
            assert [r["applicant"] for r in read] == [r.applicant_name for r in rows]


def test_control_checks_are_the_same_as_before_for_every_code_point():
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    controls = [c for c in every if _was_control(c)]
    assert len(controls) == 65 + 2048 + len(BIDI_CONTROLS)  # Cc, Cs, bidi
    for char in controls:
        assert has_controls(f"a{char}b") and has_controls(char, multiline=char != "\n")
    assert not has_controls(every.translate({ord(c): None for c in controls}))
    assert not has_controls("une\nligne", multiline=True)
    assert json_text(every) == _json_text_before(every)


def test_the_command_writes_the_same_document(data_dir, capsys):
    """Through `anef-tui liste --json` (its output stream shows controls as glyphs: there
    is none left to show), on names as the store keeps them."""
    from anef_tui.store.dossiers import DossierStore

    store = DossierStore(data_dir)
    for name in TRICKY:
        store.create("renouvellement", applicant_name=name)
    rows = list(store.iter())
    from anef_tui.store.consents import ConsentStore

    consents = ConsentStore(store.database).standings([row.id for row in rows])
    store.close()
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "liste", "--json"]) == 0
    assert capsys.readouterr().out == _document_before(rows, consents)
    out = io.StringIO()
    out.write("".join(json_chunks(iter(rows))))
    assert out.getvalue() == _document_before(rows)
