"""The cells of a « Mes dossiers » row that need more than a label: the states (one line each,
in few letters at 80 columns) and the next deadline in words."""

from __future__ import annotations

from datetime import date

from anef_tui.domain.deadlines import NO_DATE
from anef_tui.store.dossiers import DossierSummary
from anef_tui.ui.format import fr_date

# Shorter state names for 80 columns (the full ones at 110 columns and more, and in F1).
COMPACT_STATUS = {
    "brouillon": "En saisie",
    "complement_demande": "Complément dem.",
    "complement_envoye": "Complément env.",
    "certificat_medical": "Certif. médical",
    "certificat_envoye": "Certif. envoyé",
    "instruction_prolongee": "Prolongée",
    "decision_favorable": "Décision fav.",
    "decision_defavorable": "Décision défav.",
}


def states_cell(row: DossierSummary, compact: bool) -> str:
    """Every state the dossier is in, one per line (issue 22: a complément asked *and* a
    certificate to send *and* a prolongation running)."""
    return "\n".join(COMPACT_STATUS.get(s.value, s.label) if compact else s.label
                     for s in row.states)


def deadline_text(row: DossierSummary, today: date, compact: bool) -> str:
    """« 22/12/2026 (dans 30 j.) » — overdue ones in words too (« EN RETARD »); a task the
    guide gives no date: « sans date » (and what it is, when there is room)."""
    if not row.next_deadline:
        if row.next_deadline_label:
            return NO_DATE if compact else f"{NO_DATE} : {row.next_deadline_label}"
        return "—"
    deadline = date.fromisoformat(row.next_deadline[:10])
    days = (deadline - today).days
    if compact:  # fits 80 columns: « 02/12 (10 j) », « 02/12 RETARD »
        day = deadline.strftime("%d/%m")
        if days < 0:
            return f"{day} RETARD"
        return f"{day} (auj.)" if days == 0 else f"{day} ({days} j)"
    if days < 0:
        when = f"EN RETARD de {-days} j."
    elif days == 0:
        when = "aujourd'hui"
    else:
        when = f"dans {days} j."
    text = f"{fr_date(row.next_deadline)} ({when})"
    if not compact and row.next_deadline_label:
        text += f" {row.next_deadline_label}"
    return text
