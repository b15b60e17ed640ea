"""Export clients (CSV) and callers (CSV, vCard 3.0) in the formats :mod:`importing` reads.

CSV is written the way German Excel opens it directly: UTF-8 with BOM, ``;`` separated,
lists inside a cell joined by ``|``. Files are written to a temporary name and renamed,
so an interrupted export never leaves half a file under the real name.

No cell is run as a formula when the file is opened in a spreadsheet: a cell starting with
``=``, ``+``, ``-``, ``@``, tab or CR gets a ``'`` in front (:mod:`clients.csv_cells`),
which our importers remove again. Phone numbers need no such guard: they are written as
they are dialled from Germany — ``030 1234567``, ``0043 1 58800``, extensions as digits —
which a spreadsheet keeps as text (``+49301234567`` would become ``4.93E+10``) and which
read back as the same E.164 keys. vCards keep E.164 (``TEL:+49301234567``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from appenv.files import atomic_write
from clients import phone_numbers as pn
from clients.csv_cells import GREETING_COLUMNS, guard
from clients.hours_text import format_hours
from clients.model import Caller
from storage.interfaces import ClientStore

CLIENT_COLUMNS = (
    "code",
    "name",
    "numbers",
    "greeting",
    "greeting_after_hours",
    "greeting_holiday",
    "greeting_vacation",
    "instructions_business_hours",
    "instructions_after_hours",
    "instructions_holiday",
    "instructions_vacation",
    "hours",
    "colour",
    "language",
    "state",
    "timezone",
    "report_recipients",
    "report_time",
    "encrypt_reports",
    "service_level_s",
)
CALLER_COLUMNS = ("name", "company", "salutation", "numbers", "notes", "vip", "blocked")


def number_cell(keys: tuple[str, ...] | list[str]) -> str:
    """Numbers as dialled from Germany, ``|``-separated: no formula trigger, read back as is."""
    cells = []
    for key in keys:
        shown = pn.display(key)
        cells.append("00" + shown[1:] if shown.startswith("+") else shown)
    return "|".join(cells)


def _csv_bytes(columns: tuple[str, ...], rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: guard(v) for k, v in row.items()} for row in rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def export_clients(store: ClientStore, path: Path) -> int:
    """Write every client as one CSV row; returns the number of clients."""
    rows: list[dict[str, str]] = []
    for client in store.list_clients():
        assert client.id is not None
        profile = store.get_profile(client.id)
        assert profile is not None
        row = {
            "code": client.code,
            "name": client.name,
            "numbers": number_cell([n.number for n in profile.numbers]),
            "hours": format_hours(profile.hours),
            "colour": client.colour,
            "language": client.language,
            "state": client.state,
            "timezone": client.timezone,
            "report_recipients": "|".join(client.report_recipients),
            "report_time": client.report_time,
            "encrypt_reports": "ja" if client.encrypt_reports else "nein",
            "service_level_s": str(client.service_level_s),
        }
        for script in profile.scripts:
            if script.language == client.language:
                row[GREETING_COLUMNS[script.variant]] = script.greeting
                row[f"instructions_{script.variant}"] = script.instructions
        rows.append(row)
    atomic_write(path, _csv_bytes(CLIENT_COLUMNS, rows))
    return len(rows)


def _caller_row(caller: Caller) -> dict[str, str]:
    return {
        "name": caller.name,
        "company": caller.company,
        "salutation": caller.salutation,
        "numbers": number_cell(caller.numbers),
        "notes": caller.notes,
        "vip": "ja" if caller.vip else "nein",
        "blocked": "ja" if caller.blocked else "nein",
    }


def _vcard_escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """RFC 6350 line folding at 75 octets, never inside a UTF-8 sequence."""
    out: list[str] = []
    current = ""
    for ch in line:
        limit = 75 if not out else 74
        if len((current + ch).encode("utf-8")) > limit:
            out.append(current)
            current = ""
        current += ch
    out.append(current)
    return "\r\n ".join(out)


def vcard(caller: Caller) -> str:
    given, _, family = caller.name.rpartition(" ")
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{_vcard_escape(caller.name or caller.company)}",
        f"N:{_vcard_escape(family)};{_vcard_escape(given)};;;",
    ]
    if caller.company:
        lines.append(f"ORG:{_vcard_escape(caller.company)}")
    lines.extend(f"TEL;TYPE=VOICE:{number}" for number in caller.numbers)
    if caller.notes:
        lines.append(f"NOTE:{_vcard_escape(caller.notes)}")
    if caller.vip:
        lines.append("CATEGORIES:VIP")
    if caller.salutation:
        lines.append(f"X-VORZIMMER-SALUTATION:{_vcard_escape(caller.salutation)}")
    if caller.blocked:
        lines.append("X-VORZIMMER-BLOCKED:ja")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def export_callers(store: ClientStore, client_id: int | None, path: Path) -> int:
    """Callers of one client (``None``: shared); vCard when ``path`` ends in ``.vcf``."""
    callers = store.list_callers(client_id)
    if path.suffix.lower() in (".vcf", ".vcard"):
        atomic_write(path, "".join(vcard(c) for c in callers).encode("utf-8"))
    else:
        atomic_write(path, _csv_bytes(CALLER_COLUMNS, [_caller_row(c) for c in callers]))
    return len(callers)
