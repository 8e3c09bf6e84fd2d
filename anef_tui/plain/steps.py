"""A dossier in plain lines: every position of its procedure, question by question.

Rendered from the procedure data only (no procedure, step or field id is named here): the
same catalogue, visibility (`is_visible`), validation (`domain/form_check.py`, with the
whole dossier), summary and store calls as the full-screen screens; every write passes the
dossier's version (plain/versions.py). Every answer is saved as a draft as soon as it is given, so
a dossier left here is resumed in either front end at the same place.
"""

from __future__ import annotations

from anef_tui.domain import flow, roles
from anef_tui.domain.catalogue import (
    CatalogueError,
    Procedure,
    Profile,
    is_visible,
    load_procedure,
)
from anef_tui.domain.form_check import check_form
from anef_tui.domain.text import APP_HELP_PREFIX
from anef_tui.domain.validation import problems_heading
from anef_tui.plain import commands, places
from anef_tui.plain.abandon import Abandoned, abandon, password_helper
from anef_tui.plain.commands import Command
from anef_tui.plain.context import Context, QuitDossier
from anef_tui.plain.depot import DepotQuestions
from anef_tui.plain.dossier_commands import run_dossier_command
from anef_tui.plain.fields import FieldQuestions
from anef_tui.plain.followup import filed_dossier
from anef_tui.plain.moves import RESUME, Moves, Start
from anef_tui.plain.parts import Back, FieldItem, Item, SlotItem, is_hidden, position_label
from anef_tui.plain.places import GoTo
from anef_tui.plain.preseed import answers_then_typed
from anef_tui.plain.slots import SlotQuestions
from anef_tui.plain.text import (
    download_line,
    input_line,
    paragraphs,
    pick,
    sentence,
)
from anef_tui.plain.versions import Reload, VersionedWrites


class DossierSession(FieldQuestions, SlotQuestions, DepotQuestions, Moves, VersionedWrites):
    """One dossier, from where it was left until « :quitter », the end of input, or the end."""

    def __init__(self, ctx: Context, dossier_id: int) -> None:
        self.ctx = ctx
        self.io = ctx.io
        self.dossier_id = dossier_id
        self.procedure: Procedure  # loaded by `run`, before any question
        self.position: str = ""
        self.where: str = ""  # the current question, for « :ou »

    # -- entry point --------------------------------------------------------------------
    def run(self) -> None:
        record = self.ctx.store.get(self.dossier_id)
        try:
            self.procedure = load_procedure(record.summary.procedure)
        except CatalogueError:
            self.io.say(
                f"La procédure « {record.summary.procedure} » de ce dossier est introuvable : "
                "relancez anef-tui avec --procedures et le dossier qui contient son fichier."
            )
            return
        proc = self.procedure
        if not record.summary.status.editable:
            filed_dossier(self.ctx, self.dossier_id, proc)
            return
        position: str | None = record.summary.current_step or flow.first_position(proc)
        if position not in flow.positions(proc):
            position = flow.first_position(proc)
        name = record.summary.applicant_name or "(sans nom)"
        self.io.say(f"Dossier n° {self.dossier_id} : {name}, {proc.short_label}.")
        if self.ctx.answers is not None:
            self.io.say(*self.ctx.answers.unknown(proc))
        return_to: str | None = None
        start: Start = RESUME  # reopening: straight to the first question without an answer
        try:
            while position is not None:
                self.position = position
                kind = flow.kind_of(proc, position)
                self.read_version()  # what this position is asked from
                try:
                    if kind == "preliminary":
                        nxt = self.preliminary(position)
                    elif kind == "depot":
                        nxt, return_to = self.depot(position)
                    elif kind == "confirmation":
                        filed_dossier(self.ctx, self.dossier_id, proc)
                        return
                    else:
                        nxt = self.form(position, return_to, start)
                        return_to = None
                except GoTo as go:
                    nxt, start, return_to = go.position, go.item_id, None
                    position = nxt
                    continue
                except Back:
                    nxt = flow.previous_position(proc, position)
                    if nxt is None:
                        self.io.say("Vous êtes au début de la démarche.")
                        nxt = position
                except Reload:
                    self.io.say("Version enregistrée reprise.")
                    nxt = position
                position = nxt
                start = None
        except Abandoned:
            return
        except QuitDossier:
            self.io.say(
                "Saisie enregistrée : vous pourrez reprendre ce dossier plus tard, ici ou "
                "dans l'application plein écran."
            )

    # -- commands -----------------------------------------------------------------------
    def command(self, cmd: Command, repeat, remaining=None) -> str | None:
        """Run a command; return « back » / « clear » for the caller, None otherwise."""
        if not cmd.known:
            self.io.say(f"Commande inconnue « :{cmd.name} ». Tapez :aide pour la liste.")
            return None
        if cmd.name == "aide":
            self.io.say(*commands.help_lines())
        elif cmd.name == "ou":
            self.io.say(f"Dossier n° {self.dossier_id}, {self.procedure.short_label}.")
            self.io.say(sentence(position_label(self.procedure, self.position)))
            if self.where:
                self.io.say(self.where)
        elif cmd.name == "repeter":
            repeat()
        elif cmd.name == "reste":
            lines = remaining() if remaining else []
            if lines:
                self.io.say("Questions obligatoires encore sans réponse :", *lines)
            else:
                self.io.say("Aucune question obligatoire sans réponse sur cet écran.")
        elif cmd.name == "quitter":
            raise QuitDossier
        elif cmd.name == "motdepasse":
            password_helper(self.ctx)
        elif cmd.name == "abandonner":
            if abandon(self.ctx, self.dossier_id):
                raise Abandoned
        elif cmd.name == "retour":
            return "back"
        elif cmd.name == "vide":
            return "clear"
        elif cmd.name == "aller":
            self.go(cmd.arg)
        else:  # « :liste », « :journal », « :consentement », « :donnees »
            run_dossier_command(self.ctx, cmd.name, self.dossier_id)
        return None

    # -- préliminaires ------------------------------------------------------------------
    def preliminary(self, position: str) -> str | None:
        proc = self.procedure
        prelim = next(p for p in proc.preliminaries if p.id == position)
        record = self.ctx.store.get(self.dossier_id)
        saved_choice = prelim.choice_of((record.answers.get(position) or {}).get("choix"))
        saved = saved_choice.label if saved_choice is not None else None
        main = [c for c in prelim.choices if not c.in_section]
        other = [c for c in prelim.choices if c.in_section]
        ordered = main + other
        labels = [c.label for c in ordered]
        self.where = f"Question : {prelim.heading}"

        def show() -> None:
            title = [proc.title] if prelim.page_title else []
            self.io.say("", sentence(position_label(proc, position)), *title, prelim.heading)
            self.io.say(*paragraphs(prelim.text))
            if ordered:
                for n, choice in enumerate(ordered, 1):
                    if other and choice is other[0] and prelim.section_label:
                        self.io.say(prelim.section_label)
                    self.io.say(f"{n}. {choice.label}")
                self.io.say(f"Réponse actuelle : {saved or 'aucune'}.")
            if prelim.show_steps:
                if prelim.steps_heading:
                    self.io.say(prelim.steps_heading)
                for s in proc.steps:
                    self.io.say(f"{s.number}. {s.title}" + (f" : {s.description}" if s.description
                                                             else ""))
            self.io.say(*paragraphs(prelim.after_text))
            if prelim.download_label:
                self.io.say(download_line(prelim.download_label))
            if ordered:
                self.io.say(f"Répondez par le numéro ou le texte, puis « {prelim.button} ».")
            else:
                self.io.say(f"Entrée : « {prelim.button} ».")

        preset = self.ctx.answers.take(position, None) if self.ctx.answers else None
        if preset is None:
            show()
        else:
            given = preset.value if ordered else f"« {prelim.button} »"
            self.io.say(f"{position_label(proc, position).rstrip(' :')} : {given} "
                        f"(fichier de réponses, ligne {preset.number}).")
        replies = answers_then_typed(preset, lambda: commands.parse(
                self.io.ask(input_line(prelim.heading, saved or ""))))
        while True:
            answer, source = next(replies)
            if isinstance(answer, Command):
                result = self.command(answer, show)
                if result == "back":
                    raise Back
                continue
            if source is not None and ordered and not pick(answer, labels):
                self.io.say(f"{source.where()} : choisissez une des réponses proposées "
                            f"(1 à {len(labels)}).")
                show()
                continue
            values: dict = {}
            if ordered:
                label = pick(answer, labels) if answer.strip() else saved
                choice = next((c for c in ordered if c.label == label), None)
                if choice is None:
                    self.io.say(
                        f"« {prelim.heading} » : choisissez une des réponses proposées "
                        f"(1 à {len(labels)})."
                    )
                    continue
                if not choice.in_scope:
                    self.io.say(choice.note or "Cette démarche n'est pas couverte par anef-tui.")
                    continue
                values = {"choix": choice.value}
                self.io.say(f"Réponse : {choice.label}.")
            nxt = flow.next_position(proc, position)

            def save(expected: int | None, v: dict = values, n: str | None = nxt) -> int:
                return self.ctx.store.save_step(
                    self.dossier_id, position, v, next_step=n, expected_version=expected)

            if not self.write(save):
                continue
            return nxt

    # -- form steps (profile, forms, documents) -------------------------------------------
    def form(self, position: str, return_to: str | None = None, start: Start = None
             ) -> str | None:
        """A form position; `start`: RESUME (the first question without an answer), a
        question's id (« :aller »), or None (from the screen's start, read in full)."""
        proc = self.procedure
        kind = flow.kind_of(proc, position)
        form, values, answers = self.screen(position)
        heading = form.title if isinstance(form, Profile) else form.heading
        items = self.items(form)
        index = self.start_index(position, items, values, answers, start)
        lead = None
        if index is None:
            # The site's page heading above each step's own (not on the profile, anef-tui's
            # stand-in for the site's account screens).
            title = [proc.title] if kind != "profile" else []
            self.io.say("", sentence(position_label(proc, position)), *title)
            # The step after one with `after_texts` opens with them, as on the site (first
            # application, étape 2: « Merci, nous avons bien pris en compte… »).
            previous = next((s for s in proc.steps if kind != "profile"
                             and s.number == getattr(form, "number", 0) - 1), None)
            if previous is not None and previous.after_texts:
                self.io.say(*paragraphs(previous.after_texts))
                if previous.after_download_label:
                    self.io.say(download_line(previous.after_download_label))
            self.io.say(heading)
            self.io.say(*paragraphs(getattr(form, "intro", [])))
            download = getattr(form, "download_label", None)
            if download:  # étape 4 of the first application
                self.io.say(download_line(download))
        else:
            asked = places.numbered(items, values, answers)
            lead = places.lead(proc, position, asked.index(index) + 1, len(asked))
            self.io.say("")
        self.ask_items(form, position, items, values, answers, first_is_back=True,
                       start=index or 0, lead=lead)
        # Validation of the whole step, with the questions asked again until it passes.
        while True:
            answers = self.ctx.store.get(self.dossier_id).answers
            normalised, problems = check_form(
                proc, position, values, answers=answers, today=self.ctx.today()
            )
            problems += self.slot_problems(form)
            if not problems:
                break
            self.io.say(problems_heading(len(problems)))
            for p in problems:
                self.io.say(f"• {p.message}")
            wrong = {p.field_id for p in problems}
            again = [it for it in items if it.id in wrong]
            self.ask_items(form, position, again, values, answers, first_is_back=False)
        nxt = return_to or flow.next_position(proc, position)
        name = roles.display_name(form.fields(), normalised)
        if kind == "profile":
            ok = self.write(lambda expected: self.ctx.store.save_profile(
                self.dossier_id, position, normalised, applicant_name=name, next_step=nxt,
                expected_version=expected))
        else:
            ok = self.write(lambda expected: self.ctx.store.save_step(
                self.dossier_id, position, normalised, next_step=nxt, applicant_name=name,
                expected_version=expected))
        if not ok:
            return position  # asked again from the start; the draft keeps every answer
        self.io.say(f"« {heading} » : enregistré.")
        return nxt

    @staticmethod
    def items(form) -> list[Item]:
        out: list[Item] = []
        for section in form.sections:
            out += [FieldItem(section, f) for f in section.fields]
            # A slot the site does not show on its screen (the renewal's identité and
            # entrée régulière: the annex only) is not asked, as the full-screen step.
            out += [SlotItem(section, s) for s in getattr(form, "slots", [])
                    if s.section == section.id and s.shown_on_screen]
        return out

    def ask_items(self, form, position, items, values, answers, *, first_is_back,
                  start: int = 0, lead: str | None = None) -> None:
        """Ask each visible item in order from `start`; « :retour » goes one back (before the
        first: the previous position when `first_is_back`). `lead` says where the first
        question asked is, before its label, instead of its section's heading."""
        index = start
        last_section: str | None = None
        last_group: str | None = None
        if lead and index < len(items):
            last_section = items[index].section.id
            last_group = items[index].section.group
        while index < len(items):
            item = items[index]
            if is_hidden(item, values, answers):
                index += 1
                continue
            group = item.section.group
            if group and group != last_group:
                # The parent heading (« LIENS PERSONNELS ET FAMILIAUX », « INFORMATIONS
                # PERSONNELLES ») and its « * » line, once, as the full-screen step.
                self.io.say(group, *paragraphs(item.section.group_intro))
            last_group = group
            if item.section.id != last_section:
                # A section's heading when it has one; its intro and anef-tui's notes in any
                # case (« Mon titre actuel »'s first section has no heading, the site's
                # account-creation lines).
                title = item.section.title or item.section.group
                if title:
                    self.io.say(f"Section : {title}.")
                self.io.say(*paragraphs(item.section.intro))
                # anef-tui's own notes for the section, where the full-screen step shows them
                # (renewal, « ADRESSE »: declare a change of address first).
                self.io.say(*(APP_HELP_PREFIX + note for note in item.section.app_help))
            last_section = item.section.id
            if isinstance(item, FieldItem):
                outcome = self.ask_field(form, position, item, values, answers, lead=lead)
            else:
                outcome = self.ask_slot(form, item, lead=lead)
            lead = None
            if outcome == "back":
                index -= 1
                while index >= 0 and is_hidden(items[index], values, answers):
                    index -= 1
                if index < 0:
                    if first_is_back:
                        raise Back
                    index = 0
                last_section = None
                continue
            index += 1

    def remaining(self, form, values, answers) -> list[str]:
        out = []
        for f in form.fields():
            if (f.required and not f.readonly and f.type != "info"
                    and is_visible(f, values, answers)
                    and values.get(f.id) in (None, "", [], False)):
                out.append(f"• {f.label}")
        counts = self.ctx.attachments.counts(self.dossier_id)
        for slot in getattr(form, "slots", []):
            if slot.required and not counts.get(slot.id):
                out.append(f"• {slot.title} (pièce justificative)")
        return out


#: The actions of a step and how the plain mode does each (tests/plain/test_parity.py).
HANDLED = {
    "save_continue": "the answer to the last question of the step",
    "previous": ":retour",
    "quit_later": ":quitter",
    "home": ":quitter",
    "abandon": ":abandonner",
    "password_helper": ":motdepasse",
    "renew_consent": ":consentement",
    "donnees": ":donnees",
}
