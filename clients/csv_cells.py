"""Cells a spreadsheet would run as a formula, guarded on export and unguarded on import.

Excel, LibreOffice and Google Sheets evaluate a cell that starts with ``=``, ``+``, ``-`` or
``@`` (and, after trimming, one starting with a tab or CR) — a caller name like
``=HYPERLINK(...)`` in an exported file would run when the admin opens it (CSV injection).
Our exports put ``'`` in front of such a cell, which the spreadsheet shows as text and hides;
our importers take exactly that ``'`` off again, so the file round-trips unchanged.
Phone numbers are exported in a form that needs no guard (see :mod:`clients.exporting`).
Also here, for both directions: the column that holds each script variant's greeting.
"""

from __future__ import annotations

from clients.model import Variant

#: The client CSV's greeting column of each script variant (import and export alike).
GREETING_COLUMNS = {
    Variant.BUSINESS_HOURS: "greeting",
    Variant.AFTER_HOURS: "greeting_after_hours",
    Variant.HOLIDAY: "greeting_holiday",
    Variant.VACATION: "greeting_vacation",
}
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def guard(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text: ``'`` before a formula trigger."""
    return GUARD + cell if cell.startswith(FORMULA_TRIGGERS) else cell


def unguard(cell: str) -> str:
    """The cell :func:`guard` was given (a ``'`` before anything else is kept)."""
    if cell.startswith(GUARD) and cell[1:].startswith(FORMULA_TRIGGERS):
        return cell[1:]
    return cell
