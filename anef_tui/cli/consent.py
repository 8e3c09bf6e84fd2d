"""`anef-tui consentement N [--maniere CODE] [--mois M | --un-jour]`: renew the consent of
dossier N's applicant from a script (issue 24; the TUI's F7, the plain mode's « consentement
N »). The manners and the durations allowed, and the defaults, are those of
`assets/consent.toml`. Then the « Mandat / consentement » PDF is made as elsewhere (kept like
the other PDFs, its hash recorded) and its path printed, last line alone. A writing
command: refused in French with no worker's name. Exit 0 done, 1 refused by the data (no
such dossier, the base or the PDF failed), 2 the command line to change."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from anef_tui.cli.common import fail, open_store
from anef_tui.cli.french_parser import EXIT_USAGE

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator
    from pathlib import Path

    from anef_tui.store.journal.actor import Actor
    from anef_tui.vault.keys import VaultKey


class _Manners:
    """The manners' codes of consent.toml, read only when argparse needs them (checking a
    value, writing the help): the file is not read for the other commands."""

    def __iter__(self) -> Iterator[str]:
        from anef_tui.domain.consent import consent_rules

        return iter(consent_rules().manners)

    def __contains__(self, code: object) -> bool:
        return code in list(self)


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "consentement", help="renouveler le consentement de la personne d'un dossier",
        description="Enregistrer un nouveau consentement de la personne (après son "
                    "expiration, son retrait, ou avant), puis fabriquer le PDF « Mandat / "
                    "consentement » à lui faire signer ; son chemin est affiché sur la "
                    "dernière ligne. La manière et la durée par défaut sont celles du "
                    "fichier consent.toml. Code 0 : fait ; 1 : refusé (dossier inconnu, "
                    "PDF non écrit) ; 2 : ligne de commande à corriger.",
    )
    p.add_argument("dossier_id", type=int, metavar="DOSSIER_ID",
                   help="numéro du dossier (« anef-tui liste » les donne)")
    p.add_argument("--maniere", metavar="CODE", choices=_Manners(), default=None,
                   help="comment la personne a consenti : %(choices)s (par défaut : la "
                        "manière proposée d'abord)")
    duration = p.add_mutually_exclusive_group()
    duration.add_argument("--mois", metavar="M", type=int, default=None,
                          help="pour M mois (de 1 au maximum du fichier ; par défaut : la "
                               "durée proposée à la création d'un dossier)")
    duration.add_argument("--un-jour", dest="one_day", action="store_true",
                          help="pour un jour seulement")


def cmd_consent(data_dir: Path, args: argparse.Namespace, key: VaultKey | None,
                actor: Actor | None) -> int:
    from anef_tui.display import display_path
    from anef_tui.documents.mandat import issue_mandate
    from anef_tui.domain.consent import ConsentTerms, consent_rules, duration_text, short_date
    from anef_tui.domain.procedure_index import procedure_index
    from anef_tui.oserrors import advice, reason
    from anef_tui.store.consents import ConsentStore
    from anef_tui.store.errors import DossierGone, StoreError
    from anef_tui.store.journal.actor import NO_NAME_COMMAND_LINE

    rules = consent_rules()
    months = 0 if args.one_day else rules.default_months if args.mois is None else args.mois
    if not args.one_day and not 1 <= months <= rules.max_months:
        return fail(f"--mois : de 1 à {rules.max_months} (ou --un-jour) ; rien n'est "
                    "enregistré.", EXIT_USAGE)
    terms = ConsentTerms(args.maniere or rules.default_manner, months)
    with open_store(data_dir, key) as store:
        try:
            store.get(args.dossier_id)
        except DossierGone:
            return fail(f"aucun dossier n° {args.dossier_id} dans « {display_path(data_dir)} » "
                        ": « anef-tui liste » donne les numéros des dossiers.")
        if actor is None:
            return fail(NO_NAME_COMMAND_LINE, EXIT_USAGE)
        store.database.actor = actor
        consent = ConsentStore(store.database).renew(args.dossier_id, terms)
        print(f"Consentement enregistré pour le dossier n° {args.dossier_id} : "
              f"{duration_text(terms.months)}, jusqu'au {short_date(consent.valid_until.date())} "
              f"({rules.manners[terms.manner]}).")
        ref = procedure_index().get(consent.procedure)
        try:
            path = issue_mandate(store, consent, ref.short_label if ref else consent.procedure)
        except OSError as exc:
            return fail(f"le consentement est enregistré, mais le mandat n'a pas pu être "
                        f"enregistré ({reason(exc)}) : {advice(exc)}.")
        except StoreError as exc:
            return fail(f"le consentement est enregistré, mais le mandat n'a pas pu être "
                        f"fait : {exc}")
    print("Mandat / consentement à faire signer :")
    print(display_path(path))
    return 0
