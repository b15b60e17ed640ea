"""vCard 3/4 text → callers, one card at a time; a broken card is a rejected row."""

from __future__ import annotations

from collections.abc import Iterator

import vobject  # type: ignore[import-untyped]

from clients.importing.csv_table import number_key, parse_bool
from clients.importing.report import RowError, one_line
from clients.model import Caller

MAX_CARD = 100_000  # characters per card; a larger "card" is not a contact


def looks_like_vcard(text: str) -> bool:
    return text.lstrip("\ufeff \r\n\t")[:11].upper() == "BEGIN:VCARD"


def _unfold(text: str) -> list[tuple[int, str]]:
    """vCard content lines with their first physical line number (RFC 6350 folding)."""
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + raw[1:])
        else:
            lines.append((number, raw))
    return lines


def vcard_blocks(text: str) -> Iterator[tuple[int, str | None, str]]:
    """``(line, card_text or None, error)`` for every ``BEGIN:VCARD`` … ``END:VCARD``."""
    start: int | None = None
    body: list[str] = []
    size = 0
    for number, line in _unfold(text):
        upper = line.strip().upper()
        if upper == "BEGIN:VCARD":
            if start is not None:
                yield start, None, "card has no END:VCARD before the next BEGIN:VCARD"
            start, body, size = number, [line], len(line)
        elif upper == "END:VCARD":
            if start is None:
                yield number, None, "END:VCARD without BEGIN:VCARD"
                continue
            body.append(line)
            if size > MAX_CARD:
                yield start, None, f"card longer than {MAX_CARD} characters"
            else:
                yield start, "\r\n".join(body) + "\r\n", ""
            start, body = None, []
        elif start is not None:
            size += len(line)
            if size <= MAX_CARD:
                body.append(line)
        elif line.strip():
            yield number, None, f"text outside a card: {one_line(line, 40)!r}"
    if start is not None:
        yield start, None, "card has no END:VCARD (file cut off?)"


def _text(value: object) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    return str(value)


def caller_from_vcard(card_text: str, client_id: int | None) -> Caller:
    """The caller one card describes; :class:`RowError` if the card is unusable."""
    try:
        card = vobject.readOne(card_text, ignoreUnreadable=False)
        contents = card.contents
    except Exception as exc:  # vobject raises many types for malformed input
        raise RowError(f"malformed vCard: {one_line(str(exc), 120)}") from exc
    if not isinstance(contents, dict):
        raise RowError("malformed vCard")
    name = ""
    if contents.get("fn"):
        name = _text(contents["fn"][0].value).strip()
    elif contents.get("n"):
        n = contents["n"][0].value
        name = " ".join(
            filter(None, (_text(getattr(n, "given", "")), _text(getattr(n, "family", ""))))
        )
    company = _text(contents["org"][0].value) if contents.get("org") else ""
    numbers: list[str] = []
    for tel in contents.get("tel", []):
        numbers.append(number_key(_text(tel.value), "TEL "))
    notes = "\n".join(_text(n.value) for n in contents.get("note", []))
    categories: list[str] = []
    for cat in contents.get("categories", []):
        value = cat.value
        categories.extend(value if isinstance(value, list) else str(value).split(","))
    vip = any(str(c).strip().upper() == "VIP" for c in categories)
    salutation = ""
    if contents.get("x-vorzimmer-salutation"):
        salutation = _text(contents["x-vorzimmer-salutation"][0].value)
    blocked = False
    if contents.get("x-vorzimmer-blocked"):
        blocked = parse_bool(_text(contents["x-vorzimmer-blocked"][0].value), "X-VORZIMMER-BLOCKED")
    try:
        return Caller(
            client_id=client_id,
            name=name,
            company=company,
            salutation=salutation,
            numbers=tuple(dict.fromkeys(numbers)),
            notes=notes,
            vip=vip,
            blocked=blocked,
        )
    except ValueError as exc:
        raise RowError(str(exc)) from exc
