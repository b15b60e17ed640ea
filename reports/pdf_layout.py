"""Page layout shared by the call-note and daily-report PDFs.

A4, black text, generous margins and a thin bar in the client's colour: the reports are
printed and filed by law firms and practices. ``Seite 1 von 3`` needs the page count
before the last page exists, so the canvas keeps each page's state and stamps header
and footer when the document is saved (one layout pass instead of two).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from appenv import logs
from reports import report_wording as labels
from reports.model import Language, ReportClient
from reports.pdf_fonts import BOLD, REGULAR, register_fonts

log = logs.get("reports")

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_LEFT = 22 * mm
MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 22 * mm
FRAME_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
INK = colors.black
MUTED = colors.HexColor("#444444")
RULE = colors.HexColor("#9A9A9A")
FALLBACK_COLOUR = colors.HexColor("#1F3A5F")


def client_colour(client: ReportClient) -> colors.Color:
    """The client's colour, or a neutral blue when the stored value is not ``#RRGGBB``."""
    value = client.colour.strip()
    if len(value) == 7 and value.startswith("#"):
        try:
            int(value[1:], 16)
            return colors.HexColor(value)
        except ValueError:
            pass
    log.warning("client %s: colour %r is not #RRGGBB; using the default", client.code, value)
    return FALLBACK_COLOUR


def markup(value: str) -> str:
    """Escape user text for a reportlab Paragraph and keep its line breaks."""
    return escape(value.strip()).replace("\r\n", "\n").replace("\n", "<br/>")


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    client: ParagraphStyle
    meta: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    call_head: ParagraphStyle
    call_body: ParagraphStyle
    figure: ParagraphStyle
    figure_label: ParagraphStyle
    label: ParagraphStyle


def make_styles() -> Styles:
    register_fonts()
    base = ParagraphStyle(
        "base", fontName=REGULAR, fontSize=9.5, leading=12.5, textColor=INK, alignment=TA_LEFT
    )
    indent = 17 * mm
    return Styles(
        title=ParagraphStyle("title", base, fontName=BOLD, fontSize=18, leading=22),
        client=ParagraphStyle("client", base, fontName=BOLD, fontSize=13, leading=17),
        meta=ParagraphStyle("meta", base, fontSize=9.5, leading=13, textColor=MUTED),
        heading=ParagraphStyle(
            "heading", base, fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=4
        ),
        body=base,
        small=ParagraphStyle("small", base, fontSize=8.5, leading=11, textColor=MUTED),
        call_head=ParagraphStyle(
            "call_head",
            base,
            fontSize=10,
            leading=13,
            leftIndent=indent,
            bulletIndent=0,
            bulletFontName=BOLD,
            bulletFontSize=10,
            spaceBefore=2,
        ),
        call_body=ParagraphStyle("call_body", base, leftIndent=indent, spaceBefore=1),
        figure=ParagraphStyle("figure", base, fontName=BOLD, fontSize=17, leading=20, alignment=1),
        figure_label=ParagraphStyle(
            "figure_label", base, fontSize=8, leading=10, alignment=1, textColor=MUTED
        ),
        label=ParagraphStyle("label", base, textColor=MUTED),
    )


class ColourRule(Flowable):  # type: ignore[misc]
    """A thin horizontal rule, used between calls and under headings."""

    def __init__(self, colour: colors.Color, thickness: float = 0.5, gap: float = 3.0) -> None:
        super().__init__()
        self.colour, self.thickness, self.gap = colour, thickness, gap

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.thickness + 2 * self.gap

    def draw(self) -> None:
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(self.thickness)
        y = self.gap + self.thickness / 2
        self.canv.line(0, y, self.width, y)


@dataclass(frozen=True)
class PageDecoration:
    """What every page carries: client line on top, confidentiality and page numbers below."""

    client: ReportClient
    language: Language
    running_title: str
    generated_at: dt.datetime

    def draw(self, canvas: Canvas, page: int, pages: int) -> None:
        colour = client_colour(self.client)
        lang = self.language
        canvas.saveState()
        # Thin bar in the client's colour across the top of each page.
        canvas.setFillColor(colour)
        canvas.rect(0, PAGE_HEIGHT - 6 * mm, PAGE_WIDTH, 6 * mm, stroke=0, fill=1)
        if page > 1:
            canvas.setFillColor(INK)
            canvas.setFont(REGULAR, 8.5)
            top = PAGE_HEIGHT - MARGIN_TOP + 8 * mm
            canvas.drawString(MARGIN_LEFT, top, self.client.name)
            canvas.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, top, self.running_title)
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.4)
            canvas.line(MARGIN_LEFT, top - 2.5 * mm, PAGE_WIDTH - MARGIN_RIGHT, top - 2.5 * mm)
        bottom = MARGIN_BOTTOM - 10 * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN_LEFT, bottom + 4 * mm, PAGE_WIDTH - MARGIN_RIGHT, bottom + 4 * mm)
        canvas.setFillColor(INK)
        canvas.setFont(REGULAR, 8)
        created = labels.text("created", lang, when=labels.date_time(self.generated_at, lang))
        canvas.drawString(MARGIN_LEFT, bottom, f"{labels.text('confidential', lang)} · {created}")
        canvas.setFont(BOLD, 8)
        canvas.drawRightString(
            PAGE_WIDTH - MARGIN_RIGHT, bottom, labels.text("page_of", lang, page=page, pages=pages)
        )
        canvas.restoreState()


def _numbered_canvas(decoration: PageDecoration) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            pages = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                decoration.draw(self, number, pages)
                super().showPage()
            super().save()

    return NumberedCanvas


def draw_logo(canvas: Canvas, client: ReportClient, max_w: float, max_h: float) -> None:
    """Top-right logo on the first page; a missing or broken file is logged, not fatal."""
    if client.logo is None:
        return
    try:
        image = ImageReader(str(client.logo))
        width, height = image.getSize()
    except Exception as exc:  # reportlab/PIL raise many types for bad images
        log.warning(
            "client %s: logo %s unusable (%s); report without logo", client.code, client.logo, exc
        )
        return
    scale = min(max_w / width, max_h / height)
    w, h = width * scale, height * scale
    x = PAGE_WIDTH - MARGIN_RIGHT - w
    y = PAGE_HEIGHT - MARGIN_TOP + 6 * mm - h
    canvas.drawImage(image, x, y, w, h, mask="auto")


def build_pdf(
    story: list[Flowable],
    decoration: PageDecoration,
    title: str,
    subject: str,
    first_page: Callable[[Canvas], None] | None = None,
) -> bytes:
    """Lay out ``story`` on A4 pages and return the PDF bytes."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author="Vorzimmer",
        subject=subject,
        creator="Vorzimmer",
        lang=decoration.language,
    )
    frame = Frame(
        MARGIN_LEFT, MARGIN_BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body",
    )  # fmt: skip

    def on_first(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if first_page is not None:
            first_page(canvas)

    doc.addPageTemplates(
        [
            PageTemplate(id="first", frames=[frame], onPage=on_first, autoNextPageTemplate="rest"),
            PageTemplate(id="rest", frames=[frame]),
        ]
    )
    logging.getLogger("reportlab").setLevel(logging.ERROR)
    doc.build(story, canvasmaker=_numbered_canvas(decoration))
    return buffer.getvalue()
