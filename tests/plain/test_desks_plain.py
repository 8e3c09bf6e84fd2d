"""The plain mode says who else has a dossier open as it opens it (issue 25 item 3), and
has it open (presence) while it is in it: never blocks, it informs."""

from __future__ import annotations

from anef_tui.store.desks import desk_of
from anef_tui.store.dossiers import DossierStore
from anef_tui.store.journal.actor import Actor
from tests.conftest import frozen_clock
from tests.french import assert_french
from tests.plain.test_journal_plain import folder_with_dossier, typed


def test_opening_a_dossier_open_at_another_desk_says_by_whom_and_since_when(tmp_path):
    data = folder_with_dossier(tmp_path)
    colleague = DossierStore(data, clock=frozen_clock)  # another desk (its own base)
    try:
        colleague.database.actor = Actor("Marie Curie", "application")
        (row,) = colleague.list("")
        desk_of(colleague.database).presence.enter(row.id)
        said = typed(data, ["Samir Benali", str(row.id), ":quitter", ":quitter"],
                     ask_worker=True)
        line = "Ouvert aussi par Marie Curie à un autre poste depuis 10:30."
        assert line in said
        assert_french(line)
        # Nobody else: nothing said.
        desk_of(colleague.database).presence.leave(row.id)
        said = typed(data, [str(row.id), ":quitter", ":quitter"])
        assert "à un autre poste" not in said
        # The plain mode's own presence went with it: the colleague sees nobody.
        assert desk_of(colleague.database).presence.others(row.id) == []
    finally:
        desk_of(colleague.database).close()
        colleague.close()


def test_a_dossier_open_in_the_plain_mode_is_seen_from_another_desk(tmp_path, monkeypatch):
    data = folder_with_dossier(tmp_path)
    colleague = DossierStore(data, clock=frozen_clock)
    seen: list[list[str]] = []
    try:
        (row,) = colleague.list("")
        from anef_tui.plain.steps import DossierSession

        run = DossierSession.run

        def looking(session) -> None:  # while the plain mode is in the dossier
            seen.append([p.worker for p in desk_of(colleague.database).presence.others(row.id)])
            run(session)

        monkeypatch.setattr(DossierSession, "run", looking)
        typed(data, ["Samir Benali", str(row.id), ":quitter", ":quitter"], ask_worker=True)
        assert seen == [["Samir Benali"]]
    finally:
        desk_of(colleague.database).close()
        colleague.close()
