"""« Mes dossiers » in plain lines: list with each dossier's next deadline, search, open,
create (any procedure found), renew from an earlier dossier."""

from __future__ import annotations

from datetime import date

from anef_tui.domain.kinds_error import NotificationKindsError, unavailable_message
from anef_tui.domain.procedure_index import procedure_index, step_position
from anef_tui.oserrors import error_text
from anef_tui.plain import bundles, commands, consent, donnees, erase, exports, journal
from anef_tui.plain.abandon import abandon
from anef_tui.plain.commands import Command
from anef_tui.plain.context import Context
from anef_tui.plain.followup import deadline_text
from anef_tui.plain.followup.deadlines import deadlines, open_notifications
from anef_tui.plain.io import EndOfInput
from anef_tui.plain.steps import DossierSession
from anef_tui.plain.text import choices_line, pick
from anef_tui.store.db import StoreError
from anef_tui.store.desks import opened_here

#: Dossiers read at a time: the count first, then a page, never the whole list again.
PAGE = 10

HOME_HELP = [
    "Sur « Mes dossiers » :",
    "un numéro de dossier : l'ouvrir ;",
    "nouveau : créer un dossier ;",
    "chercher MOTS : chercher par nom, démarche, état ou numéro ;",
    "tout : tous les dossiers, sans recherche ;",
    f"liste : lire la page de la liste ({PAGE} dossiers) ;",
    "suite, precedent : la page suivante, la page précédente ;",
    "renouveler N : un renouvellement à partir du dossier N ;",
    "notifications N : Mes Notifications du dossier N ;",
    "echeances : toutes les échéances, la plus proche en premier ;",
    "abandonner N : abandonner le dossier N (pas un dossier déposé), après confirmation ;",
    "consentement N : renouveler le consentement de la personne du dossier N ;",
    "retirer N : retirer ce consentement (le dossier ne peut plus être modifié) ;",
    "journal N : le journal du dossier N (qui a fait quoi, quand) ;",
    "donnees N : le PDF « Ce que anef-tui sait de vous » du dossier N, à remettre à la "
    "personne ;",
    "aidant : changer le nom de l'aidant noté dans le journal ;",
    *bundles.HELP,
    *erase.HELP,
    ":quitter : quitter anef-tui.",
]


def dossiers(n: int) -> str:
    return f"{n} dossier" + ("s" if n > 1 else "")


class Home:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.io = ctx.io
        self.query = ""
        self.offset = 0  # the first dossier of the page read

    def step_text(self, procedure_id: str, step_id: str | None) -> str:
        return step_position(procedure_id, step_id)

    def count_line(self) -> tuple[str, int]:
        total = self.ctx.store.count(self.query)
        title = "Mes dossiers" + (f", recherche « {self.query} »" if self.query else "")
        if not total:
            return f"{title} : " + ("aucun dossier." if not self.query
                                    else "aucun dossier trouvé."), total
        return f"{title} : {dossiers(total)}.", total

    def summary(self) -> None:
        """Back on « Mes dossiers »: the count and how to list, not the list itself."""
        line, total = self.count_line()
        self.io.say("", line, *erase.alert(self.ctx))
        if total:
            self.io.say("« liste » pour les lire, le numéro d'un dossier pour l'ouvrir, "
                        "« nouveau », ou :aide.")
        else:
            self.io.say("« nouveau » pour créer un dossier, ou :aide.")

    def show_list(self) -> None:
        """The count, then one page of the list (from `offset`), then what to type."""
        line, total = self.count_line()
        self.io.say("", line, *erase.alert(self.ctx))
        if not total:
            self.io.say("Tapez « nouveau »" + (", « tout »" if self.query else "") + " ou :aide.")
            return
        self.offset = max(0, min(self.offset, (total - 1) // PAGE * PAGE))
        rows = self.ctx.store.list(self.query, limit=PAGE, offset=self.offset)
        last = self.offset + len(rows)
        if total > PAGE:
            self.io.say(f"Dossiers {self.offset + 1} à {last} :")
        index = procedure_index()
        today = self.ctx.today()
        alerts = consent.consents(self.ctx).alerts([row.id for row in rows])
        for row in rows:
            ref = index.get(row.procedure)
            label = ref.short_label if ref else row.procedure
            step = self.step_text(row.procedure, row.current_step) if row.status.editable else ""
            parts = [row.applicant_name or "(sans nom)", label, row.states_label]
            if step:
                parts.append(step)
            self.io.say(f"Dossier {row.id} : " + ", ".join(parts) + ".")
            if row.next_deadline or row.next_deadline_label:
                day = date.fromisoformat(row.next_deadline[:10]) if row.next_deadline else None
                self.io.say("  Échéance : " + deadline_text(day, row.next_deadline_label, today))
            if row.id in alerts:
                self.io.say(consent.alert_text(alerts[row.id], row.id))
        pages = []
        if last < total:
            pages.append(f"« suite » : les {min(PAGE, total - last)} suivants")
        if self.offset:
            pages.append("« precedent » : les précédents")
        hint = " ; ".join([*pages, "le numéro d'un dossier pour l'ouvrir",
                           "« chercher MOTS », ou :aide."])
        self.io.say(hint[0].upper() + hint[1:])

    def page(self, step: int) -> None:
        total = self.ctx.store.count(self.query)
        if step > 0 and self.offset + PAGE >= total:
            self.io.say(f"Fin de la liste : {dossiers(total)}. « liste » relit cette page.")
            return
        if step < 0 and self.offset == 0:
            self.io.say("Début de la liste. « suite » lit la page suivante.")
            return
        self.offset += step * PAGE
        self.show_list()

    def run(self) -> None:
        self.io.say("anef-tui, mode texte. Tapez :aide à tout moment pour les commandes.")
        self.follow_up_check()
        self.show_list()
        while True:
            try:
                answer = commands.parse(self.io.ask())
            except EndOfInput:
                self.io.say(*exports.reminder(self.ctx))
                raise
            if isinstance(answer, Command):
                if answer.name == "quitter":
                    self.io.say(*exports.reminder(self.ctx))
                    return
                if answer.name == "aide":
                    extra = exports.HELP if exports.offered(self.ctx) else []
                    self.io.say(*HOME_HELP[:-1], *extra, HOME_HELP[-1], *commands.help_lines())
                elif answer.name == "ou":
                    self.io.say("Vous êtes sur « Mes dossiers ».")
                    self.summary()
                elif answer.name == "repeter":
                    self.show_list()
                else:
                    self.io.say(f"Commande « :{answer.name} » sans effet ici. Tapez :aide.")
                continue
            self.handle(answer.strip())

    def handle(self, text: str) -> None:
        word, _, rest = text.partition(" ")
        word = word.lower()
        try:
            if not text:
                self.io.say("Tapez le numéro d'un dossier, « nouveau », ou :aide.")
            elif text.isdigit() and text.isascii():
                self.open(int(text))
            elif word in ("nouveau", "n"):
                self.create()
            elif word in ("chercher", "c"):
                self.query, self.offset = rest.strip(), 0
                self.show_list()
            elif word in ("tout", "liste", "l"):
                if word == "tout":
                    self.query, self.offset = "", 0
                self.show_list()
            elif word in ("suite", "s"):
                self.page(1)
            elif word in ("precedent", "précédent", "p"):
                self.page(-1)
            elif word == "exports":
                self.io.say(*exports.listing(self.ctx))
            elif word == "nettoyer":
                self.io.say(*exports.clean(self.ctx))
            elif word in ("echeances", "échéances", "e"):
                deadlines(self.ctx)
                self.summary()
            elif word == "abandonner" and rest.strip().isdigit():
                abandon(self.ctx, int(rest.strip()))
                self.summary()
            elif word == "consentement" and rest.strip().isdigit():
                consent.renew(self.ctx, int(rest.strip()))
                self.summary()
            elif word == "retirer" and rest.strip().isdigit():
                consent.withdraw(self.ctx, int(rest.strip()))
                self.summary()
            elif word == "notifications" and rest.strip().isdigit():
                open_notifications(self.ctx, int(rest.strip()))
                self.summary()
            elif word == "journal" and rest.strip().isdigit():
                journal.show(self.ctx, int(rest.strip()))
            elif word in ("donnees", "données") and rest.strip().isdigit():
                donnees.make(self.ctx, int(rest.strip()))
            elif word == "exporter" and rest.strip().isdigit():
                bundles.export(self.ctx, int(rest.strip()))
            elif word == "importer" and rest.strip():
                bundles.bring(self.ctx, rest)
                self.summary()
            elif word == "aidant":
                journal.change(self.ctx, rest)
            elif word == "effacer" and rest.strip().isdigit():
                erase.erase(self.ctx, int(rest.strip()))
                self.summary()
            elif word == "effacer" and rest.strip().lower() in ("echus", "échus"):
                erase.past(self.ctx, erase_them=True)
                self.summary()
            elif word in ("echus", "échus"):
                erase.past(self.ctx)
            elif word == "conservation":
                erase.period(self.ctx, rest)
            elif word == "renouveler" and rest.strip().isdigit():
                # A new démarche: its consent asked, as for « nouveau ».
                terms = consent.ask_terms(self.ctx)
                if terms is None:
                    self.io.say("Aucun dossier créé.")
                    return
                dossier_id = self.ctx.store.create_renewal_from(int(rest.strip()),
                                                                consent=terms)
                consent.make_mandate(self.ctx, dossier_id)
                self.io.say(f"Renouvellement créé : dossier {dossier_id}. Complétez le numéro "
                            "et les dates de votre titre actuel.")
                self.open(dossier_id)
            else:
                self.io.say(f"Je ne comprends pas « {text} ». Tapez :aide.")
        except StoreError as exc:
            self.io.say(error_text(exc))
        except NotificationKindsError as exc:  # a filed dossier, its notifications, échéances
            self.io.say(unavailable_message(exc))

    def follow_up_check(self) -> None:
        """A notification kinds file that cannot be used is said once at start (the full
        screen app's toast): which file, which line, what to do. The follow-up then says it
        again when asked for; the rest works."""
        from anef_tui.domain.notification_kinds import kinds

        try:
            kinds()
        except NotificationKindsError as exc:
            self.io.say(unavailable_message(exc))

    def open(self, dossier_id: int) -> None:
        try:
            self.ctx.store.get(dossier_id)
            why = consent.consents(self.ctx).refusal(dossier_id)
        except StoreError:
            self.io.say(f"Aucun dossier n° {dossier_id}.")
            return
        if why is not None:
            self.io.say(f"{why} Lecture seule : tapez « consentement {dossier_id} » sur "
                        "« Mes dossiers » pour le renouveler.")
        with opened_here(self.ctx.store.database, dossier_id) as others:
            if others:  # issue 25: said as it opens; it informs, never blocks
                self.io.say(f"{others}.")
            DossierSession(self.ctx, dossier_id).run()
        self.summary()

    def create(self) -> None:
        refs = sorted(procedure_index().values(), key=lambda r: (r.order, r.short_label))
        labels = [f"{r.short_label} ({r.brick})" if r.brick != r.short_label else r.short_label
                  for r in refs]
        from anef_tui.vault.folder import DEMO_WARNING, FolderKind, folder_kind

        if self.ctx.store.database.key is None \
                and folder_kind(self.ctx.store.data_dir) is FolderKind.DEMO:
            self.io.say(DEMO_WARNING)
        self.io.say("Nouveau dossier. Quelle démarche ?", *choices_line(labels))
        while True:
            answer = commands.parse(self.io.ask())
            if isinstance(answer, Command) or not answer.strip():
                self.io.say("Aucun dossier créé.")
                return
            chosen = pick(answer, labels)
            if chosen is not None:
                break
            self.io.say(f"Choisissez par le numéro (1 à {len(labels)}) ou le texte.")
        ref = refs[labels.index(chosen)]
        self.io.say("Nom du demandeur, pour retrouver le dossier (facultatif, Entrée : aucun) :")
        name = commands.parse(self.io.ask())
        name = "" if isinstance(name, Command) else name.strip()
        terms = consent.ask_terms(self.ctx)
        if terms is None:
            self.io.say("Aucun dossier créé.")
            return
        dossier_id = self.ctx.store.create(ref.id, applicant_name=name, consent=terms)
        self.io.say(f"Dossier {dossier_id} créé : {ref.short_label}.")
        consent.make_mandate(self.ctx, dossier_id)
        self.open(dossier_id)


#: The actions of « Mes dossiers » and the word that does each here (tests/plain/test_parity.py).
HANDLED = {
    "open_dossier": "un numéro de dossier",
    "new_dossier": "nouveau",
    "focus_filter": "chercher MOTS",
    "clear_filter": "tout",
    "renew_from": "renouveler N",
    "notifications": "notifications N",
    "deadlines": "echeances",
    "abandon_dossier": "abandonner N",
    "renew_consent": "consentement N",
    "withdraw_consent": "retirer N",
    "donnees": "donnees N",
}
