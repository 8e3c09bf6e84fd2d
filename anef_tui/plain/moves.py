"""Moving in a plain dossier session (issue 20, item 4 « Fast to listen to »): where a
form position starts (a reopened dossier resumes at its first question without an answer)
and « :aller » to a step or a question (plain/places.py finds it)."""

from __future__ import annotations

from anef_tui.domain import flow
from anef_tui.domain.catalogue import Profile, Step, with_defaults
from anef_tui.domain.summary import step_values
from anef_tui.plain import places
from anef_tui.plain.host import SessionPart
from anef_tui.plain.parts import Item
from anef_tui.plain.places import GoTo

#: Where a form position starts: RESUME, a question's id, or None (its start, read in full).
RESUME = "\0resume"  # never an id (ids are `^[a-z][a-z0-9_]*$`)
Start = str | None


class Moves(SessionPart):
    """DossierSession's places (a mixin)."""

    def start_index(self, position, items, values, answers, start: Start) -> int | None:
        """The index of the question to start from, or None for the screen's start."""
        if start == RESUME:
            record = self.ctx.store.get(self.dossier_id)
            traced = {*record.drafts.get(position, {}), *record.answers.get(position, {})}
            files = self.ctx.attachments.counts(self.dossier_id)
            return places.resume_index(items, values, answers, traced, files)
        if start is None:
            return None
        asked = places.numbered(items, values, answers)
        at = next((i for i, item in enumerate(items) if item.id == start), 0)
        return next((i for i in asked if i >= at), None)

    def go(self, text: str) -> None:
        """« :aller »: raise GoTo to the place `text` names, or say why not."""
        found = places.find(self.procedure, text, self.position, self.questions)
        if isinstance(found, places.Place):
            raise GoTo(found.position, found.item_id)
        if not found:
            steps = [s.number for s in self.procedure.steps if s.kind != "confirmation"]
            self.io.say(
                (f"Aucune étape ni question ne correspond à « {text} ». " if text.strip()
                 else "Où aller ? ")
                + f"Tapez :aller suivi d'un numéro d'étape ({steps[0]} à {steps[-1]}), "
                "d'une étape et d'un numéro de question (« :aller 2.4 ») ou d'un mot du titre."
            )
            return
        self.io.say(f"Plusieurs réponses pour « {text} » :", *(f"• {p.name}" for p in found[:8]))
        if len(found) > 8:
            self.io.say(f"et {len(found) - 8} autre(s).")
        self.io.say("Précisez : :aller suivi d'un numéro ou de plus de mots.")

    def questions(self, position: str) -> list[Item]:
        """The questions of `position` asked now, in order (« :aller 2.4 » counts them)."""
        kind = flow.kind_of(self.procedure, position)
        if kind in ("preliminary", "confirmation"):
            return []
        form, values, answers = self.screen(position)
        items = self.items(form)
        return [items[i] for i in places.numbered(items, values, answers)]

    def screen(self, position: str) -> tuple[Profile | Step, dict, dict]:
        """A form position's data, its values (saved, then the draft) and the answers."""
        proc = self.procedure
        record = self.ctx.store.get(self.dossier_id)
        form: Profile | Step
        if flow.kind_of(proc, position) == "profile" and proc.profile is not None:
            form = proc.profile
            saved = dict(record.answers.get(position, {}))
        else:
            form = proc.step(position)
            saved = step_values(proc, position, record.answers)
        # A field's `default` (« Pays » : France) is offered as its value until saved.
        values = with_defaults(form, {**saved, **record.drafts.get(position, {})})
        return form, values, record.answers
