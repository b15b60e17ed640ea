"""CSV text → header and rows, strictly: a broken structure is refused, not guessed at.

The separator (``;``, ``,`` or tab) is taken from the header line; header names are
case-insensitive and may be German. Quotes are read strictly: a file that ends inside a
quoted cell (cut off, or a stray ``"``) is unusable — read leniently, that cell would
swallow every following row. A row with fewer cells than the header is reported as cut
off; Excel and LibreOffice always write every cell of a row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clients import phone_numbers as pn
from clients.csv_cells import unguard
from clients.importing.report import RowError, UnusableFile, one_line

if TYPE_CHECKING:
    import _csv

MAX_FIELD = 10_000  # characters per cell; longer cells are rejected, not truncated

_ALIASES: dict[str, str] = {
    "kürzel": "code",
    "kuerzel": "code",
    "kurzzeichen": "code",
    "mandant_code": "code",
    "firma": "company",
    "mandant": "name",
    "nummern": "numbers",
    "rufnummern": "numbers",
    "telefon": "numbers",
    "telefonnummern": "numbers",
    "phone": "numbers",
    "phones": "numbers",
    "number": "numbers",
    "begrüßung": "greeting",
    "begruessung": "greeting",
    "anweisungen": "instructions",
    "farbe": "colour",
    "color": "colour",
    "sprache": "language",
    "bundesland": "state",
    "zeitzone": "timezone",
    "öffnungszeiten": "hours",
    "oeffnungszeiten": "hours",
    "anrede": "salutation",
    "notizen": "notes",
    "notiz": "notes",
    "bemerkung": "notes",
    "gesperrt": "blocked",
    "servicelevel": "service_level_s",
    "service_level": "service_level_s",
    "vorname": "first_name",
    "nachname": "last_name",
}


def column(name: str) -> str:
    """Canonical column name for a header cell (``Rufnummern`` → ``numbers``)."""
    key = re.sub(r"[\s\-]+", "_", name.strip().lstrip("\ufeff").strip('"').lower())
    return _ALIASES.get(key, key)


@dataclass(frozen=True)
class CsvRow:
    line: int  # physical line where the row starts
    cells: dict[str, str]  # column → stripped cell ("" for missing cells)
    missing: tuple[str, ...] = ()  # columns the row has no cell for (cut off?)
    extra: bool = False  # non-empty cells beyond the header

    def check(self) -> None:
        """:class:`RowError` for a row whose structure is broken."""
        if self.missing:
            raise RowError(
                f"the row ends before the column(s) {', '.join(self.missing)} "
                "(cut off? every row needs a cell for every column)"
            )
        if self.extra:
            raise RowError("more cells than header columns (a separator inside an unquoted cell?)")
        for name, value in self.cells.items():
            if len(value) > MAX_FIELD:
                raise RowError(f"{name}: cell longer than {MAX_FIELD} characters")

    def excerpt(self) -> str:
        return one_line(" | ".join(v for v in self.cells.values() if v), 80)


def read_csv(text: str, required: Sequence[str]) -> tuple[list[str], Iterator[CsvRow]]:
    """Header columns and rows; :class:`UnusableFile` if required columns are missing."""
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    if first_line.count(delimiter) == 0 and len(required) > 1:
        raise UnusableFile(
            "The header line has no ';', ',' or tab separators — is this a CSV file? "
            f"Expected columns: {', '.join(required)}."
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = [column(h) for h in next(reader)]
    except (csv.Error, StopIteration) as exc:
        raise UnusableFile(f"Cannot read the header line: {exc}") from exc
    while header and not header[-1]:
        header.pop()  # "code;name;" — a trailing separator names no column
    twice = sorted({h for h in header if h and header.count(h) > 1})
    if twice:
        raise UnusableFile(f"Column(s) named twice in the header: {', '.join(twice)}.")
    missing = [c for c in required if c not in header]
    if missing:
        found = ", ".join(one_line(h, 30) for h in header[:30])
        raise UnusableFile(f"Required column(s) missing: {', '.join(missing)}. Found: {found}.")
    return header, _rows(reader, header)


def _rows(reader: _csv.Reader, header: list[str]) -> Iterator[CsvRow]:
    while True:
        line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "end of data" in str(exc):
                raise UnusableFile(
                    f"Line {line}: a quoted cell starting here is never closed — the file ends "
                    'inside quotes (cut off, or a stray "). Nothing was imported.'
                ) from exc
            raise UnusableFile(f"Line {line}: the CSV structure is broken ({exc}).") from exc
        if not any(v.strip() for v in values):
            continue
        cells = {
            name: unguard(values[i].strip()) if i < len(values) else ""
            for i, name in enumerate(header)
            if name
        }
        yield CsvRow(
            line=line,
            cells=cells,
            missing=tuple(name for name in header[len(values) :] if name),
            extra=len(values) > len(header) and any(v.strip() for v in values[len(header) :]),
        )


_SPLIT = re.compile(r"[|,\n]")
_TRUE = {"1", "x", "ja", "j", "yes", "y", "true", "wahr"}
_FALSE = {"", "0", "nein", "n", "no", "false", "falsch"}


def split_list(text: str) -> list[str]:
    """Items of a list cell, separated by ``|``, ``,`` or line breaks."""
    return [t for t in (t.strip() for t in _SPLIT.split(text)) if t]


def parse_bool(text: str, column: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise RowError(f"{column}: expected yes/no, got {one_line(text, 40)!r}")


def parse_numbers(text: str) -> list[str]:
    """Lookup keys of the numbers in a list cell; :class:`RowError` for one not valid."""
    keys: list[str] = []
    for token in split_list(text):
        keys.append(number_key(token, ""))
    return list(dict.fromkeys(keys))


def number_key(token: str, label: str) -> str:
    """The key of one number; a number without a valid reading cannot identify anyone."""
    parsed = pn.parse(token)
    shown = one_line(token, 40)
    if parsed is None:
        raise RowError(f"{label}{shown!r} is not a phone number")
    if not parsed.verified:
        raise RowError(
            f"{label}{shown!r} is not a valid phone number (too short, unknown area code, "
            "or a local number without area code?)"
        )
    return parsed.key


def one_line_cells(row: CsvRow, columns: Sequence[str]) -> None:
    """:class:`RowError` if a cell that holds one value spans lines (a stray quote?)."""
    for name in columns:
        if "\n" in row.cells.get(name, "") or "\r" in row.cells.get(name, ""):
            raise RowError(f"{name}: the cell spans several lines (a stray quote?)")
