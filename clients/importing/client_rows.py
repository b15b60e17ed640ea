"""Clients from a CSV file: every row checked first, then all written in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from appenv import logs
from clients.csv_cells import GREETING_COLUMNS
from clients.email_addresses import is_email_address
from clients.errors import StoreError
from clients.hours_text import parse_hours
from clients.importing.csv_table import (
    CsvRow,
    one_line_cells,
    parse_bool,
    parse_numbers,
    read_csv,
    split_list,
)
from clients.importing.decoding import read_text
from clients.importing.report import ImportReport, RowError
from clients.model import LANGUAGES, BusinessHours, Client, Language, Script
from storage.interfaces import ClientStore

log = logs.get("clients")

CLIENT_REQUIRED = ("code", "name", "numbers", "greeting")
_ONE_LINE = ("code", "name", "colour", "language", "state", "timezone", "report_time")


@dataclass
class _ClientRow:
    line: int
    client: Client
    existing: Client | None
    numbers: list[str]
    scripts: list[Script]
    hours: BusinessHours | None


def _client_from_row(row: dict[str, str], existing: Client | None) -> Client:
    """The client a row describes (cells left empty keep an existing client's values)."""
    base = existing
    language = row.get("language") or (base.language if base else "de")
    if language not in LANGUAGES:
        raise RowError(f"language must be de or en, got {language!r}")
    lang: Language = "de" if language == "de" else "en"
    recipients = base.report_recipients if base else ()
    if row.get("report_recipients"):
        recipients = tuple(split_list(row["report_recipients"]))
        bad = [r for r in recipients if not is_email_address(r)]
        if bad:
            raise RowError(f"report_recipients: not an e-mail address: {bad[0]!r}")
    defaults = Client(code="-", name="-")
    keep = base or defaults
    try:
        return Client(
            id=base.id if base else None,
            code=row["code"],
            name=row["name"],
            colour=row.get("colour") or keep.colour,
            language=lang,
            state=(row.get("state") or keep.state).upper(),
            timezone=row.get("timezone") or keep.timezone,
            report_recipients=recipients,
            report_time=row.get("report_time") or keep.report_time,
            encrypt_reports=parse_bool(row["encrypt_reports"], "encrypt_reports")
            if row.get("encrypt_reports")
            else keep.encrypt_reports,
            wrap_up_s=keep.wrap_up_s,  # set in the admin window, kept by an import
            service_level_s=_seconds(row.get("service_level_s"), keep.service_level_s),
        )
    except RowError:
        raise
    except ValueError as exc:
        raise RowError(str(exc)) from exc


def _seconds(cell: str | None, keep: int) -> int:
    """A whole number of seconds (an empty cell keeps the client's value)."""
    if not cell:
        return keep
    try:
        return int(cell)
    except ValueError:
        raise RowError(f"service_level_s must be whole seconds, got {cell!r}") from None


def _plan_row(
    store: ClientStore,
    row: CsvRow,
    seen_codes: dict[str, int],
    seen_numbers: dict[str, int],
) -> _ClientRow:
    row.check()
    cells = row.cells
    one_line_cells(row, _ONE_LINE)
    code = cells["code"]
    if not code or not cells["name"]:
        raise RowError("code and name must not be empty")
    if code in seen_codes:
        raise RowError(f"code {code!r} appears again (first in line {seen_codes[code]})")
    existing = store.get_client_by_code(code)
    client = _client_from_row(cells, existing)
    numbers = parse_numbers(cells["numbers"])
    for key in numbers:
        if key in seen_numbers:
            raise RowError(f"number {key} is also in line {seen_numbers[key]}")
        owner = store.find_client_by_numbers([key])
        if owner is not None and owner.code != code:
            raise RowError(f"number {key} already belongs to client {owner.code}")
    scripts = []
    for variant, column in GREETING_COLUMNS.items():
        greeting = cells.get(column, "")
        if greeting:
            instructions = cells.get(f"instructions_{variant}") or cells.get("instructions", "")
            scripts.append(
                Script(
                    client_id=0,
                    variant=variant,
                    language=client.language,
                    greeting=greeting,
                    instructions=instructions,
                )
            )
    hours = None
    if cells.get("hours"):
        try:
            hours = parse_hours(cells["hours"])
        except ValueError as exc:
            raise RowError(f"hours: {exc}") from exc
    return _ClientRow(row.line, client, existing, numbers, scripts, hours)


def import_clients(store: ClientStore, path: Path) -> ImportReport:
    """Import or update clients from a CSV file (see :mod:`clients.importing` for columns)."""
    report = ImportReport("clients")
    _, rows = read_csv(read_text(path), CLIENT_REQUIRED)
    seen_codes: dict[str, int] = {}
    seen_numbers: dict[str, int] = {}
    planned: list[_ClientRow] = []
    for row in rows:
        report.rows += 1
        try:
            item = _plan_row(store, row, seen_codes, seen_numbers)
        except RowError as exc:
            report.reject(row.line, str(exc), row.excerpt())
            continue
        seen_codes[item.client.code] = row.line
        seen_numbers.update((k, row.line) for k in item.numbers)
        planned.append(item)
    if report.rejected:
        return report
    current: _ClientRow | None = None
    try:
        with store.transaction():
            for current in planned:
                _write_client(store, current, report)
    except StoreError as exc:
        # checked above; only a concurrent change gets here
        report.reject(current.line if current else 0, str(exc))
        report.created = report.updated = 0
        return report
    report.committed = True
    log.info("imported clients from %s: %s", path.name, report.summary())
    return report


def _write_client(store: ClientStore, item: _ClientRow, report: ImportReport) -> None:
    if item.existing is None:
        client = store.add_client(item.client)
        report.created += 1
    else:
        client = store.update_client(item.client)
        report.updated += 1
    assert client.id is not None
    current = {n.number for n in store.list_numbers(client.id)}
    for number in current - set(item.numbers):
        store.remove_number(number)
    for number in item.numbers:
        if number not in current:
            store.add_number(client.id, number)
    for script in item.scripts:
        store.set_script(replace(script, client_id=client.id))
    if item.hours is not None:
        store.set_business_hours(client.id, item.hours)
