"""Callers from CSV or vCard: every row checked first, then all written in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from appenv import logs
from clients.errors import StoreError
from clients.importing.csv_table import CsvRow, one_line_cells, parse_bool, parse_numbers, read_csv
from clients.importing.decoding import read_text
from clients.importing.report import ImportReport, RowError, UnusableFile, one_line
from clients.importing.vcards import caller_from_vcard, looks_like_vcard, vcard_blocks
from clients.model import Caller
from storage.interfaces import ClientStore

log = logs.get("clients")

_ONE_LINE = ("name", "first_name", "last_name", "company", "salutation")


@dataclass
class _CallerRow:
    line: int
    caller: Caller
    existing: Caller | None


@dataclass(frozen=True)
class _Parsed:
    line: int
    caller: Caller | None
    error: str = ""
    excerpt: str = ""


def _caller_from_csv_row(row: CsvRow, client_id: int | None) -> Caller:
    row.check()
    one_line_cells(row, _ONE_LINE)
    cells = row.cells
    name = cells.get("name") or " ".join(
        filter(None, (cells.get("first_name", ""), cells.get("last_name", "")))
    )
    try:
        return Caller(
            client_id=client_id,
            name=name,
            company=cells.get("company", ""),
            salutation=cells.get("salutation", ""),
            numbers=tuple(parse_numbers(cells["numbers"])),
            notes=cells.get("notes", ""),
            vip=parse_bool(cells.get("vip", ""), "vip"),
            blocked=parse_bool(cells.get("blocked", ""), "blocked"),
        )
    except RowError:
        raise
    except ValueError as exc:
        raise RowError(str(exc)) from exc


def _parse_file(text: str, client_id: int | None) -> list[_Parsed]:
    parsed: list[_Parsed] = []
    if looks_like_vcard(text):
        for line, card_text, error in vcard_blocks(text):
            if card_text is None:
                parsed.append(_Parsed(line, None, error))
                continue
            try:
                parsed.append(_Parsed(line, caller_from_vcard(card_text, client_id)))
            except RowError as exc:
                parsed.append(_Parsed(line, None, str(exc), card_text.splitlines()[1]))
        return parsed
    header, rows = read_csv(text, ())
    if "numbers" not in header or not (
        {"name", "company"} & set(header) or {"first_name", "last_name"} & set(header)
    ):
        found = ", ".join(one_line(h, 30) for h in header[:30])
        raise UnusableFile(
            "Required columns missing: a caller CSV needs 'name' (or first_name/last_name "
            f"or company) and 'numbers'. Found: {found}."
        )
    for row in rows:
        try:
            parsed.append(_Parsed(row.line, _caller_from_csv_row(row, client_id)))
        except RowError as exc:
            parsed.append(_Parsed(row.line, None, str(exc), row.excerpt()))
    return parsed


def import_callers(store: ClientStore, path: Path, client_id: int | None) -> ImportReport:
    """Import callers for one client (``None``: shared callers) from CSV or vCard."""
    if client_id is not None and store.get_client(client_id) is None:
        raise UnusableFile(f"There is no client with id {client_id}.")
    report = ImportReport("callers")
    seen_numbers: dict[str, int] = {}
    planned: list[_CallerRow] = []
    for item in _parse_file(read_text(path), client_id):
        report.rows += 1
        caller = item.caller
        if caller is None:
            report.reject(item.line, item.error, item.excerpt)
            continue
        try:
            existing = _existing(store, client_id, caller, seen_numbers)
        except RowError as exc:
            report.reject(item.line, str(exc), caller.name)
            continue
        seen_numbers.update((k, item.line) for k in caller.numbers)
        planned.append(_CallerRow(item.line, caller, existing))
    if report.rejected:
        return report
    try:
        with store.transaction():
            updates = [p for p in planned if p.existing is not None]
            for update in updates:
                assert update.existing is not None
                merged = tuple(dict.fromkeys(update.existing.numbers + update.caller.numbers))
                store.update_caller(replace(update.caller, id=update.existing.id, numbers=merged))
            report.updated = len(updates)
            report.created = store.add_callers(p.caller for p in planned if p.existing is None)
    except StoreError as exc:
        report.reject(0, str(exc))
        report.created = report.updated = 0
        return report
    report.committed = True
    log.info("imported callers from %s: %s", path.name, report.summary())
    return report


def _existing(
    store: ClientStore, client_id: int | None, caller: Caller, seen_numbers: dict[str, int]
) -> Caller | None:
    """The caller of this scope that ``caller``'s numbers already belong to, if any."""
    existing: Caller | None = None
    for key in caller.numbers:
        if key in seen_numbers:
            raise RowError(f"number {key} is also in line {seen_numbers[key]}")
        found = store.find_caller(client_id, key)
        if found is None or found.client_id != client_id:
            continue  # unknown, or a shared caller seen from a client: not in this scope
        if existing is not None and found.id != existing.id:
            raise RowError(
                f"numbers belong to two different callers ({existing.name!r} and {found.name!r})"
            )
        existing = found
    return existing
