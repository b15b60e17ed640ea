"""A fast paragraph for the thousand call blocks of a daily report.

reportlab's Paragraph parses HTML and measures every word with a pure-Python TTF width
function; for 1,000 calls that was most of a second. This flowable understands only the
small markup the reports produce (``<b>``, ``<i>``, ``<br/>``, ``<font size="N">``,
escaped ``&amp; &lt; &gt;``), caches word widths per font, wraps greedily at spaces and
draws each line with one text object. A time (``bullet``) sits in the left gutter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from reports.pdf_fonts import BOLD, OBLIQUE, REGULAR

_TOKEN = re.compile(r"<[^>]+>|[^<]+")
_SIZE = re.compile(r'size="?([0-9.]+)"?')
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#x27;", "'"), ("&amp;", "&"))
_widths: dict[tuple[str, float, str], float] = {}


def _width(text: str, font: str, size: float) -> float:
    key = (font, size, text)
    width = _widths.get(key)
    if width is None:
        if len(_widths) > 200_000:
            _widths.clear()
        width = _widths[key] = stringWidth(text, font, size)
    return width


def _unescape(text: str) -> str:
    if "&" in text:
        for entity, char in _ENTITIES:
            text = text.replace(entity, char)
    return text


def _font(bold: int, italic: int) -> str:
    if bold:
        return BOLD
    return OBLIQUE if italic else REGULAR


@dataclass
class _Run:
    text: str
    font: str
    size: float


def parse(markup: str, size: float) -> list[list[_Run]]:
    """Markup → logical lines (split at ``<br/>``) of styled runs."""
    lines: list[list[_Run]] = [[]]
    bold = italic = 0
    sizes = [size]
    for token in _TOKEN.findall(markup):
        if token.startswith("<"):
            tag = token.strip("</>").split()[0].lower() if token.strip("</>") else ""
            closing = token.startswith("</")
            if tag == "br":
                lines.append([])
            elif tag == "b":
                bold += -1 if closing else 1
            elif tag == "i":
                italic += -1 if closing else 1
            elif tag == "font":
                if closing:
                    if len(sizes) > 1:
                        sizes.pop()
                else:
                    match = _SIZE.search(token)
                    sizes.append(float(match.group(1)) if match else sizes[-1])
            continue
        lines[-1].append(_Run(_unescape(token), _font(bold, italic), sizes[-1]))
    return lines


@dataclass
class _Line:
    segments: list[_Run]  # merged runs, each drawn with one font switch
    height: float


def _wrap(line: list[_Run], width: float, leading_factor: float) -> list[_Line]:
    out: list[_Line] = []
    current: list[_Run] = []
    used = 0.0
    line_size = max((r.size for r in line), default=0.0)

    def push(word: str, font: str, size: float, w: float) -> None:
        nonlocal used
        if current and current[-1].font == font and current[-1].size == size:
            current[-1].text += word
        else:
            current.append(_Run(word, font, size))
        used += w

    def flush() -> None:
        nonlocal current, used
        if current:
            current[-1].text = current[-1].text.rstrip(" ")
        size = max((r.size for r in current), default=line_size)
        out.append(_Line(current, (size or line_size) * leading_factor))
        current, used = [], 0.0

    for run in line:
        font, size = run.font, run.size
        for word in re.findall(r"\S+\s*|\s+", run.text):
            bare = word.rstrip(" ")
            if current and used + _width(bare, font, size) > width:
                flush()
            if not current and not bare.strip():
                continue  # no blanks at the start of a line
            if not current and _width(bare, font, size) > width:
                # A word longer than the line (a URL, say): cut it where it must.
                while bare and _width(bare, font, size) > width:
                    cut = len(bare) - 1
                    while cut > 1 and _width(bare[:cut], font, size) > width:
                        cut = max(
                            1, min(cut - 1, int(cut * width / _width(bare[:cut], font, size)))
                        )
                    push(bare[:cut], font, size, width)
                    flush()
                    bare = bare[cut:]
                word = bare + word[len(word.rstrip(" ")) :]
                if not bare:
                    continue
            push(word, font, size, _width(word, font, size))
    if current or not out:
        flush()
    return out


class RichLines(Flowable):  # type: ignore[misc]
    """Lines of simple markup with an optional bullet in the gutter; splits across pages."""

    def __init__(
        self,
        markup: str,
        *,
        size: float = 9.5,
        indent: float = 0.0,
        bullet: str = "",
        bullet_font: str = BOLD,
        leading_factor: float = 1.32,
        space_before: float = 0.0,
        _lines: list[_Line] | None = None,
    ) -> None:
        super().__init__()
        self.markup, self.size, self.indent = markup, size, indent
        self.bullet, self.bullet_font = bullet, bullet_font
        self.leading_factor = leading_factor
        self.spaceBefore = space_before
        self._lines = _lines
        self._wrapped_for = -1.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._lines is None or self._wrapped_for != avail_width:
            if self._lines is None or self.markup:
                lines: list[_Line] = []
                for logical in parse(self.markup, self.size):
                    lines += _wrap(logical, avail_width - self.indent, self.leading_factor)
                self._lines = lines
            self._wrapped_for = avail_width
        self.width = avail_width
        self.height = sum(line.height for line in self._lines)
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        assert self._lines is not None
        used, cut = 0.0, 0
        for line in self._lines:
            if used + line.height > avail_height:
                break
            used += line.height
            cut += 1
        if cut == 0 or cut == len(self._lines):
            return [] if cut == 0 else [self]
        head = RichLines("", size=self.size, indent=self.indent, bullet=self.bullet,
                         bullet_font=self.bullet_font, _lines=self._lines[:cut])  # fmt: skip
        tail = RichLines("", size=self.size, indent=self.indent, _lines=self._lines[cut:])
        return [head, tail]

    def draw(self) -> None:
        assert self._lines is not None
        canvas = self.canv
        y = self.height
        text = canvas.beginText()
        for index, line in enumerate(self._lines):
            y -= line.height
            baseline = y + line.height - line.height / self.leading_factor * 0.93
            if index == 0 and self.bullet:
                text.setTextOrigin(0, baseline)
                text.setFont(self.bullet_font, self.size)
                text.textOut(self.bullet)
            text.setTextOrigin(self.indent, baseline)
            for segment in line.segments:
                text.setFont(segment.font, segment.size)
                text.textOut(segment.text)
        canvas.drawText(text)
