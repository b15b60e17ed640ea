"""Strings that come out of pjsua2, made safe to parse, log and send on.

SWIG turns pj's C strings into ``str`` as UTF-8 with ``surrogateescape``: a caller name
sent in Latin-1 (``From: "J\\xfcrgen"``, as old PBXs do) arrives as ``"J\\udcfcrgen"``.
Such a string cannot be encoded again, so the first event carrying it raised inside a
pj callback and the call's state machine was never reported past "ringing". Every
string read from pj goes through :func:`lenient` first.
"""

from __future__ import annotations


def decode_lenient(raw: bytes) -> str:
    """UTF-8 where a line is valid UTF-8, else Windows-1252 (Latin-1 for its gaps).

    Line by line, because one message can mix both: a UTF-8 P-Asserted-Identity added
    by the carrier beside a Latin-1 From written by an old PBX.
    """
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = []
    for line in raw.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append("".join(_cp1252(bytes([b])) for b in line))
    return "\n".join(lines)


def _cp1252(byte: bytes) -> str:
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned in cp1252
        return byte.decode("latin-1")


def lenient(text: str) -> str:
    """``text`` as pj's bytes were meant: undecodable bytes re-read, never surrogates."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    raw = text.encode("utf-8", "surrogateescape") if _only_escapes(text) else None
    if raw is None:
        return text.encode("utf-8", "replace").decode("utf-8")
    return decode_lenient(raw)


def _only_escapes(text: str) -> bool:
    """Lone surrogates from ``surrogateescape`` (U+DC80–U+DCFF) and nothing stranger."""
    return all(not 0xD800 <= ord(ch) <= 0xDFFF or 0xDC80 <= ord(ch) <= 0xDCFF for ch in text)
