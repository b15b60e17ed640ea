"""Import clients (CSV) and callers (CSV, vCard 3/4) — all rows or none.

Files as Excel and address books write them are accepted: separator ``;``, ``,`` or tab
(taken from the header line); UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252.
Header names are case-insensitive and may be German. Every row is checked first; if any
row is rejected, nothing is written and the :class:`ImportReport` lists each rejected
row with its line number and the reason. A file that cannot be read at all (binary,
undecodable, required columns missing) raises :class:`UnusableFile`.

Client CSV columns (required: ``code;name;numbers;greeting``)

=========================  ===================================================================
``code``                   short code, one word, unique (Kürzel); an existing code is updated
``name``                   client name (Name, Firma, Mandant)
``numbers``                numbers identifying the client, separated by ``,`` or ``|``; on
                           update they replace the client's numbers (Nummern, Rufnummern)
``greeting``               business-hours greeting (Begrüßung); may use ``{operator}``,
                           ``{client}``, ``{greeting}``, ``{caller_name}``
``greeting_after_hours``   optional greetings for the other variants
``greeting_holiday``
``greeting_vacation``
``instructions``           instructions for every variant (Anweisungen)
``instructions_<variant>`` instructions for one variant (overrides ``instructions``)
``hours``                  business hours, e.g. ``Mo-Do 08:00-12:00 13:00-17:00; Fr 08:00-14:00``
``colour``                 ``#RRGGBB`` (Farbe)
``language``               ``de`` or ``en`` (Sprache)
``state``                  German state code for public holidays, e.g. ``BE`` (Bundesland)
``timezone``               IANA zone, default ``Europe/Berlin``
``report_recipients``      e-mail addresses separated by ``,`` or ``|``
``report_time``            ``HH:MM`` of the daily report
``encrypt_reports``        yes/no (ja/nein, 1/0, x)
=========================  ===================================================================

Caller CSV columns (required: ``name`` — or ``first_name``/``last_name`` — and ``numbers``):
``company`` (Firma), ``salutation`` (Anrede, e.g. "Herr Dr. Krause"), ``notes``
(Notizen), ``vip``, ``blocked`` (gesperrt). A row whose numbers already belong to one
caller of the same client updates that caller (numbers are merged).

vCard: ``FN`` (or ``N``), ``ORG``, every ``TEL`` (also ``tel:`` URIs of vCard 4), ``NOTE``,
``CATEGORIES`` containing ``VIP``, and ``X-VORZIMMER-SALUTATION``/``X-VORZIMMER-BLOCKED``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import vobject  # type: ignore[import-untyped]

from appenv import logs
from appenv.errors import UserError
from clients import phone_numbers as pn
from clients.errors import StoreError
from clients.hours_text import parse_hours
from clients.model import LANGUAGES, BusinessHours, Caller, Client, Language, Script, Variant
from clients.store import ClientStore

log = logs.get("clients")

MAX_FIELD = 10_000  # characters per cell; longer cells are rejected, not truncated


class UnusableFile(UserError):
    """The file cannot be imported at all; the message says why and what to do."""


@dataclass(frozen=True)
class RejectedRow:
    line: int  # 1-based line (CSV) or line of BEGIN:VCARD
    reason: str
    excerpt: str = ""


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    committed: bool = False

    def summary(self) -> str:
        if self.committed:
            return (
                f"{self.kind}: {self.rows} rows read, {self.created} created, "
                f"{self.updated} updated"
            )
        return (
            f"{self.kind}: {self.rows} rows read, {len(self.rejected)} rejected — "
            "nothing was imported"
        )


# -- reading files ------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Bytes of a text export → text; raises :class:`UnusableFile` for binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnusableFile(f"The file claims to be UTF-16 but is not ({exc}).") from exc
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise UnusableFile(
                    "The file is neither UTF-8 nor Windows-1252 text. Save it from Excel as "
                    "'CSV UTF-8' and try again."
                ) from exc
    if "\x00" in text:
        raise UnusableFile("The file contains binary data (NUL bytes); it is not a text export.")
    return text


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnusableFile(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if not data.strip():
        raise UnusableFile(f"{path} is empty.")
    return decode(data)


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
    "vorname": "first_name",
    "nachname": "last_name",
}


def _column(name: str) -> str:
    key = re.sub(r"[\s\-]+", "_", name.strip().lstrip("\ufeff").strip('"').lower())
    return _ALIASES.get(key, key)


def read_csv(
    text: str, required: Sequence[str]
) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """Header columns and ``(line, row)`` pairs; checks that required columns exist."""
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    if first_line.count(delimiter) == 0 and len(required) > 1:
        raise UnusableFile(
            "The header line has no ';', ',' or tab separators — is this a CSV file? "
            f"Expected columns: {', '.join(required)}."
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [_column(h) for h in next(reader)]
    except (csv.Error, StopIteration) as exc:
        raise UnusableFile(f"Cannot read the header line: {exc}") from exc
    missing = [c for c in required if c not in header]
    if missing:
        raise UnusableFile(
            f"Required column(s) missing: {', '.join(missing)}. Found: {', '.join(header)}."
        )

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        while True:
            line = reader.line_num + 1
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise UnusableFile(f"Line {line}: the CSV structure is broken ({exc}).") from exc
            if not any(v.strip() for v in values):
                continue
            row = {
                name: (values[i].strip() if i < len(values) else "")
                for i, name in enumerate(header)
            }
            if len(values) > len(header) and any(v.strip() for v in values[len(header) :]):
                row["\0extra"] = "x"
            yield line, row

    return header, rows()


_SPLIT = re.compile(r"[|,\n]")
_TRUE = {"1", "x", "ja", "j", "yes", "y", "true", "wahr"}
_FALSE = {"", "0", "nein", "n", "no", "false", "falsch"}


class RowError(ValueError):
    """One row is unusable; the message is shown to the user with the line number."""


def parse_bool(text: str, column: str) -> bool:
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise RowError(f"{column}: expected yes/no, got {text!r}")


def parse_numbers(text: str) -> list[str]:
    keys: list[str] = []
    for token in filter(None, (t.strip() for t in _SPLIT.split(text))):
        key = pn.normalise(token)
        if key is None:
            raise RowError(f"{token!r} is not a phone number")
        if key not in keys:
            keys.append(key)
    return keys


def _excerpt(row: dict[str, str]) -> str:
    text = " | ".join(v for k, v in row.items() if v and not k.startswith("\0"))
    return text[:80]


def _check_row(row: dict[str, str]) -> None:
    if "\0extra" in row:
        raise RowError("more cells than header columns (a separator inside an unquoted cell?)")
    for name, value in row.items():
        if len(value) > MAX_FIELD:
            raise RowError(f"{name}: cell longer than {MAX_FIELD} characters")


# -- clients ------------------------------------------------------------------------------

CLIENT_REQUIRED = ("code", "name", "numbers", "greeting")
_VARIANT_COLUMNS = {
    Variant.BUSINESS_HOURS: "greeting",
    Variant.AFTER_HOURS: "greeting_after_hours",
    Variant.HOLIDAY: "greeting_holiday",
    Variant.VACATION: "greeting_vacation",
}


@dataclass
class _ClientRow:
    line: int
    client: Client
    existing: Client | None
    numbers: list[str]
    scripts: list[Script]
    hours: BusinessHours | None


def _client_from_row(row: dict[str, str], existing: Client | None) -> Client:
    base = existing or Client(code=row["code"] or "-", name=row["name"] or "-")
    language = row.get("language") or base.language
    if language not in LANGUAGES:
        raise RowError(f"language must be de or en, got {language!r}")
    lang: Language = "de" if language == "de" else "en"
    recipients = base.report_recipients
    if row.get("report_recipients"):
        recipients = tuple(
            filter(None, (t.strip() for t in _SPLIT.split(row["report_recipients"])))
        )
        bad = [r for r in recipients if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", r)]
        if bad:
            raise RowError(f"report_recipients: not an e-mail address: {bad[0]!r}")
    try:
        return Client(
            id=base.id,
            code=row["code"],
            name=row["name"],
            colour=row.get("colour") or base.colour,
            language=lang,
            state=(row.get("state") or base.state).upper(),
            timezone=row.get("timezone") or base.timezone,
            report_recipients=recipients,
            report_time=row.get("report_time") or base.report_time,
            encrypt_reports=parse_bool(row["encrypt_reports"], "encrypt_reports")
            if row.get("encrypt_reports")
            else base.encrypt_reports,
        )
    except ValueError as exc:
        raise RowError(str(exc)) from exc


def import_clients(store: ClientStore, path: Path) -> ImportReport:
    """Import or update clients from a CSV file (see the module docstring for columns)."""
    report = ImportReport("clients")
    _, rows = read_csv(read_text(path), CLIENT_REQUIRED)
    seen_codes: dict[str, int] = {}
    seen_numbers: dict[str, int] = {}
    planned: list[_ClientRow] = []
    for line, row in rows:
        report.rows += 1
        try:
            _check_row(row)
            code = row["code"]
            if not code or not row["name"]:
                raise RowError("code and name must not be empty")
            if code in seen_codes:
                raise RowError(f"code {code!r} appears again (first in line {seen_codes[code]})")
            existing = store.get_client_by_code(code)
            client = _client_from_row(row, existing)
            numbers = parse_numbers(row["numbers"])
            for key in numbers:
                if key in seen_numbers:
                    raise RowError(f"number {key} is also in line {seen_numbers[key]}")
                owner = store.find_client_by_numbers([key])
                if owner is not None and owner.code != code:
                    raise RowError(f"number {key} already belongs to client {owner.code}")
            scripts = []
            for variant, column in _VARIANT_COLUMNS.items():
                greeting = row.get(column, "")
                if greeting:
                    instructions = row.get(f"instructions_{variant}") or row.get("instructions", "")
                    script = Script(
                        client_id=0,
                        variant=variant,
                        language=client.language,
                        greeting=greeting,
                        instructions=instructions,
                    )
                    scripts.append(script)
            hours = None
            if row.get("hours"):
                try:
                    hours = parse_hours(row["hours"])
                except ValueError as exc:
                    raise RowError(f"hours: {exc}") from exc
        except RowError as exc:
            report.rejected.append(RejectedRow(line, str(exc), _excerpt(row)))
            continue
        seen_codes[code] = line
        seen_numbers.update((k, line) for k in numbers)
        planned.append(_ClientRow(line, client, existing, numbers, scripts, hours))
    if report.rejected:
        return report
    try:
        with store.transaction():
            for item in planned:
                _write_client(store, item, report)
    except StoreError as exc:
        # checked above; only a concurrent change gets here
        report.rejected.append(RejectedRow(item.line, str(exc)))
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


# -- callers ------------------------------------------------------------------------------


@dataclass
class _CallerRow:
    line: int
    caller: Caller
    existing: Caller | None


def _caller_from_csv_row(row: dict[str, str], client_id: int | None) -> Caller:
    name = row.get("name") or " ".join(
        filter(None, (row.get("first_name", ""), row.get("last_name", "")))
    )
    try:
        return Caller(
            client_id=client_id,
            name=name,
            company=row.get("company", ""),
            salutation=row.get("salutation", ""),
            numbers=tuple(parse_numbers(row["numbers"])),
            notes=row.get("notes", ""),
            vip=parse_bool(row.get("vip", ""), "vip"),
            blocked=parse_bool(row.get("blocked", ""), "blocked"),
        )
    except RowError:
        raise
    except ValueError as exc:
        raise RowError(str(exc)) from exc


def _unfold(text: str) -> list[tuple[int, str]]:
    """vCard content lines with their first physical line number (RFC 6350 folding)."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + raw[1:])
        else:
            lines.append((number, raw))
    return lines


def _vcard_blocks(text: str) -> Iterator[tuple[int, str | None, str]]:
    """``(line, card_text or None, error)`` for every ``BEGIN:VCARD`` … ``END:VCARD``."""
    start: int | None = None
    body: list[str] = []
    for number, line in _unfold(text):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if start is not None:
                yield start, None, "card has no END:VCARD before the next BEGIN:VCARD"
            start, body = number, [line]
        elif upper == "END:VCARD":
            if start is None:
                yield number, None, "END:VCARD without BEGIN:VCARD"
                continue
            body.append(line)
            yield start, "\r\n".join(body) + "\r\n", ""
            start, body = None, []
        elif start is not None:
            body.append(line)
        elif line.strip():
            yield number, None, f"text outside a card: {line.strip()[:40]!r}"
    if start is not None:
        yield start, None, "card has no END:VCARD (file cut off?)"


def _caller_from_vcard(card_text: str, client_id: int | None) -> Caller:
    try:
        card = vobject.readOne(card_text, ignoreUnreadable=False)
    except Exception as exc:  # vobject raises many types for malformed input
        raise RowError(f"malformed vCard: {exc}") from exc
    contents = card.contents
    name = ""
    if "fn" in contents:
        name = str(contents["fn"][0].value).strip()
    elif "n" in contents:
        n = contents["n"][0].value
        name = " ".join(filter(None, (getattr(n, "given", ""), getattr(n, "family", ""))))
    company = ""
    if "org" in contents:
        org = contents["org"][0].value
        company = " ".join(org) if isinstance(org, list) else str(org)
    numbers: list[str] = []
    for tel in contents.get("tel", []):
        key = pn.normalise(str(tel.value))
        if key is None:
            raise RowError(f"TEL {tel.value!r} is not a phone number")
        if key not in numbers:
            numbers.append(key)
    notes = "\n".join(str(n.value) for n in contents.get("note", []))
    categories: list[str] = []
    for cat in contents.get("categories", []):
        value = cat.value
        categories.extend(value if isinstance(value, list) else str(value).split(","))
    vip = any(c.strip().upper() == "VIP" for c in categories)
    salutation = ""
    if "x-vorzimmer-salutation" in contents:
        salutation = str(contents["x-vorzimmer-salutation"][0].value)
    blocked = False
    if "x-vorzimmer-blocked" in contents:
        blocked = parse_bool(str(contents["x-vorzimmer-blocked"][0].value), "X-VORZIMMER-BLOCKED")
    try:
        return Caller(
            client_id=client_id,
            name=name,
            company=company,
            salutation=salutation,
            numbers=tuple(numbers),
            notes=notes,
            vip=vip,
            blocked=blocked,
        )
    except ValueError as exc:
        raise RowError(str(exc)) from exc


def _looks_like_vcard(text: str) -> bool:
    return text.lstrip("\ufeff \r\n\t")[:11].upper() == "BEGIN:VCARD"


def import_callers(store: ClientStore, path: Path, client_id: int | None) -> ImportReport:
    """Import callers for one client (``None``: shared callers) from CSV or vCard."""
    if client_id is not None and store.get_client(client_id) is None:
        raise UnusableFile(f"There is no client with id {client_id}.")
    text = read_text(path)
    report = ImportReport("callers")
    parsed: list[tuple[int, Caller | None, str, str]] = []  # line, caller, error, excerpt
    if _looks_like_vcard(text):
        for line, card_text, error in _vcard_blocks(text):
            if card_text is None:
                parsed.append((line, None, error, ""))
                continue
            try:
                parsed.append((line, _caller_from_vcard(card_text, client_id), "", ""))
            except RowError as exc:
                parsed.append((line, None, str(exc), card_text.splitlines()[1][:80]))
    else:
        header, rows = read_csv(text, ())
        if "numbers" not in header or not (
            {"name", "company"} & set(header) or {"first_name", "last_name"} & set(header)
        ):
            raise UnusableFile(
                "Required columns missing: a caller CSV needs 'name' (or first_name/last_name "
                f"or company) and 'numbers'. Found: {', '.join(header)}."
            )
        for line, row in rows:
            try:
                _check_row(row)
                parsed.append((line, _caller_from_csv_row(row, client_id), "", ""))
            except RowError as exc:
                parsed.append((line, None, str(exc), _excerpt(row)))

    seen_numbers: dict[str, int] = {}
    planned: list[_CallerRow] = []
    for line, caller, error, excerpt in parsed:
        report.rows += 1
        if caller is None:
            report.rejected.append(RejectedRow(line, error, excerpt))
            continue
        try:
            existing: Caller | None = None
            for key in caller.numbers:
                if key in seen_numbers:
                    raise RowError(f"number {key} is also in line {seen_numbers[key]}")
                found = _own_caller(store, client_id, key)
                if found is not None:
                    if existing is not None and found.id != existing.id:
                        raise RowError(
                            f"numbers belong to two different callers "
                            f"({existing.name!r} and {found.name!r})"
                        )
                    existing = found
        except RowError as exc:
            report.rejected.append(RejectedRow(line, str(exc), caller.name))
            continue
        seen_numbers.update((k, line) for k in caller.numbers)
        planned.append(_CallerRow(line, caller, existing))
    if report.rejected:
        return report
    try:
        with store.transaction():
            updates = [p for p in planned if p.existing is not None]
            for item in updates:
                assert item.existing is not None
                merged = tuple(dict.fromkeys(item.existing.numbers + item.caller.numbers))
                store.update_caller(replace(item.caller, id=item.existing.id, numbers=merged))
            report.updated = len(updates)
            report.created = store.add_callers(p.caller for p in planned if p.existing is None)
    except StoreError as exc:
        report.rejected.append(RejectedRow(0, str(exc)))
        report.created = report.updated = 0
        return report
    report.committed = True
    log.info("imported callers from %s: %s", path.name, report.summary())
    return report


def _own_caller(store: ClientStore, client_id: int | None, key: str) -> Caller | None:
    """A caller in exactly this scope (the client's own, or shared when ``None``)."""
    found = store.find_caller(client_id, key)
    if found is None or found.client_id != client_id:
        return None
    return found
