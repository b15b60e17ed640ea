"""Bytes of an exported file → text, refusing what is not text in an encoding we accept.

Accepted: UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252 (which covers Latin-1
as German Excel writes it). Any other 8-bit encoding also "decodes" as Windows-1252, into
garbage: Mac Roman turns "Müller" into "MŸller", Shift-JIS turns katakana into "ƒ}ƒ“ƒV".
:func:`decode` therefore checks that a Windows-1252 reading looks like text in a Latin
script and refuses it otherwise, naming the encodings we accept.
"""

from __future__ import annotations

import re
from pathlib import Path

from clients.importing.report import UnusableFile

MAX_BYTES = 100 * 2**20  # far above 1,000,000 caller rows; larger is not an export of ours
ACCEPTED = "UTF-8 (with or without BOM) or Windows-1252/Latin-1"
_SAVE_AS = "Save it from Excel as 'CSV UTF-8' (or from LibreOffice as UTF-8) and try again."

# Non-ASCII characters that Western European text in Windows-1252 plausibly contains.
_PLAUSIBLE = frozenset(
    "äöüÄÖÜßéèêëàáâãåæçìíîïñòóôõøùúûýÿÉÈÊËÀÁÂÃÅÆÇÌÍÎÏÑÒÓÔÕØÙÚÛÝœŒšŠžŽ"
    "„“”‚‘’–—…•€§°²³µ·«»\u00a0´©®™½¼¾£¥¢×÷±¡¿ªº¹¶"
)
# A capital letter glued to a lower-case one ("MŸller", "BŠckerei": Mac Roman umlauts), a
# symbol inside a word ("Grš§e"), or a symbol starting one ("€rzte", "…ffnung").
_ODD_CONTEXT = re.compile(
    r"(?<=[a-zäöüß])[À-ÞŠŽŒŸ]|(?<=[^\W\d_])[§€…†‡•‰°](?=[^\W\d_])|[€…†‡•‰](?=[a-zäöüß])"
)
# UTF-8 read as Windows-1252 and saved again ("MÃ¼ller"): encoded twice.
_DOUBLE_ENCODED = re.compile(r"Ã[¤¶¼„–œŸ©¨]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes) -> str:
    """Text of an export, or :class:`UnusableFile` saying which encodings we accept."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            line = line_of(data, exc.start + 3)
            raise UnusableFile(
                f"The file starts with a UTF-8 mark but line {line} is not UTF-8 "
                f"(byte 0x{data[exc.start + 3]:02X}): it mixes two encodings. {_SAVE_AS}"
            ) from exc
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnusableFile(
                f"The file claims to be UTF-16 but is not ({exc.reason}). {_SAVE_AS}"
            ) from exc
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_8bit(data)
    _check_text(text)
    return text


def _decode_8bit(data: bytes) -> str:
    if b"\x00" in data:
        raise UnusableFile("The file contains binary data (NUL bytes); it is not a text export.")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UnusableFile(
            f"The file is neither UTF-8 nor Windows-1252 text (byte 0x{data[exc.start]:02X} "
            f"in line {line_of(data, exc.start)}: Shift-JIS, Mac Roman or binary?); we accept "
            f"{ACCEPTED}. {_SAVE_AS}"
        ) from exc
    odd = [ch for ch in text if ord(ch) > 0x7F and ch not in _PLAUSIBLE]
    non_ascii = sum(1 for ch in text if ord(ch) > 0x7F)
    suspicious = len(odd) + len(_ODD_CONTEXT.findall(text))
    if suspicious and suspicious * 4 >= non_ascii:
        sample = "".join(odd[:8]) or _ODD_CONTEXT.findall(text)[0]
        raise UnusableFile(
            f"The file is in an encoding we do not accept (Mac Roman, Shift-JIS or similar: "
            f"read as Windows-1252 it shows {sample!r}); we accept {ACCEPTED}. {_SAVE_AS}"
        )
    return text


def _check_text(text: str) -> None:
    if "\x00" in text:
        raise UnusableFile("The file contains binary data (NUL bytes); it is not a text export.")
    controls = len(_CONTROL.findall(text[:1_000_000]))
    if controls > 10 and controls * 100 > min(len(text), 1_000_000):
        raise UnusableFile("The file contains binary data (control characters); it is not text.")
    if _DOUBLE_ENCODED.search(text):
        found = _DOUBLE_ENCODED.search(text)
        assert found is not None
        raise UnusableFile(
            f"The file's umlauts are encoded twice ({found.group()!r} instead of one letter): "
            f"it was saved as UTF-8 after being read as Windows-1252. Fix the file and try again."
        )


def read_text(path: Path) -> str:
    """The text of ``path``; :class:`UnusableFile` if it cannot be read or is not text."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise UnusableFile(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if len(data) > MAX_BYTES:
        raise UnusableFile(
            f"{path.name} is larger than {MAX_BYTES // 2**20} MB; this is not an export of "
            "clients or callers. Split it into smaller files."
        )
    if not data.strip():
        raise UnusableFile(f"{path} is empty.")
    return decode(data)
