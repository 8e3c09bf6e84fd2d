"""After the filing: « Mes notifications », recording what the administration sent, answering
a request for documents, the OFII medical-certificate checklist, and « Échéances ».

What is recorded here is copied by the user from the official site or e-mail; nothing is
sent anywhere. No medical content: dates and ticks only.
"""

from __future__ import annotations

from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Input

from anef_tui.domain.rules import FieldError, validate
from anef_tui.ui.screens.guarded import ModalScreen, Screen
from anef_tui.ui.screens.slots import NotificationSlots
from anef_tui.ui.widgets.choice import Choice, ChoiceSet
from anef_tui.ui.widgets.footer import Footer
from anef_tui.ui.widgets.plain import Button, DataTable, Label, Static
from anef_tui.ui.widgets.slot import SlotWidget

DRAFT_INTERVAL = 3.0  # seconds between draft saves of a complément answer

KIND_TITLES = {
    "complement": "Demande de complément",
    "certificat_medical": "Mise à disposition de votre formulaire vierge de certificat médical",
    "prolongation": "Notification de prolongation de l'instruction",
    "decision": "Notification de décision",
}


def fr(iso: str | date | None) -> str:
    if not iso:
        return "—"
    value = iso if isinstance(iso, date) else date.fromisoformat(str(iso)[:10])
    return value.strftime("%d/%m/%Y")


def to_iso(raw: str, label: str, today: date, *, past: bool = True) -> str:
    """« 3/10/2026 » → « 2026-10-03 »; FieldError (French) otherwise."""
    text = validate("date_passee" if past else "date", label, raw, today=today)
    day, month, year = (int(p) for p in text.split("/"))
    return date(year, month, day).isoformat()


def prolongation_alert(valid_until: date, today: date) -> str:
    """The warning shown when an attestation de prolongation ends soon (or has ended)."""
    from anef_tui.domain.deadlines import prolongation_end

    advice = (
        "Vérifiez votre espace ANEF : une nouvelle attestation ou la décision doit y figurer."
        if valid_until < today else
        "Sans nouvelle attestation ni décision d'ici là, vérifiez votre espace ANEF."
    )
    return (
        f"Attention : l'attestation de prolongation d'instruction "
        f"{prolongation_end(valid_until, today)}. {advice}"
    )


def delay_text(deadline: date, today: date, *, compact: bool = False) -> str:
    """The time left, overdue in capitals: « dans 10 jours », « EN RETARD DE 2 JOURS »;
    compact (80 columns): « 10 j », « auj. », « RETARD 2 j »."""
    from anef_tui.domain.deadlines import days_left

    days = days_left(deadline, today)
    if compact:
        if days < 0:
            return f"RETARD {-days} j"
        return "auj." if days == 0 else f"{days} j"
    words = days_words(deadline, today)
    return words.upper() if days < 0 else words


def days_words(deadline: date | None, today: date) -> str:
    from anef_tui.domain.deadlines import days_left, describe

    if deadline is None:
        return "—"
    return describe(days_left(deadline, today))


# --------------------------------------------------------------------------------------
# « Échéances »: every upcoming deadline across dossiers


class DeadlinesScreen(Screen):
    """All deadlines, overdue first, with days left in words (not only in colour).

    Read from the kept deadlines (store/deadlines.py) in a worker thread, a page at a time:
    the first page is painted as soon as it is read, the next one when the cursor comes
    near the end of what is shown. Nothing is recomputed, whatever the number of dossiers.
    """

    BINDINGS = [
        Binding("escape", "close", "Mes dossiers", id="deadlines.close",
                tooltip="Retour à Mes dossiers"),
        Binding("ctrl+o", "open", "Ouvrir", id="deadlines.open",
                tooltip="Ouvrir les notifications du dossier"),
    ]

    WIDE = 100  # below this width, « 10 j » instead of « dans 10 jours »
    PAGE = 100  # rows read and added at a time
    MAX_WARNINGS = 5

    def __init__(self) -> None:
        super().__init__()
        self.rows: list = []
        self._total = 0
        self._loading = False
        self._exhausted = False

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static("", id="prolongation-warnings", classes="warning", markup=False)
        yield Static("Lecture des échéances…", id="deadlines-intro", classes="intro")
        yield DataTable(id="deadlines", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Échéances"
        self._today = self.app.clock().date()
        self._compact = self.app.size.width < self.WIDE
        table = self.query_one("#deadlines", DataTable)
        table.add_columns("Échéance", "Délai", "Personne", "Pour")
        self.query_one("#prolongation-warnings", Static).display = False
        table.focus()
        self._loading = True
        self._read_first()

    def _index(self):
        from anef_tui.store.deadlines import DeadlineIndex

        return DeadlineIndex(self.app.store)

    @work(thread=True, exclusive=True, group="deadlines")
    def _read_first(self) -> None:
        index = self._index()
        rows = index.page(self._today, limit=self.PAGE)
        total = index.count(self._today)
        alerts, alert_total = index.prolongation_alerts(self._today, limit=self.MAX_WARNINGS)
        self.app.call_from_thread(self._show_first, rows, total, alerts, alert_total)

    @work(thread=True, exclusive=True, group="deadlines")
    def _read_more(self, after: tuple) -> None:
        rows = self._index().page(self._today, after=after, limit=self.PAGE)
        self.app.call_from_thread(self._add_page, rows)

    def _show_first(self, rows: list, total: int, alerts: list, alert_total: int) -> None:
        if not self.is_attached:
            return
        today = self._today
        self._total = total
        warnings = self.query_one("#prolongation-warnings", Static)
        lines = [
            f"{a.applicant_name or '(sans nom)'} — {prolongation_alert(a.date, today)}"
            for a in alerts
        ]
        if alert_total > len(alerts):
            lines.append(f"… et {alert_total - len(alerts)} autre(s) dans la liste ci-dessous.")
        warnings.update("\n".join(lines))
        warnings.display = bool(lines)
        intro = self.query_one("#deadlines-intro", Static)
        intro.update(
            f"{total:,}".replace(",", "\u202f") + " échéance(s), la plus proche en premier ; "
            "Entrée ouvre les notifications du dossier." if total else
            "Aucune échéance : aucune notification en attente de réponse."
        )
        self._add_page(rows)

    def _add_page(self, rows: list) -> None:
        self._loading = False
        if not self.is_attached:
            return
        if len(rows) < self.PAGE:
            self._exhausted = True
        table = self.query_one("#deadlines", DataTable)
        today, compact = self._today, self._compact
        for d in rows:
            table.add_row(fr(d.date), delay_text(d.date, today, compact=compact),
                          d.applicant_name or "(sans nom)", d.label)
        self.rows.extend(rows)

    @on(DataTable.RowHighlighted, "#deadlines")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        """Read the next page when the cursor is within a screenful of the last row."""
        if self._loading or self._exhausted or not self.rows:
            return
        if event.cursor_row >= len(self.rows) - 40:
            self._loading = True
            self._read_more(self.rows[-1].key)

    @on(DataTable.RowSelected, "#deadlines")
    def action_open(self) -> None:
        table = self.query_one("#deadlines", DataTable)
        if not self.rows:
            return
        deadline = self.rows[min(table.cursor_row, len(self.rows) - 1)]
        self.app.push_screen(NotificationsScreen(deadline.dossier_id))

    def action_close(self) -> None:
        self.app.pop_screen()


# --------------------------------------------------------------------------------------
# « Mes notifications » of one dossier


class NotificationsScreen(Screen):
    BINDINGS = [
        Binding("ctrl+n", "record", "Enregistrer", id="notif.new",
                tooltip="Enregistrer une notification reçue"),
        Binding("ctrl+f", "toggle_filter", "Filtrer", id="notif.filter",
                tooltip="Toutes les notifications / non lues"),
        Binding("f8", "closed", "Clôturée", id="notif.closed",
                tooltip="La préfecture a clôturé la demande"),
        Binding("escape", "close", "Mes dossiers", id="notif.close",
                tooltip="Retour à Mes dossiers"),
    ]

    def __init__(self, dossier_id: int) -> None:
        super().__init__()
        self.dossier_id = dossier_id
        self.only_unread = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "closed":
            from anef_tui.domain.status import DossierStatus, can_transition

            status = self.app.store.get(self.dossier_id).summary.status
            return can_transition(status, DossierStatus.CLOTUREE)
        return True

    def action_closed(self) -> None:
        """Record that the administration closed the request (after a confirmation)."""
        from anef_tui.ui.screens.dialogs import ConfirmScreen

        def answered(ok: bool | None) -> None:
            if not ok:
                return
            try:
                self.app.followup.record_closure(self.dossier_id)
            except ValueError as exc:  # TransitionError: French, one line
                self.app.notify(str(exc), severity="error", timeout=8)
                return
            self.app.notify("Dossier enregistré comme « Clôturée ».")
            self.refresh_rows()
            self.refresh_bindings()

        self.app.push_screen(
            ConfirmScreen(
                "Demande clôturée",
                "La préfecture a-t-elle clôturé cette demande (par exemple parce que les "
                "compléments n'ont pas été fournis dans le délai) ? Le dossier passera à "
                "l'état « Clôturée » et n'aura plus d'échéance.",
                confirm_label="Enregistrer la clôture",
            ),
            answered,
        )

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield Static(
            "Vous pouvez suivre votre correspondance avec l'administration ci-dessous. "
            "L'ouverture d'une notification fait office, pour l'administration, d'accusé de "
            "réception et déclenche donc le délai dans lequel vous devez répondre à une "
            "demande de l'agent en charge de votre dossier.",
            classes="intro",
        )
        yield Static("", id="dossier-state")
        yield Static("", id="filter-label")
        yield DataTable(id="notifications", cursor_type="row", zebra_stripes=True)
        yield Static("", id="notif-empty", classes="intro")
        yield Footer()

    def on_mount(self) -> None:
        record = self.app.store.get(self.dossier_id)
        self.sub_title = f"Mes notifications — {record.summary.applicant_name or '(sans nom)'}"
        table = self.query_one("#notifications", DataTable)
        table.add_columns("Date", "Domaine", "Notification", "État")
        self.refresh_rows()
        table.focus()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.refresh_rows()

    def refresh_rows(self) -> None:
        self.rows = self.app.followup.list_notifications(
            self.dossier_id, only_unread=self.only_unread
        )
        table = self.query_one("#notifications", DataTable)
        table.clear()
        summary = self.app.store.get(self.dossier_id).summary
        self.query_one("#dossier-state", Static).update(
            f"État du dossier : {summary.status.label}",
        )
        for n in self.rows:
            state = f"lue — Lu le {fr(n.read_on)}" if n.read_on else "non lue"
            table.add_row(fr(n.received_on), n.domain, n.title, state)
        self.query_one("#filter-label", Static).update(
            "Filtrer mes notifications : "
            + ("Notifications non lues" if self.only_unread else "Toutes les notifications")
            + " (Ctrl+F pour changer)"
        )
        empty = self.query_one("#notif-empty", Static)
        empty.display = not self.rows
        empty.update(
            "Aucune notification. Quand l'administration en envoie une (sur le site de l'ANEF "
            "ou par e-mail), enregistrez-la ici avec Ctrl+N."
        )

    def action_toggle_filter(self) -> None:
        self.only_unread = not self.only_unread
        self.refresh_rows()

    @on(DataTable.RowSelected, "#notifications")
    def _open(self) -> None:
        if not self.rows:
            return
        notification = self.rows[self.query_one("#notifications", DataTable).cursor_row]
        self.app.followup.mark_read(notification.id, self.app.clock().date())
        self.app.push_screen(NotificationScreen(notification.id, self.dossier_id))

    def action_record(self) -> None:
        def recorded(ok: bool | None) -> None:
            if ok:
                self.refresh_rows()

        self.app.push_screen(RecordNotificationScreen(self.dossier_id), recorded)

    def action_close(self) -> None:
        self.app.pop_screen()


# --------------------------------------------------------------------------------------
# Recording what the administration sent


class RecordNotificationScreen(ModalScreen[bool]):
    """A form per kind of notification: the user copies what the ANEF sent."""

    BINDINGS = [
        Binding("escape", "cancel", "Annuler", id="record.cancel"),
        Binding("ctrl+s", "save", "Enregistrer", id="record.save",
                tooltip="Enregistrer la notification"),
    ]

    def __init__(self, dossier_id: int) -> None:
        super().__init__()
        self.dossier_id = dossier_id

    def compose(self) -> ComposeResult:
        record = self.app.store.get(self.dossier_id)
        self.procedure = self.app.catalogue[record.summary.procedure]
        with VerticalScroll(classes="dialog", id="record"):
            yield Label("Enregistrer une notification reçue", classes="dialog-title")
            yield Static("", id="record-errors", classes="error-line")
            yield Label("Notification * :")
            with ChoiceSet(id="kind"):
                for kind, title in KIND_TITLES.items():
                    yield Choice(title, name=kind)
            yield Label("Reçue le (JJ/MM/AAAA) * :")
            yield Input(id="received", placeholder="JJ/MM/AAAA")
            yield Label("Déjà ouverte sur le site ? « Lu le » (JJ/MM/AAAA, facultatif : le "
                        "délai part de ce jour) :")
            yield Input(id="read-on", placeholder="JJ/MM/AAAA")
            with Vertical(id="form-complement", classes="kind-form"):
                yield Static(
                    "Pour chaque pièce concernée : son état selon l'agent et ses observations.",
                    classes="hint",
                )
                for slot in self.procedure.all_slots():
                    yield Label(slot.title, markup=False)
                    with ChoiceSet(id=f"state-{slot.id}", classes="slot-state"):
                        yield Choice("Non concerné", value=True, name="ok")
                        yield Choice("Document non valide", name="invalid")
                        yield Choice("Document manquant", name="missing")
                    yield Input(id=f"obs-{slot.id}", placeholder="Observations de l'agent")
            with Vertical(id="form-certificat_medical", classes="kind-form"):
                yield Label("Demande de titre de séjour pour asile : date de la demande d'asile "
                            "(facultatif, JJ/MM/AAAA) :")
                yield Input(id="asylum", placeholder="JJ/MM/AAAA")
            with Vertical(id="form-prolongation", classes="kind-form"):
                yield Label("Attestation valable du (JJ/MM/AAAA) * :")
                yield Input(id="valid-from", placeholder="JJ/MM/AAAA")
                yield Label("au (JJ/MM/AAAA) * :")
                yield Input(id="valid-until", placeholder="JJ/MM/AAAA")
            with Vertical(id="form-decision", classes="kind-form"):
                with ChoiceSet(id="favorable"):
                    yield Choice("Décision favorable", name="oui")
                    yield Choice("Décision défavorable", name="non")
                yield Label("Décision du (JJ/MM/AAAA, facultatif : sinon la date de réception) :")
                yield Input(id="decided", placeholder="JJ/MM/AAAA")
                yield Label("Carte de séjour temporaire valable du (facultatif) :")
                yield Input(id="card-from", placeholder="JJ/MM/AAAA")
                yield Label("au (facultatif) :")
                yield Input(id="card-until", placeholder="JJ/MM/AAAA")
            with Horizontal(classes="buttons"):
                yield Button("Annuler", id="cancel")
                yield Button("Enregistrer", id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#record-errors").display = False
        self._show_form()
        self.query_one("#kind", ChoiceSet).focus()

    def kind(self) -> str | None:
        pressed = self.query_one("#kind", ChoiceSet).pressed_button
        return pressed.name if pressed else None

    @on(ChoiceSet.Changed, "#kind")
    def _show_form(self) -> None:
        kind = self.kind()
        for form in self.query(".kind-form"):
            form.display = form.id == f"form-{kind}"

    def _error(self, messages: list[str]) -> None:
        errors = self.query_one("#record-errors", Static)
        errors.update("\n".join(f"• {m}" for m in messages))
        errors.display = True
        self.query_one("#record", VerticalScroll).scroll_home(animate=False)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        today = self.app.clock().date()
        kind = self.kind()
        problems: list[str] = []
        if kind is None:
            problems.append("« Notification » : choisissez le type de notification reçue.")
        received = None
        try:
            received = to_iso(self.query_one("#received", Input).value, "Reçue le", today)
        except FieldError as exc:
            problems.append(exc.message)
        read_on = None
        raw_read = self.query_one("#read-on", Input).value.strip()
        if raw_read:
            try:
                read_on = to_iso(raw_read, "Lu le", today)
            except FieldError as exc:
                problems.append(exc.message)
            if read_on and received and read_on < received:
                problems.append("« Lu le » : la notification ne peut pas avoir été lue avant "
                                "d'être reçue.")
        data: dict = {}
        if kind == "complement":
            data = {"invalid": [], "missing": []}
            for slot in self.procedure.all_slots():
                state = self.query_one(f"#state-{slot.id}", ChoiceSet).pressed_button
                observations = self.query_one(f"#obs-{slot.id}", Input).value.strip()
                if state is None or state.name == "ok":
                    continue
                entry = {"slot_id": slot.id, "title": slot.title, "observations": observations}
                if state.name == "invalid":
                    files = self.app.attachments.list(self.dossier_id, slot.id)
                    entry["file_name"] = ", ".join(a.original_name for a in files) or "—"
                    data["invalid"].append(entry)
                else:
                    data["missing"].append(entry)
            if not data["invalid"] and not data["missing"]:
                problems.append("Indiquez au moins une pièce « non valide » ou « manquante ».")
        elif kind == "certificat_medical":
            raw = self.query_one("#asylum", Input).value.strip()
            data = {"asylum_applied_on": None, "checklist": {}}
            if raw:
                try:
                    data["asylum_applied_on"] = to_iso(raw, "Date de la demande d'asile", today)
                except FieldError as exc:
                    problems.append(exc.message)
        elif kind == "prolongation":
            try:
                data = {
                    "valid_from": to_iso(self.query_one("#valid-from", Input).value,
                                         "Attestation valable du", today, past=False),
                    "valid_until": to_iso(self.query_one("#valid-until", Input).value,
                                          "Attestation valable au", today, past=False),
                }
            except FieldError as exc:
                problems.append(exc.message)
        elif kind == "decision":
            pressed = self.query_one("#favorable", ChoiceSet).pressed_button
            if pressed is None:
                problems.append("« Décision » : choisissez favorable ou défavorable.")
            data = {"favorable": bool(pressed and pressed.name == "oui"),
                    "decided_on": received, "card_valid_from": None, "card_valid_until": None}
            raw = self.query_one("#decided", Input).value.strip()
            if raw:
                try:
                    data["decided_on"] = to_iso(raw, "Décision du", today)
                except FieldError as exc:
                    problems.append(exc.message)
                if received and data["decided_on"] and data["decided_on"] > received:
                    problems.append("« Décision du » : la décision ne peut pas être "
                                    "postérieure à sa réception.")
            for widget_id, key, label in (("card-from", "card_valid_from", "Carte valable du"),
                                          ("card-until", "card_valid_until", "Carte valable au")):
                raw = self.query_one(f"#{widget_id}", Input).value.strip()
                if raw:
                    try:
                        data[key] = to_iso(raw, label, today, past=False)
                    except FieldError as exc:
                        problems.append(exc.message)
        if problems:
            self._error(problems)
            return
        try:
            self.app.followup.add_notification(
                self.dossier_id, kind, received_on=date.fromisoformat(received), data=data,
                read_on=date.fromisoformat(read_on) if read_on else None,
            )
        except Exception as exc:  # TransitionError / StoreError: French, one line
            self._error([str(exc)])
            return
        self.app.notify(f"Notification enregistrée : {KIND_TITLES[kind]}.")
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)


# --------------------------------------------------------------------------------------
# One notification, opened


OFII_PAGE = [
    "Ce que dit la notice explicative, en bref :",
    "- Le certificat est rempli par le médecin qui vous suit habituellement ou par un "
    "praticien hospitalier, inscrit à l'ordre des médecins en France. Les certificats des "
    "« médecins agréés » ne sont pas acceptés.",
    "- Dans l'enveloppe « secret médical », adressée au médecin de l'OFII : le certificat "
    "(daté, signé et tamponné par le médecin ; daté et signé par vous), l'accord signé "
    "« Demande de communication d'informations médicales », toutes les pièces médicales "
    "récentes, en originaux (ils vous seront rendus).",
    "- Aucune information médicale ne doit être donnée à la préfecture.",
    "- Le médecin de l'OFII peut demander d'autres informations : il faut les envoyer dans "
    "un délai de quinze jours. Il peut aussi vous convoquer (venez avec une pièce "
    "d'identité) ; le collège de médecins peut vous convoquer (vous pouvez venir avec un "
    "médecin de votre choix et un interprète).",
    "- Informations sur votre dossier OFII : 01 53 69 53 90 — infoem@ofii.fr",
]
CHECKLIST = [
    ("certificat_rempli_signe", "Certificat rempli et signé par le médecin, daté et signé par moi"),
    ("consentement_signe", "« Demande de communication d'informations médicales » signée"),
    ("enveloppe_envoyee", "Enveloppe « secret médical » envoyée à l'OFII"),
    ("convocation_ofii", "Convocation à l'OFII, date du rendez-vous (s'il y en a une)"),
]


class NotificationScreen(NotificationSlots, Screen):
    BINDINGS = [
        Binding("ctrl+s", "send", "Valider", id="notification.send",
                tooltip="Valider et envoyer / Enregistrer"),
        # A first application's complément: the same key opens the Justificatifs step.
        Binding("ctrl+s", "resume", "Reprendre", id="notification.resume",
                tooltip="Reprendre ma demande"),
        Binding("escape", "close", "Notifications", id="notification.close",
                tooltip="< RETOUR A TOUTES MES NOTIFICATIONS"),
    ]

    def __init__(self, notification_id: int, dossier_id: int) -> None:
        super().__init__()
        self.notification_id = notification_id
        self.dossier_id = dossier_id
        self.resumes = False  # « Reprendre ma demande » is this screen's main action
        self.sends = False  # « Valider et envoyer » / « Enregistrer » is

    def notification(self):
        return self.app.followup.get(self.notification_id)

    def compose(self) -> ComposeResult:
        n = self.notification()
        self.kind = n.kind
        record = self.app.store.get(self.dossier_id)
        today = self.app.clock().date()
        yield Header(show_clock=False, icon="")
        with VerticalScroll(id="form"):
            yield Static("", id="errors", classes="error-line")
            yield Static(n.title, classes="step-heading", markup=False)
            if n.deadline:
                yield Static(
                    f"À faire avant le {fr(n.deadline)} ({days_words(n.deadline, today)}) : "
                    f"{n.deadline_label or ''}",
                    classes="notice", markup=False,
                )
            if n.kind == "complement":
                yield from self._compose_complement(n, record)
            elif n.kind == "certificat_medical":
                yield from self._compose_certificate(n)
            elif n.kind == "prolongation":
                yield from self._compose_prolongation(n, today)
            elif n.kind == "decision":
                yield from self._compose_decision(n)
            yield Button("< RETOUR A TOUTES MES NOTIFICATIONS", id="back")
        yield Footer()

    def _compose_prolongation(self, n, today: date) -> ComposeResult:
        from anef_tui.domain.deadlines import prolongation_warning

        valid_until = date.fromisoformat(n.data["valid_until"])
        if prolongation_warning(valid_until, today):
            yield Static(prolongation_alert(valid_until, today), classes="warning",
                         id="prolongation-warning", markup=False)
        yield Static(
            f"Attestation de prolongation d'instruction valable du "
            f"{fr(n.data.get('valid_from'))} au {fr(n.data.get('valid_until'))}. "
            "Elle n'est valable qu'accompagnée du titre précédemment détenu.",
            classes="intro", markup=False,
        )
        yield from self._compose_official(n)

    def _compose_decision(self, n) -> ComposeResult:
        yield Static(f"Décision du {fr(n.data.get('decided_on'))}.", classes="intro")
        if n.data.get("favorable"):
            yield Static(
                "Décision favorable : une carte de séjour temporaire « Vie privée et "
                "familiale » est en cours de fabrication. Vous serez convoqué(e) pour "
                "la retirer et payer 225 € par timbre fiscal électronique.",
                classes="intro", markup=False,
            )
            if n.data.get("card_valid_from"):
                yield Static(
                    f"Carte valable du {fr(n.data.get('card_valid_from'))} au "
                    f"{fr(n.data.get('card_valid_until'))}.",
                    classes="intro", markup=False,
                )
        else:
            yield Static("Décision défavorable.", classes="intro")
        yield from self._compose_official(n)

    def _compose_official(self, n) -> ComposeResult:
        """The official PDF the ANEF issued with this notification, kept with it."""
        from anef_tui.store.followup import official_document_title

        yield Static(
            "Document officiel : téléchargez-le depuis votre espace ANEF, puis joignez-le "
            "ici pour le garder avec le dossier (mêmes formats et taille que les "
            "justificatifs).",
            classes="intro",
        )
        slot = self.official_slot(official_document_title(n.kind, n.data))
        yield SlotWidget(slot, self.slot_file_views(slot), editable=True)

    def _compose_complement(self, n, record) -> ComposeResult:
        answer = self.app.followup.get_complement_answer(self.notification_id) or {}
        sent = bool(answer.get("sent_on"))
        if n.resumes_application:
            yield from self._compose_first_application_complement(n, record, answer)
            return
        answers = answer.get("data", answer) if isinstance(answer, dict) else {}
        yield Static(
            "Vous devez mettre à jour ou maintenir tous les documents justificatifs en fonction "
            "de ce qui vous est demandé par l'agent afin de pouvoir répondre. Les formats "
            "acceptés : .jpg, .png, .pdf, .tiff, .bmp. La taille maximale : 10 Mo",
            classes="intro",
        )
        if sent:
            yield Static(f"Réponse envoyée le {fr(answer.get('sent_on'))}.", classes="notice")
            yield Button("Récapitulatif de la réponse (PDF)", id="answer-pdf")
            yield Static("", id="answer-pdf-path", markup=False)
        invalid = n.data.get("invalid", [])
        missing = n.data.get("missing", [])
        if invalid:
            yield Static("Les documents mentionnés ci-dessous ne sont pas valides :",
                         classes="section-title")
        for doc in invalid:
            slot_id = doc["slot_id"]
            previous = answers.get("invalid", {}).get(slot_id, {})
            yield Static(f"{doc['title']} :", classes="slot-title", markup=False)
            yield Static(doc.get("file_name") or "—", markup=False)
            yield Static(f"Observations : {doc.get('observations') or '—'}", markup=False)
            yield Label("Votre réponse * :")
            with ChoiceSet(id=f"answer-{slot_id}", classes="answer", disabled=sent):
                yield Choice("Maintenir le Document", name="maintenir",
                             value=previous.get("choice") == "maintenir")
                yield Choice("Mettre à jour le Document", name="mettre_a_jour",
                             value=previous.get("choice") == "mettre_a_jour")
            with Vertical(id=f"keep-{slot_id}", classes="keep"):
                yield Label("Veuillez préciser les raisons du maintien du document * :")
                yield Input(previous.get("reason", ""), id=f"reason-{slot_id}", disabled=sent)
            with Vertical(id=f"update-{slot_id}", classes="update"):
                yield self._slot_widget(slot_id, doc["title"], editable=not sent)
                yield Label("Message à l'agent :")
                yield Input(previous.get("message", ""), id=f"message-{slot_id}", disabled=sent)
        if missing:
            yield Static("Les documents mentionnés ci-dessous sont manquants :",
                         classes="section-title")
        for doc in missing:
            yield Static(f"{doc['title']} :", classes="slot-title", markup=False)
            yield Static(f"Observations : {doc.get('observations') or '—'}", markup=False)
            yield self._slot_widget(doc["slot_id"], doc["title"], editable=not sent)
        policy = self.app.catalogue[record.summary.procedure].followup
        yield Static(policy.complement_warning, classes="intro", markup=False)
        if not sent:
            self.sends = True
            yield Button("Valider et envoyer", id="send", variant="primary")

    def _slot_widget(self, slot_id: str, title: str, *, editable: bool) -> SlotWidget:
        procedure = self.app.catalogue[self.app.store.get(self.dossier_id).summary.procedure]
        slot = self.complement_slot(procedure.slot(slot_id), slot_id, title)
        return SlotWidget(slot, self.slot_file_views(slot), editable=editable)

    def _compose_first_application_complement(self, n, record, answer: dict) -> ComposeResult:
        """The e-mail of a first application's complément, then « Reprendre ma demande »."""
        self.resumes = not answer.get("sent_on")
        numero = record.summary.numero_demande or "—"
        yield Static(
            f"Après avoir pris connaissance des éléments de votre dossier n°{numero}, nous "
            "avons besoin d'éléments complémentaires pour pouvoir l'instruire. Les précisions "
            "nécessaires portent sur :",
            classes="intro", markup=False,
        )
        from anef_tui.domain.complement import request_line, requested_documents

        for doc, state in requested_documents(n.data):
            yield Static(
                f"- {request_line(doc, state)}\n  ({doc['title']})",
                classes="intro complement-doc", markup=False,
            )
        yield Static(
            "Vous disposez dès réception de ce message d'un délai de 15 jours pour compléter "
            "votre dossier. Passé ce délai, votre dossier pourra être considéré comme "
            "incomplet et de ce fait clôturé.",
            classes="intro",
        )
        if answer.get("sent_on"):
            yield Static(f"Compléments déposés le {fr(answer.get('sent_on'))}.",
                         classes="notice")
            for attachment in self.app.followup.complement_files(self.notification_id):
                yield Static(f"• {attachment.original_name}", markup=False)
            yield Button("Récapitulatif de la réponse (PDF)", id="answer-pdf")
            yield Static("", id="answer-pdf-path", markup=False)
        else:
            yield Button("Reprendre ma demande", id="resume", variant="primary")

    def _compose_certificate(self, n) -> ComposeResult:
        yield Static(
            "Le formulaire vierge de certificat médical est à télécharger sur votre espace "
            "ANEF, à imprimer et à présenter au médecin qui vous suit habituellement ou à un "
            "médecin praticien hospitalier inscrit au tableau de l'ordre. Vous disposez d'un "
            "délai d'un mois pour envoyer votre certificat à l'OFII (demandeurs d'asile : "
            "3 mois à compter de la demande d'asile).",
            classes="intro",
        )
        from anef_tui.ui.screens.preliminary import paragraphs

        yield Static(paragraphs(OFII_PAGE), classes="intro", markup=False)
        yield Static("Ce qui est fait, et quand (dates seulement) :", classes="section-title")
        checklist = n.data.get("checklist", {}) or {}
        for key, label in CHECKLIST:
            yield Label(f"{label} — le (JJ/MM/AAAA) :", markup=False)
            yield Input(fr(checklist.get(key)) if checklist.get(key) else "",
                        id=f"check-{key}", placeholder="JJ/MM/AAAA")
        self.sends = True
        yield Button("Enregistrer", id="send", variant="primary")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send":
            return self.sends
        if action == "resume":
            return self.resumes
        return True

    def on_mount(self) -> None:
        self.sub_title = "Mes notifications"
        self.refresh_bindings()
        self.query_one("#errors").display = False
        self._toggle_answers()
        first = self.query(".answer").first() if self.query(".answer") else None
        if first is None and self.query("#resume"):
            first = self.query_one("#resume", Button)
        if first is None and self.query("Input"):
            first = self.query("Input").first()
        (first or self.query_one("#back", Button)).focus()
        if self.kind == "complement" and self.sends:
            # What is typed in the answer is kept as a draft, as on the steps.
            self._last_answers = self._answers()
            self.set_interval(DRAFT_INTERVAL, self.save_draft)

    def save_draft(self) -> None:
        """Keep the answer being written (choices, reasons, messages), unsent."""
        if not (self.kind == "complement" and self.sends and self.is_mounted):
            return
        answers = self._answers()
        if answers == getattr(self, "_last_answers", None):
            return
        from anef_tui.store.db import StoreError

        try:
            self.app.followup.save_complement_answer(self.notification_id, answers)
        except (StoreError, ValueError):
            return  # sent meanwhile, or nothing to keep: the screen says so on « Valider »
        self._last_answers = answers

    @on(ChoiceSet.Changed, ".answer")
    def _toggle_answers(self) -> None:
        for answer in self.query(".answer"):
            slot_id = (answer.id or "").removeprefix("answer-")
            pressed = answer.pressed_button
            choice = pressed.name if pressed else None
            self.query_one(f"#keep-{slot_id}").display = choice == "maintenir"
            self.query_one(f"#update-{slot_id}").display = choice == "mettre_a_jour"

    def _answers(self) -> dict:
        result: dict = {"invalid": {}, "missing": {}}
        for answer in self.query(".answer"):
            slot_id = (answer.id or "").removeprefix("answer-")
            pressed = answer.pressed_button
            result["invalid"][slot_id] = {
                "choice": pressed.name if pressed else None,
                "reason": self.query_one(f"#reason-{slot_id}", Input).value.strip(),
                "message": self.query_one(f"#message-{slot_id}", Input).value.strip(),
            }
        for doc in self.notification().data.get("missing", []):
            result["missing"][doc["slot_id"]] = {}
        return result

    @on(Button.Pressed, "#send")
    def action_send(self) -> None:
        today = self.app.clock().date()
        if self.kind == "complement":
            if not self.query("#send"):
                return  # already sent
            try:
                self.app.followup.send_complement_answer(
                    self.notification_id, self._answers(), today
                )
            except ValueError as exc:
                self.show_problems(str(exc))
                return
            self.app.notify("Réponse enregistrée comme envoyée. Faites la même réponse sur le "
                            "site de l'ANEF avec « Valider et envoyer ».", timeout=8)
            self.app.pop_screen()
        elif self.kind == "certificat_medical":
            checklist: dict[str, str | None] = {}
            for key, label in CHECKLIST:
                raw = self.query_one(f"#check-{key}", Input).value.strip()
                if not raw:
                    checklist[key] = None
                    continue
                try:
                    checklist[key] = to_iso(raw, label, today, past=key != "convocation_ofii")
                except FieldError as exc:
                    self.show_problems(exc.message)
                    return
            try:
                self.app.followup.update_certificate_checklist(self.notification_id, checklist)
            except ValueError as exc:
                self.show_problems(str(exc))
                return
            self.app.notify("Suivi du certificat médical enregistré.")
            self.app.pop_screen()

    @on(Button.Pressed, "#resume")
    def action_resume(self) -> None:
        """« Reprendre ma demande »: the Justificatifs step, reopened for the compléments."""
        from anef_tui.ui.screens.complement import ResumeApplicationScreen

        self.app.push_screen(ResumeApplicationScreen(self.notification_id, self.dossier_id))

    @on(Button.Pressed, "#answer-pdf")
    def _answer_pdf(self) -> None:
        self.make_answer_pdf()

    @work(thread=True, group="pdf")
    def make_answer_pdf(self) -> None:
        """The kept answer as a local PDF, in the data directory (worker: no freeze)."""
        import os

        from anef_tui.documents import ascii_slug
        from anef_tui.documents.complement import complement_answer_pdf

        record = self.app.store.get(self.dossier_id)
        notification = self.notification()
        files: dict[str, list[str]] = {}
        for attachment in self.app.followup.complement_files(self.notification_id):
            slot_id = attachment.slot_id.rsplit(":", 1)[-1]
            files.setdefault(slot_id, []).append(attachment.original_name)
        data = complement_answer_pdf(
            record.summary.applicant_name, record.summary.numero_demande, notification,
            self.app.followup.get_complement_answer(self.notification_id) or {}, files,
            prepared_on=self.app.clock().date(),
        )
        folder = self.app.store.data_dir / "documents"
        folder.mkdir(mode=0o700, exist_ok=True)
        name = f"complement-{self.notification_id:04d}-{ascii_slug(record.summary.applicant_name)}.pdf"
        path = folder / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        self.app.call_from_thread(self._answer_pdf_done, path)

    def _answer_pdf_done(self, path) -> None:
        label = self.query_one("#answer-pdf-path", Static)
        label.update(f"PDF enregistré : {path}")
        self.notify(f"PDF enregistré : {path}", timeout=8)

    @on(Button.Pressed, "#back")
    def action_close(self) -> None:
        self.save_draft()
        self.app.pop_screen()
