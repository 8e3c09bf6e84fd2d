"""Check a PDF: complete, not encrypted, its page tree counted up to the bound only.

pypdf is imported inside the functions, to keep start-up fast.
"""

from __future__ import annotations

import logging

from anef_tui.files.checks.limits import LONG_PDF_PAGES, MAX_PDF_PAGES, Budget, OutOfTime
from anef_tui.files.checks.messages import long_document, too_many_pages
from anef_tui.files.checks.result import CheckResult


def count_pdf_pages(reader, budget: Budget, limit: int) -> int:
    """The PDF's page count, counted up to ``limit + 1`` only, without parsing any page.

    Walks the page tree as pypdf does (a node without /Type is a page tree node when it has
    /Kids) and stops past ``limit``; a page tree that loops is damaged (ValueError).
    """
    from pypdf.generic import IndirectObject

    tree = reader.trailer["/Root"].get_object()["/Pages"].get_object()
    declared = tree.get("/Count")
    if isinstance(declared, int) and declared > limit:
        return declared
    count = 0
    seen: set[tuple[int, int]] = set()
    stack = [tree]
    while stack:
        budget.check()
        node = stack.pop()
        kind = node.get("/Type")
        kids = node.get("/Kids")
        if kind == "/Pages" or (kind is None and kids is not None):
            for kid in reversed(kids.get_object()):
                if isinstance(kid, IndirectObject):
                    key = (kid.idnum, kid.generation)
                    if key in seen:
                        raise ValueError("page tree loop")
                    seen.add(key)
                stack.append(kid.get_object())
        elif kind == "/Page" or kind is None:
            count += 1
            if count > limit:
                return count
    return count


def check_pdf(
    fh, path_str: str, the_file: str, size: int, facts: dict, budget: Budget
) -> CheckResult:
    from pypdf import PdfReader

    damaged = f"{the_file} est endommagé ou incomplet : numérisez ou exportez-le à nouveau."
    # pypdf's warnings about sloppy PDFs must not reach the terminal (or a TUI) through
    # logging's last-resort handler; the application's own handlers still receive them.
    pypdf_logger = logging.getLogger("pypdf")
    if not pypdf_logger.handlers:
        pypdf_logger.addHandler(logging.NullHandler())

    # A PDF ends with %%EOF; without it the file was cut (pypdf would guess around it).
    fh.seek(max(0, size - 1024))
    if b"%%EOF" not in fh.read():
        return CheckResult(path=path_str, accepted=False, reason=damaged, **facts)
    fh.seek(0)
    try:
        reader = PdfReader(fh, strict=False)
        if reader.is_encrypted:
            return CheckResult(
                path=path_str,
                accepted=False,
                reason=f"{the_file} est protégé par un mot de passe : "
                "enregistrez-en une copie sans mot de passe.",
                **facts,
            )
        budget.check()
        counted = count_pdf_pages(reader, budget, MAX_PDF_PAGES)
        if counted > MAX_PDF_PAGES:
            return CheckResult(
                path=path_str,
                accepted=False,
                reason=too_many_pages(the_file, MAX_PDF_PAGES),
                **facts,
            )
        budget.check()
        pages = len(reader.pages)
    except OutOfTime:
        raise
    except Exception:
        return CheckResult(path=path_str, accepted=False, reason=damaged, **facts)
    if pages == 0:
        return CheckResult(path=path_str, accepted=False, reason=damaged, pages=0, **facts)
    notes: tuple[str, ...] = (long_document(the_file, pages),) if pages > LONG_PDF_PAGES else ()
    return CheckResult(path=path_str, accepted=True, warnings=notes, pages=pages, **facts)
